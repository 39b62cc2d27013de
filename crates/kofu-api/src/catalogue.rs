//! The certificate catalogue as the city runs it (第7条–第9条, 第13条): what is offered at which
//! fee, when, the suspensions, and the four-eyes change requests whose approval applies a change
//! and records the change notice to J-LIS in the correspondence log.

use chrono::{NaiveDate, NaiveDateTime};
use kofu_core::calendar::wareki;
use kofu_core::catalogue::{
    available, entries, validate_emergency, validate_planned, Availability, Catalogue,
    CatalogueEntry, Change, ChangeRequest, ChangeStatus, CommissionSchedule, FeeRule, FeeSchedule,
    KindCode, ServiceHours, Suspension, SuspensionKind,
};
use kofu_core::document::DocumentKind;
use kofu_core::{Action, DomainError, FreeText};
use kofu_store::catalogue as repo;
use kofu_store::files::{self, FileOwner, OwnerKind};
use kofu_store::Sql;
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::{authorize, record, Actor, Desk, Error, Result};

/// A change request as the approval queue shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChangeRequestDto {
    #[ts(type = "number")]
    pub id: i64,
    pub summary: String,
    pub what: Change,
    /// `YYYY-MM-DD`
    pub effective_from: String,
    pub drafted_by: String,
    pub drafted_at: String,
    pub status: ChangeStatus,
    /// The document number of the notice sent to J-LIS on approval.
    pub notice_number: Option<String>,
}

/// One entry of the correspondence log with J-LIS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LetterDto {
    #[ts(type = "number")]
    pub id: i64,
    pub at: String,
    /// `sent` or `received`.
    pub direction: String,
    pub category: String,
    pub subject: String,
    pub document_number: Option<String>,
    pub body: String,
    pub attachments: Vec<String>,
    pub recorded_by: String,
}

impl LetterDto {
    /// The letter with the names of its files, in order (an index into them opens one with
    /// [`Desk::attachment`]).
    fn new(l: repo::Letter, attachments: Vec<String>) -> Self {
        Self {
            id: l.id,
            at: l.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            direction: l.direction,
            category: l.category,
            subject: l.subject,
            document_number: l.document_number,
            body: l.body,
            attachments,
            recorded_by: l.recorded_by,
        }
    }
}

/// Everything `available` and the listing need, as in force on one day.
struct State {
    catalogue: Catalogue,
    fees: FeeSchedule,
    commissions: CommissionSchedule,
    hours: ServiceHours,
    suspensions: Vec<Suspension>,
}

fn decode(e: DomainError) -> Error {
    Error::Store(kofu_store::StoreError::Decode {
        column: 0,
        detail: e.detail,
    })
}

fn state(tx: &mut dyn Sql, day: NaiveDate) -> Result<State> {
    Ok(State {
        catalogue: repo::catalogue(tx)?,
        fees: FeeSchedule::new(repo::fee_rules(tx)?).map_err(decode)?,
        commissions: CommissionSchedule::new(repo::commission_rules(tx)?).map_err(decode)?,
        hours: repo::hours_on(tx, day)?.unwrap_or_else(ServiceHours::standard),
        suspensions: repo::suspensions(tx)?,
    })
}

