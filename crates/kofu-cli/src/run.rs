//! Dispatch: parse arguments into domain values, call the use case, print.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use kofu_api::dto::NewUserInput;
use kofu_api::{Actor, Desk, Error, FirstAdmin};
use kofu_core::calendar::{deadlines, wareki, weekday_ja, BusinessCalendar, HolidayTable};
use kofu_core::clock::Clock;
use kofu_core::municipality::AccountType;
use kofu_core::{DomainError, MunicipalityCode, MunicipalityProfile, Role, TargetMonth};
use kofu_store::DatabaseUrl;
use serde_json::json;

use crate::args::*;
use crate::output::{emit, fail};

pub type Result<T> = std::result::Result<T, Error>;

pub fn run(cli: &Cli) -> i32 {
    match dispatch(cli) {
        Ok(()) => 0,
        Err(e) => fail(cli.json, &e),
    }
}

/// `KOFU_NOW` pins the clock for training and tests ([`kofu_api::clock_from_env`]).
fn clock() -> Result<Arc<dyn Clock>> {
    kofu_api::clock_from_env()
}

fn url(cli: &Cli) -> Result<DatabaseUrl> {
    match &cli.db {
        Some(u) => DatabaseUrl::parse(u).map_err(|e| {
            DomainError::new(
                "db",
                "データベースの指定は sqlite:<パス> か postgres://… の形式にしてください。",
                e.to_string(),
            )
            .into()
        }),
        None => Ok(DatabaseUrl::default_sqlite()),
    }
}

pub fn open(cli: &Cli) -> Result<Desk> {
    Desk::open(&url(cli)?, clock()?)
}

pub fn date_arg(field: &'static str, s: &str) -> Result<NaiveDate> {
    Ok(kofu_core::input::parse_date(field, s)?)
}

pub fn datetime_arg(field: &'static str, s: &str) -> Result<NaiveDateTime> {
    Ok(kofu_core::input::parse_datetime(field, s)?)
}

fn secret(env: &str, prompt: &str) -> Result<String> {
    if let Ok(p) = std::env::var(env) {
        return Ok(p);
    }
    rpassword::prompt_password(prompt).map_err(|_| {
        DomainError::new(
            "password",
            format!("パスワードを入力できません。環境変数 {env} で指定してください。"),
            format!("no terminal to prompt for a password and {env} is not set"),
        )
        .into()
    })
}

pub fn sign_in(cli: &Cli, desk: &Desk) -> Result<Actor> {
    let Some(user) = &cli.user else {
        return Err(DomainError::new(
            "user",
            "--user（または KOFU_USER）で職員のログイン名を指定してください。",
            "this command needs --user or KOFU_USER",
        )
        .into());
    };
    let password = secret("KOFU_PASSWORD", &format!("{user} のパスワード: "))?;
    desk.login(user, &password)
}

fn role(r: RoleArg) -> Role {
    match r {
        RoleArg::Clerk => Role::Clerk,
        RoleArg::Supervisor => Role::Supervisor,
        RoleArg::Helpdesk => Role::Helpdesk,
        RoleArg::Admin => Role::Admin,
    }
}

/// The calendar for commands that need no user: the city's database when one was named or the
/// default one exists (its closures and imported holidays), else the national calendar alone.
fn public_calendar(cli: &Cli) -> Result<BusinessCalendar> {
    let url = url(cli)?;
    let exists = match &url {
        DatabaseUrl::Sqlite(path) => cli.db.is_some() || path.exists(),
        DatabaseUrl::Postgres(_) => true,
    };
    if exists {
        Desk::open(&url, clock()?)?.business_calendar()
    } else {
        Ok(BusinessCalendar::new(HolidayTable::builtin(), []))
    }
}

