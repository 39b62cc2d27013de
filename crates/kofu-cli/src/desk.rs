//! What every subcommand shares: opening the database named by `--db` with the clock
//! `KOFU_NOW` may pin, signing in as `--user`, reading secrets, and parsing date arguments into
//! domain values. No subcommand lives here, and this module imports none of them.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use kofu_api::{Actor, Desk, Error};
use kofu_core::calendar::{BusinessCalendar, HolidayTable};
use kofu_core::clock::Clock;
use kofu_core::DomainError;
use kofu_store::DatabaseUrl;

use crate::args::Cli;

pub type Result<T> = std::result::Result<T, Error>;

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

pub fn secret(env: &str, prompt: &str) -> Result<String> {
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

/// The calendar for commands that need no user: the city's database when one was named or the
/// default one exists (its closures and imported holidays), else the national calendar alone.
pub fn public_calendar(cli: &Cli) -> Result<BusinessCalendar> {
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
