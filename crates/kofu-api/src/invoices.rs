//! 請求書 (第4条5–6): the invoice's life as staff take it, one use case per step: a clerk drafts
//! the month from its finalized settlement, a supervisor other than the drafter approves (the
//! number is allocated in that transaction) or returns it, a clerk marks it sent and paid, or
//! drafts a correction that supersedes it on approval. Helpdesk and admin see no invoice
//! ([`Action::ViewSettlement`] is the clerk's and the supervisor's).
//!
//! The rules are `kofu_core::invoice`'s and `kofu_core::settlement`'s; the store's guarded write
//! makes a concurrent second approval a conflict. The documents (請求書 and 精算書 PDFs, the Excel
//! export) are gathered here into plain data ([`InvoiceDocumentData`], [`SettlementDocumentData`])
//! for `kofu-pdf`'s generators; laying them out is not this module's.

use chrono::{NaiveDate, NaiveDateTime};
use kofu_core::calendar::wareki;
use kofu_core::document::DocumentKind;
use kofu_core::invoice::{Invoice, InvoiceError, InvoiceStatus};
use kofu_core::money::Yen;
use kofu_core::municipality::AccountType;
use kofu_core::settlement::{Invoicing, Settlement};
use kofu_core::{Action, TargetMonth};
use kofu_store::files::{self, FileOwner};
use kofu_store::invoices::{self as repo, Moved};
use kofu_store::{Sql, StoreError};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::intake::settlement_in;
use crate::{authorize, record, Actor, Desk, Error, ErrorCode, Result};

/// An invoice as `kofu invoice … --json` and the 精算・請求 page show it (CLI.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct InvoiceDto {
    #[ts(type = "number")]
    pub id: i64,
    /// `YYYY-MM`
    pub target_month: String,
    pub status: InvoiceStatus,
    pub amount: Yen,
    /// Assigned on approval.
    pub document_number: Option<String>,
    pub drafted_by: String,
    /// The invoice a correction replaces.
    #[ts(type = "number | null")]
    pub replaces: Option<i64>,
    pub approved_by: Option<String>,
    /// `YYYY-MM-DD`
    pub sent_on: Option<String>,
    /// Sent after the 15th; `null` until sent.
    pub sent_late: Option<bool>,
    pub paid_on: Option<String>,
    pub paid_amount: Option<Yen>,
    /// Paid − invoiced; `null` until paid.
    pub difference: Option<Yen>,
    /// Paid after the month's end; `null` until paid.
    pub paid_late: Option<bool>,
    /// `YYYY-MM-DD`: the 15th of M+1.
    pub invoice_by: String,
    /// `YYYY-MM-DD`: the last day of M+1.
    pub payment_by: String,
    /// The next step is past its deadline today.
    pub overdue: bool,
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn dto(i: &Invoice, today: NaiveDate) -> InvoiceDto {
    let payment = i.payment();
    InvoiceDto {
        id: i.id().unwrap_or_default(),
        target_month: i.target_month().to_string(),
        status: i.status(),
        amount: i.amount(),
        document_number: i.document_number().map(str::to_owned),
        drafted_by: i.drafted_by().to_owned(),
        replaces: i.replaces(),
        approved_by: i.approved_by().map(str::to_owned),
        sent_on: i.sent_on().map(ymd),
        sent_late: i.sent_late(),
        paid_on: payment.map(|p| ymd(p.on)),
        paid_amount: payment.map(|p| p.amount),
        difference: i.difference(),
        paid_late: i.paid_late(),
        invoice_by: ymd(i.invoice_by()),
        payment_by: ymd(i.payment_by()),
        overdue: i.overdue(today),
    }
}