fn iso(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn dto(c: ChangeRequest, notice_number: Option<String>) -> ChangeRequestDto {
    ChangeRequestDto {
        id: c.id().unwrap_or_default(),
        summary: c.what().summary_ja(),
        what: c.what().clone(),
        effective_from: c.effective_from().format("%Y-%m-%d").to_string(),
        drafted_by: c.drafted_by().into(),
        drafted_at: iso(c.drafted_at()),
        status: c.status().clone(),
        notice_number,
    }
}

/// Installs a catalogue: kinds, fee and commission rules and the service hours from `since`.
pub(crate) fn install(
    tx: &mut dyn Sql,
    catalogue: &Catalogue,
    fees: &FeeSchedule,
    commissions: &CommissionSchedule,
    hours: &ServiceHours,
    since: NaiveDate,
) -> Result<()> {
    for k in catalogue.kinds() {
        repo::put_kind(tx, k)?;
    }
    for r in fees.rules() {
        repo::put_fee_rule(tx, r)?;
    }
    for r in commissions.rules() {
        repo::put_commission_rule(tx, r)?;
    }
    repo::put_hours(tx, since, hours)?;
    Ok(())
}

impl Desk {
    /// Every kind with the fee and commission in force on `on` (public reference data).
    pub fn catalogue_list(&self, on: NaiveDate) -> Result<Vec<CatalogueEntry>> {
        self.tx(|tx| {
            let s = state(tx, on)?;
            Ok(entries(&s.catalogue, &s.fees, &s.commissions, on))
        })
    }

    /// The fee rules of one kind, oldest first.
    pub fn fee_history(&self, kind: &str) -> Result<Vec<FeeRule>> {
        let kind = KindCode::parse(kind)?;
        self.tx(|tx| {
            Ok(repo::fee_rules(tx)?
                .into_iter()
                .filter(|r| r.kind == kind)
                .collect())
        })
    }

    pub fn service_hours(&self, on: NaiveDate) -> Result<ServiceHours> {
        self.tx(|tx| Ok(repo::hours_on(tx, on)?.unwrap_or_else(ServiceHours::standard)))
    }

    /// Whether `kind` can be issued at a store at `at`, and why not (public reference data).
    pub fn available(&self, kind: &str, at: NaiveDateTime) -> Result<Availability> {
        let kind = KindCode::parse(kind)?;
        let cal = self.business_calendar()?;
        self.tx(|tx| {
            let s = state(tx, at.date())?;
            Ok(available(
                kind,
                at,
                &s.catalogue,
                &s.hours,
                &s.suspensions,
                &cal,
            ))
        })
    }

    pub fn suspensions(&self) -> Result<Vec<Suspension>> {
        self.tx(|tx| Ok(repo::suspensions(tx)?))
    }

    /// Records a suspension. A planned maintenance must lie outside the service hours of every
    /// kind it covers (第8条2); an emergency stop needs the notice text for kiosks (第8条3).
    pub fn record_suspension(&self, actor: &Actor, mut s: Suspension) -> Result<Suspension> {
        let cal = self.business_calendar()?;
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::DraftChange)?;
            let st = state(tx, s.from.date())?;
            match s.kind {
                SuspensionKind::Planned => validate_planned(&s, &st.catalogue, &st.hours, &cal)?,
                SuspensionKind::Emergency => validate_emergency(&s, &st.catalogue)?,
            }
            let id = repo::insert_suspension(tx, &s, actor.name(), now)?;
            s.id = Some(id);
            record(
                tx,
                now,
                actor.name(),
                "suspension.add",
                &format!("suspension:{id}"),
                json!({"summary": s.describe()}),
            )?;
            Ok(s)
        })
    }

    /// 起案: a clerk drafts a change; it waits for a supervisor.
    pub fn draft_change(
        &self,
        actor: &Actor,
        what: Change,
        effective_from: NaiveDate,
    ) -> Result<ChangeRequestDto> {
        let now = self.now();
        self.tx(|tx| {
            let role = authorize(tx, actor, Action::DraftChange)?;
            let req = ChangeRequest::draft(what, effective_from, actor.name(), role, now)?;
            let id = repo::insert_change(tx, &req)?;
            let req = req.with_id(id);
            record(tx, now, actor.name(), "change.draft", &format!("change:{id}"), json!({"summary": req.what().summary_ja(), "effective_from": effective_from.to_string()}))?;
            Ok(dto(req, None))
        })
    }

    pub fn change_requests(&self, actor: &Actor) -> Result<Vec<ChangeRequestDto>> {
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewCatalogue)?;
            let letters = repo::letters(tx)?;
            Ok(repo::changes(tx)?
                .into_iter()
                .map(|c| {
                    let number = letters
                        .iter()
                        .find(|l| l.change_request == c.id())
                        .and_then(|l| l.document_number.clone());
                    dto(c, number)
                })
                .collect())
        })
    }

    /// 決裁: a supervisor other than the drafter approves; the change is applied from its
    /// effective day and a change notice to J-LIS (PDF) is numbered and logged (第7条, 第13条).
    pub fn approve_change(&self, actor: &Actor, id: i64) -> Result<ChangeRequestDto> {
        let now = self.now();
        // The notice PDF is stored in the transaction: it exists only if the approval commits.
        self.tx(|tx| {
            let role = authorize(tx, actor, Action::Approve)?;
            let mut req = repo::change(tx, id)?.ok_or_else(|| {
                Error::not_found(format!("変更申請 {id}"), format!("change request {id}"))
            })?;
            req.approve(actor.name(), role, now)?;
            apply(tx, req.what(), req.effective_from())?;
            repo::update_change(tx, id, &req)?;
            let number: String =
                crate::documents::issue(tx, DocumentKind::ChangeNotice, now.date())?.into();
            let profile = kofu_store::profile::get(tx)?;
            let effective = wareki::format_date(req.effective_from())
                .unwrap_or_else(|_| req.effective_from().to_string());
            let pdf = notice_pdf(profile.as_ref(), &number, now.date(), &req, &effective);
            let letter = repo::insert_letter(
                tx,
                &repo::Letter {
                    id: 0,
                    at: now,
                    direction: "sent".into(),
                    category: "catalogue_change".into(),
                    subject: format!(
                        "証明書等自動交付に係る設定の変更について（通知）: {}",
                        req.what().summary_ja()
                    ),
                    document_number: Some(number.clone()),
                    body: format!(
                        "{effective}から次のとおり変更します。\n{}",
                        req.what().summary_ja()
                    ),
                    change_request: Some(id),
                    recorded_by: actor.name().into(),
                },
            )?;
            files::put(
                tx,
                FileOwner::letter(letter),
                &format!("変更通知_{number}.pdf"),
                &pdf,
                now,
            )?;
            record(
                tx,
                now,
                actor.name(),
                "change.approve",
                &format!("change:{id}"),
                json!({"summary": req.what().summary_ja(), "notice": number}),
            )?;
            Ok(dto(req, Some(number)))
        })
    }

    /// 差戻し with a reason; nothing is applied.
    pub fn return_change(&self, actor: &Actor, id: i64, reason: &str) -> Result<ChangeRequestDto> {
        let now = self.now();
        self.tx(|tx| {
            let role = authorize(tx, actor, Action::Approve)?;
            let mut req = repo::change(tx, id)?.ok_or_else(|| {
                Error::not_found(format!("変更申請 {id}"), format!("change request {id}"))
            })?;
            req.return_(actor.name(), role, now, reason)?;
            repo::update_change(tx, id, &req)?;
            record(
                tx,
                now,
                actor.name(),
                "change.return",
                &format!("change:{id}"),
                json!({"reason": reason}),
            )?;
            Ok(dto(req, None))
        })
    }

    pub fn correspondence(&self, actor: &Actor) -> Result<Vec<LetterDto>> {
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewCatalogue)?;
            let mut names: std::collections::HashMap<i64, Vec<String>> = Default::default();
            for f in files::list_kind(tx, OwnerKind::Letter)? {
                names.entry(f.owner.id).or_default().push(f.display_name);
            }
            Ok(repo::letters(tx)?
                .into_iter()
                .map(|l| {
                    let attachments = names.remove(&l.id).unwrap_or_default();
                    LetterDto::new(l, attachments)
                })
                .collect())
        })
    }

    /// One file of a letter, by its place in [`LetterDto::attachments`], to open or save a copy.
    /// A file stored by a version before the files table is moved into the database from this
    /// desk's old files folder on the way.
    pub fn attachment(&self, actor: &Actor, letter_id: i64, index: u32) -> Result<AttachmentFile> {
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewCatalogue)?;
            let file = files::get(tx, FileOwner::letter(letter_id), index)?.ok_or_else(|| {
                Error::not_found(
                    format!("文書 {letter_id} の添付 {}", index + 1),
                    format!("attachment {index} of letter {letter_id}"),
                )
            })?;
            let contents = if file.is_legacy() {
                files::adopt(tx, &file, &self.files)?
            } else {
                files::read(tx, &file)?
            };
            Ok(AttachmentFile {
                name: file.name,
                display_name: file.display_name,
                contents,
            })
        })
    }
}

