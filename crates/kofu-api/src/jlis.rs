//! The connection to J-LIS's server (INTERFACES.md §3): where it is, how the desk proves who it
//! is, and the one function that turns all of it into a client configuration.
//!
//! The URL and the paths of the certificate files are settings in the database; the bearer
//! token and the PKCS#12 password live in the OS credential store (Windows Credential Manager
//! through `keyring`), never in the database, a file, a log or the audit trail. An admin changes
//! them; those who pull data or configure see the settings and whether each secret is set.
//! Scheduled jobs and tests may override the URL and the token with `KOFU_JLIS_URL` and
//! `KOFU_JLIS_TOKEN` ([`JlisOverrides`]).
//!
//! Secrets are filed under the service `kofu-desk` and an account name scoped to the database
//! (`jlis-token/<scope>`, the scope a random id kept in the settings), so that two databases on
//! one desktop (the city's and a training copy) never share a token. This module does not fetch
//! anything: `Desk::pull_statement` does, with what [`Desk::jlis_connection`] answers.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};

use kofu_core::{Action, DomainError};
use kofu_jlis::client::{check_extra_ca, ClientConfig, ClientError, ClientIdentity, TlsProblem};
use kofu_store::{settings, Sql};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::{authorize, record, Actor, Desk, Error, Result};

pub use kofu_jlis::client::Secret;

/// The service name under which the desk files its secrets in the OS credential store.
pub const CREDENTIAL_SERVICE: &str = "kofu-desk";
/// Overrides the URL in the settings (scheduled jobs, tests, the simulator).
pub const URL_VAR: &str = "KOFU_JLIS_URL";
/// Overrides the token in the credential store (scheduled jobs, tests).
pub const TOKEN_VAR: &str = "KOFU_JLIS_TOKEN";

const BASE_URL: &str = "jlis.base_url";
const CLIENT_CERTIFICATE_PATH: &str = "jlis.client_certificate_path";
const EXTRA_CA_PATH: &str = "jlis.extra_ca_path";
const CREDENTIAL_SCOPE: &str = "jlis.credential_scope";

/// Where the clerk or admin finds these settings in the app.
const WHERE_JA: &str = "設定 > J-LIS接続";

/// The J-LIS connection as staff see it: never a secret, only whether it is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct JlisSettings {
    /// e.g. `https://jlis.example.jp/` (as stored; see `url_from_env`).
    pub base_url: Option<String>,
    /// The PKCS#12 (.p12/.pfx) file for mutual TLS.
    pub client_certificate_path: Option<String>,
    /// A PEM file of extra trusted CAs (the city's proxy or a private CA).
    pub extra_ca_path: Option<String>,
    /// Whether the bearer token is in this computer's credential store.
    pub token_set: bool,
    /// Whether the PKCS#12 password is in this computer's credential store.
    pub certificate_password_set: bool,
    /// `KOFU_JLIS_URL` is set: it is used instead of `base_url`.
    pub url_from_env: bool,
    /// `KOFU_JLIS_TOKEN` is set: it is used instead of the stored token.
    pub token_from_env: bool,
}

/// What an admin saves. Each field replaces the stored one; `null` or an empty string clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct JlisSettingsInput {
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default)]
    pub client_certificate_path: Option<String>,
    #[serde(default)]
    pub extra_ca_path: Option<String>,
}

/// The two secrets of the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum JlisSecret {
    /// The bearer token (`Authorization: Bearer …`).
    Token,
    /// The password of the PKCS#12 client certificate.
    CertificatePassword,
}

impl JlisSecret {
    /// The field name in refusals and the audit trail.
    pub fn as_str(self) -> &'static str {
        match self {
            JlisSecret::Token => "token",
            JlisSecret::CertificatePassword => "certificate_password",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            JlisSecret::Token => "J-LISサーバのトークン",
            JlisSecret::CertificatePassword => "クライアント証明書のパスワード",
        }
    }

    /// The account name in the credential store, before the database's scope.
    fn account(self) -> &'static str {
        match self {
            JlisSecret::Token => "jlis-token",
            JlisSecret::CertificatePassword => "jlis-client-certificate-password",
        }
    }
}

/// Values from the environment that win over the settings and the credential store.
#[derive(Debug, Clone, Default)]
pub struct JlisOverrides {
    pub url: Option<String>,
    pub token: Option<Secret>,
}

