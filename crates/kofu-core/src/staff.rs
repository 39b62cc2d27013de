//! Staff, roles and what each role may do (DOMAIN.md, "Who uses it").
//!
//! The permission matrix lives here so that every front (desktop, `kofu`, tests) meets the same
//! refusal: use cases in `kofu-api` call [`Role::ensure`] before touching the store. Password
//! hashing (argon2id) is here too because the policy is a rule, not an I/O detail.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::DomainError;

/// Consecutive failed logins after which an account is locked until an admin unlocks it.
pub const MAX_FAILED_LOGINS: u32 = 5;
/// Minimum password length (characters).
pub const MIN_PASSWORD_CHARS: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 事務担当
    Clerk,
    /// 決裁者
    Supervisor,
    /// 問合せ担当
    Helpdesk,
    /// システム管理者
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Clerk, Role::Supervisor, Role::Helpdesk, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Supervisor => "supervisor",
            Role::Helpdesk => "helpdesk",
            Role::Admin => "admin",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Role::Clerk => "事務担当",
            Role::Supervisor => "決裁者",
            Role::Helpdesk => "問合せ担当",
            Role::Admin => "システム管理者",
        }
    }

    pub fn parse(s: &str) -> Result<Self, DomainError> {
        Role::ALL.into_iter().find(|r| r.as_str() == s).ok_or_else(|| {
            DomainError::new(
                "role",
                format!("権限 '{s}' はありません（clerk, supervisor, helpdesk, admin のいずれか）。"),
                format!("unknown role '{s}'"),
            )
        })
    }

    /// Whether this role may perform `action`.
    pub fn may(self, action: Action) -> bool {
        use Action::*;
        use Role::*;
        match action {
            ViewProfile | ViewCalendar | ViewCatalogue | ViewCases | ViewCorrespondence => true,
            EditProfile | ManageUsers | ManageCalendar | ManageConnection | ManageBackups => {
                self == Admin
            }
            // 設定 holds the city's configuration: its administrator keeps it, the supervisor who
            // "sees everything" (DOMAIN.md roles) reads it.
            ViewSettings => matches!(self, Admin | Supervisor),
            // Those who pull data or configure the connection see the settings (never the
            // secrets themselves).
            ViewConnection => matches!(self, Clerk | Admin),
            ViewAudit => matches!(self, Admin | Supervisor),
            // The numbering of the city's documents is the office's (supervisor) or the
            // installation's (admin) to set; it changes no figure, so it needs no four-eyes.
            ManageDocumentNumbers => matches!(self, Supervisor | Admin),
            RecordCorrespondence => matches!(self, Clerk | Supervisor),
            DraftChange | ImportData | DraftInvoice | RecordIncident => self == Clerk,
            Approve => self == Supervisor,
            ViewSettlement => matches!(self, Clerk | Supervisor),
            HandleComplaints | ViewResidentData => matches!(self, Helpdesk | Supervisor),
        }
    }

    /// `Ok` when the role may perform `action`, else a refusal naming both.
    pub fn ensure(self, action: Action) -> Result<(), Forbidden> {
        if self.may(action) {
            Ok(())
        } else {
            Err(Forbidden { role: self, action })
        }
    }
}

/// Something a member of staff does that the contract or the city restricts by role.
///
/// It crosses to the UI in the session (the actions the signed-in role may do), so screens show
/// what this matrix allows and keep no copy of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    ViewProfile,
    EditProfile,
    ManageUsers,
    ViewAudit,
    ViewCalendar,
    ManageCalendar,
    ViewCatalogue,
    DraftChange,
    ImportData,
    ViewSettlement,
    DraftInvoice,
    Approve,
    RecordIncident,
    RecordCorrespondence,
    HandleComplaints,
    ViewResidentData,
    /// The J-LIS server's URL, certificates and their secrets (token, PKCS#12 password).
    ManageConnection,
    ViewConnection,
    /// Opening 設定, the city's configuration pages.
    ViewSettings,
    /// The database's location and its backups.
    ManageBackups,
    /// 事故・苦情 cases: the list; recording and answering them are their own actions.
    ViewCases,
    /// The correspondence log with J-LIS: the list; recording is [`Action::RecordCorrespondence`].
    ViewCorrespondence,
    /// The templates of the document numbers (設定 > 文書番号).
    ManageDocumentNumbers,
}