/// Applies an approved change to the live configuration.
fn apply(tx: &mut dyn Sql, what: &Change, from: NaiveDate) -> Result<()> {
    match what {
        Change::AddKind(k) => {
            let mut c = repo::catalogue(tx)?;
            c.add(k.clone())?;
            repo::put_kind(tx, k)?;
        }
        Change::UpdateKind(k) => {
            let mut c = repo::catalogue(tx)?;
            c.update(k.clone())?;
            repo::put_kind(tx, k)?;
        }
        Change::SetFee(rule) => {
            FeeSchedule::new(repo::fee_rules(tx)?)
                .map_err(decode)?
                .with_rule(rule.clone())?;
            repo::put_fee_rule(tx, rule)?;
        }
        Change::SetCommission(rule) => {
            CommissionSchedule::new(repo::commission_rules(tx)?)
                .map_err(decode)?
                .with_rule(rule.clone())?;
            repo::put_commission_rule(tx, rule)?;
        }
        Change::SetHours { kind, hours } => {
            let mut h = repo::hours_on(tx, from)?.unwrap_or_else(ServiceHours::standard);
            h.set_hours(*kind, hours.clone())?;
            repo::put_hours(tx, from, &h)?;
        }
        Change::SetClosedDays { closed_days } => {
            let mut h = repo::hours_on(tx, from)?.unwrap_or_else(ServiceHours::standard);
            h.set_closed_days(closed_days.clone());
            repo::put_hours(tx, from, &h)?;
        }
    }
    Ok(())
}