fn dispatch(cli: &Cli) -> Result<()> {
    let json = cli.json;
    match &cli.command {
        Command::Init {
            admin,
            display_name,
            profile,
        } => {
            let password = secret(
                "KOFU_NEW_PASSWORD",
                &format!("{admin} の新しいパスワード: "),
            )?;
            let city = profile.map(|ProfileName::Chiba| MunicipalityProfile::chiba_demo());
            let desk = open(cli)?;
            let display = display_name.clone().unwrap_or_else(|| admin.clone());
            let actor = desk.init(
                &FirstAdmin {
                    name: admin,
                    display_name: &display,
                    password: &password,
                },
                city.as_ref(),
            )?;
            let status = desk.status()?;
            let out = json!({"database": status.database, "admin": actor.name(), "profile": city.as_ref().map(|p| p.code.to_string())});
            emit(json, &out, || {
                format!(
                    "初期設定が完了しました（{}）。管理者: {}",
                    status.database.location,
                    actor.name()
                )
            });
        }
        Command::Demo { months } => {
            let desk = open(cli)?;
            desk.load_demo()?;
            let months = desk.load_demo_history(*months)?;
            let status = desk.status()?;
            let out = json!({"database": status.database, "users": ["admin", "clerk", "supervisor", "helpdesk"], "password": kofu_api::DEMO_PASSWORD, "months": months});
            emit(json, &out, || {
                format!(
                    "デモデータを作成しました（{}、J-LISデータ {months}か月分）。\nログイン名: admin, clerk, supervisor, helpdesk / パスワード: {}",
                    status.database.location,
                    kofu_api::DEMO_PASSWORD
                )
            });
        }
        Command::User(cmd) => user(cli, cmd)?,
        Command::Code(CodeCommand::Check { code }) => {
            let check = kofu_api::check_code(code);
            emit(json, &check, || match &check.message {
                None => format!("{}: 正しい団体コードです。", check.code),
                Some(m) => m.clone(),
            });
        }
        Command::Wareki { date } => {
            let d = date_arg("date", date)?;
            let w = wareki::format_date(d)?;
            emit(json, &json!({"date": date, "wareki": w}), || w.clone());
        }
        Command::Calendar(cmd) => calendar(cli, cmd)?,
        Command::Audit(AuditCommand::Verify) => {
            let desk = open(cli)?;
            let actor = sign_in(cli, &desk)?;
            let v = desk.verify_audit(&actor)?;
            if !v.intact {
                eprintln!(
                    "警告: 監査ログの改ざんまたは削除を検出しました（{}件）。",
                    v.problems.len()
                );
            }
            emit(json, &v, || {
                if v.intact {
                    format!("監査ログ {}件: 改ざんは検出されませんでした。", v.entries)
                } else {
                    let lines: Vec<String> = v
                        .problems
                        .iter()
                        .map(|p| format!("  #{} {}", p.seq, p.kind))
                        .collect();
                    format!(
                        "監査ログ {}件: 異常があります。\n{}",
                        v.entries,
                        lines.join("\n")
                    )
                }
            });
        }
        Command::Profile(cmd) => profile(cli, cmd)?,
        Command::Catalogue(cmd) => crate::catalogue::catalogue(cli, cmd)?,
        Command::Hours(cmd) => crate::catalogue::hours(cli, cmd)?,
        Command::Service(cmd) => crate::catalogue::service(cli, cmd)?,
        Command::Suspension(cmd) => crate::catalogue::suspension(cli, cmd)?,
        Command::Change(cmd) => crate::catalogue::change(cli, cmd)?,
        Command::Correspondence(cmd) => crate::catalogue::correspondence(cli, cmd)?,
        Command::Statement(cmd) => crate::intake::statement(cli, cmd)?,
        Command::Notices(cmd) => crate::intake::notices(cli, cmd)?,
        Command::Reconcile { month } => crate::intake::reconcile(cli, month)?,
        Command::Settlement(cmd) => crate::intake::settlement(cli, cmd)?,
        Command::Jlis(cmd) => crate::jlis::jlis(cli, cmd)?,
        Command::DocumentNumbers(cmd) => crate::documents::document_numbers(cli, cmd)?,
    }
    Ok(())
}

fn user(cli: &Cli, cmd: &UserCommand) -> Result<()> {
    let desk = open(cli)?;
    let actor = sign_in(cli, &desk)?;
    let show = |u: &kofu_api::dto::UserDto| {
        format!(
            "{}\t{}\t{}{}",
            u.name,
            u.display_name,
            u.role.label_ja(),
            if u.locked { "\tロック中" } else { "" }
        )
    };
    match cmd {
        UserCommand::Add {
            name,
            role: r,
            display_name,
        } => {
            let password = secret("KOFU_NEW_PASSWORD", &format!("{name} の新しいパスワード: "))?;
            let input = NewUserInput {
                name: name.clone(),
                display_name: display_name.clone().unwrap_or_else(|| name.clone()),
                role: role(*r),
                password,
            };
            let u = desk.add_user(&actor, &input)?;
            emit(cli.json, &u, || format!("職員を登録しました: {}", show(&u)));
        }
        UserCommand::List => {
            let users = desk.users(&actor)?;
            emit(cli.json, &users, || {
                users.iter().map(show).collect::<Vec<_>>().join("\n")
            });
        }
        UserCommand::Role { name, role: r } => {
            let u = desk.set_role(&actor, name, role(*r))?;
            emit(cli.json, &u, || format!("権限を変更しました: {}", show(&u)));
        }
        UserCommand::Unlock { name } => {
            let u = desk.unlock_user(&actor, name)?;
            emit(cli.json, &u, || {
                format!("ロックを解除しました: {}", show(&u))
            });
        }
    }
    Ok(())
}

