//! The monthly invoice to J-LIS (請求書, 第4条5–6): drafted by a clerk from the month's finalized
//! settlement, approved by a supervisor other than its drafter (the one four-eyes [`Review`]),
//! then marked sent (by the 15th of M+1) and paid (by the end of M+1). A correction (訂正請求) is a
//! new invoice for the same month naming the one it replaces, which becomes superseded when the
//! correction is approved.
//!
//! After approval nothing of an invoice changes (DOMAIN.md: an issued 請求書 is never edited)
//! except the sent and paid marks, each set once, and its being superseded. Payment is recorded
//! only after sending: J-LIS pays what it was sent, so an invoice marked paid but never sent
//! would hide a missing step. The document number is the store's to allocate, in the approving
//! transaction; the status is derived from the review and the marks, never stored apart from them
//! here. No store, no audit entry, no clock: `at`/`today` are passed in.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use ts_rs::TS;

use crate::money::Yen;
use crate::review::{Decision, Review, ReviewError, ReviewStatus, Subject};
use crate::settlement::{Invoicing, Settlement};
use crate::staff::{Action, Forbidden};
use crate::{DomainError, FreeText, Role, TargetMonth};

/// Where an invoice stands (CLI.md: `draft`, `returned`, `approved`, `sent`, `paid`,
/// `superseded`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// 下書き: awaiting a supervisor.
    Draft,
    /// 差戻し: the drafter may draft the month again.
    Returned,
    /// 承認済: numbered and fixed.
    Approved,
    /// 送付済.
    Sent,
    /// 入金済.
    Paid,
    /// Replaced by an approved correction; still readable.
    Superseded,
}

impl InvoiceStatus {
    pub const ALL: [InvoiceStatus; 6] = [
        Self::Draft,
        Self::Returned,
        Self::Approved,
        Self::Sent,
        Self::Paid,
        Self::Superseded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Returned => "returned",
            Self::Approved => "approved",
            Self::Sent => "sent",
            Self::Paid => "paid",
            Self::Superseded => "superseded",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Draft => "下書き",
            Self::Returned => "差戻し",
            Self::Approved => "承認済",
            Self::Sent => "送付済",
            Self::Paid => "入金済",
            Self::Superseded => "訂正済",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Counts against "the month already has an invoice": neither returned nor superseded.
    pub fn is_live(self) -> bool {
        !matches!(self, Self::Returned | Self::Superseded)
    }

    /// Approved or later: numbered, and nothing of it but the marks changes.
    pub fn is_fixed(self) -> bool {
        matches!(
            self,
            Self::Approved | Self::Sent | Self::Paid | Self::Superseded
        )
    }
}

/// The step an invoice was asked to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Approve,
    Return,
    MarkSent,
    MarkPaid,
    Correct,
    Supersede,
}

impl Step {
    fn label_ja(self) -> &'static str {
        match self {
            Self::Approve => "承認",
            Self::Return => "差戻し",
            Self::MarkSent => "送付日の登録",
            Self::MarkPaid => "入金の登録",
            Self::Correct => "訂正請求",
            Self::Supersede => "訂正による差替え",
        }
    }
}

/// Why an invoice step was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvoiceError {
    #[error(transparent)]
    Forbidden(#[from] Forbidden),
    #[error(transparent)]
    Review(#[from] ReviewError),
    /// The month cannot be invoiced now ([`Invoicing`] says why).
    #[error("{month} cannot be invoiced: {invoicing:?}")]
    NotInvoiceable {
        month: TargetMonth,
        invoicing: Invoicing,
    },
    /// The step does not apply to an invoice in this status.
    #[error("an invoice that is {} cannot take the step {step:?}", status.as_str())]
    WrongStatus { status: InvoiceStatus, step: Step },
    #[error(transparent)]
    Invalid(#[from] DomainError),
}

impl InvoiceError {
    /// What the member of staff reads.
    pub fn message_ja(&self) -> String {
        match self {
            Self::Forbidden(f) => f.message_ja(),
            Self::Review(r) => r.message_ja(),
            Self::NotInvoiceable { month, invoicing } => invoicing
                .refusal_ja(*month)
                .unwrap_or_else(|| format!("{month} の請求書は起案できません。")),
            Self::WrongStatus { status, step } => format!(
                "{}の請求書には「{}」はできません。",
                status.label_ja(),
                step.label_ja()
            ),
            Self::Invalid(e) => e.message.clone(),
        }
    }
}

/// Payment as J-LIS made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payment {
    pub on: NaiveDate,
    pub amount: Yen,
}

/// What the store keeps of an invoice, to rebuild it with [`Invoice::restore`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceRecord {
    pub id: i64,
    pub target_month: TargetMonth,
    pub amount: Yen,
    pub review: Review,
    pub document_number: Option<String>,
    pub replaces: Option<i64>,
    pub correction_reason: Option<String>,
    pub sent_on: Option<NaiveDate>,
    pub payment: Option<Payment>,
    pub superseded: bool,
}

