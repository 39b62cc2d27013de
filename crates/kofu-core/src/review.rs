//! The four-eyes review (DOMAIN.md): a draft is approved, or returned with a reason, by someone
//! who holds the approving role and is not its drafter.
//!
//! One type for every reviewed document: a catalogue change request embeds a [`Review`] now, an
//! invoice will next. The embedding type keeps its own rules (who may draft it, a change's
//! effective day, an invoice's later life: sent, paid, superseded); this module holds only the
//! review's. The reviewer's role is an argument: the use case re-reads it in the approving
//! transaction, so a role taken away a minute ago no longer approves, and the check here is made
//! at the moment of the decision. An admin never approves: [`Action::Approve`] is the
//! supervisor's alone. No store, no audit entry, no clock.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::staff::{Action, Forbidden};
use crate::{DomainError, Role};

/// Where a review stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ReviewStatus {
    /// 起案: awaiting a supervisor.
    Drafted,
    /// 決裁済み.
    Approved { by: String, at: NaiveDateTime },
    /// 差戻し, with the reason for the drafter.
    Returned {
        by: String,
        at: NaiveDateTime,
        reason: String,
    },
}

impl ReviewStatus {
    /// `drafted`, `approved`, `returned`: the `state` tag.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Drafted => "drafted",
            Self::Approved { .. } => "approved",
            Self::Returned { .. } => "returned",
        }
    }

    pub fn label_ja(&self) -> &'static str {
        match self {
            Self::Drafted => "決裁待ち",
            Self::Approved { .. } => "決裁済み",
            Self::Returned { .. } => "差戻し",
        }
    }
}

/// What is being reviewed, for the messages the drafter and the reviewer read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A catalogue change request (変更).
    Change,
    /// A monthly invoice to J-LIS (請求書).
    Invoice,
}

impl Subject {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Change => "変更",
            Self::Invoice => "請求書",
        }
    }
}

/// The two decisions of a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Return,
}

/// Why a draft, an approval or a return was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// The role may not draft or approve at all.
    #[error(transparent)]
    Forbidden(#[from] Forbidden),
    /// Four-eyes: the drafter reviewing their own draft.
    #[error("{drafter} may not {decision:?} a {subject:?} they drafted")]
    OwnDraft {
        drafter: String,
        decision: Decision,
        subject: Subject,
    },
    /// Already approved or returned.
    #[error("the {subject:?} is {status}, not awaiting review")]
    NotPending {
        status: &'static str,
        subject: Subject,
    },
    #[error(transparent)]
    Invalid(#[from] DomainError),
}

impl ReviewError {
    /// The IPC/CLI error code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Forbidden(_) | Self::OwnDraft { .. } => "forbidden",
            Self::NotPending { .. } => "conflict",
            Self::Invalid(_) => "validation",
        }
    }

    /// What the member of staff reads.
    pub fn message_ja(&self) -> String {
        match self {
            Self::Forbidden(f) => f.message_ja(),
            Self::OwnDraft {
                decision: Decision::Approve,
                subject,
                ..
            } => format!("自分が起案した{}は承認できません。", subject.label_ja()),
            Self::OwnDraft {
                decision: Decision::Return,
                subject,
                ..
            } => format!("自分が起案した{}は差し戻せません。", subject.label_ja()),
            Self::NotPending { subject, .. } => format!(
                "この{}はすでに決裁または差戻しされています。",
                subject.label_ja()
            ),
            Self::Invalid(e) => e.message.clone(),
        }
    }
}

/// A draft's review: who drafted it when, and the decision. Fields are private: the status
/// moves only through [`Review::approve`] and [`Review::return_`]. Serialised as the three
/// fields `drafted_by`, `drafted_at`, `status`, which the embedding documents flatten into
/// their own JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Review {
    drafted_by: String,
    drafted_at: NaiveDateTime,
    status: ReviewStatus,
}

impl Review {
    /// A draft by `drafted_by` at `at`, awaiting review. Whether that person may draft this kind
    /// of document is the embedding type's rule (a change needs [`Action::DraftChange`], an
    /// invoice [`Action::DraftInvoice`]).
    pub fn draft(drafted_by: &str, at: NaiveDateTime) -> Self {
        Self {
            drafted_by: drafted_by.to_owned(),
            drafted_at: at,
            status: ReviewStatus::Drafted,
        }
    }

    pub fn drafted_by(&self) -> &str {
        &self.drafted_by
    }
    pub fn drafted_at(&self) -> NaiveDateTime {
        self.drafted_at
    }
    pub fn status(&self) -> &ReviewStatus {
        &self.status
    }
    pub fn is_pending(&self) -> bool {
        self.status == ReviewStatus::Drafted
    }
    pub fn is_approved(&self) -> bool {
        matches!(self.status, ReviewStatus::Approved { .. })
    }

    /// Whether `who`, holding `role` now, may make `decision` on this draft: the approving role,
    /// not the drafter, and the draft still pending. Login names are compared without regard to
    /// ASCII case: a store that treated `Tanaka` and `tanaka` as one person must not let them
    /// approve each other.
    pub fn check_reviewer(
        &self,
        subject: Subject,
        who: &str,
        role: Role,
        decision: Decision,
    ) -> Result<(), ReviewError> {
        role.ensure(Action::Approve)?;
        if who.trim().eq_ignore_ascii_case(self.drafted_by.trim()) {
            return Err(ReviewError::OwnDraft {
                drafter: self.drafted_by.clone(),
                decision,
                subject,
            });
        }
        if !self.is_pending() {
            return Err(ReviewError::NotPending {
                status: self.status.as_str(),
                subject,
            });
        }
        Ok(())
    }