impl Action {
    /// Every action, in declaration order (the order the session lists them in).
    pub const ALL: [Action; 23] = {
        use Action::*;
        [
            ViewProfile,
            EditProfile,
            ManageUsers,
            ViewAudit,
            ViewCalendar,
            ManageCalendar,
            ViewCatalogue,
            DraftChange,
            ImportData,
            ViewSettlement,
            DraftInvoice,
            Approve,
            RecordIncident,
            RecordCorrespondence,
            HandleComplaints,
            ViewResidentData,
            ManageConnection,
            ViewConnection,
            ViewSettings,
            ManageBackups,
            ViewCases,
            ViewCorrespondence,
            ManageDocumentNumbers,
        ]
    };

    pub fn label_ja(self) -> &'static str {
        use Action::*;
        match self {
            ViewProfile => "団体情報の閲覧",
            EditProfile => "団体情報の変更",
            ManageUsers => "職員・権限の管理",
            ViewAudit => "監査ログの閲覧",
            ViewCalendar => "カレンダーの閲覧",
            ManageCalendar => "休日・閉庁日の管理",
            ViewCatalogue => "証明書・提供時間の閲覧",
            DraftChange => "設定変更の起案",
            ImportData => "データの取込",
            ViewSettlement => "精算の閲覧",
            DraftInvoice => "請求書の起案",
            Approve => "決裁",
            RecordIncident => "事故の記録",
            RecordCorrespondence => "連絡記録の登録",
            HandleComplaints => "苦情・照会の対応",
            ViewResidentData => "利用者情報の閲覧",
            ManageConnection => "J-LIS接続設定の変更",
            ViewConnection => "J-LIS接続設定の閲覧",
            ViewSettings => "設定の閲覧",
            ManageBackups => "データベース・バックアップの管理",
            ViewCases => "事故・苦情の閲覧",
            ViewCorrespondence => "連絡記録の閲覧",
            ManageDocumentNumbers => "文書番号の設定",
        }
    }
}

/// A role tried an action it may not perform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("role {role:?} may not {action:?}")]
pub struct Forbidden {
    pub role: Role,
    pub action: Action,
}

impl Forbidden {
    pub fn message_ja(&self) -> String {
        format!(
            "{}の権限では「{}」はできません。",
            self.role.label_ja(),
            self.action.label_ja()
        )
    }
}

/// A login name: 1–32 ASCII letters, digits, `.`, `_` or `-`.
pub fn validate_user_name(name: &str) -> Result<(), DomainError> {
    let ok = (1..=32).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(DomainError::new(
            "name",
            format!(
                "ログイン名 '{name}' は32文字以内の半角英数字（. _ - も可）で入力してください。"
            ),
            format!("user name '{name}' is not 1-32 of [A-Za-z0-9._-]"),
        ))
    }
}

pub fn validate_display_name(name: &str) -> Result<(), DomainError> {
    let n = name.trim().chars().count();
    if (1..=50).contains(&n) {
        Ok(())
    } else {
        Err(DomainError::new(
            "display_name",
            "氏名を50文字以内で入力してください。",
            "display name must be 1-50 characters",
        ))
    }
}