impl JlisOverrides {
    /// `KOFU_JLIS_URL` and `KOFU_JLIS_TOKEN` of this process.
    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// The overrides from any source of variables; an empty value counts as unset (a scheduled
    /// task may define a variable it leaves blank).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let value = |name| lookup(name).filter(|v: &String| !v.trim().is_empty());
        Self {
            url: value(URL_VAR).map(|v| v.trim().to_string()),
            token: value(TOKEN_VAR).map(|v| Secret::new(v.trim())),
        }
    }
}

/// Why the credential store failed (the English line for the log).
#[derive(Debug, Clone, thiserror::Error)]
#[error("credential store: {0}")]
pub struct CredentialError(pub String);

impl From<CredentialError> for Error {
    fn from(e: CredentialError) -> Self {
        Error::Rule {
            code: crate::ErrorCode::CredentialStore,
            message: "OSの資格情報ストア（Windows の資格情報マネージャー）を使えませんでした。ログオンし直すか、管理者に連絡してください（詳細はログにあります）。".into(),
            detail: e.to_string(),
            details: vec![],
        }
    }
}

/// Where secrets are kept. The product uses [`OsCredentials`]; tests use [`MemoryCredentials`]
/// (see [`use_credential_store`]).
pub trait CredentialStore: Send + Sync {
    fn get(&self, account: &str) -> std::result::Result<Option<Secret>, CredentialError>;
    fn set(&self, account: &str, secret: &Secret) -> std::result::Result<(), CredentialError>;
    /// Removing a secret that is not there is not an error.
    fn delete(&self, account: &str) -> std::result::Result<(), CredentialError>;
}

/// The OS credential store through `keyring`: Windows Credential Manager, the macOS keychain,
/// the Linux kernel keyring (keyutils: kept until reboot).
#[derive(Debug, Clone, Copy, Default)]
pub struct OsCredentials;

impl OsCredentials {
    fn entry(account: &str) -> std::result::Result<keyring::Entry, CredentialError> {
        #[cfg(target_os = "linux")]
        own_session_keyring();
        // Without a native store keyring falls back to a mock that forgets every secret at once:
        // refuse rather than pretend to keep one.
        if matches!(
            keyring::default::default_credential_builder().persistence(),
            keyring::credential::CredentialPersistence::EntryOnly
        ) {
            return Err(CredentialError(
                "no OS credential store on this platform".into(),
            ));
        }
        keyring::Entry::new(CREDENTIAL_SERVICE, account)
            .map_err(|e| CredentialError(format!("{account}: {e}")))
    }
}

impl CredentialStore for OsCredentials {
    fn get(&self, account: &str) -> std::result::Result<Option<Secret>, CredentialError> {
        match Self::entry(account)?.get_password() {
            Ok(text) => Ok(Some(Secret::new(text))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(CredentialError(format!("reading {account}: {e}"))),
        }
    }

    fn set(&self, account: &str, secret: &Secret) -> std::result::Result<(), CredentialError> {
        Self::entry(account)?
            .set_password(secret.expose())
            .map_err(|e| CredentialError(format!("writing {account}: {e}{LINUX_HINT}")))
    }

    fn delete(&self, account: &str) -> std::result::Result<(), CredentialError> {
        match Self::entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(CredentialError(format!("deleting {account}: {e}"))),
        }
    }
}

/// keyring's keyutils store adds each secret to the session keyring and links it into the
/// user's persistent keyring, which the user's other sessions search. A process started outside
/// a login session (a bare shell, a scheduled job, CI) has no session keyring of its own: the
/// kernel lends it the user-session keyring, whose keys it does not possess, and the link is
/// refused. Joining an anonymous session keyring first (a no-op for a process that has one; the
/// keyring is the calling thread's) lets the secret land in the persistent keyring as from any
/// login session.
#[cfg(target_os = "linux")]
fn own_session_keyring() {
    use linux_keyutils::{KeyRing, KeyRingIdentifier};
    // A failure shows up, with its reason, in the keyring call that follows.
    let _ = KeyRing::from_special_id(KeyRingIdentifier::Session, true);
}

/// On Linux the store is the kernel keyring, which needs a session keyring of the process's own
/// (a desktop login has one; a bare shell may not).
const LINUX_HINT: &str = if cfg!(target_os = "linux") {
    " (Linux keyutils: run inside a login session, or under `keyctl session -`)"
} else {
    ""
};

