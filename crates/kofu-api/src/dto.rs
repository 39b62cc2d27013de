//! The data that crosses to the fronts. TypeScript types are generated from these by `ts-rs`
//! into `ui/src/bindings/` (run `cargo test -p kofu-api`; CI fails when the committed files are
//! stale). Ids are `number` in TypeScript: they stay far below 2^53.

use kofu_core::{Action, MunicipalityProfile, Role};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UserDto {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub locked: bool,
    /// `YYYY-MM-DDTHH:MM:SS`, Japan time.
    pub last_login_at: Option<String>,
}

impl From<kofu_store::staff::StaffRecord> for UserDto {
    fn from(s: kofu_store::staff::StaffRecord) -> Self {
        Self {
            id: s.id,
            name: s.name,
            display_name: s.display_name,
            role: s.role,
            active: s.active,
            locked: s.locked,
            last_login_at: s
                .last_login_at
                .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionDto {
    pub user: UserDto,
    pub municipality_name: Option<String>,
    /// Every action the user's role may do, by the core's matrix ([`Role::may`]), in
    /// [`Action::ALL`]'s order. The UI shows areas, pages and buttons from this list alone.
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DatabaseInfo {
    /// `local` (embedded SQLite) or `shared` (PostgreSQL).
    #[ts(type = "\"local\" | \"shared\"")]
    pub kind: String,
    /// File path or server URL, password removed.
    pub location: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppStatus {
    /// False on an empty database: the UI offers the first-run wizard.
    pub initialized: bool,
    /// The database holds the demo data (the login screen shows the demo accounts).
    pub demo: bool,
    pub database: DatabaseInfo,
    pub session: Option<SessionDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FirstAdminInput {
    pub code: String,
    pub municipality_name: String,
    pub admin_name: String,
    pub admin_display_name: String,
    pub password: String,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LoginInput {
    pub name: String,
    pub password: String,
}

impl std::fmt::Debug for LoginInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginInput")
            .field("name", &self.name)
            .field("password", &"<redacted>")
            .finish()
    }
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewUserInput {
    pub name: String,
    pub display_name: String,
    pub role: Role,
    pub password: String,
}

impl std::fmt::Debug for NewUserInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUserInput")
            .field("name", &self.name)
            .field("role", &self.role)
            .field("password", &"<redacted>")
            .finish()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CodeCheck {
    pub code: String,
    pub valid: bool,
    /// Why not, in Japanese (absent when valid).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Dashboard {
    pub user: UserDto,
    pub profile: MunicipalityProfile,
    /// `YYYY-MM-DD`, Japan time.
    pub today: String,
}
