//! `kofu catalogue|hours|service|suspension|change|correspondence`.

use kofu_api::Error;
use kofu_core::catalogue::{
    CertificateKind, Change, DayRule, FeeRule, KindCode, Period, Scope, Suspension, SuspensionKind,
    TimeOfDay, TimeWindow, WeeklyHours,
};
use kofu_core::money::Yen;
use kofu_core::{DomainError, FreeText};

use crate::args::*;
use crate::desk::{date_arg, datetime_arg, open, sign_in, Result};
use crate::output::emit;

fn window(s: &str) -> Result<TimeWindow> {
    let (a, b) = s.split_once('-').ok_or_else(|| {
        Error::from(DomainError::new(
            "window",
            format!("時間帯 '{s}' は 06:30-23:00 の形式で入力してください。"),
            format!("window '{s}' is not HH:MM-HH:MM"),
        ))
    })?;
    Ok(TimeWindow::new(TimeOfDay::parse(a)?, TimeOfDay::parse(b)?)?)
}

pub fn catalogue(cli: &Cli, cmd: &CatalogueCommand) -> Result<()> {
    let desk = open(cli)?;
    match cmd {
        CatalogueCommand::List { on } => {
            let on = match on {
                Some(d) => date_arg("on", d)?,
                None => desk.now().date(),
            };
            let list = desk.catalogue_list(on)?;
            emit(cli.json, &list, || {
                list.iter()
                    .map(|e| {
                        let fee = e.fee.map_or("未設定".to_string(), |f| f.to_string());
                        format!(
                            "{} {}\t{}\t{}",
                            e.code,
                            e.name,
                            fee,
                            if e.enabled { "交付対象" } else { "停止" }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        CatalogueCommand::Fees { kind } => {
            let rules = desk.fee_history(kind)?;
            emit(cli.json, &rules, || {
                rules
                    .iter()
                    .map(|r| format!("{} {}", r.kind, r.describe()))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        CatalogueCommand::SetFee {
            kind,
            fee,
            from,
            until,
            note,
        } => {
            let from = date_arg("from", from)?;
            let until = until.as_deref().map(|u| date_arg("until", u)).transpose()?;
            let rule = FeeRule {
                kind: KindCode::parse(kind)?,
                period: Period::new(from, until)?,
                fee: Yen::new(*fee),
                note: FreeText::parse("note", note)?,
            };
            draft(cli, &desk, Change::SetFee(rule), from)?;
        }
        CatalogueCommand::AddKind { code, name, from } => {
            let kind = CertificateKind {
                code: KindCode::parse(code)?,
                name: FreeText::parse("name", name)?,
                enabled: true,
            };
            draft(cli, &desk, Change::AddKind(kind), date_arg("from", from)?)?;
        }
        CatalogueCommand::UpdateKind {
            code,
            name,
            enabled,
            from,
        } => {
            let code = KindCode::parse(code)?;
            let current = desk
                .catalogue_list(desk.now().date())?
                .into_iter()
                .find(|e| e.code == code)
                .ok_or_else(|| {
                    Error::not_found(
                        format!("証明書種別 '{code}'"),
                        format!("certificate kind '{code}'"),
                    )
                })?;
            let kind = CertificateKind {
                code,
                name: match name {
                    Some(n) => FreeText::parse("name", n)?,
                    None => FreeText::parse("name", &current.name)?,
                },
                enabled: enabled.unwrap_or(current.enabled),
            };
            draft(
                cli,
                &desk,
                Change::UpdateKind(kind),
                date_arg("from", from)?,
            )?;
        }
    }
    Ok(())
}

fn draft(cli: &Cli, desk: &kofu_api::Desk, what: Change, from: chrono::NaiveDate) -> Result<()> {
    let actor = sign_in(cli, desk)?;
    let req = desk.draft_change(&actor, what, from)?;
    emit(cli.json, &req, || {
        format!(
            "変更を起案しました（申請番号 {}）: {}。決裁者の承認後に適用されます。",
            req.id, req.summary
        )
    });
    Ok(())
}

pub fn hours(cli: &Cli, cmd: &HoursCommand) -> Result<()> {
    let desk = open(cli)?;
    match cmd {
        HoursCommand::Show { on } => {
            let on = match on {
                Some(d) => date_arg("on", d)?,
                None => desk.now().date(),
            };
            let h = desk.service_hours(on)?;
            emit(cli.json, &h, || {
                let mut lines = vec![format!(
                    "既定: {}",
                    h.default_hours()
                        .weekday_summary()
                        .unwrap_or_else(|| "曜日ごとに設定".into())
                )];
                for (k, w) in h.by_kind() {
                    let rule = if w.rule == DayRule::BusinessDaysOnly {
                        "（開庁日のみ）"
                    } else {
                        ""
                    };
                    lines.push(format!(
                        "{k}: {}{rule}",
                        w.weekday_summary()
                            .unwrap_or_else(|| "曜日ごとに設定".into())
                    ));
                }
                lines.join("\n")
            });
        }
        HoursCommand::Set {
            kind,
            window: w,
            business_days_only,
            from,
        } => {
            let w = window(w)?;
            let hours = if *business_days_only {
                WeeklyHours::business_days(w)
            } else {
                WeeklyHours::every_day(w)
            };
            let kind = kind.as_deref().map(KindCode::parse).transpose()?;
            draft(
                cli,
                &desk,
                Change::SetHours { kind, hours },
                date_arg("from", from)?,
            )?;
        }
    }
    Ok(())
}

pub fn service(cli: &Cli, cmd: &ServiceCommand) -> Result<()> {
    let ServiceCommand::Available { kind, at } = cmd;
    let desk = open(cli)?;
    let a = desk.available(kind, datetime_arg("at", at)?)?;
    emit(cli.json, &a, || match &a.reason {
        None => "交付できます。".to_string(),
        Some(r) => format!("交付できません: {r}"),
    });
    Ok(())
}

pub fn suspension(cli: &Cli, cmd: &SuspensionCommand) -> Result<()> {
    let desk = open(cli)?;
    match cmd {
        SuspensionCommand::List => {
            let list = desk.suspensions()?;
            emit(cli.json, &list, || {
                list.iter()
                    .map(Suspension::describe)
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        SuspensionCommand::Add {
            emergency,
            from,
            until,
            reason,
            notice,
            kinds,
        } => {
            let actor = sign_in(cli, &desk)?;
            let scope = if kinds.is_empty() {
                Scope::All
            } else {
                Scope::Kinds(
                    kinds
                        .iter()
                        .map(|k| KindCode::parse(k))
                        .collect::<std::result::Result<_, _>>()?,
                )
            };
            let s = Suspension {
                id: None,
                kind: if *emergency {
                    SuspensionKind::Emergency
                } else {
                    SuspensionKind::Planned
                },
                scope,
                from: datetime_arg("from", from)?,
                until: datetime_arg("until", until)?,
                reason: FreeText::parse("reason", reason)?,
                notice_text: notice
                    .as_deref()
                    .map(|n| FreeText::parse("notice_text", n))
                    .transpose()?,
            };
            let s = desk.record_suspension(&actor, s)?;
            emit(cli.json, &s, || {
                format!("停止を登録しました: {}", s.describe())
            });
        }
    }
    Ok(())
}

pub fn change(cli: &Cli, cmd: &ChangeCommand) -> Result<()> {
    let desk = open(cli)?;
    let actor = sign_in(cli, &desk)?;
    match cmd {
        ChangeCommand::List => {
            let list = desk.change_requests(&actor)?;
            emit(cli.json, &list, || {
                list.iter()
                    .map(|c| {
                        format!(
                            "{}\t{}\t{}\t{}\t{}",
                            c.id,
                            c.status.label_ja(),
                            c.effective_from,
                            c.drafted_by,
                            c.summary
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ChangeCommand::Approve { id } => {
            let c = desk.approve_change(&actor, *id)?;
            emit(cli.json, &c, || {
                format!(
                    "承認しました（{}）。J-LIS への通知: {}",
                    c.summary,
                    c.notice_number.clone().unwrap_or_default()
                )
            });
        }
        ChangeCommand::Return { id, reason } => {
            let c = desk.return_change(&actor, *id, reason)?;
            emit(cli.json, &c, || format!("差し戻しました: {}", c.summary));
        }
    }
    Ok(())
}

pub fn correspondence(cli: &Cli, cmd: &CorrespondenceCommand) -> Result<()> {
    let desk = open(cli)?;
    let actor = sign_in(cli, &desk)?;
    match cmd {
        CorrespondenceCommand::List => {
            let list = desk.correspondence(&actor)?;
            emit(cli.json, &list, || {
                list.iter()
                    .map(|l| {
                        let dir = if l.direction == "sent" {
                            "送付"
                        } else {
                            "受領"
                        };
                        format!(
                            "{}\t{dir}\t{}\t{}",
                            l.at,
                            l.document_number.clone().unwrap_or_default(),
                            l.subject
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        CorrespondenceCommand::Add {
            at,
            category,
            subject,
            body,
            document_number,
            attachments,
        } => {
            let files = attachments
                .iter()
                .map(|path| {
                    let bytes = std::fs::read(path).map_err(|e| {
                        Error::from(DomainError::new(
                            "attachments",
                            format!("ファイル '{}' を読めません。", path.display()),
                            format!("cannot read {}: {e}", path.display()),
                        ))
                    })?;
                    let name = path
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    Ok((name, bytes))
                })
                .collect::<Result<Vec<_>>>()?;
            let input = kofu_api::catalogue::ReceivedLetterInput {
                at: at.clone(),
                category: category.clone(),
                subject: subject.clone(),
                document_number: document_number.clone(),
                body: body.clone(),
            };
            let letter = desk.record_received(&actor, &input, &files)?;
            emit(cli.json, &letter, || {
                format!("受領した文書を記録しました: {}", letter.subject)
            });
        }
    }
    Ok(())
}