/// A 請求書. Fields are private: it changes only through the steps below, each refusing what the
/// contract refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invoice {
    id: Option<i64>,
    target_month: TargetMonth,
    amount: Yen,
    review: Review,
    document_number: Option<String>,
    replaces: Option<i64>,
    correction_reason: Option<String>,
    sent_on: Option<NaiveDate>,
    payment: Option<Payment>,
    superseded: bool,
}

fn ready(settlement: &Settlement, live_invoice_allowed: bool) -> Result<(), InvoiceError> {
    let invoicing = settlement.invoicing;
    let ok = match invoicing {
        Invoicing::Ready => true,
        Invoicing::Invoiced => live_invoice_allowed,
        Invoicing::NotFinal | Invoicing::NoInvoice => false,
    };
    if ok {
        Ok(())
    } else {
        Err(InvoiceError::NotInvoiceable {
            month: settlement.target_month,
            invoicing,
        })
    }
}

impl Invoice {
    /// 起案: a clerk drafts the month's invoice for its net, when [`Settlement::invoicing`] is
    /// [`Invoicing::Ready`] (finalized, net above zero, no live invoice).
    pub fn draft(
        settlement: &Settlement,
        drafter: &str,
        role: Role,
        at: NaiveDateTime,
    ) -> Result<Self, InvoiceError> {
        role.ensure(Action::DraftInvoice)?;
        ready(settlement, false)?;
        Ok(Self::new(settlement, drafter, at, None, None))
    }

    /// 訂正請求: a new draft for the month of `old` (approved or later, not yet superseded) that
    /// names it, with a reason. Its amount is the month's net as settled now.
    pub fn correction(
        old: &Invoice,
        settlement: &Settlement,
        drafter: &str,
        role: Role,
        at: NaiveDateTime,
        reason: &str,
    ) -> Result<Self, InvoiceError> {
        role.ensure(Action::DraftInvoice)?;
        let status = old.status();
        if !status.is_fixed() || status == InvoiceStatus::Superseded {
            return Err(InvoiceError::WrongStatus {
                status,
                step: Step::Correct,
            });
        }
        if settlement.target_month != old.target_month {
            return Err(DomainError::new(
                "target_month",
                "訂正請求は元の請求書と同じ対象月で起案してください。",
                "a correction is for the month of the invoice it replaces",
            )
            .into());
        }
        ready(settlement, true)?;
        let reason = FreeText::parse("reason", reason)?;
        if reason.is_empty() {
            return Err(DomainError::new(
                "reason",
                "訂正の理由を入力してください。",
                "a correction needs a reason",
            )
            .into());
        }
        Ok(Self::new(
            settlement,
            drafter,
            at,
            old.id,
            Some(reason.into_string()),
        ))
    }

    fn new(
        settlement: &Settlement,
        drafter: &str,
        at: NaiveDateTime,
        replaces: Option<i64>,
        correction_reason: Option<String>,
    ) -> Self {
        Self {
            id: None,
            target_month: settlement.target_month,
            amount: settlement.net,
            review: Review::draft(drafter, at),
            document_number: None,
            replaces,
            correction_reason,
            sent_on: None,
            payment: None,
            superseded: false,
        }
    }