/// Secrets in memory, for tests: nothing reaches the OS or the disk.
#[derive(Default)]
pub struct MemoryCredentials {
    secrets: Mutex<HashMap<String, Secret>>,
}

impl std::fmt::Debug for MemoryCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryCredentials").finish_non_exhaustive()
    }
}

impl MemoryCredentials {
    fn secrets(&self) -> std::sync::MutexGuard<'_, HashMap<String, Secret>> {
        self.secrets.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl CredentialStore for MemoryCredentials {
    fn get(&self, account: &str) -> std::result::Result<Option<Secret>, CredentialError> {
        Ok(self.secrets().get(account).cloned())
    }

    fn set(&self, account: &str, secret: &Secret) -> std::result::Result<(), CredentialError> {
        self.secrets().insert(account.to_string(), secret.clone());
        Ok(())
    }

    fn delete(&self, account: &str) -> std::result::Result<(), CredentialError> {
        self.secrets().remove(account);
        Ok(())
    }
}

static CREDENTIALS: RwLock<Option<Arc<dyn CredentialStore>>> = RwLock::new(None);

/// Replaces the credential store for the whole process (like keyring's own
/// `set_default_credential_builder`): tests install a [`MemoryCredentials`]. Without a call the
/// desk uses [`OsCredentials`].
pub fn use_credential_store(store: Arc<dyn CredentialStore>) {
    *CREDENTIALS.write().unwrap_or_else(|e| e.into_inner()) = Some(store);
}

fn credentials() -> Arc<dyn CredentialStore> {
    CREDENTIALS
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
        .unwrap_or_else(|| Arc::new(OsCredentials))
}

/// The settings as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Stored {
    base_url: Option<String>,
    client_certificate_path: Option<String>,
    extra_ca_path: Option<String>,
    scope: Option<String>,
}

impl Stored {
    fn read(tx: &mut dyn Sql) -> Result<Self> {
        Ok(Self {
            base_url: settings::get(tx, BASE_URL)?,
            client_certificate_path: settings::get(tx, CLIENT_CERTIFICATE_PATH)?,
            extra_ca_path: settings::get(tx, EXTRA_CA_PATH)?,
            scope: settings::get(tx, CREDENTIAL_SCOPE)?,
        })
    }

    /// What the audit trail shows of them (paths and URL are not secrets).
    fn audit_view(&self) -> serde_json::Value {
        json!({
            "base_url": self.base_url,
            "client_certificate_path": self.client_certificate_path,
            "extra_ca_path": self.extra_ca_path,
        })
    }
}

/// The credential-store account of `secret` for the database with `scope`.
fn account(secret: JlisSecret, scope: &str) -> String {
    format!("{}/{scope}", secret.account())
}

fn stored_secret(scope: Option<&str>, secret: JlisSecret) -> Result<Option<Secret>> {
    match scope {
        Some(scope) => Ok(credentials().get(&account(secret, scope))?),
        None => Ok(None),
    }
}

/// A new random scope: 16 hex digits.
fn new_scope() -> String {
    use rand_core::RngCore;
    format!("{:016x}", rand_core::OsRng.next_u64())
}

/// An input text: trimmed, `None` when empty.
fn given(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// A URL as it may be shown back: a password typed into it (`https://user:pw@host/`) masked.
fn shown_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://***@{}", &rest[at + 1..]),
        None => url.to_string(),
    }
}

fn bad_url(field: &'static str, url: &str, source_ja: &str, e: &ClientError) -> Error {
    let url = shown_url(url);
    DomainError::new(
        field,
        format!(
            "{source_ja}のURL '{url}' は使えません。https:// で始まるURLにしてください（http:// は 127.0.0.1 などこのコンピュータ自身のアドレスに限ります）。"
        ),
        e.to_string(),
    )
    .into()
}

/// Checks a base URL as the client will; answers it normalised (trailing `/`).
fn checked_url(field: &'static str, url: &str, source_ja: &str) -> Result<String> {
    ClientConfig::new(url, Secret::new(""))
        .validate()
        .map(|u| u.to_string())
        .map_err(|e| bad_url(field, url, source_ja, &e))
}