impl From<InvoiceError> for Error {
    fn from(e: InvoiceError) -> Self {
        let rule = |code: ErrorCode, e: &InvoiceError| Error::Rule {
            code,
            message: e.message_ja(),
            detail: e.to_string(),
            details: vec![],
        };
        match e {
            InvoiceError::Forbidden(f) => Error::Forbidden(f),
            InvoiceError::Review(r) => r.into(),
            InvoiceError::Invalid(d) => Error::Validation(d),
            InvoiceError::NotInvoiceable { invoicing, .. } => {
                let code = match invoicing {
                    Invoicing::NotFinal => ErrorCode::NotFinal,
                    Invoicing::NoInvoice => ErrorCode::NoInvoice,
                    Invoicing::Invoiced | Invoicing::Ready => ErrorCode::Conflict,
                };
                rule(code, &e)
            }
            InvoiceError::WrongStatus { .. } => rule(ErrorCode::Conflict, &e),
        }
    }
}

fn not_found(id: i64) -> Error {
    Error::not_found(format!("請求書 {id}"), format!("invoice {id}"))
}

fn load(tx: &mut dyn Sql, id: i64) -> Result<Invoice> {
    repo::get(tx, id)?.ok_or_else(|| not_found(id))
}

/// Another desk moved the invoice between our read and our write.
fn moved_meanwhile(id: i64) -> Error {
    Error::conflict(
        "この請求書は他の端末で先に処理されました。画面を更新して確認してください。",
        format!("invoice {id} changed status during the step"),
    )
}

fn save(tx: &mut dyn Sql, i: &Invoice, from: InvoiceStatus) -> Result<()> {
    match repo::save(tx, i, from)? {
        Moved::Saved => Ok(()),
        Moved::Gone => Err(moved_meanwhile(i.id().unwrap_or_default())),
    }
}

/// A second live invoice of the month (two desks drafting at once): the index said no.
fn insert(tx: &mut dyn Sql, i: &Invoice) -> Result<i64> {
    match repo::insert(tx, i) {
        Err(StoreError::Unique(detail)) => Err(Error::Rule {
            code: ErrorCode::Conflict,
            message: Invoicing::Invoiced
                .refusal_ja(i.target_month())
                .unwrap_or_default(),
            detail: format!("a live invoice of {} exists: {detail}", i.target_month()),
            details: vec![],
        }),
        other => Ok(other?),
    }
}

fn target(id: i64) -> String {
    format!("invoice:{id}")
}

impl Desk {
    /// 起案: a clerk drafts the month's invoice for its net. Refused: a preliminary statement
    /// (`not_final`), no statement (`not_found`), net ≤ 0 (`no_invoice`), a live invoice
    /// already (`conflict`).
    pub fn draft_invoice(&self, actor: &Actor, month: TargetMonth) -> Result<InvoiceDto> {
        let now = self.now();
        self.tx(|tx| {
            let role = authorize(tx, actor, Action::DraftInvoice)?;
            let settlement = settlement_in(tx, month)?;
            let invoice = Invoice::draft(&settlement, actor.name(), role, now)?;
            let id = insert(tx, &invoice)?;
            let invoice = invoice.with_id(id);
            record(
                tx,
                now,
                actor.name(),
                "invoice.draft",
                &target(id),
                json!({"target_month": month.to_string(), "amount": invoice.amount().to_i64()}),
            )?;
            Ok(dto(&invoice, now.date()))
        })
    }

    /// 承認: a supervisor other than the drafter approves. The number of the invoice kind is
    /// allocated in this transaction; a correction's approval supersedes the invoice it
    /// replaces. Two desks at once: one wins, the other gets `conflict` and its number back.
    pub fn approve_invoice(&self, actor: &Actor, id: i64) -> Result<InvoiceDto> {
        let now = self.now();
        self.tx(|tx| {
            let role = authorize(tx, actor, Action::Approve)?;
            let mut invoice = load(tx, id)?;
            invoice.check_approval(actor.name(), role)?;
            let number: String =
                crate::documents::issue(tx, DocumentKind::Invoice, now.date())?.into();
            invoice.approve(actor.name(), role, now, number.clone())?;
            save(tx, &invoice, InvoiceStatus::Draft)?;
            // The PDF is made and kept with the invoice in this transaction: it exists exactly
            // when the approval commits, and `invoice_pdf` returns this copy ever after (a
            // superseded invoice's included).
            let data = invoice_document_in(tx, &invoice)?;
            let pdf = render_invoice(tx, &data, now)?;
            files::put(
                tx,
                FileOwner::invoice(id),
                &format!("請求書_{}_{number}.pdf", invoice.target_month()),
                &pdf,
                now,
            )?;
            if let Some(old_id) = invoice.replaces() {
                let mut old = load(tx, old_id)?;
                let from = old.status();
                old.supersede()?;
                save(tx, &old, from)?;
                record(
                    tx,
                    now,
                    actor.name(),
                    "invoice.supersede",
                    &target(old_id),
                    json!({"by": id, "document_number": old.document_number()}),
                )?;
            }
            record(
                tx,
                now,
                actor.name(),
                "invoice.approve",
                &target(id),
                json!({"document_number": number, "amount": invoice.amount().to_i64()}),
            )?;
            Ok(dto(&invoice, now.date()))
        })
    }