    /// Rebuilds a stored invoice, refusing a combination no step produces (a number without an
    /// approval, a payment without sending, …): the store's record is checked, not trusted.
    pub fn restore(r: InvoiceRecord) -> Result<Self, DomainError> {
        let approved = r.review.is_approved();
        let bad = |what: &str| {
            Err(DomainError::new(
                "invoice",
                "保存されている請求書の内容に矛盾があります。管理者に連絡してください。",
                format!("stored invoice {}: {what}", r.id),
            ))
        };
        if approved != r.document_number.is_some() {
            return bad("a document number exactly when approved");
        }
        if r.sent_on.is_some() && !approved {
            return bad("sent without approval");
        }
        if r.payment.is_some() && r.sent_on.is_none() {
            return bad("paid without being sent");
        }
        if r.superseded && !approved {
            return bad("superseded without approval");
        }
        if r.replaces.is_some() != r.correction_reason.is_some() {
            return bad("a correction names what it replaces and why");
        }
        Ok(Self {
            id: Some(r.id),
            target_month: r.target_month,
            amount: r.amount,
            review: r.review,
            document_number: r.document_number,
            replaces: r.replaces,
            correction_reason: r.correction_reason,
            sent_on: r.sent_on,
            payment: r.payment,
            superseded: r.superseded,
        })
    }

    pub fn with_id(mut self, id: i64) -> Self {
        self.id = Some(id);
        self
    }

    pub fn id(&self) -> Option<i64> {
        self.id
    }
    pub fn target_month(&self) -> TargetMonth {
        self.target_month
    }
    pub fn amount(&self) -> Yen {
        self.amount
    }
    pub fn review(&self) -> &Review {
        &self.review
    }
    pub fn drafted_by(&self) -> &str {
        self.review.drafted_by()
    }
    pub fn approved_by(&self) -> Option<&str> {
        match self.review.status() {
            ReviewStatus::Approved { by, .. } => Some(by),
            _ => None,
        }
    }
    pub fn approved_at(&self) -> Option<NaiveDateTime> {
        match self.review.status() {
            ReviewStatus::Approved { at, .. } => Some(*at),
            _ => None,
        }
    }
    pub fn return_reason(&self) -> Option<&str> {
        match self.review.status() {
            ReviewStatus::Returned { reason, .. } => Some(reason),
            _ => None,
        }
    }
    pub fn document_number(&self) -> Option<&str> {
        self.document_number.as_deref()
    }
    pub fn replaces(&self) -> Option<i64> {
        self.replaces
    }
    pub fn correction_reason(&self) -> Option<&str> {
        self.correction_reason.as_deref()
    }
    pub fn sent_on(&self) -> Option<NaiveDate> {
        self.sent_on
    }
    pub fn payment(&self) -> Option<Payment> {
        self.payment
    }
    pub fn is_superseded(&self) -> bool {
        self.superseded
    }

    pub fn status(&self) -> InvoiceStatus {
        match self.review.status() {
            ReviewStatus::Drafted => InvoiceStatus::Draft,
            ReviewStatus::Returned { .. } => InvoiceStatus::Returned,
            ReviewStatus::Approved { .. } if self.superseded => InvoiceStatus::Superseded,
            ReviewStatus::Approved { .. } if self.payment.is_some() => InvoiceStatus::Paid,
            ReviewStatus::Approved { .. } if self.sent_on.is_some() => InvoiceStatus::Sent,
            ReviewStatus::Approved { .. } => InvoiceStatus::Approved,
        }
    }

    /// The 15th of the following month: the invoice is due at J-LIS (第4条5). The same day as
    /// [`crate::calendar::deadlines`]' `invoice_by`, which does not move for holidays.
    pub fn invoice_by(&self) -> NaiveDate {
        self.target_month.next().day(15)
    }

    /// The last day of the following month: J-LIS pays by then (第4条6).
    pub fn payment_by(&self) -> NaiveDate {
        self.target_month.next().last_day()
    }

    /// Sent after the 15th (`None` until sent).
    pub fn sent_late(&self) -> Option<bool> {
        self.sent_on.map(|on| on > self.invoice_by())
    }

    /// Paid after the end of M+1 (`None` until paid).
    pub fn paid_late(&self) -> Option<bool> {
        self.payment.map(|p| p.on > self.payment_by())
    }