pub fn validate_password(password: &str) -> Result<(), DomainError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(DomainError::new(
            "password",
            format!("パスワードは{MIN_PASSWORD_CHARS}文字以上にしてください。"),
            format!("password shorter than {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    Ok(())
}

/// Hashes a password with argon2id (PHC string, salt included).
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut rand_core::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with default parameters accepts any password")
        .to_string()
}

/// Checks a password against a stored PHC hash. A malformed hash never verifies.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_supervisor_approves_and_an_admin_does_not() {
        assert!(Role::Supervisor.may(Action::Approve));
        for r in [Role::Clerk, Role::Helpdesk, Role::Admin] {
            assert!(
                !r.may(Action::Approve),
                "{r:?} must not approve (DOMAIN.md roles)"
            );
        }
    }

    #[test]
    fn only_an_admin_edits_the_profile_and_users() {
        for r in Role::ALL {
            assert_eq!(r.may(Action::EditProfile), r == Role::Admin);
            assert_eq!(r.may(Action::ManageUsers), r == Role::Admin);
        }
        let refusal = Role::Clerk.ensure(Action::ManageUsers).unwrap_err();
        assert_eq!(
            refusal.message_ja(),
            "事務担当の権限では「職員・権限の管理」はできません。"
        );
    }

    #[test]
    fn only_an_admin_changes_the_connection_and_those_who_pull_or_configure_see_it() {
        for r in Role::ALL {
            assert_eq!(
                r.may(Action::ManageConnection),
                r == Role::Admin,
                "{r:?}: the J-LIS token and certificates are an admin's (DOMAIN.md roles)"
            );
            assert_eq!(
                r.may(Action::ViewConnection),
                r.may(Action::ImportData) || r.may(Action::EditProfile),
                "{r:?}: whoever pulls data or edits settings may see the connection settings"
            );
        }
        assert_eq!(
            Role::Clerk
                .ensure(Action::ManageConnection)
                .unwrap_err()
                .message_ja(),
            "事務担当の権限では「J-LIS接続設定の変更」はできません。"
        );
    }

    #[test]
    fn document_number_templates_are_for_supervisors_and_admins_only() {
        let allowed: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.may(Action::ManageDocumentNumbers))
            .collect();
        assert_eq!(allowed, vec![Role::Supervisor, Role::Admin]);
        assert_eq!(
            Role::Helpdesk
                .ensure(Action::ManageDocumentNumbers)
                .unwrap_err()
                .message_ja(),
            "問合せ担当の権限では「文書番号の設定」はできません。"
        );
    }

    #[test]
    fn resident_data_is_for_help_desk_and_supervisors_only() {
        let allowed: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.may(Action::ViewResidentData))
            .collect();
        assert_eq!(allowed, vec![Role::Supervisor, Role::Helpdesk]);
    }

    #[test]
    fn every_action_is_listed_once_in_all() {
        // The match below stops compiling when an action is added, until it is placed here.
        let position = |a: Action| Action::ALL.iter().filter(|&&b| b == a).count();
        for a in Action::ALL {
            use Action::*;
            match a {
                ViewProfile | EditProfile | ManageUsers | ViewAudit | ViewCalendar
                | ManageCalendar | ViewCatalogue | DraftChange | ImportData | ViewSettlement
                | DraftInvoice | Approve | RecordIncident | RecordCorrespondence
                | HandleComplaints | ViewResidentData | ManageConnection | ViewConnection
                | ViewSettings | ManageBackups | ViewCases | ViewCorrespondence
                | ManageDocumentNumbers => {}
            }
            assert_eq!(position(a), 1, "{a:?} appears once in Action::ALL");
        }
    }

    #[test]
    fn settings_are_read_by_admins_and_supervisors_and_backups_are_an_admins() {
        for r in Role::ALL {
            assert_eq!(
                r.may(Action::ViewSettings),
                matches!(r, Role::Admin | Role::Supervisor),
                "{r:?}: the supervisor sees everything, the admin keeps the settings"
            );
            assert_eq!(r.may(Action::ManageBackups), r == Role::Admin, "{r:?}");
        }
    }

    #[test]
    fn actions_cross_to_the_ui_by_their_snake_case_names() {
        assert_eq!(
            serde_json::to_value(Action::RecordCorrespondence).unwrap(),
            serde_json::json!("record_correspondence")
        );
    }

    #[test]
    fn roles_round_trip_through_their_names() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()).unwrap(), r);
        }
        assert_eq!(Role::parse("root").unwrap_err().field, "role");
    }

    #[test]
    fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let h = hash_password("correct horse battery");
        assert!(
            h.starts_with("$argon2id$"),
            "argon2id is the memory-hard KDF we promise: {h}"
        );
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterY", &h));
        assert!(!verify_password("anything", "not a hash"));
        assert_ne!(h, hash_password("correct horse battery"), "salts differ");
    }

    #[test]
    fn names_and_passwords_are_checked() {
        assert!(validate_user_name("tanaka.ichiro").is_ok());
        assert!(validate_user_name("田中").is_err());
        assert!(validate_user_name("").is_err());
        assert!(validate_password("short").is_err());
        assert!(validate_password("long-enough-pw").is_ok());
    }
}
