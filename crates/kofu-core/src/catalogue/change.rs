//! Change requests: how the catalogue, fees, commissions and hours change (第7条, 第8条).
//!
//! A clerk drafts a [`Change`] with the day it takes effect; a supervisor other than the drafter
//! approves it or returns it with a reason (four-eyes, DOMAIN.md). Only an approved change is
//! applied, by the use case, with the schedules' own operations ([`super::FeeSchedule::with_rule`],
//! [`super::ServiceHours::set_hours`], …), and each one becomes a change notice to J-LIS. A returned
//! request stays as it was, for the record; the clerk drafts a new one. This module holds the
//! rules of the request's life only: no store, no notice, no audit entry.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::closed::ClosedDays;
use super::fees::{CommissionRule, FeeRule};
use super::hours::WeeklyHours;
use super::{CertificateKind, KindCode};
pub use crate::review::ReviewError;
use crate::review::{Decision, Review, ReviewStatus, Subject};
use crate::staff::Action;
use crate::{DomainError, Role};

/// What a request changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    /// A new kind offered at stores (第7条: J-LIS notifies the operators).
    AddKind(CertificateKind),
    /// A new name or `enabled` for an existing kind.
    UpdateKind(CertificateKind),
    /// A fee rule; one with the same kind and start day replaces it.
    SetFee(FeeRule),
    /// A commission rule; one with the same scope and start day replaces it.
    SetCommission(CommissionRule),
    /// The hours of one kind, or the default hours (`kind: null`).
    SetHours {
        kind: Option<KindCode>,
        hours: WeeklyHours,
    },
    /// The closed days of every kind (12/29–1/3 by default).
    SetClosedDays { closed_days: Vec<ClosedDays> },
}

impl Change {
    /// The change on its own: valid values, and a fee or commission that starts on the request's
    /// effective day (one date, so the notice to J-LIS and the schedule cannot disagree).
    pub fn validate(&self, effective_from: NaiveDate) -> Result<(), DomainError> {
        let starts = |from: NaiveDate| {
            if from == effective_from {
                Ok(())
            } else {
                Err(DomainError::new(
                    "effective_from",
                    format!("適用開始日（{effective_from}）と料金の開始日（{from}）をそろえてください。"),
                    format!("effective date {effective_from} differs from the rule's start {from}"),
                ))
            }
        };
        match self {
            Self::AddKind(k) | Self::UpdateKind(k) => k.validate(),
            Self::SetFee(rule) => {
                rule.validate()?;
                starts(rule.period.from)
            }
            Self::SetCommission(rule) => {
                rule.validate()?;
                starts(rule.period.from)
            }
            Self::SetHours { hours, .. } => hours.validate(),
            Self::SetClosedDays { closed_days } => {
                for c in closed_days {
                    c.label.check("closed_days")?;
                }
                match closed_days
                    .iter()
                    .find(|c| c.label.as_str().trim().is_empty())
                {
                    Some(c) => Err(DomainError::new(
                        "closed_days",
                        format!(
                            "休止日 {}〜{} に名称（例: 年末年始）を入力してください。",
                            c.from, c.until
                        ),
                        "closed days without a label",
                    )),
                    None => Ok(()),
                }
            }
        }
    }

    /// One line for the approval queue and the change notice, e.g.
    /// 「手数料の変更: 01 2026-10-01〜2026-12-31 200円（キャンペーン）」.
    pub fn summary_ja(&self) -> String {
        match self {
            Self::AddKind(k) => format!("証明書の追加: {} {}", k.code, k.name),
            Self::UpdateKind(k) => format!(
                "証明書の変更: {} {}（{}）",
                k.code,
                k.name,
                if k.enabled {
                    "交付対象"
                } else {
                    "交付停止"
                }
            ),
            Self::SetFee(rule) => format!("手数料の変更: {} {}", rule.kind, rule.describe()),
            Self::SetCommission(rule) => format!("委託手数料の変更: {}", rule.describe()),
            Self::SetHours { kind, .. } => match kind {
                Some(k) => format!("提供時間の変更: 証明書種別 {k}"),
                None => "提供時間の変更: 既定（個別設定のない証明書）".to_owned(),
            },
            Self::SetClosedDays { closed_days } => format!(
                "休止日の変更: {}",
                closed_days
                    .iter()
                    .map(ClosedDays::describe)
                    .collect::<Vec<_>>()
                    .join("、")
            ),
        }
    }
}

/// Where a request stands: the four-eyes review's status (kept under this name for callers of
/// the catalogue).
pub type ChangeStatus = ReviewStatus;

