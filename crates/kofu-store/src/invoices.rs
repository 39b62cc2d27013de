//! The invoices' storage (`invoices`, migration 0006). A new invoice is inserted whole; after
//! that one function moves it on, writing only the columns a step changes (status, review, the
//! approver, the number, the marks) and only while it is still in the status the step started
//! from: two desks approving at once on PostgreSQL both try, and the second finds no row to
//! change and reports it ([`Moved::Gone`]), in the transaction that allocated its number, which
//! then rolls back. The rules are `kofu_core::invoice`'s; the table's triggers refuse any change
//! to an approved invoice beyond its marks, whoever asks.

use chrono::NaiveDate;
use kofu_core::invoice::{Invoice, InvoiceRecord, InvoiceStatus, Payment};
use kofu_core::money::Yen;
use kofu_core::review::Review;
use kofu_core::TargetMonth;

use crate::{params, Result, Row, Sql, StoreError};

const COLUMNS: &str = "id, target_month, amount, review, document_number, replaces, \
                       correction_reason, sent_on, paid_on, paid_amount, status";

fn decode(column: usize, detail: impl Into<String>) -> StoreError {
    StoreError::Decode {
        column,
        detail: detail.into(),
    }
}

fn opt_date(r: &Row, i: usize) -> Result<Option<NaiveDate>> {
    match r.opt_text(i)? {
        None => Ok(None),
        Some(_) => Ok(Some(r.date(i)?)),
    }
}

fn invoice(r: &Row) -> Result<Invoice> {
    let month = r.text(1)?;
    let target_month = TargetMonth::parse(&month).map_err(|e| decode(1, e.detail))?;
    let review: Review =
        serde_json::from_str(&r.text(3)?).map_err(|e| decode(3, format!("review: {e}")))?;
    let payment = match (opt_date(r, 8)?, r.opt_int(9)?) {
        (Some(on), Some(amount)) => Some(Payment {
            on,
            amount: Yen::new(amount),
        }),
        (None, None) => None,
        _ => return Err(decode(8, "a payment has a day and an amount")),
    };
    let status = r.text(10)?;
    let status = InvoiceStatus::parse(&status)
        .ok_or_else(|| decode(10, format!("unknown invoice status '{status}'")))?;
    let invoice = Invoice::restore(InvoiceRecord {
        id: r.int(0)?,
        target_month,
        amount: Yen::new(r.int(2)?),
        review,
        document_number: r.opt_text(4)?,
        replaces: r.opt_int(5)?,
        correction_reason: r.opt_text(6)?,
        sent_on: opt_date(r, 7)?,
        payment,
        superseded: status == InvoiceStatus::Superseded,
    })
    .map_err(|e| decode(0, e.detail))?;
    if invoice.status() != status {
        return Err(decode(
            10,
            format!(
                "invoice {} is stored as {} but reads as {}",
                r.int(0)?,
                status.as_str(),
                invoice.status().as_str()
            ),
        ));
    }
    Ok(invoice)
}

fn review_json(i: &Invoice) -> String {
    serde_json::to_string(i.review()).expect("a review serialises")
}

/// Inserts a new draft (or correction) and returns its id. A second live invoice of the month
/// (or a second live correction of one invoice) is refused by the `invoices_live` index as
/// [`StoreError::Unique`].
pub fn insert(tx: &mut dyn Sql, i: &Invoice) -> Result<i64> {
    let rows = tx.query(
        "INSERT INTO invoices (target_month, amount, status, review, drafted_by, drafted_at, replaces, correction_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        params![
            i.target_month().to_string(),
            i.amount().to_i64(),
            i.status().as_str(),
            review_json(i),
            i.drafted_by(),
            i.review().drafted_at(),
            i.replaces(),
            i.correction_reason()
        ],
    )?;
    rows[0].int(0)
}

pub fn get(tx: &mut dyn Sql, id: i64) -> Result<Option<Invoice>> {
    tx.query_opt(
        &format!("SELECT {COLUMNS} FROM invoices WHERE id = $1"),
        params![id],
    )?
    .map(|r| invoice(&r))
    .transpose()
}

/// Every invoice, or those of `month`; the latest month first, then the latest invoice.
pub fn list(tx: &mut dyn Sql, month: Option<TargetMonth>) -> Result<Vec<Invoice>> {
    let rows = match month {
        Some(m) => tx.query(
            &format!(
                "SELECT {COLUMNS} FROM invoices WHERE target_month = $1 ORDER BY target_month DESC, id DESC"
            ),
            params![m.to_string()],
        )?,
        None => tx.query(
            &format!("SELECT {COLUMNS} FROM invoices ORDER BY target_month DESC, id DESC"),
            &[],
        )?,
    };
    rows.iter().map(invoice).collect()
}

/// Whether `month` has an invoice that is neither returned nor superseded.
pub fn has_live(tx: &mut dyn Sql, month: TargetMonth) -> Result<bool> {
    Ok(tx
        .query_opt(
            "SELECT id FROM invoices WHERE target_month = $1
             AND status IN ('draft', 'approved', 'sent', 'paid')",
            params![month.to_string()],
        )?
        .is_some())
}

/// The live correction (draft) of invoice `id`, if one is being drafted.
pub fn pending_correction(tx: &mut dyn Sql, id: i64) -> Result<Option<i64>> {
    tx.query_opt(
        "SELECT id FROM invoices WHERE replaces = $1 AND status = 'draft'",
        params![id],
    )?
    .map(|r| r.int(0))
    .transpose()
}

/// What [`save`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moved {
    Saved,
    /// The invoice was no longer in the status the step started from: another desk moved it
    /// first (or it does not exist). Nothing was written.
    Gone,
}

/// Writes the step `i` has just taken from status `from`: only status, review, approver,
/// number and the marks are written, and only if the row is still in `from`.
pub fn save(tx: &mut dyn Sql, i: &Invoice, from: InvoiceStatus) -> Result<Moved> {
    let id = i
        .id()
        .ok_or_else(|| decode(0, "saving an invoice that was never inserted"))?;
    let payment = i.payment();
    let changed = tx.execute(
        "UPDATE invoices SET status = $1, review = $2, approved_by = $3, document_number = $4,
                sent_on = $5, paid_on = $6, paid_amount = $7
         WHERE id = $8 AND status = $9",
        params![
            i.status().as_str(),
            review_json(i),
            i.approved_by(),
            i.document_number(),
            i.sent_on(),
            payment.map(|p| p.on),
            payment.map(|p| p.amount.to_i64()),
            id,
            from.as_str()
        ],
    )?;
    Ok(if changed == 1 {
        Moved::Saved
    } else {
        Moved::Gone
    })
}