fn calendar(cli: &Cli, cmd: &CalendarCommand) -> Result<()> {
    let json = cli.json;
    match cmd {
        CalendarCommand::Holidays { year } => {
            let cal = public_calendar(cli)?;
            let list = cal.holidays().national_holidays(*year);
            emit(json, &list, || {
                list.iter()
                    .map(|h| format!("{} ({}) {}", h.date, weekday_ja(h.date), h.name))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        CalendarCommand::BusinessDay { date } => {
            let d = date_arg("date", date)?;
            let cal = public_calendar(cli)?;
            let business_day = cal.is_business_day(d);
            let reason = cal.closure_reason(d);
            let mut out =
                json!({"date": d.format("%Y-%m-%d").to_string(), "business_day": business_day});
            if let Some(r) = &reason {
                out["reason"] = json!(r);
            }
            emit(json, &out, || match &reason {
                None => format!("{d} ({}) は営業日です。", weekday_ja(d)),
                Some(r) => format!("{d} ({}) は休日です（{r}）。", weekday_ja(d)),
            });
        }
        CalendarCommand::Deadlines { month } => {
            let m = TargetMonth::parse(month)?;
            let cal = public_calendar(cli)?;
            let d = deadlines(&cal, m);
            emit(json, &d, || {
                let mut lines = vec![format!("対象年月 {m}（{}分）", wareki::format_month(m))];
                for (_, label, date) in kofu_api::calendar::steps(&d) {
                    lines.push(format!("  {label:<8} {date} ({})", weekday_ja(date)));
                }
                lines.join("\n")
            });
        }
        CalendarCommand::Import { file } => {
            let bytes = std::fs::read(file).map_err(|e| {
                Error::from(DomainError::new(
                    "file",
                    format!("ファイル '{}' を読めません。", file.display()),
                    format!("cannot read {}: {e}", file.display()),
                ))
            })?;
            let desk = open(cli)?;
            let actor = sign_in(cli, &desk)?;
            let src = desk.import_holidays(&actor, &bytes)?;
            emit(json, &src, || {
                format!(
                    "祝日データを取り込みました（{}年〜{}年）。",
                    src.first_year, src.last_year
                )
            });
        }
        CalendarCommand::Closure(c) => {
            let desk = open(cli)?;
            let actor = sign_in(cli, &desk)?;
            match c {
                ClosureCommand::List => {
                    let list = desk.closures(&actor)?;
                    emit(json, &list, || {
                        list.iter()
                            .map(|c| format!("{} {}", c.date, c.reason))
                            .collect::<Vec<_>>()
                            .join("\n")
                    });
                }
                ClosureCommand::Add { date, reason } => {
                    let c = desk.add_closure(&actor, date_arg("date", date)?, reason)?;
                    emit(json, &c, || {
                        format!("閉庁日を登録しました: {} {}", c.date, c.reason)
                    });
                }
                ClosureCommand::Remove { date } => {
                    let d = date_arg("date", date)?;
                    desk.remove_closure(&actor, d)?;
                    emit(json, &json!({"date": date, "removed": true}), || {
                        format!("閉庁日を削除しました: {d}")
                    });
                }
            }
        }
    }
    Ok(())
}

fn profile(cli: &Cli, cmd: &ProfileCommand) -> Result<()> {
    let desk = open(cli)?;
    let actor = sign_in(cli, &desk)?;
    let show = |p: &MunicipalityProfile| {
        let kind = match p.bank.account_type {
            AccountType::Ordinary => "普通",
            AccountType::Current => "当座",
        };
        [
            format!("団体コード\t{}", p.code),
            format!("団体名\t{}", p.name),
            format!("長\t{} {}", p.mayor_title, p.mayor_name),
            format!("所在地\t〒{} {}", p.postal_code, p.address),
            format!("担当部署\t{}", p.department),
            format!("担当者\t{}", p.contact_name),
            format!("電話\t{}", p.contact_phone),
            format!("メール\t{}", p.contact_email),
            format!(
                "振込先\t{} {} {} {} {}",
                p.bank.bank_name,
                p.bank.branch_name,
                kind,
                p.bank.account_number,
                p.bank.account_holder
            ),
        ]
        .join("\n")
    };
    match cmd {
        ProfileCommand::Show => {
            let p = desk.profile(&actor)?;
            emit(cli.json, &p, || show(&p));
        }
        ProfileCommand::Set(f) => {
            let mut p = desk.profile(&actor)?;
            let text = |slot: &mut String, v: &Option<String>| {
                if let Some(v) = v {
                    *slot = v.clone();
                }
            };
            if let Some(c) = &f.code {
                p.code = MunicipalityCode::parse(c)?;
            }
            text(&mut p.name, &f.name);
            text(&mut p.mayor_title, &f.mayor_title);
            text(&mut p.mayor_name, &f.mayor_name);
            text(&mut p.postal_code, &f.postal_code);
            text(&mut p.address, &f.address);
            text(&mut p.department, &f.department);
            text(&mut p.contact_name, &f.contact_name);
            text(&mut p.contact_phone, &f.contact_phone);
            text(&mut p.contact_email, &f.contact_email);
            text(&mut p.bank.bank_name, &f.bank_name);
            text(&mut p.bank.branch_name, &f.branch_name);
            if let Some(t) = &f.account_type {
                p.bank.account_type = AccountType::parse(t)?;
            }
            text(&mut p.bank.account_number, &f.account_number);
            text(&mut p.bank.account_holder, &f.account_holder);
            let p = desk.update_profile(&actor, p)?;
            emit(cli.json, &p, || {
                format!("団体情報を更新しました。\n{}", show(&p))
            });
        }
    }
    Ok(())
}
