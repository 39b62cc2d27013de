//! HTTPS and mutual TLS against the simulator on loopback, with a throwaway PKI made at test
//! time: the client certificate (PKCS#12) is what lets the client in, the extra CA is what makes
//! the server trusted, and each failure says which setting to fix.

use std::time::Duration;

use kofu_jlis::client::{
    check_extra_ca, Client, ClientConfig, ClientError, ClientIdentity, Secret, TlsProblem,
};
use kofu_jlis::format::{parse_statement, ParseContext};
use kofu_jlis::generate;
use kofu_jlis_sim::tls::{spawn_tls_on_loopback, TestPki};
use kofu_jlis_sim::{Faults, SimConfig};

use crate::{chiba, date, october, SCALE, SEED, TOKEN};

const P12_PASSWORD: &str = "p12-password-for-tests";

struct TlsSim {
    url: String,
    faults: Faults,
    pki: TestPki,
}

/// The simulator over HTTPS on 127.0.0.1, requiring a client certificate from its CA or not.
fn start(require_client_certificate: bool) -> TlsSim {
    let pki = TestPki::generate(P12_PASSWORD);
    let faults = Faults::new();
    let config = SimConfig {
        municipality: chiba(),
        token: TOKEN.into(),
        seed: SEED,
        scale: SCALE,
        finalized_from_day: 10,
        today: date("2026-11-26"),
    };
    let url = spawn_tls_on_loopback(
        config,
        faults.clone(),
        pki.server_config(require_client_certificate),
    )
    .expect("the simulator starts on loopback");
    TlsSim { url, faults, pki }
}

fn config(sim: &TlsSim) -> ClientConfig {
    ClientConfig {
        timeout: Duration::from_secs(10),
        retries: 2,
        backoff: Duration::from_millis(10),
        extra_ca_pem: Some(sim.pki.ca_pem.clone().into_bytes()),
        client_identity_p12: Some((sim.pki.client_p12.clone(), Secret::new(P12_PASSWORD))),
        ..ClientConfig::new(sim.url.clone(), Secret::new(TOKEN))
    }
}

fn tls_problem(err: &ClientError) -> Option<TlsProblem> {
    match err {
        ClientError::Tls { problem, .. } => Some(*problem),
        _ => None,
    }
}

#[test]
fn with_the_client_certificate_and_the_extra_ca_the_statement_arrives_over_mutual_tls() {
    let sim = start(true);
    let bytes = Client::new(config(&sim))
        .expect("the PKCS#12 opens with its password")
        .fetch_statement(chiba(), october())
        .expect("the server accepts the client certificate");
    let ctx = ParseContext::with_default_master(chiba(), Some(october()));
    let (expected, _) = generate::month(chiba(), october(), SEED, SCALE);
    assert_eq!(
        parse_statement(&bytes, &ctx).expect("a valid statement"),
        expected,
        "what arrives over mutual TLS is exactly the generated month"
    );
    assert_eq!(sim.faults.requests(), 1, "one request, no retry");
}

#[test]
fn without_a_client_certificate_the_server_refuses_the_handshake() {
    let sim = start(true);
    let cfg = ClientConfig {
        client_identity_p12: None,
        ..config(&sim)
    };
    let err = Client::new(cfg)
        .expect("a client without a certificate can be built")
        .fetch_statement(chiba(), october())
        .expect_err("the server requires a client certificate");
    assert_eq!(
        tls_problem(&err),
        Some(TlsProblem::ClientCertificateRefused),
        "the refusal must be told apart from a network failure, got {err:?}"
    );
    assert!(
        err.japanese()
            .contains("クライアント証明書を受け付けませんでした"),
        "the clerk is told the certificate is the problem: {}",
        err.japanese()
    );
    assert_eq!(
        sim.faults.requests(),
        0,
        "no request reaches the API without a certificate"
    );
}

