//! The J-LIS connection on both backends: who may see and change it, how the URL, the token,
//! the certificates and the environment overrides resolve into a client configuration, and
//! that a secret never reaches the audit trail or a debug line. Secrets go to an in-memory
//! credential store here (the OS store is exercised by the CLI tests).

use std::sync::{Arc, Once};

use kofu_api::jlis::{
    use_credential_store, JlisOverrides, JlisSecret, JlisSettingsInput, MemoryCredentials, Secret,
};
use kofu_api::{Desk, ErrorCode, DEMO_PASSWORD};
use kofu_core::TargetMonth;
use kofu_jlis_sim::tls::{spawn_tls_on_loopback, TestPki};
use kofu_jlis_sim::{Faults, SimConfig};
use kofu_store::testing::TestDb;
use serde_json::json;

use crate::demo;

const TOKEN: &str = "jlis-token-0123456789abcdef";
const P12_PASSWORD: &str = "p12-password-for-tests";

fn memory_credentials() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| use_credential_store(Arc::new(MemoryCredentials::default())));
}

fn no_env() -> JlisOverrides {
    JlisOverrides::default()
}

fn url_only(url: &str) -> JlisSettingsInput {
    JlisSettingsInput {
        base_url: Some(url.into()),
        ..Default::default()
    }
}

fn desk_with_staff(db: &TestDb) -> (Desk, kofu_api::Actor, kofu_api::Actor) {
    memory_credentials();
    let d = demo(db);
    let admin = d.login("admin", DEMO_PASSWORD).unwrap();
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    (d, admin, clerk)
}

pub fn only_an_admin_changes_the_connection_and_a_clerk_sees_no_secret(db: &TestDb) {
    let (d, admin, clerk) = desk_with_staff(db);
    let token = Secret::new(TOKEN);
    let refused = d
        .set_jlis_secret(&clerk, JlisSecret::Token, &token)
        .unwrap_err();
    assert_eq!(refused.code(), "forbidden", "a clerk cannot set the token");
    assert_eq!(
        refused.message(),
        "事務担当の権限では「J-LIS接続設定の変更」はできません。"
    );
    assert_eq!(
        d.set_jlis_settings(&clerk, &url_only("https://jlis.example.jp/"))
            .unwrap_err()
            .code(),
        "forbidden"
    );
    assert_eq!(
        d.clear_jlis_secret(&clerk, JlisSecret::Token)
            .unwrap_err()
            .code(),
        "forbidden"
    );
    for name in ["helpdesk", "supervisor"] {
        let who = d.login(name, DEMO_PASSWORD).unwrap();
        assert_eq!(
            d.jlis_settings_with(&who, &no_env()).unwrap_err().code(),
            "forbidden",
            "{name} neither pulls data nor configures: no connection settings"
        );
    }
    assert!(
        !d.jlis_settings_with(&clerk, &no_env()).unwrap().token_set,
        "the refused attempt stored nothing"
    );

    d.set_jlis_secret(&admin, JlisSecret::Token, &token)
        .unwrap();
    let seen = d.jlis_settings_with(&clerk, &no_env()).unwrap();
    assert!(seen.token_set, "the clerk sees that a token is set");
    let shown = format!("{} {seen:?}", serde_json::to_string(&seen).unwrap());
    assert!(!shown.contains(TOKEN), "but never the token: {shown}");
}