fn read_file(field: &'static str, what_ja: &str, path: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        DomainError::new(
            field,
            format!(
                "{what_ja}のファイル '{path}' を読めません。ファイルの場所と読み取りの権限を確認してください（{WHERE_JA}）。"
            ),
            format!("cannot read {path}: {e}"),
        )
        .into()
    })
}

/// A client-side TLS problem, as a refusal naming the setting to fix.
fn tls_refusal(field: &'static str, e: &ClientError) -> Error {
    DomainError::new(field, e.japanese(), e.to_string()).into()
}

fn not_configured(missing: &'static str, message: String, detail: &str) -> Error {
    Error::Rule {
        code: crate::ErrorCode::JlisNotConfigured,
        message,
        detail: detail.to_string(),
        details: vec![json!({ "missing": missing })],
    }
}

/// An absolute path (a relative one typed at a prompt would mean another file to the app).
fn absolute(path: &str) -> String {
    std::path::absolute(Path::new(path))
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| path.to_string())
}

/// Opens the client certificate with the stored password (or none): `Ok(false)` when it is a
/// PKCS#12 file that needs a password not yet set.
fn check_certificate(der: &[u8], password: Option<&Secret>) -> Result<bool> {
    let empty = Secret::new("");
    match ClientIdentity::open(der, password.unwrap_or(&empty)) {
        Ok(_) => Ok(true),
        Err(ClientError::Tls {
            problem: TlsProblem::WrongPassword,
            ..
        }) if password.is_none() => Ok(false),
        Err(e) if password.is_some() && is_wrong_password(&e) => Err(DomainError::new(
            "client_certificate_path",
            format!(
                "設定済みのパスワードではこのクライアント証明書を開けません。証明書のファイルか、パスワード（{WHERE_JA}）を確認してください。"
            ),
            e.to_string(),
        )
        .into()),
        Err(e) => Err(tls_refusal("client_certificate_path", &e)),
    }
}

fn is_wrong_password(e: &ClientError) -> bool {
    matches!(
        e,
        ClientError::Tls {
            problem: TlsProblem::WrongPassword,
            ..
        }
    )
}

impl Desk {
    /// The J-LIS connection settings, with `KOFU_JLIS_URL`/`KOFU_JLIS_TOKEN` of this process.
    pub fn jlis_settings(&self, actor: &Actor) -> Result<JlisSettings> {
        self.jlis_settings_with(actor, &JlisOverrides::from_env())
    }

    /// The settings as [`Desk::jlis_settings`], with the given overrides.
    pub fn jlis_settings_with(
        &self,
        actor: &Actor,
        overrides: &JlisOverrides,
    ) -> Result<JlisSettings> {
        let stored = self.tx(|tx| {
            authorize(tx, actor, Action::ViewConnection)?;
            Stored::read(tx)
        })?;
        let scope = stored.scope.as_deref();
        Ok(JlisSettings {
            token_set: stored_secret(scope, JlisSecret::Token)?.is_some(),
            certificate_password_set: stored_secret(scope, JlisSecret::CertificatePassword)?
                .is_some(),
            base_url: stored.base_url,
            client_certificate_path: stored.client_certificate_path,
            extra_ca_path: stored.extra_ca_path,
            url_from_env: overrides.url.is_some(),
            token_from_env: overrides.token.is_some(),
        })
    }