/// A drafted change and its review. Fields are private: the status moves only through
/// [`ChangeRequest::approve`] and [`ChangeRequest::return_`], which enforce the four-eyes rule
/// through the embedded [`Review`] (flattened: the JSON keeps `drafted_by`, `drafted_at` and
/// `status` at the top level).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChangeRequest {
    #[ts(type = "number | null")]
    id: Option<i64>,
    what: Change,
    effective_from: NaiveDate,
    #[serde(flatten)]
    #[ts(flatten)]
    review: Review,
}

impl ChangeRequest {
    /// A clerk drafts `what`, to take effect on `effective_from` (today at the earliest: a change
    /// never applies to days already past).
    pub fn draft(
        what: Change,
        effective_from: NaiveDate,
        drafted_by: &str,
        drafter_role: Role,
        at: NaiveDateTime,
    ) -> Result<Self, ReviewError> {
        drafter_role.ensure(Action::DraftChange)?;
        if effective_from < at.date() {
            return Err(DomainError::new(
                "effective_from",
                format!("適用開始日（{effective_from}）に過去の日付は指定できません。"),
                format!(
                    "effective date {effective_from} is before the draft date {}",
                    at.date()
                ),
            )
            .into());
        }
        what.validate(effective_from)?;
        Ok(Self {
            id: None,
            what,
            effective_from,
            review: Review::draft(drafted_by, at),
        })
    }

    /// The same request with the id the store gave it.
    pub fn with_id(mut self, id: i64) -> Self {
        self.id = Some(id);
        self
    }

    pub fn id(&self) -> Option<i64> {
        self.id
    }
    pub fn what(&self) -> &Change {
        &self.what
    }
    pub fn effective_from(&self) -> NaiveDate {
        self.effective_from
    }
    pub fn review(&self) -> &Review {
        &self.review
    }
    pub fn drafted_by(&self) -> &str {
        self.review.drafted_by()
    }
    pub fn drafted_at(&self) -> NaiveDateTime {
        self.review.drafted_at()
    }
    pub fn status(&self) -> &ChangeStatus {
        self.review.status()
    }
    pub fn is_pending(&self) -> bool {
        self.review.is_pending()
    }

    /// 決裁. Refused for a role other than supervisor, for the drafter, for a request already
    /// decided, and after the effective day (approving then would apply the change to days
    /// already past; return it and draft it again with a new date). Approving on the effective
    /// day itself is allowed.
    pub fn approve(
        &mut self,
        approver: &str,
        approver_role: Role,
        at: NaiveDateTime,
    ) -> Result<(), ReviewError> {
        self.review
            .check_reviewer(Subject::Change, approver, approver_role, Decision::Approve)?;
        if at.date() > self.effective_from {
            return Err(DomainError::new(
                "effective_from",
                format!(
                    "適用開始日（{}）を過ぎているため承認できません。差し戻して適用開始日を見直してください。",
                    self.effective_from
                ),
                format!(
                    "approval on {} is after the effective date {}",
                    at.date(),
                    self.effective_from
                ),
            )
            .into());
        }
        self.review
            .approve(Subject::Change, approver, approver_role, at)
    }