    /// 差戻し with a reason: back to the drafter, who may draft the month again.
    pub fn return_invoice(&self, actor: &Actor, id: i64, reason: &str) -> Result<InvoiceDto> {
        let now = self.now();
        self.tx(|tx| {
            let role = authorize(tx, actor, Action::Approve)?;
            let mut invoice = load(tx, id)?;
            invoice.return_(actor.name(), role, now, reason)?;
            save(tx, &invoice, InvoiceStatus::Draft)?;
            record(
                tx,
                now,
                actor.name(),
                "invoice.return",
                &target(id),
                json!({"reason": invoice.return_reason()}),
            )?;
            Ok(dto(&invoice, now.date()))
        })
    }

    /// 送付: the day the approved invoice went to J-LIS (after the 15th it is flagged late).
    pub fn mark_invoice_sent(&self, actor: &Actor, id: i64, on: NaiveDate) -> Result<InvoiceDto> {
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::DraftInvoice)?;
            let mut invoice = load(tx, id)?;
            invoice.mark_sent(on, now.date())?;
            save(tx, &invoice, InvoiceStatus::Approved)?;
            record(
                tx,
                now,
                actor.name(),
                "invoice.sent",
                &target(id),
                json!({"sent_on": ymd(on), "late": invoice.sent_late()}),
            )?;
            Ok(dto(&invoice, now.date()))
        })
    }

    /// 入金: the day and the amount J-LIS paid (a different amount is flagged with the
    /// difference, a payment after the month's end as late).
    pub fn mark_invoice_paid(
        &self,
        actor: &Actor,
        id: i64,
        on: NaiveDate,
        amount: Yen,
    ) -> Result<InvoiceDto> {
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::DraftInvoice)?;
            let mut invoice = load(tx, id)?;
            invoice.mark_paid(on, amount, now.date())?;
            save(tx, &invoice, InvoiceStatus::Sent)?;
            record(
                tx,
                now,
                actor.name(),
                "invoice.paid",
                &target(id),
                json!({
                    "paid_on": ymd(on),
                    "amount": amount.to_i64(),
                    "difference": invoice.difference().map(Yen::to_i64),
                    "late": invoice.paid_late(),
                }),
            )?;
            Ok(dto(&invoice, now.date()))
        })
    }

    /// 訂正請求: a new draft for the month of `id` that names it, with a reason; `id` stays as
    /// it is until the correction is approved, then becomes superseded.
    pub fn correct_invoice(&self, actor: &Actor, id: i64, reason: &str) -> Result<InvoiceDto> {
        let now = self.now();
        self.tx(|tx| {
            let role = authorize(tx, actor, Action::DraftInvoice)?;
            let old = load(tx, id)?;
            if let Some(pending) = repo::pending_correction(tx, id)? {
                return Err(Error::conflict(
                    format!("この請求書の訂正請求（{pending}）が決裁待ちです。"),
                    format!("invoice {id} already has the pending correction {pending}"),
                ));
            }
            let settlement = settlement_in(tx, old.target_month())?;
            let correction =
                Invoice::correction(&old, &settlement, actor.name(), role, now, reason)?;
            let new_id = insert(tx, &correction)?;
            let correction = correction.with_id(new_id);
            record(
                tx,
                now,
                actor.name(),
                "invoice.correct",
                &target(new_id),
                json!({"replaces": id, "reason": correction.correction_reason(), "amount": correction.amount().to_i64()}),
            )?;
            Ok(dto(&correction, now.date()))
        })
    }

    /// Every invoice, or those of one month; the latest first.
    pub fn invoices(&self, actor: &Actor, month: Option<TargetMonth>) -> Result<Vec<InvoiceDto>> {
        let today = self.now().date();
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewSettlement)?;
            Ok(repo::list(tx, month)?
                .iter()
                .map(|i| dto(i, today))
                .collect())
        })
    }

    pub fn invoice(&self, actor: &Actor, id: i64) -> Result<InvoiceDto> {
        let today = self.now().date();
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewSettlement)?;
            Ok(dto(&load(tx, id)?, today))
        })
    }

    /// What the 請求書 PDF shows, for an approved (or later) invoice.
    pub fn invoice_document(&self, actor: &Actor, id: i64) -> Result<InvoiceDocumentData> {
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewSettlement)?;
            let invoice = load(tx, id)?;
            invoice_document_in(tx, &invoice)
        })
    }

    /// The 請求書 PDF of an approved (or later) invoice: the copy stored with it, else made
    /// from [`InvoiceDocumentData`] by the generator.
    pub fn invoice_pdf(&self, actor: &Actor, id: i64) -> Result<PdfFile> {
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewSettlement)?;
            let invoice = load(tx, id)?;
            let data = invoice_document_in(tx, &invoice)?;
            let name = format!(
                "請求書_{}_{}.pdf",
                invoice.target_month(),
                data.document_number
            );
            if let Some(stored) = files::get(tx, FileOwner::invoice(id), 0)? {
                return Ok(PdfFile {
                    name,
                    contents: files::read(tx, &stored)?,
                });
            }
            let contents = render_invoice(tx, &data, now)?;
            Ok(PdfFile { name, contents })
        })
    }

    /// What the 精算書 shows for a finalized month, whatever its net.
    pub fn settlement_document(
        &self,
        actor: &Actor,
        month: TargetMonth,
    ) -> Result<SettlementDocumentData> {
        let today = self.now().date();
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewSettlement)?;
            settlement_document_in(tx, month, today)
        })
    }

    /// The 精算書 PDF of a finalized month (the only document when the net is ≤ 0).
    pub fn settlement_statement_pdf(&self, actor: &Actor, month: TargetMonth) -> Result<PdfFile> {
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewSettlement)?;
            let data = settlement_document_in(tx, month, now.date())?;
            Ok(PdfFile {
                name: format!("精算書_{month}.pdf"),
                contents: render_settlement_statement(tx, &data, now)?,
            })
        })
    }

    /// The month's figures as an Excel workbook for the city's accounting system.
    pub fn settlement_export(&self, actor: &Actor, month: TargetMonth) -> Result<Vec<u8>> {
        let data = self.settlement_document(actor, month)?;
        render_settlement_workbook(&data, self.now())
    }
}

