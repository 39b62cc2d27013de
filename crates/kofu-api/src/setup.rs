//! Installation: is the database set up, the first administrator, the Chiba profile and the demo.

use chrono::NaiveDate;
use kofu_core::catalogue::{Catalogue, CommissionSchedule, FeeSchedule, ServiceHours};
use kofu_core::master::{DEFAULT_CERTIFICATE_KINDS, DEFAULT_OPERATORS};
use kofu_core::staff::{
    hash_password, validate_display_name, validate_password, validate_user_name,
};
use kofu_core::{MunicipalityCode, MunicipalityProfile, Role};
use kofu_store::{master, profile, settings, staff, BackendKind, Sql};
use serde_json::json;

use crate::dto::{AppStatus, CodeCheck, DatabaseInfo};
use crate::{record, Actor, Desk, Error, Result};

/// The password of every demo account (documented in the README and on the login screen).
pub const DEMO_PASSWORD: &str = "kofu-demo-2026";

/// The demo staff: (login name, display name, role).
const DEMO_STAFF: &[(&str, &str, Role)] = &[
    ("admin", "山本 健太", Role::Admin),
    ("clerk", "田中 一郎", Role::Clerk),
    ("supervisor", "佐藤 花子", Role::Supervisor),
    ("helpdesk", "鈴木 美咲", Role::Helpdesk),
];

/// The first administrator of an empty database.
pub struct FirstAdmin<'a> {
    pub name: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
}

impl Desk {
    /// Whether the database has staff yet, whether it is a demo, and where it lives.
    pub fn status(&self) -> Result<AppStatus> {
        let (initialized, demo) = self.tx(|tx| {
            Ok((
                staff::count(tx)? > 0,
                settings::get(tx, "demo")?.as_deref() == Some("1"),
            ))
        })?;
        let url = self.store.url();
        Ok(AppStatus {
            initialized,
            demo,
            database: DatabaseInfo {
                kind: match self.store.kind() {
                    BackendKind::Sqlite => "local",
                    BackendKind::Postgres => "shared",
                }
                .into(),
                location: url.location(),
            },
            session: None,
        })
    }

    /// Creates the first administrator (and, if given, the city's profile with the default
    /// master data). Refused when the database already has staff.
    pub fn init(
        &self,
        admin: &FirstAdmin<'_>,
        city: Option<&MunicipalityProfile>,
    ) -> Result<Actor> {
        validate_user_name(admin.name)?;
        validate_display_name(admin.display_name)?;
        validate_password(admin.password)?;
        if let Some(p) = city {
            p.validate()?;
        }
        let hash = hash_password(admin.password);
        let now = self.now();
        self.tx(|tx| {
            if staff::count(tx)? > 0 {
                return Err(Error::conflict(
                    "このデータベースは初期設定済みです。職員の追加は 設定 > 職員・権限 で行ってください。",
                    "the database already has staff; init only creates the first administrator",
                ));
            }
            let record_ = staff::insert(
                tx,
                &staff::NewStaff { name: admin.name, display_name: admin.display_name.trim(), role: Role::Admin, password_hash: &hash },
                now,
            )?;
            record(tx, now, "system", "user.add", &format!("user:{}", admin.name), json!({"role": "admin", "first_admin": true}))?;
            if let Some(p) = city {
                install_city(tx, now, "system", p)?;
            }
            Ok(Actor { id: record_.id, name: record_.name, role: Role::Admin })
        })
    }

    /// Builds a complete demo installation on an empty database: the Chiba profile, the master
    /// data and one account per role (password [`DEMO_PASSWORD`]).
    pub fn load_demo(&self) -> Result<()> {
        let now = self.now();
        let hashes: Vec<String> = DEMO_STAFF
            .iter()
            .map(|_| hash_password(DEMO_PASSWORD))
            .collect();
        self.tx(|tx| {
            if staff::count(tx)? > 0 {
                return Err(Error::conflict(
                    "このデータベースには既にデータがあります。デモデータは空のデータベースにだけ作成できます。",
                    "demo data can only be loaded into an empty database",
                ));
            }
            for ((name, display_name, role), hash) in DEMO_STAFF.iter().zip(&hashes) {
                staff::insert(tx, &staff::NewStaff { name, display_name, role: *role, password_hash: hash }, now)?;
                record(tx, now, "system", "user.add", &format!("user:{name}"), json!({"role": role.as_str(), "demo": true}))?;
            }
            install_city(tx, now, "system", &MunicipalityProfile::chiba_demo())?;
            settings::set(tx, "demo", "1")?;
            record(tx, now, "system", "demo.load", "installation", json!({"profile": "chiba"}))
        })
    }
}

/// Writes the profile and the default master data.
fn install_city(
    tx: &mut dyn Sql,
    now: chrono::NaiveDateTime,
    actor: &str,
    p: &MunicipalityProfile,
) -> Result<()> {
    profile::put(tx, p, now)?;
    for (code, name) in DEFAULT_OPERATORS {
        master::upsert_operator(tx, code, name)?;
    }
    // Chiba gets the demo catalogue of INTERFACES.md (fees, commission and hours in force since
    // FY2020); another city gets the default kinds and standard hours, and sets its own fees.
    let since = NaiveDate::from_ymd_opt(2020, 4, 1).expect("valid date");
    if p.code == MunicipalityProfile::chiba_demo().code {
        crate::catalogue::install(
            tx,
            &Catalogue::chiba_demo(),
            &FeeSchedule::chiba_demo(),
            &CommissionSchedule::chiba_demo(),
            &ServiceHours::chiba_demo(),
            since,
        )?;
    } else {
        let none = FeeSchedule::new(vec![])?;
        let no_commission = CommissionSchedule::new(vec![])?;
        crate::catalogue::install(
            tx,
            &Catalogue::chiba_demo(),
            &none,
            &no_commission,
            &ServiceHours::standard(),
            since,
        )?;
    }
    record(
        tx,
        now,
        actor,
        "profile.install",
        "profile",
        json!({"code": p.code.to_string(), "name": p.name, "operators": DEFAULT_OPERATORS.len(), "certificate_kinds": DEFAULT_CERTIFICATE_KINDS.len()}),
    )
}

/// Checks a 地方公共団体コード (public reference data: no user needed).
pub fn check_code(code: &str) -> CodeCheck {
    match MunicipalityCode::parse(code) {
        Ok(c) => CodeCheck {
            code: c.to_string(),
            valid: true,
            message: None,
        },
        Err(e) => CodeCheck {
            code: code.trim().to_string(),
            valid: false,
            message: Some(e.message),
        },
    }
}