    /// Paid amount − invoiced amount (`None` until paid): negative when J-LIS paid less.
    pub fn difference(&self) -> Option<Yen> {
        self.payment
            .map(|p| p.amount.checked_sub(self.amount).unwrap_or(Yen::ZERO))
    }

    /// A live invoice whose next step is past its deadline on `today`: not yet sent after the
    /// 15th, or sent and not yet paid after the month's end. Returned and superseded invoices
    /// are no one's next step; a paid one is done.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        match self.status() {
            InvoiceStatus::Draft | InvoiceStatus::Approved => today > self.invoice_by(),
            InvoiceStatus::Sent => today > self.payment_by(),
            InvoiceStatus::Returned | InvoiceStatus::Paid | InvoiceStatus::Superseded => false,
        }
    }

    /// Refuses an approval before the number is allocated: the approver's role now, four-eyes,
    /// still a draft. [`Self::approve`] checks again.
    pub fn check_approval(&self, approver: &str, role: Role) -> Result<(), InvoiceError> {
        Ok(self
            .review
            .check_reviewer(Subject::Invoice, approver, role, Decision::Approve)?)
    }

    /// 承認 with the number the store allocated in the approving transaction.
    pub fn approve(
        &mut self,
        approver: &str,
        role: Role,
        at: NaiveDateTime,
        number: String,
    ) -> Result<(), InvoiceError> {
        self.review.approve(Subject::Invoice, approver, role, at)?;
        self.document_number = Some(number);
        Ok(())
    }

    /// 差戻し with a reason: the drafter may draft the month again.
    pub fn return_(
        &mut self,
        reviewer: &str,
        role: Role,
        at: NaiveDateTime,
        reason: &str,
    ) -> Result<(), InvoiceError> {
        self.review
            .return_(Subject::Invoice, reviewer, role, at, reason)?;
        Ok(())
    }

    fn expect(&self, status: InvoiceStatus, step: Step) -> Result<(), InvoiceError> {
        let now = self.status();
        if now == status {
            Ok(())
        } else {
            Err(InvoiceError::WrongStatus { status: now, step })
        }
    }

    /// 送付: the day it was sent to J-LIS, not before its approval and not after `today`. Late
    /// is allowed and flagged ([`Self::sent_late`]).
    pub fn mark_sent(&mut self, on: NaiveDate, today: NaiveDate) -> Result<(), InvoiceError> {
        self.expect(InvoiceStatus::Approved, Step::MarkSent)?;
        if self.approved_at().is_some_and(|at| on < at.date()) {
            return Err(DomainError::new(
                "on",
                "送付日は承認日より前にできません。",
                "sent before it was approved",
            )
            .into());
        }
        if on > today {
            return Err(DomainError::new(
                "on",
                "送付日に未来の日付は登録できません。",
                "sent in the future",
            )
            .into());
        }
        self.sent_on = Some(on);
        Ok(())
    }

    /// 入金: the day and the amount J-LIS paid, not before sending, not after `today`, above
    /// zero. A different amount is kept and flagged ([`Self::difference`]), not refused: the
    /// clerk records what the bank shows.
    pub fn mark_paid(
        &mut self,
        on: NaiveDate,
        amount: Yen,
        today: NaiveDate,
    ) -> Result<(), InvoiceError> {
        self.expect(InvoiceStatus::Sent, Step::MarkPaid)?;
        if self.sent_on.is_some_and(|sent| on < sent) {
            return Err(DomainError::new(
                "on",
                "入金日は送付日より前にできません。",
                "paid before it was sent",
            )
            .into());
        }
        if on > today {
            return Err(DomainError::new(
                "on",
                "入金日に未来の日付は登録できません。",
                "paid in the future",
            )
            .into());
        }
        if amount <= Yen::ZERO {
            return Err(DomainError::new(
                "amount",
                "入金額は1円以上で入力してください。",
                "a payment is above zero",
            )
            .into());
        }
        self.payment = Some(Payment { on, amount });
        Ok(())
    }

    /// Replaced by an approved correction: it stays readable, with its number and PDF.
    pub fn supersede(&mut self) -> Result<(), InvoiceError> {
        let status = self.status();
        if !status.is_fixed() || status == InvoiceStatus::Superseded {
            return Err(InvoiceError::WrongStatus {
                status,
                step: Step::Supersede,
            });
        }
        self.superseded = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::KindCode;
    use crate::master::OperatorCode;
    use crate::settlement::settle;
    use crate::statement::StatementLine;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }
    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn october() -> TargetMonth {
        TargetMonth::parse("2026-10").unwrap()
    }

    fn settlement(finalized: bool, fee: i64, live: bool) -> Settlement {
        let line = StatementLine {
            date: day("2026-10-01"),
            operator: OperatorCode::parse("0001").unwrap(),
            kind: KindCode::parse("01").unwrap(),
            issuances: 10,
            copies: 10,
            fees: Yen::new(fee * 10),
            commissions: Yen::new(1170),
        };
        settle(october(), finalized, &[line], live).unwrap()
    }

    fn drafted() -> Invoice {
        Invoice::draft(
            &settlement(true, 250, false),
            "tanaka",
            Role::Clerk,
            at("2026-11-10T09:00"),
        )
        .unwrap()
        .with_id(1)
    }

    fn approved() -> Invoice {
        let mut i = drafted();
        i.approve(
            "sato",
            Role::Supervisor,
            at("2026-11-11T10:00"),
            "千葉市第1号".into(),
        )
        .unwrap();
        i
    }

    #[test]
    fn a_draft_is_the_months_net_awaiting_a_supervisor() {
        let i = drafted();
        assert_eq!(i.amount(), Yen::new(2500 - 1170));
        assert_eq!(i.status(), InvoiceStatus::Draft);
        assert_eq!(i.document_number(), None, "numbered only on approval");
        assert_eq!(
            (i.invoice_by(), i.payment_by()),
            (day("2026-11-15"), day("2026-11-30"))
        );
    }

    #[test]
    fn only_a_clerk_drafts_and_only_a_month_that_is_ready() {
        let ready = settlement(true, 250, false);
        for role in [Role::Supervisor, Role::Helpdesk, Role::Admin] {
            assert!(matches!(
                Invoice::draft(&ready, "x", role, at("2026-11-10T09:00")),
                Err(InvoiceError::Forbidden(_))
            ));
        }
        for (s, why) in [
            (settlement(false, 250, false), Invoicing::NotFinal),
            (settlement(true, 100, false), Invoicing::NoInvoice),
            (settlement(true, 250, true), Invoicing::Invoiced),
        ] {
            let err =
                Invoice::draft(&s, "tanaka", Role::Clerk, at("2026-11-10T09:00")).unwrap_err();
            assert_eq!(
                err,
                InvoiceError::NotInvoiceable {
                    month: october(),
                    invoicing: why
                }
            );
            assert_eq!(Some(err.message_ja()), why.refusal_ja(october()));
        }
    }

    #[test]
    fn the_drafter_never_approves_and_approval_numbers_and_fixes_the_invoice() {
        let mut i = drafted();
        assert!(matches!(
            i.check_approval("tanaka", Role::Supervisor),
            Err(InvoiceError::Review(ReviewError::OwnDraft { .. }))
        ));
        assert!(matches!(
            i.check_approval("admin", Role::Admin),
            Err(InvoiceError::Review(ReviewError::Forbidden(_)))
        ));
        i.approve(
            "sato",
            Role::Supervisor,
            at("2026-11-11T10:00"),
            "千葉市第1号".into(),
        )
        .unwrap();
        assert_eq!(i.status(), InvoiceStatus::Approved);
        assert_eq!(i.document_number(), Some("千葉市第1号"));
        assert_eq!(i.approved_by(), Some("sato"));
        let err = i
            .return_("yamada", Role::Supervisor, at("2026-11-11T11:00"), "x")
            .unwrap_err();
        assert!(matches!(
            err,
            InvoiceError::Review(ReviewError::NotPending { .. })
        ));
    }

    #[test]
    fn a_returned_invoice_is_no_longer_live_and_takes_no_other_step() {
        let mut i = drafted();
        i.return_("sato", Role::Supervisor, at("2026-11-11T10:00"), "件数確認")
            .unwrap();
        assert_eq!(i.status(), InvoiceStatus::Returned);
        assert!(!i.status().is_live());
        assert_eq!(i.return_reason(), Some("件数確認"));
        assert!(i.mark_sent(day("2026-11-12"), day("2026-11-12")).is_err());
        assert!(!i.overdue(day("2026-12-31")), "no one's next step");
    }

    #[test]
    fn sent_only_when_approved_paid_only_when_sent_with_late_flags_and_the_difference() {
        let mut i = drafted();
        assert_eq!(
            i.mark_sent(day("2026-11-12"), day("2026-11-12"))
                .unwrap_err(),
            InvoiceError::WrongStatus {
                status: InvoiceStatus::Draft,
                step: Step::MarkSent
            }
        );
        let mut i2 = approved();
        assert_eq!(
            i2.mark_paid(day("2026-11-20"), Yen::new(1330), day("2026-11-20"))
                .unwrap_err()
                .message_ja(),
            "承認済の請求書には「入金の登録」はできません。",
            "payment only after sending"
        );
        assert!(
            i2.mark_sent(day("2026-11-10"), day("2026-11-20")).is_err(),
            "before approval"
        );
        assert!(
            i2.mark_sent(day("2026-11-21"), day("2026-11-20")).is_err(),
            "in the future"
        );
        i2.mark_sent(day("2026-11-16"), day("2026-11-16")).unwrap();
        assert_eq!(i2.status(), InvoiceStatus::Sent);
        assert_eq!(i2.sent_late(), Some(true), "the 16th is after the 15th");
        assert!(
            i2.mark_sent(day("2026-11-16"), day("2026-11-16")).is_err(),
            "set once"
        );
        assert!(i2
            .mark_paid(day("2026-12-01"), Yen::ZERO, day("2026-12-01"))
            .is_err());
        i2.mark_paid(day("2026-12-01"), Yen::new(1300), day("2026-12-01"))
            .unwrap();
        assert_eq!(i2.status(), InvoiceStatus::Paid);
        assert_eq!(i2.difference(), Some(Yen::new(-30)));
        assert_eq!(
            i2.paid_late(),
            Some(true),
            "December 1st is after November 30th"
        );
        i = approved();
        i.mark_sent(day("2026-11-15"), day("2026-11-15")).unwrap();
        i.mark_paid(day("2026-11-30"), Yen::new(1330), day("2026-11-30"))
            .unwrap();
        assert_eq!(
            (i.sent_late(), i.paid_late(), i.difference()),
            (Some(false), Some(false), Some(Yen::ZERO)),
            "the 15th and the month's end are on time"
        );
    }

    #[test]
    fn overdue_means_the_next_step_is_past_its_deadline() {
        let d = drafted();
        assert!(!d.overdue(day("2026-11-15")));
        assert!(d.overdue(day("2026-11-16")), "not sent after the 15th");
        let mut s = approved();
        s.mark_sent(day("2026-11-13"), day("2026-11-13")).unwrap();
        assert!(!s.overdue(day("2026-11-30")));
        assert!(
            s.overdue(day("2026-12-01")),
            "not paid after the month's end"
        );
        s.mark_paid(day("2026-12-02"), Yen::new(1330), day("2026-12-02"))
            .unwrap();
        assert!(!s.overdue(day("2027-01-01")), "paid is done");
    }

    #[test]
    fn a_correction_names_the_invoice_it_replaces_which_is_superseded_on_its_approval() {
        let old = approved();
        let live = settlement(true, 250, true);
        assert!(matches!(
            Invoice::correction(
                &drafted(),
                &live,
                "tanaka",
                Role::Clerk,
                at("2026-11-12T09:00"),
                "誤り"
            ),
            Err(InvoiceError::WrongStatus {
                status: InvoiceStatus::Draft,
                step: Step::Correct
            })
        ));
        let blank = Invoice::correction(
            &old,
            &live,
            "tanaka",
            Role::Clerk,
            at("2026-11-12T09:00"),
            " ",
        );
        assert!(matches!(blank, Err(InvoiceError::Invalid(e)) if e.field == "reason"));
        let c = Invoice::correction(
            &old,
            &live,
            "tanaka",
            Role::Clerk,
            at("2026-11-12T09:00"),
            "件数誤り",
        )
        .unwrap();
        assert_eq!(
            (c.replaces(), c.correction_reason()),
            (Some(1), Some("件数誤り"))
        );
        assert_eq!(c.status(), InvoiceStatus::Draft);
        let mut old = old;
        old.supersede().unwrap();
        assert_eq!(old.status(), InvoiceStatus::Superseded);
        assert_eq!(old.document_number(), Some("千葉市第1号"), "still readable");
        assert!(old.supersede().is_err());
        assert!(
            Invoice::correction(
                &old,
                &live,
                "tanaka",
                Role::Clerk,
                at("2026-11-12T09:00"),
                "再訂正"
            )
            .is_err(),
            "a superseded invoice is corrected through its correction"
        );
    }

    #[test]
    fn a_stored_invoice_that_no_step_could_produce_is_refused() {
        let good = InvoiceRecord {
            id: 3,
            target_month: october(),
            amount: Yen::new(1330),
            review: approved().review().clone(),
            document_number: Some("千葉市第1号".into()),
            replaces: None,
            correction_reason: None,
            sent_on: None,
            payment: None,
            superseded: false,
        };
        assert_eq!(
            Invoice::restore(good.clone()).unwrap().status(),
            InvoiceStatus::Approved
        );
        for bad in [
            InvoiceRecord {
                document_number: None,
                ..good.clone()
            },
            InvoiceRecord {
                payment: Some(Payment {
                    on: day("2026-11-20"),
                    amount: Yen::new(1),
                }),
                ..good.clone()
            },
            InvoiceRecord {
                replaces: Some(1),
                ..good.clone()
            },
        ] {
            assert!(Invoice::restore(bad).is_err());
        }
    }

    #[test]
    fn the_deadlines_are_the_calendars() {
        let cal =
            crate::calendar::BusinessCalendar::new(crate::calendar::HolidayTable::builtin(), []);
        let d = crate::calendar::deadlines(&cal, october());
        let i = drafted();
        assert_eq!(
            (i.invoice_by(), i.payment_by()),
            (d.invoice_by, d.payment_by)
        );
    }
}