/// A generated document with the name to save it under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfFile {
    pub name: String,
    pub contents: Vec<u8>,
}

// The generators of `kofu-pdf` and `kofu-xlsx` take plain data; these three build it from the
// document data above and the city's profile (its issuer block and full bank account).

fn profile_in(tx: &mut dyn Sql) -> Result<kofu_core::MunicipalityProfile> {
    kofu_store::profile::get(tx)?
        .ok_or_else(|| Error::not_found("団体情報", "municipality profile"))
}

/// A character the bundled font lacks is the clerk's to fix (it names the character); any
/// other failure of a generator is ours.
fn document_refusal(e: kofu_pdf::DocumentError) -> Error {
    match e {
        kofu_pdf::DocumentError::MissingGlyph { .. } => Error::Rule {
            code: ErrorCode::Validation,
            message: e.message_ja(),
            detail: e.to_string(),
            details: vec![],
        },
        other => Error::internal(other.to_string()),
    }
}

fn pdf_lines(b: &Breakdown) -> Result<Vec<kofu_pdf::KindLine>> {
    b.lines
        .iter()
        .map(|l| {
            Ok(kofu_pdf::KindLine {
                code: kofu_core::catalogue::KindCode::parse(&l.kind_code)?,
                name: l.kind_name.clone(),
                copies: u64::try_from(l.copies).unwrap_or_default(),
                fees: l.fees,
                commissions: l.commissions,
            })
        })
        .collect()
}