pub fn an_admin_sets_the_url_and_the_token_and_the_connection_resolves(db: &TestDb) {
    let (d, admin, _) = desk_with_staff(db);
    let missing = d.jlis_connection_with(&no_env()).unwrap_err();
    assert_eq!(missing.code(), "jlis_not_configured");
    assert_eq!(missing.details(), vec![json!({"missing": "base_url"})]);
    assert!(
        missing.message().contains("設定 > J-LIS接続"),
        "the clerk is told where to set it: {}",
        missing.message()
    );

    let saved = d
        .set_jlis_settings(&admin, &url_only("  https://jlis.example.jp/api  "))
        .unwrap();
    assert_eq!(
        saved.base_url.as_deref(),
        Some("https://jlis.example.jp/api/"),
        "stored trimmed, with the trailing / the client joins paths to"
    );
    let no_token = d.jlis_connection_with(&no_env()).unwrap_err();
    assert_eq!(
        (no_token.code(), no_token.details()),
        (
            ErrorCode::JlisNotConfigured,
            vec![json!({"missing": "token"})]
        )
    );
    assert!(
        no_token.message().contains("kofu jlis token set"),
        "{}",
        no_token.message()
    );

    let settings = d
        .set_jlis_secret(
            &admin,
            JlisSecret::Token,
            &Secret::new(format!(" {TOKEN}\n")),
        )
        .unwrap();
    assert!(settings.token_set && !settings.certificate_password_set);
    let connection = d.jlis_connection_with(&no_env()).unwrap();
    assert_eq!(connection.base_url, "https://jlis.example.jp/api/");
    assert_eq!(
        connection.token.expose(),
        TOKEN,
        "the token is trimmed as typed"
    );
    assert!(connection.extra_ca_pem.is_none() && connection.client_identity_p12.is_none());

    let cleared = d.clear_jlis_secret(&admin, JlisSecret::Token).unwrap();
    assert!(!cleared.token_set);
    assert_eq!(
        d.jlis_connection_with(&no_env()).unwrap_err().details(),
        vec![json!({"missing": "token"})]
    );

    let blank = d
        .set_jlis_secret(&admin, JlisSecret::Token, &Secret::new("  \n"))
        .unwrap_err();
    assert_eq!(
        (blank.code(), blank.field().as_deref()),
        (ErrorCode::Validation, Some("token"))
    );
    let wide = d
        .set_jlis_secret(&admin, JlisSecret::Token, &Secret::new("トークン"))
        .unwrap_err();
    assert_eq!(
        wide.field().as_deref(),
        Some("token"),
        "a full-width paste is caught"
    );
}

pub fn environment_overrides_win_over_the_settings(db: &TestDb) {
    let (d, admin, clerk) = desk_with_staff(db);
    let env = JlisOverrides::from_lookup(|name| match name {
        "KOFU_JLIS_URL" => Some("http://127.0.0.1:8787".into()),
        "KOFU_JLIS_TOKEN" => Some("token-from-env".into()),
        _ => None,
    });
    let only_env = d.jlis_connection_with(&env).unwrap();
    assert_eq!(
        (only_env.base_url.as_str(), only_env.token.expose()),
        ("http://127.0.0.1:8787/", "token-from-env"),
        "a scheduled job needs no stored settings"
    );

    d.set_jlis_settings(&admin, &url_only("https://jlis.example.jp/"))
        .unwrap();
    d.set_jlis_secret(&admin, JlisSecret::Token, &Secret::new(TOKEN))
        .unwrap();
    let both = d.jlis_connection_with(&env).unwrap();
    assert_eq!(
        (both.base_url.as_str(), both.token.expose()),
        ("http://127.0.0.1:8787/", "token-from-env"),
        "the environment wins over the settings and the credential store"
    );
    let shown = d.jlis_settings_with(&clerk, &env).unwrap();
    assert!(
        shown.url_from_env && shown.token_from_env,
        "the UI can say an override is active"
    );
    assert_eq!(shown.base_url.as_deref(), Some("https://jlis.example.jp/"));

    let token_only = JlisOverrides {
        token: Some(Secret::new("token-from-env")),
        ..Default::default()
    };
    let mixed = d.jlis_connection_with(&token_only).unwrap();
    assert_eq!(
        (mixed.base_url.as_str(), mixed.token.expose()),
        ("https://jlis.example.jp/", "token-from-env"),
        "each piece is overridden on its own"
    );

    let bad = JlisOverrides {
        url: Some("http://jlis.example.jp/".into()),
        ..Default::default()
    };
    let err = d.jlis_connection_with(&bad).unwrap_err();
    assert_eq!(
        (err.code(), err.field().as_deref()),
        (ErrorCode::Validation, Some("base_url"))
    );
    assert!(
        err.message().contains("KOFU_JLIS_URL"),
        "the message names where the bad URL came from: {}",
        err.message()
    );
}

pub fn plain_http_to_another_host_is_refused_naming_the_field(db: &TestDb) {
    let (d, admin, _) = desk_with_staff(db);
    d.set_jlis_settings(&admin, &url_only("https://jlis.example.jp/"))
        .unwrap();
    for url in [
        "http://jlis.example.jp/",
        "http://10.0.0.1/",
        "ftp://127.0.0.1/",
        "jlis.example.jp",
    ] {
        let err = d.set_jlis_settings(&admin, &url_only(url)).unwrap_err();
        assert_eq!(
            (err.code(), err.field().as_deref()),
            (ErrorCode::Validation, Some("base_url")),
            "{url}: the token would travel in clear or nowhere"
        );
        assert!(
            err.message().contains("https://") && err.message().contains(url),
            "a Japanese message naming the value and the fix: {}",
            err.message()
        );
    }
    assert_eq!(
        d.jlis_settings_with(&admin, &no_env())
            .unwrap()
            .base_url
            .as_deref(),
        Some("https://jlis.example.jp/"),
        "a refused change writes nothing"
    );
    let sim = d
        .set_jlis_settings(&admin, &url_only("http://127.0.0.1:8787"))
        .unwrap();
    assert_eq!(
        sim.base_url.as_deref(),
        Some("http://127.0.0.1:8787/"),
        "plain http to the simulator on this computer is allowed"
    );
    let cleared = d
        .set_jlis_settings(&admin, &JlisSettingsInput::default())
        .unwrap();
    assert_eq!(cleared.base_url, None, "an empty input clears the URL");
}