/// How a month's invoice stands against one step of the monthly cycle (SCREENS.md: 済 / 未 /
/// 期限超過).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    /// 済.
    Done,
    /// 未, before its deadline.
    Open,
    /// 期限超過: past its deadline and not done.
    Overdue,
}

/// The two invoice steps of `month`'s cycle on `today`, from the month's invoices: 請求書送付
/// (sent by the 15th of M+1) and 入金 (paid by the end of M+1). Only the live invoice counts (a
/// returned or superseded one is no one's step); without one, nothing is done yet.
pub fn cycle_steps(
    month: TargetMonth,
    invoices: &[Invoice],
    today: NaiveDate,
) -> (StepState, StepState) {
    let live = invoices
        .iter()
        .filter(|i| i.target_month() == month && i.status().is_live())
        .max_by_key(|i| i.id());
    let state = |done: bool, by: NaiveDate| {
        if done {
            StepState::Done
        } else if today > by {
            StepState::Overdue
        } else {
            StepState::Open
        }
    };
    let (invoice_by, payment_by) = (month.next().day(15), month.next().last_day());
    (
        state(live.is_some_and(|i| i.sent_on().is_some()), invoice_by),
        state(live.is_some_and(|i| i.payment().is_some()), payment_by),
    )
}

#[cfg(test)]
mod cycle_tests {
    use super::*;

    #[test]
    fn without_a_live_invoice_the_steps_are_open_until_their_deadline_then_overdue() {
        let month = TargetMonth::parse("2026-10").unwrap();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            cycle_steps(month, &[], day("2026-11-15")),
            (StepState::Open, StepState::Open),
            "the 15th itself is still in time"
        );
        assert_eq!(
            cycle_steps(month, &[], day("2026-11-16")),
            (StepState::Overdue, StepState::Open)
        );
        assert_eq!(
            cycle_steps(month, &[], day("2026-12-01")),
            (StepState::Overdue, StepState::Overdue)
        );
    }
}