fn render_invoice(
    tx: &mut dyn Sql,
    data: &InvoiceDocumentData,
    created_at: NaiveDateTime,
) -> Result<Vec<u8>> {
    let profile = profile_in(tx)?;
    let doc = kofu_pdf::InvoiceDocument {
        document_number: data.document_number.clone(),
        issued_on: data.invoice_date,
        created_at,
        addressee: kofu_pdf::JLIS_ADDRESSEE.into(),
        issuer: kofu_pdf::Issuer::from(&profile),
        amount: data.amount,
        target_month: data.target_month,
        due_on: data.due_date,
        lines: pdf_lines(&data.breakdown)?,
        bank: profile.bank.clone(),
        replaces: data
            .replaces_number
            .clone()
            .map(|document_number| kofu_pdf::Replaces {
                document_number,
                reason: data.correction_reason.clone().unwrap_or_default(),
            }),
    };
    kofu_pdf::invoice(&doc).map_err(document_refusal)
}

fn render_settlement_statement(
    tx: &mut dyn Sql,
    data: &SettlementDocumentData,
    created_at: NaiveDateTime,
) -> Result<Vec<u8>> {
    let profile = profile_in(tx)?;
    let doc = kofu_pdf::SettlementStatementDocument {
        document_number: String::new(),
        issued_on: data.date,
        created_at,
        addressee: kofu_pdf::JLIS_ADDRESSEE.into(),
        issuer: kofu_pdf::Issuer::from(&profile),
        target_month: data.target_month,
        finalized: true,
        lines: pdf_lines(&data.breakdown)?,
        operators: data
            .by_operator
            .iter()
            .map(|o| {
                Ok(kofu_pdf::OperatorLine {
                    code: kofu_core::master::OperatorCode::parse(&o.code)?,
                    name: o.name.clone(),
                    fees: o.fees,
                    commissions: o.commissions,
                })
            })
            .collect::<Result<_>>()?,
    };
    kofu_pdf::settlement_statement(&doc).map_err(document_refusal)
}

fn render_settlement_workbook(
    data: &SettlementDocumentData,
    created_at: NaiveDateTime,
) -> Result<Vec<u8>> {
    let workbook = kofu_xlsx::SettlementWorkbook {
        city: data.sender.city_name.clone(),
        target_month: data.target_month,
        finalized: true,
        created_at,
        by_operator: data
            .by_operator
            .iter()
            .map(|o| {
                Ok(kofu_xlsx::OperatorRow {
                    code: kofu_core::master::OperatorCode::parse(&o.code)?,
                    name: o.name.clone(),
                    fees: o.fees,
                    commissions: o.commissions,
                })
            })
            .collect::<Result<_>>()?,
        by_kind: data
            .breakdown
            .lines
            .iter()
            .map(|l| {
                Ok(kofu_xlsx::KindRow {
                    code: kofu_core::catalogue::KindCode::parse(&l.kind_code)?,
                    name: l.kind_name.clone(),
                    copies: u64::try_from(l.copies).unwrap_or_default(),
                    fees: l.fees,
                    commissions: l.commissions,
                })
            })
            .collect::<Result<_>>()?,
    };
    kofu_xlsx::settlement_workbook(&workbook).map_err(|e| Error::Rule {
        code: ErrorCode::Internal,
        message: e.message_ja(),
        detail: e.to_string(),
        details: vec![],
    })
}

/// The city as a document's sender: name, mayor and the contact who answers for it (so that
/// 押印省略 is acceptable).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sender {
    pub city_name: String,
    pub mayor_title: String,
    pub mayor_name: String,
    pub postal_code: String,
    pub address: String,
    pub department: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub contact_email: String,
}