    /// Saves the URL and the certificate paths (admin). The URL must be `https` (or `http` to a
    /// loopback address); each file must be readable and be what it claims: PEM certificates
    /// for the extra CA, PKCS#12 for the client certificate (opened with the stored password
    /// when one is set). Audited with the old and new values.
    pub fn set_jlis_settings(
        &self,
        actor: &Actor,
        input: &JlisSettingsInput,
    ) -> Result<JlisSettings> {
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::ManageConnection)?;
            let old = Stored::read(tx)?;
            let base_url = given(&input.base_url)
                .map(|u| checked_url("base_url", &u, "J-LISサーバ"))
                .transpose()?;
            let client_certificate_path =
                given(&input.client_certificate_path).map(|p| absolute(&p));
            if let Some(path) = &client_certificate_path {
                let der = read_file("client_certificate_path", "クライアント証明書", path)?;
                let password =
                    stored_secret(old.scope.as_deref(), JlisSecret::CertificatePassword)?;
                check_certificate(&der, password.as_ref())?;
            }
            let extra_ca_path = given(&input.extra_ca_path).map(|p| absolute(&p));
            if let Some(path) = &extra_ca_path {
                let pem = read_file("extra_ca_path", "追加のCA証明書", path)?;
                check_extra_ca(&pem).map_err(|e| tls_refusal("extra_ca_path", &e))?;
            }
            let new = Stored {
                base_url,
                client_certificate_path,
                extra_ca_path,
                scope: old.scope.clone(),
            };
            for (key, value) in [
                (BASE_URL, &new.base_url),
                (CLIENT_CERTIFICATE_PATH, &new.client_certificate_path),
                (EXTRA_CA_PATH, &new.extra_ca_path),
            ] {
                match value {
                    Some(v) => settings::set(tx, key, v)?,
                    None => settings::delete(tx, key)?,
                }
            }
            let changes = kofu_core::audit::changes(&old.audit_view(), &new.audit_view());
            record(tx, now, actor.name(), "jlis.settings", "jlis", changes)
        })?;
        self.jlis_settings(actor)
    }

    /// Puts a secret in this computer's credential store (admin). The token is trimmed and must
    /// be printable ASCII; a certificate password must open the configured certificate. The
    /// audit trail records which secret was set, never its value.
    pub fn set_jlis_secret(
        &self,
        actor: &Actor,
        which: JlisSecret,
        value: &Secret,
    ) -> Result<JlisSettings> {
        let value = match which {
            JlisSecret::Token => Secret::new(value.expose().trim()),
            JlisSecret::CertificatePassword => value.clone(),
        };
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::ManageConnection)?;
            if value.expose().is_empty() {
                return Err(DomainError::new(
                    which.as_str(),
                    format!("{}を入力してください（空にはできません。消すときは削除を選んでください）。", which.label_ja()),
                    "empty",
                )
                .into());
            }
            if which == JlisSecret::Token && !value.expose().bytes().all(|b| b.is_ascii_graphic()) {
                return Err(DomainError::new(
                    "token",
                    "トークンに使えない文字（空白、全角文字など）が含まれています。J-LISから通知されたトークンをそのまま貼り付けてください。",
                    "not printable ASCII",
                )
                .into());
            }
            if which == JlisSecret::CertificatePassword {
                if let Some(path) = settings::get(tx, CLIENT_CERTIFICATE_PATH)? {
                    let der = read_file("client_certificate_path", "クライアント証明書", &path)?;
                    if let Err(e) = ClientIdentity::open(&der, &value) {
                        return Err(if is_wrong_password(&e) {
                            DomainError::new(
                                "certificate_password",
                                "このパスワードではクライアント証明書を開けません。パスワードを確認してください。",
                                e.to_string(),
                            )
                            .into()
                        } else {
                            tls_refusal("client_certificate_path", &e)
                        });
                    }
                }
            }
            let scope = settings::get_or_insert(tx, CREDENTIAL_SCOPE, &new_scope())?;
            record(
                tx,
                now,
                actor.name(),
                "jlis.secret.set",
                "jlis",
                json!({ "secret": which.as_str() }),
            )?;
            // Last, so that a store that refuses rolls the audit entry back with it.
            credentials().set(&account(which, &scope), &value)?;
            Ok(())
        })?;
        self.jlis_settings(actor)
    }

    /// Removes a secret from this computer's credential store (admin); audited.
    pub fn clear_jlis_secret(&self, actor: &Actor, which: JlisSecret) -> Result<JlisSettings> {
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::ManageConnection)?;
            let scope = settings::get(tx, CREDENTIAL_SCOPE)?;
            record(
                tx,
                now,
                actor.name(),
                "jlis.secret.clear",
                "jlis",
                json!({ "secret": which.as_str() }),
            )?;
            if let Some(scope) = scope {
                credentials().delete(&account(which, &scope))?;
            }
            Ok(())
        })?;
        self.jlis_settings(actor)
    }

    /// How to reach J-LIS now: the URL from `KOFU_JLIS_URL` or the settings, the token from
    /// `KOFU_JLIS_TOKEN` or the credential store, the client certificate with its password and
    /// the extra CA from their files. A missing piece is refused naming what to set and where.
    ///
    /// No role check: it reveals nothing that this computer's user could not read from their own
    /// credential store, and the use case that fetches (`pull_statement`) authorises.
    pub fn jlis_connection(&self) -> Result<ClientConfig> {
        self.jlis_connection_with(&JlisOverrides::from_env())
    }

    /// [`Desk::jlis_connection`] with the given overrides.
    pub fn jlis_connection_with(&self, overrides: &JlisOverrides) -> Result<ClientConfig> {
        let stored = self.tx(Stored::read)?;
        let scope = stored.scope.as_deref();
        let base_url = match (&overrides.url, &stored.base_url) {
            (Some(url), _) => checked_url("base_url", url, &format!("環境変数 {URL_VAR} の")),
            (None, Some(url)) => checked_url("base_url", url, "J-LISサーバ"),
            (None, None) => Err(not_configured(
                "base_url",
                format!(
                    "J-LISサーバのURLが設定されていません。管理者が {WHERE_JA} で設定してください（スケジュール実行では環境変数 {URL_VAR} でも指定できます）。"
                ),
                "no J-LIS URL in the settings or KOFU_JLIS_URL",
            )),
        }?;
        let token = match &overrides.token {
            Some(token) => token.clone(),
            None => stored_secret(scope, JlisSecret::Token)?.ok_or_else(|| {
                not_configured(
                    "token",
                    format!(
                        "J-LISサーバのトークンがこのコンピュータに設定されていません。管理者が {WHERE_JA}（または kofu jlis token set）で設定してください（スケジュール実行では環境変数 {TOKEN_VAR} でも指定できます）。"
                    ),
                    "no J-LIS token in the credential store or KOFU_JLIS_TOKEN",
                )
            })?,
        };
        let mut config = ClientConfig::new(base_url, token);
        if let Some(path) = &stored.extra_ca_path {
            let pem = read_file("extra_ca_path", "追加のCA証明書", path)?;
            check_extra_ca(&pem).map_err(|e| tls_refusal("extra_ca_path", &e))?;
            config.extra_ca_pem = Some(pem);
        }
        if let Some(path) = &stored.client_certificate_path {
            let der = read_file("client_certificate_path", "クライアント証明書", path)?;
            let password = stored_secret(scope, JlisSecret::CertificatePassword)?;
            if !check_certificate(&der, password.as_ref())? {
                return Err(not_configured(
                    "certificate_password",
                    format!(
                        "クライアント証明書のパスワードがこのコンピュータに設定されていません。管理者が {WHERE_JA}（または kofu jlis certificate-password set）で設定してください。"
                    ),
                    "the PKCS#12 file needs a password and none is stored",
                ));
            }
            config.client_identity_p12 = Some((der, password.unwrap_or_else(|| Secret::new(""))));
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_environment_variables_are_no_override() {
        let o = JlisOverrides::from_lookup(|name| match name {
            URL_VAR => Some("  ".into()),
            TOKEN_VAR => Some(" s3cr3t-tok \n".into()),
            _ => None,
        });
        assert_eq!(
            o.url, None,
            "a blank KOFU_JLIS_URL must not hide the settings"
        );
        assert_eq!(
            o.token.as_ref().map(Secret::expose),
            Some("s3cr3t-tok"),
            "a token is trimmed like one typed in"
        );
        assert!(
            !format!("{o:?}").contains("s3cr3t"),
            "the token never reaches a log"
        );
    }

    #[test]
    fn a_password_in_a_refused_url_is_not_shown_back() {
        assert_eq!(
            shown_url("https://city:pa55@jlis.example.jp/x@y"),
            "https://***@jlis.example.jp/x@y"
        );
        assert_eq!(
            shown_url("http://jlis.example.jp/"),
            "http://jlis.example.jp/"
        );
        assert_eq!(shown_url("jlis.example.jp"), "jlis.example.jp");
    }

    #[test]
    fn accounts_are_scoped_to_the_database() {
        assert_eq!(account(JlisSecret::Token, "00ff"), "jlis-token/00ff");
        assert_eq!(
            account(JlisSecret::CertificatePassword, "00ff"),
            "jlis-client-certificate-password/00ff"
        );
        assert_ne!(new_scope(), new_scope(), "each database gets its own scope");
        assert_eq!(new_scope().len(), 16);
    }

    #[test]
    fn the_secret_kinds_serialise_in_snake_case() {
        assert_eq!(
            serde_json::to_value(JlisSecret::CertificatePassword).unwrap(),
            json!("certificate_password")
        );
    }
}