    /// 決裁 by `approver`, whose role the caller has just re-read.
    pub fn approve(
        &mut self,
        subject: Subject,
        approver: &str,
        approver_role: Role,
        at: NaiveDateTime,
    ) -> Result<(), ReviewError> {
        self.check_reviewer(subject, approver, approver_role, Decision::Approve)?;
        self.status = ReviewStatus::Approved {
            by: approver.to_owned(),
            at,
        };
        Ok(())
    }

    /// 差戻し, with a reason for the drafter (trimmed; a blank one is refused). The same
    /// reviewers as [`Self::approve`].
    pub fn return_(
        &mut self,
        subject: Subject,
        reviewer: &str,
        reviewer_role: Role,
        at: NaiveDateTime,
        reason: &str,
    ) -> Result<(), ReviewError> {
        self.check_reviewer(subject, reviewer, reviewer_role, Decision::Return)?;
        // A reason is free text: no 個人番号 in it.
        let reason = crate::FreeText::parse("reason", reason)?;
        if reason.is_empty() {
            return Err(DomainError::new(
                "reason",
                "差戻しの理由を入力してください。",
                "a return needs a reason",
            )
            .into());
        }
        self.status = ReviewStatus::Returned {
            by: reviewer.to_owned(),
            at,
            reason: reason.into_string(),
        };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    fn invoice_draft() -> Review {
        Review::draft("tanaka", at("2026-11-05T09:00"))
    }

    #[test]
    fn the_drafter_never_reviews_their_own_draft_whatever_their_role() {
        let mut r = invoice_draft();
        let err = r
            .approve(
                Subject::Invoice,
                " TANAKA ",
                Role::Supervisor,
                at("2026-11-05T10:00"),
            )
            .unwrap_err();
        assert_eq!(err.message_ja(), "自分が起案した請求書は承認できません。");
        assert_eq!(err.code(), "forbidden");
        let err = r
            .return_(
                Subject::Invoice,
                "tanaka",
                Role::Supervisor,
                at("2026-11-05T10:00"),
                "x",
            )
            .unwrap_err();
        assert_eq!(err.message_ja(), "自分が起案した請求書は差し戻せません。");
        assert!(r.is_pending(), "a refusal changes nothing");
    }

    #[test]
    fn only_a_supervisor_approves_and_an_admin_never_does() {
        let mut r = invoice_draft();
        for role in [Role::Clerk, Role::Helpdesk, Role::Admin] {
            let err = r
                .approve(Subject::Invoice, "sato", role, at("2026-11-05T10:00"))
                .unwrap_err();
            assert!(
                matches!(err, ReviewError::Forbidden(_)),
                "{role:?} may not approve"
            );
        }
        let err = r
            .approve(
                Subject::Invoice,
                "sato",
                Role::Admin,
                at("2026-11-05T10:00"),
            )
            .unwrap_err();
        assert_eq!(
            err.message_ja(),
            "システム管理者の権限では「決裁」はできません。"
        );
        r.approve(
            Subject::Invoice,
            "sato",
            Role::Supervisor,
            at("2026-11-05T10:00"),
        )
        .unwrap();
        assert!(r.is_approved());
        assert_eq!(
            r.status(),
            &ReviewStatus::Approved {
                by: "sato".into(),
                at: at("2026-11-05T10:00")
            }
        );
    }

    #[test]
    fn a_decision_is_final() {
        let mut r = invoice_draft();
        r.return_(
            Subject::Invoice,
            "sato",
            Role::Supervisor,
            at("2026-11-05T10:00"),
            "  件数を確認してください ",
        )
        .unwrap();
        assert_eq!(
            r.status(),
            &ReviewStatus::Returned {
                by: "sato".into(),
                at: at("2026-11-05T10:00"),
                reason: "件数を確認してください".into()
            },
            "the reason is kept trimmed"
        );
        let err = r
            .approve(
                Subject::Invoice,
                "yamada",
                Role::Supervisor,
                at("2026-11-05T11:00"),
            )
            .unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert_eq!(
            err.message_ja(),
            "この請求書はすでに決裁または差戻しされています。"
        );
    }

    #[test]
    fn a_return_without_a_reason_is_refused() {
        let mut r = invoice_draft();
        let err = r
            .return_(
                Subject::Invoice,
                "sato",
                Role::Supervisor,
                at("2026-11-05T10:00"),
                " \n",
            )
            .unwrap_err();
        assert!(matches!(&err, ReviewError::Invalid(e) if e.field == "reason"));
        assert!(r.is_pending());
    }

    #[test]
    fn a_review_is_three_json_fields_with_a_tagged_status() {
        let r = invoice_draft();
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "drafted_by": "tanaka",
                "drafted_at": "2026-11-05T09:00:00",
                "status": {"state": "drafted"}
            })
        );
        assert_eq!(serde_json::from_value::<Review>(json).unwrap(), r);
    }
}