/// Where J-LIS pays: the full account number, which only the invoice carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BankDetails {
    pub bank_name: String,
    pub branch_name: String,
    /// 普通 or 当座.
    pub account_type: String,
    pub account_number: String,
    pub account_holder: String,
}

/// One row of the 内訳: a certificate kind, or the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreakdownLine {
    /// `01`…; empty for the totals.
    pub kind_code: String,
    /// e.g. 住民票の写し; 合計 for the totals.
    pub kind_name: String,
    pub copies: i64,
    pub fees: Yen,
    pub commissions: Yen,
    pub net: Yen,
}

/// The month's 内訳 by kind and its totals, as both documents show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Breakdown {
    pub lines: Vec<BreakdownLine>,
    pub totals: BreakdownLine,
}

/// Everything the 請求書 PDF prints (issue 10), as plain data for `kofu-pdf`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceDocumentData {
    /// 請求書, or 請求書（訂正） for a correction.
    pub title: String,
    pub document_number: String,
    /// 請求日: the day of approval.
    pub invoice_date: NaiveDate,
    /// e.g. 令和8年11月10日.
    pub invoice_date_wareki: String,
    /// 地方公共団体情報システム機構 理事長 様.
    pub addressee: String,
    pub sender: Sender,
    /// 請求金額.
    pub amount: Yen,
    pub target_month: TargetMonth,
    /// e.g. 令和8年10月分.
    pub target_month_wareki: String,
    /// 支払期限: the last day of M+1.
    pub due_date: NaiveDate,
    pub due_date_wareki: String,
    pub breakdown: Breakdown,
    /// 交付手数料は非課税.
    pub tax_note: String,
    pub bank: BankDetails,
    /// The number of the invoice a correction replaces.
    pub replaces_number: Option<String>,
    pub correction_reason: Option<String>,
}

/// Everything the 精算書 prints, for any finalized month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SettlementDocumentData {
    pub title: String,
    /// The day it is made.
    pub date: NaiveDate,
    pub date_wareki: String,
    pub addressee: String,
    pub sender: Sender,
    pub target_month: TargetMonth,
    pub target_month_wareki: String,
    pub breakdown: Breakdown,
    /// Fees − commissions: above zero J-LIS owes the city (the invoice's amount); below zero
    /// the city owes J-LIS.
    pub net: Yen,
    /// 「市が機構に支払う額」 or 「機構が市に支払う額」 with the amount, as the document states it.
    pub settlement_line: String,
    /// By operator, for the Excel export's sheet.
    pub by_operator: Vec<OperatorLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OperatorLine {
    pub code: String,
    pub name: String,
    pub fees: Yen,
    pub commissions: Yen,
    pub net: Yen,
}

const ADDRESSEE: &str = "地方公共団体情報システム機構 理事長 様";

fn date_ja(d: NaiveDate) -> String {
    wareki::format_date(d).unwrap_or_else(|_| ymd(d))
}

fn sender(tx: &mut dyn Sql) -> Result<(Sender, BankDetails)> {
    let p = kofu_store::profile::get(tx)?
        .ok_or_else(|| Error::not_found("団体情報", "municipality profile"))?;
    let bank = BankDetails {
        bank_name: p.bank.bank_name.clone(),
        branch_name: p.bank.branch_name.clone(),
        account_type: match p.bank.account_type {
            AccountType::Ordinary => "普通",
            AccountType::Current => "当座",
        }
        .into(),
        account_number: p.bank.account_number.clone(),
        account_holder: p.bank.account_holder.clone(),
    };
    Ok((
        Sender {
            city_name: p.name,
            mayor_title: p.mayor_title,
            mayor_name: p.mayor_name,
            postal_code: p.postal_code,
            address: p.address,
            department: p.department,
            contact_name: p.contact_name,
            contact_phone: p.contact_phone,
            contact_email: p.contact_email,
        },
        bank,
    ))
}