/// A stored file's contents, with the name to save it under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentFile {
    /// Safe on every file system (device names, reserved characters and length handled).
    pub name: String,
    /// As the sender named it.
    pub display_name: String,
    pub contents: Vec<u8>,
}

/// A notice received from J-LIS (a suspension, a correction, …) as a clerk records it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, TS)]
#[ts(export)]
pub struct ReceivedLetterInput {
    /// `YYYY-MM-DDTHH:MM[:SS]`, Japan time.
    pub at: String,
    /// `suspension`, `correction`, `incident`, `catalogue_change` or `other`.
    pub category: String,
    pub subject: String,
    pub document_number: Option<String>,
    pub body: String,
}

const CATEGORIES: [&str; 5] = [
    "suspension",
    "correction",
    "incident",
    "catalogue_change",
    "other",
];

impl Desk {
    /// Records a notice received from J-LIS with its attachments, stored with the letter in one
    /// transaction: each letter has its own files, and a refused letter leaves none behind.
    pub fn record_received(
        &self,
        actor: &Actor,
        input: &ReceivedLetterInput,
        attachments: &[(String, Vec<u8>)],
    ) -> Result<LetterDto> {
        let at = kofu_core::input::parse_datetime("at", &input.at)?;
        if !CATEGORIES.contains(&input.category.as_str()) {
            return Err(DomainError::new(
                "category",
                format!("種別 '{}' はありません。", input.category),
                "unknown correspondence category",
            )
            .into());
        }
        if input.subject.trim().is_empty() {
            return Err(DomainError::new(
                "subject",
                "件名を入力してください。",
                "subject is required",
            )
            .into());
        }
        let subject = FreeText::parse("subject", &input.subject)?;
        let body = FreeText::parse("body", &input.body)?;
        for (name, _) in attachments {
            FreeText::parse("attachments", name)?;
        }
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::RecordCorrespondence)?;
            let letter = repo::Letter {
                id: 0,
                at,
                direction: "received".into(),
                category: input.category.clone(),
                subject: subject.into_string(),
                document_number: input
                    .document_number
                    .clone()
                    .filter(|n| !n.trim().is_empty()),
                body: body.into_string(),
                change_request: None,
                recorded_by: actor.name().into(),
            };
            let id = repo::insert_letter(tx, &letter)?;
            let mut names = Vec::with_capacity(attachments.len());
            for (name, contents) in attachments {
                names
                    .push(files::put(tx, FileOwner::letter(id), name, contents, now)?.display_name);
            }
            record(
                tx,
                now,
                actor.name(),
                "correspondence.received",
                &format!("letter:{id}"),
                json!({"subject": letter.subject, "attachments": names.len()}),
            )?;
            Ok(LetterDto::new(repo::Letter { id, ..letter }, names))
        })
    }
}

/// The change notice to J-LIS (第7条: J-LIS tells the operators), as a PDF.
fn notice_pdf(
    profile: Option<&kofu_core::MunicipalityProfile>,
    number: &str,
    today: NaiveDate,
    req: &ChangeRequest,
    effective: &str,
) -> Vec<u8> {
    let (sender, contact) = match profile {
        Some(p) => (
            format!("{}　{}", p.mayor_title, p.mayor_name),
            format!(
                "担当: {}　{}\n電話: {}　{}",
                p.department, p.contact_name, p.contact_phone, p.contact_email
            ),
        ),
        None => (String::new(), String::new()),
    };
    let category = match req.what() {
        Change::AddKind(_) => "証明書の追加",
        Change::UpdateKind(_) => "証明書の変更",
        Change::SetFee(_) => "交付手数料",
        Change::SetCommission(_) => "委託手数料",
        Change::SetHours { .. } => "サービス提供時間",
        Change::SetClosedDays { .. } => "休止日",
    };
    kofu_pdf::change_notice(&kofu_pdf::ChangeNotice {
        letterhead: kofu_pdf::Letterhead {
            document_number: number.into(),
            date: wareki::format_date(today).unwrap_or_else(|_| today.to_string()),
            addressee: "地方公共団体情報システム機構 理事長".into(),
            sender_lines: vec![sender],
        },
        subject: format!("証明書等自動交付に係る{category}の変更について（通知）"),
        intro: "このことについて、証明書等自動交付事務委託仕様書に基づき、下記のとおり変更しますので通知します。".into(),
        changes: kofu_pdf::Table {
            headers: vec!["区分".into(), "変更内容".into()],
            rows: vec![vec![category.into(), req.what().summary_ja()]],
            right_aligned: vec![false, false],
            ..Default::default()
        },
        effective_date: effective.into(),
        contact,
    })
}