pub fn a_secret_never_reaches_the_audit_trail_or_a_debug_line(db: &TestDb) {
    let (d, admin, _) = desk_with_staff(db);
    d.set_jlis_settings(&admin, &url_only("https://jlis.example.jp/"))
        .unwrap();
    d.set_jlis_secret(&admin, JlisSecret::Token, &Secret::new(TOKEN))
        .unwrap();
    d.set_jlis_secret(
        &admin,
        JlisSecret::CertificatePassword,
        &Secret::new(P12_PASSWORD),
    )
    .unwrap();
    d.clear_jlis_secret(&admin, JlisSecret::CertificatePassword)
        .unwrap();

    let entries = d.recent_audit(&admin, 50).unwrap();
    let actions: Vec<&str> = entries
        .iter()
        .filter(|e| e.action.starts_with("jlis."))
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(
        actions.iter().filter(|a| **a == "jlis.secret.set").count(),
        2,
        "every secret set is audited: {actions:?}"
    );
    assert!(actions.contains(&"jlis.secret.clear") && actions.contains(&"jlis.settings"));
    let set = entries
        .iter()
        .find(|e| e.action == "jlis.secret.set" && e.summary.contains("\"token\""))
        .expect("the audit says which secret was set");
    assert_eq!(set.actor, "admin");
    let settings = entries
        .iter()
        .find(|e| e.action == "jlis.settings")
        .unwrap();
    assert!(
        settings.summary.contains("https://jlis.example.jp/"),
        "the URL is no secret and is audited: {}",
        settings.summary
    );
    for e in &entries {
        assert!(
            !e.summary.contains(TOKEN) && !e.summary.contains(P12_PASSWORD),
            "no secret in the audit trail: {} {}",
            e.action,
            e.summary
        );
    }
    assert!(d.verify_audit(&admin).unwrap().intact);

    let connection = d.jlis_connection_with(&no_env()).unwrap();
    let debug = format!(
        "{connection:?} {:?} {:?}",
        d.jlis_settings_with(&admin, &no_env()).unwrap(),
        JlisOverrides {
            token: Some(Secret::new(TOKEN)),
            ..Default::default()
        }
    );
    assert!(!debug.contains(TOKEN), "no token in a debug line: {debug}");
    assert!(debug.contains("<redacted>"));
}