#[test]
fn a_client_certificate_from_another_ca_is_refused() {
    let sim = start(true);
    let stranger = TestPki::generate("another-password");
    let cfg = ClientConfig {
        client_identity_p12: Some((stranger.client_p12, Secret::new("another-password"))),
        ..config(&sim)
    };
    let err = Client::new(cfg)
        .expect("the stranger's PKCS#12 opens")
        .fetch_statement(chiba(), october())
        .expect_err("a certificate from another CA must not let the client in");
    assert_eq!(
        tls_problem(&err),
        Some(TlsProblem::ClientCertificateRefused),
        "got {err:?}"
    );
    assert_eq!(sim.faults.requests(), 0, "nothing reached the API");
}

#[test]
fn without_the_extra_ca_the_server_is_not_trusted() {
    let sim = start(false);
    let cfg = ClientConfig {
        extra_ca_pem: None,
        ..config(&sim)
    };
    let err = Client::new(cfg)
        .expect("a client without an extra CA can be built")
        .fetch_statement(chiba(), october())
        .expect_err("a server certificate from a private CA is not trusted by default");
    assert_eq!(
        tls_problem(&err),
        Some(TlsProblem::ServerNotTrusted),
        "got {err:?}"
    );
    assert!(
        err.japanese().contains("追加のCA証明書"),
        "the clerk is pointed at the extra CA setting: {}",
        err.japanese()
    );

    let trusted = Client::new(ClientConfig {
        client_identity_p12: None,
        ..config(&sim)
    })
    .expect("a valid configuration")
    .fetch_statement(chiba(), october());
    assert!(
        trusted.is_ok(),
        "the extra CA alone makes the same server trusted: {trusted:?}"
    );
}

#[test]
fn a_wrong_pkcs12_password_is_refused_before_connecting() {
    let pki = TestPki::generate(P12_PASSWORD);
    let cfg = ClientConfig {
        client_identity_p12: Some((pki.client_p12.clone(), Secret::new("not-the-password"))),
        ..ClientConfig::new("https://127.0.0.1:9/", Secret::new(TOKEN))
    };
    let err = Client::new(cfg).expect_err("the PKCS#12 does not open");
    assert_eq!(
        tls_problem(&err),
        Some(TlsProblem::WrongPassword),
        "got {err:?}"
    );
    assert!(err.japanese().contains("パスワードが違います"));
    assert!(
        !format!("{err:?} {err}").contains("not-the-password"),
        "a password never appears in an error"
    );
}

#[test]
fn a_file_that_is_not_pkcs12_is_refused_as_such() {
    let pki = TestPki::generate(P12_PASSWORD);
    for bytes in [
        b"not a certificate at all".to_vec(),
        pki.ca_pem.clone().into_bytes(),
        Vec::new(),
    ] {
        let err = ClientIdentity::open(&bytes, &Secret::new(P12_PASSWORD))
            .expect_err("only PKCS#12 is a client certificate");
        assert_eq!(
            tls_problem(&err),
            Some(TlsProblem::NotPkcs12),
            "got {err:?}"
        );
        assert!(err.japanese().contains("PKCS#12"), "{}", err.japanese());
    }
}

#[test]
fn an_opened_identity_names_its_subject_and_hides_its_key() {
    let pki = TestPki::generate(P12_PASSWORD);
    let identity = ClientIdentity::open(&pki.client_p12, &Secret::new(P12_PASSWORD))
        .expect("the right password opens it");
    assert!(
        identity.subject.contains(pki.client_subject),
        "the subject tells people which certificate this is: {}",
        identity.subject
    );
    assert!(
        !format!("{identity:?}").contains("PRIVATE KEY"),
        "the private key never reaches a log"
    );
}

#[test]
fn an_extra_ca_file_must_hold_a_pem_certificate() {
    let pki = TestPki::generate(P12_PASSWORD);
    assert_eq!(
        check_extra_ca(pki.ca_pem.as_bytes()).expect("a PEM CA certificate"),
        1
    );
    for bad in [b"garbage".as_slice(), pki.client_p12.as_slice()] {
        let err = check_extra_ca(bad).expect_err("no PEM certificate in it");
        assert_eq!(tls_problem(&err), Some(TlsProblem::ExtraCa), "got {err:?}");
    }
}