    /// 差戻し, with a reason for the drafter. The same reviewers as [`Self::approve`].
    pub fn return_(
        &mut self,
        reviewer: &str,
        reviewer_role: Role,
        at: NaiveDateTime,
        reason: &str,
    ) -> Result<(), ReviewError> {
        self.review
            .return_(Subject::Change, reviewer, reviewer_role, at, reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Period;
    use crate::money::Yen;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    fn campaign() -> Change {
        Change::SetFee(FeeRule {
            kind: KindCode::parse("01").unwrap(),
            period: Period::new(d("2026-10-01"), Some(d("2026-12-31"))).unwrap(),
            fee: Yen::new(200),
            note: crate::FreeText::parse("note", "キャンペーン").unwrap(),
        })
    }

    fn drafted() -> ChangeRequest {
        ChangeRequest::draft(
            campaign(),
            d("2026-10-01"),
            "tanaka",
            Role::Clerk,
            at("2026-09-01T10:00"),
        )
        .unwrap()
    }

    #[test]
    fn a_clerk_cannot_approve_their_own_change() {
        // Even were the drafter given the supervisor role later, four-eyes still holds.
        let mut req = drafted();
        let err = req
            .approve("tanaka", Role::Supervisor, at("2026-09-02T10:00"))
            .unwrap_err();
        assert_eq!(err.message_ja(), "自分が起案した変更は承認できません。");
        assert_eq!(err.code(), "forbidden");
        let err = req
            .approve("Tanaka", Role::Supervisor, at("2026-09-02T10:00"))
            .unwrap_err();
        assert!(
            matches!(err, ReviewError::OwnDraft { .. }),
            "names are compared case-insensitively"
        );
        assert!(req.is_pending(), "a refusal changes nothing");
    }

    #[test]
    fn a_non_supervisor_cannot_approve() {
        let mut req = drafted();
        for role in [Role::Clerk, Role::Helpdesk, Role::Admin] {
            let err = req
                .approve("suzuki", role, at("2026-09-02T10:00"))
                .unwrap_err();
            assert!(
                matches!(err, ReviewError::Forbidden(_)),
                "{role:?} may not approve"
            );
        }
        let err = req
            .approve("suzuki", Role::Clerk, at("2026-09-02T10:00"))
            .unwrap_err();
        assert_eq!(err.message_ja(), "事務担当の権限では「決裁」はできません。");
        assert!(req.is_pending());
    }

    #[test]
    fn another_supervisor_approves_once() {
        let mut req = drafted();
        req.approve("sato", Role::Supervisor, at("2026-09-02T10:00"))
            .unwrap();
        assert_eq!(
            req.status(),
            &ChangeStatus::Approved {
                by: "sato".into(),
                at: at("2026-09-02T10:00")
            }
        );
        let again = req
            .approve("yamada", Role::Supervisor, at("2026-09-03T10:00"))
            .unwrap_err();
        assert_eq!(again.code(), "conflict", "a decision is final");
    }

    #[test]
    fn a_change_cannot_be_approved_after_its_effective_day() {
        let mut req = drafted();
        assert!(
            req.clone()
                .approve("sato", Role::Supervisor, at("2026-10-01T08:30"))
                .is_ok(),
            "on the effective day itself"
        );
        let err = req
            .approve("sato", Role::Supervisor, at("2026-10-02T08:30"))
            .unwrap_err();
        assert!(
            matches!(&err, ReviewError::Invalid(e) if e.field == "effective_from"),
            "{err:?}"
        );
    }

    #[test]
    fn a_return_needs_a_supervisor_and_a_reason() {
        let mut req = drafted();
        let err = req
            .return_("sato", Role::Supervisor, at("2026-09-02T10:00"), "  ")
            .unwrap_err();
        assert_eq!(err.message_ja(), "差戻しの理由を入力してください。");
        let own = req
            .return_("tanaka", Role::Supervisor, at("2026-09-02T10:00"), "x")
            .unwrap_err();
        assert_eq!(own.message_ja(), "自分が起案した変更は差し戻せません。");
        assert!(req
            .return_("sato", Role::Clerk, at("2026-09-02T10:00"), "x")
            .is_err());
        req.return_(
            "sato",
            Role::Supervisor,
            at("2026-09-02T10:00"),
            "期間を確認してください",
        )
        .unwrap();
        assert!(
            matches!(req.status(), ChangeStatus::Returned { reason, .. } if reason == "期間を確認してください")
        );
        assert!(
            req.approve("sato", Role::Supervisor, at("2026-09-03T10:00"))
                .is_err(),
            "a returned request is not approved later: a new one is drafted"
        );
    }

    #[test]
    fn only_a_clerk_drafts_and_never_for_a_past_day_or_a_mismatched_start() {
        let now = at("2026-09-01T10:00");
        assert!(matches!(
            ChangeRequest::draft(campaign(), d("2026-10-01"), "sato", Role::Supervisor, now),
            Err(ReviewError::Forbidden(_))
        ));
        let past = ChangeRequest::draft(campaign(), d("2026-08-31"), "tanaka", Role::Clerk, now);
        assert!(matches!(past, Err(ReviewError::Invalid(e)) if e.field == "effective_from"));
        let mismatch =
            ChangeRequest::draft(campaign(), d("2026-09-15"), "tanaka", Role::Clerk, now)
                .unwrap_err();
        assert!(
            mismatch.message_ja().contains("料金の開始日（2026-10-01）"),
            "{mismatch:?}"
        );
    }

    #[test]
    fn a_change_request_is_a_json_document_with_a_tagged_change_and_status() {
        let mut req = drafted().with_id(7);
        req.approve("sato", Role::Supervisor, at("2026-09-02T10:00"))
            .unwrap();
        let json = serde_json::to_value(&req).unwrap();
        assert_eq!(json["id"], 7);
        assert_eq!(json["what"]["type"], "set_fee");
        assert_eq!(json["what"]["fee"], 200);
        assert_eq!(json["status"]["state"], "approved");
        assert_eq!(json["status"]["by"], "sato");
        assert_eq!(serde_json::from_value::<ChangeRequest>(json).unwrap(), req);
        assert_eq!(
            req.what().summary_ja(),
            "手数料の変更: 01 2026-10-01〜2026-12-31 200円（キャンペーン）"
        );
    }
}