pub fn certificate_files_are_checked_and_the_password_must_open_the_certificate(db: &TestDb) {
    let (d, admin, _) = desk_with_staff(db);
    let pki = TestPki::generate(P12_PASSWORD);
    let dir = tempfile::tempdir().unwrap();
    let p12 = dir.path().join("client.p12");
    let ca = dir.path().join("ca.pem");
    let garbage = dir.path().join("garbage.txt");
    std::fs::write(&p12, &pki.client_p12).unwrap();
    std::fs::write(&ca, &pki.ca_pem).unwrap();
    std::fs::write(&garbage, "not a certificate").unwrap();
    let path = |p: &std::path::Path| p.display().to_string();
    let with = |cert: Option<String>, extra: Option<String>| JlisSettingsInput {
        base_url: Some("https://jlis.example.jp/".into()),
        client_certificate_path: cert,
        extra_ca_path: extra,
    };

    let missing = dir.path().join("nowhere.p12");
    for (input, field) in [
        (with(Some(path(&missing)), None), "client_certificate_path"),
        (with(Some(path(&ca)), None), "client_certificate_path"),
        (with(None, Some(path(&garbage))), "extra_ca_path"),
        (with(None, Some(path(&p12))), "extra_ca_path"),
    ] {
        let err = d.set_jlis_settings(&admin, &input).unwrap_err();
        assert_eq!(
            (err.code(), err.field().as_deref()),
            (ErrorCode::Validation, Some(field)),
            "{input:?}: {}",
            err.message()
        );
    }
    let unreadable = d
        .set_jlis_settings(&admin, &with(Some(path(&missing)), None))
        .unwrap_err();
    assert!(
        unreadable.message().contains("nowhere.p12"),
        "the message names the file: {}",
        unreadable.message()
    );
    let not_p12 = d
        .set_jlis_settings(&admin, &with(Some(path(&ca)), None))
        .unwrap_err();
    assert!(
        not_p12.message().contains("PKCS#12"),
        "{}",
        not_p12.message()
    );

    let saved = d
        .set_jlis_settings(&admin, &with(Some(path(&p12)), Some(path(&ca))))
        .unwrap();
    assert_eq!(saved.client_certificate_path, Some(path(&p12)));
    assert_eq!(saved.extra_ca_path, Some(path(&ca)));
    d.set_jlis_secret(&admin, JlisSecret::Token, &Secret::new(TOKEN))
        .unwrap();
    let no_password = d.jlis_connection_with(&no_env()).unwrap_err();
    assert_eq!(
        (no_password.code(), no_password.details()),
        (
            ErrorCode::JlisNotConfigured,
            vec![json!({"missing": "certificate_password"})]
        ),
        "a protected certificate needs its password before any connection"
    );

    let wrong = d
        .set_jlis_secret(
            &admin,
            JlisSecret::CertificatePassword,
            &Secret::new("not-the-password"),
        )
        .unwrap_err();
    assert_eq!(
        (wrong.code(), wrong.field().as_deref()),
        (ErrorCode::Validation, Some("certificate_password"))
    );
    assert!(
        !d.jlis_settings_with(&admin, &no_env())
            .unwrap()
            .certificate_password_set,
        "a wrong password is not stored"
    );
    d.set_jlis_secret(
        &admin,
        JlisSecret::CertificatePassword,
        &Secret::new(P12_PASSWORD),
    )
    .unwrap();
    let connection = d.jlis_connection_with(&no_env()).unwrap();
    assert_eq!(
        connection
            .client_identity_p12
            .as_ref()
            .map(|(der, pw)| (der.as_slice(), pw.expose())),
        Some((pki.client_p12.as_slice(), P12_PASSWORD))
    );
    assert_eq!(connection.extra_ca_pem, Some(pki.ca_pem.into_bytes()));

    std::fs::remove_file(&ca).unwrap();
    let gone = d.jlis_connection_with(&no_env()).unwrap_err();
    assert_eq!(
        gone.field().as_deref(),
        Some("extra_ca_path"),
        "a file removed after saving is named when connecting"
    );
}

pub fn secrets_belong_to_their_own_database(db: &TestDb) {
    let (d, admin, _) = desk_with_staff(db);
    d.set_jlis_secret(&admin, JlisSecret::Token, &Secret::new(TOKEN))
        .unwrap();
    let training = TestDb::sqlite();
    let (other, other_admin, _) = desk_with_staff(&training);
    assert!(
        !other
            .jlis_settings_with(&other_admin, &no_env())
            .unwrap()
            .token_set,
        "a training copy on the same computer does not use the city's token"
    );
    assert!(d.jlis_settings_with(&admin, &no_env()).unwrap().token_set);
}

pub fn a_clerk_pulls_the_statement_over_mutual_tls_as_the_admin_configured(db: &TestDb) {
    let (d, admin, clerk) = desk_with_staff(db);
    let pki = TestPki::generate(P12_PASSWORD);
    let url = spawn_tls_on_loopback(
        SimConfig {
            municipality: kofu_core::MunicipalityCode::parse("121002").unwrap(),
            token: TOKEN.into(),
            seed: 3,
            scale: 1,
            finalized_from_day: 10,
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        },
        Faults::new(),
        pki.server_config(true),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (p12, ca) = (dir.path().join("client.pfx"), dir.path().join("ca.pem"));
    std::fs::write(&p12, &pki.client_p12).unwrap();
    std::fs::write(&ca, &pki.ca_pem).unwrap();
    d.set_jlis_settings(
        &admin,
        &JlisSettingsInput {
            base_url: Some(url),
            client_certificate_path: Some(p12.display().to_string()),
            extra_ca_path: Some(ca.display().to_string()),
        },
    )
    .unwrap();
    d.set_jlis_secret(
        &admin,
        JlisSecret::CertificatePassword,
        &Secret::new(P12_PASSWORD),
    )
    .unwrap();
    d.set_jlis_secret(&admin, JlisSecret::Token, &Secret::new(TOKEN))
        .unwrap();

    let october = TargetMonth::parse("2026-10").unwrap();
    let pulled = d
        .pull_statement(&clerk, october, d.jlis_connection_with(&no_env()).unwrap())
        .unwrap();
    assert_eq!(
        (
            pulled.import.target_month.as_str(),
            pulled.import.status.as_str()
        ),
        ("2026-10", "imported"),
        "URL, token, client certificate and extra CA all come from the settings"
    );
}