fn breakdown(tx: &mut dyn Sql, s: &Settlement) -> Result<Breakdown> {
    let names: std::collections::HashMap<String, String> = kofu_store::master::kinds(tx)?
        .into_iter()
        .map(|(k, _)| (k.code, k.name))
        .collect();
    let lines = s
        .by_kind
        .iter()
        .map(|k| BreakdownLine {
            kind_code: k.code.as_str().to_owned(),
            kind_name: names.get(k.code.as_str()).cloned().unwrap_or_default(),
            copies: k.copies,
            fees: k.fees,
            commissions: k.commissions,
            net: k.net,
        })
        .collect::<Vec<_>>();
    let totals = BreakdownLine {
        kind_code: String::new(),
        kind_name: "合計".into(),
        copies: s.copies,
        fees: s.fees,
        commissions: s.commissions,
        net: s.net,
    };
    Ok(Breakdown { lines, totals })
}

fn invoice_document_in(tx: &mut dyn Sql, i: &Invoice) -> Result<InvoiceDocumentData> {
    let (Some(number), Some(approved_at)) = (i.document_number(), i.approved_at()) else {
        return Err(Error::conflict(
            format!(
                "{}の請求書のPDFはまだありません。PDFは承認後に作成されます。",
                i.status().label_ja()
            ),
            format!("invoice {} is not approved", i.id().unwrap_or_default()),
        ));
    };
    let settlement = settlement_in(tx, i.target_month())?;
    let (sender, bank) = sender(tx)?;
    let replaces_number = match i.replaces() {
        Some(old) => load(tx, old)?.document_number().map(str::to_owned),
        None => None,
    };
    let invoice_date = approved_at.date();
    Ok(InvoiceDocumentData {
        title: if i.replaces().is_some() {
            "請求書（訂正）".into()
        } else {
            "請求書".into()
        },
        document_number: number.to_owned(),
        invoice_date,
        invoice_date_wareki: date_ja(invoice_date),
        addressee: ADDRESSEE.into(),
        sender,
        amount: i.amount(),
        target_month: i.target_month(),
        target_month_wareki: format!("{}分", wareki::format_month(i.target_month())),
        due_date: i.payment_by(),
        due_date_wareki: date_ja(i.payment_by()),
        breakdown: breakdown(tx, &settlement)?,
        tax_note: "交付手数料は非課税".into(),
        bank,
        replaces_number,
        correction_reason: i.correction_reason().map(str::to_owned),
    })
}

fn settlement_document_in(
    tx: &mut dyn Sql,
    month: TargetMonth,
    today: NaiveDate,
) -> Result<SettlementDocumentData> {
    let s = settlement_in(tx, month)?;
    if !s.finalized {
        return Err(Error::Rule {
            code: ErrorCode::NotFinal,
            message: format!(
                "{month} の取扱い実績データは速報のため精算書を作成できません。確定データ（10日以降）を取り込んでください。"
            ),
            detail: format!("statement {month} is preliminary"),
            details: vec![],
        });
    }
    let (sender, _) = sender(tx)?;
    let operators: std::collections::HashMap<String, String> = kofu_store::master::operators(tx)?
        .into_iter()
        .map(|o| (o.code.as_str().to_owned(), o.name))
        .collect();
    let settlement_line = match s.owed_by_city() {
        Some(owed) => format!("市が機構に支払う額 {owed}"),
        None => format!("機構が市に支払う額 {}", s.net),
    };
    Ok(SettlementDocumentData {
        title: "精算書".into(),
        date: today,
        date_wareki: date_ja(today),
        addressee: ADDRESSEE.into(),
        sender,
        target_month: month,
        target_month_wareki: format!("{}分", wareki::format_month(month)),
        breakdown: breakdown(tx, &s)?,
        net: s.net,
        settlement_line,
        by_operator: s
            .by_operator
            .iter()
            .map(|o| OperatorLine {
                code: o.code.as_str().to_owned(),
                name: operators.get(o.code.as_str()).cloned().unwrap_or_default(),
                fees: o.fees,
                commissions: o.commissions,
                net: o.net,
            })
            .collect(),
    })
}
