//! The J-LIS client against the simulator, over real loopback HTTP: statuses, retries,
//! digests, cut-off bodies, timeouts, and the token kept out of every message.

mod tls;

use std::time::Duration;

use chrono::NaiveDate;
use kofu_core::{MunicipalityCode, TargetMonth};
use kofu_jlis::client::{Client, ClientConfig, ClientError, Secret};
use kofu_jlis::format::{parse_statement, write_notices, Encoding, ParseContext};
use kofu_jlis::generate;
use kofu_jlis_sim::{serve, Fault, Faults, SimConfig};

const TOKEN: &str = "s3cret-token-for-tests";
const SEED: u64 = 7;
const SCALE: u32 = 40;

fn chiba() -> MunicipalityCode {
    MunicipalityCode::parse("121002").expect("121002 is a valid code")
}

fn october() -> TargetMonth {
    TargetMonth::new(2026, 10).expect("a valid month")
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a valid date")
}

/// A simulator running on its own thread and runtime, on 127.0.0.1 with a free port.
struct Sim {
    url: String,
    faults: Faults,
}

fn start_sim(today: &str) -> Sim {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    listener.set_nonblocking(true).expect("non-blocking");
    let url = format!("http://{}", listener.local_addr().expect("local address"));
    let faults = Faults::new();
    let config = SimConfig {
        municipality: chiba(),
        token: TOKEN.into(),
        seed: SEED,
        scale: SCALE,
        finalized_from_day: 10,
        today: date(today),
    };
    let handle = faults.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
            serve(listener, config, handle)
                .await
                .expect("the simulator runs");
        });
    });
    Sim { url, faults }
}

fn config(sim: &Sim) -> ClientConfig {
    ClientConfig {
        timeout: Duration::from_secs(10),
        retries: 3,
        backoff: Duration::from_millis(10),
        ..ClientConfig::new(sim.url.clone(), Secret::new(TOKEN))
    }
}

fn client(config: ClientConfig) -> Client {
    Client::new(config).expect("a valid client configuration")
}

#[test]
fn a_fetched_statement_parses_to_the_generated_month() {
    let sim = start_sim("2026-11-26");
    let bytes = client(config(&sim))
        .fetch_statement(chiba(), october())
        .expect("October is finalized on 26 November");
    let ctx = ParseContext::with_default_master(chiba(), Some(october()));
    let parsed = parse_statement(&bytes, &ctx).expect("the simulator serves a valid statement");
    let (expected, _) = generate::month(chiba(), october(), SEED, SCALE);
    assert_eq!(
        parsed, expected,
        "what arrives over HTTP must be exactly the generated month"
    );
}

#[test]
fn fetched_notices_are_that_days_generated_notices() {
    let sim = start_sim("2026-11-26");
    let day = date("2026-10-01");
    let bytes = client(config(&sim))
        .fetch_notices(chiba(), day)
        .expect("a past day's notices are available");
    let (_, notices) = generate::month(chiba(), october(), SEED, SCALE);
    let that_day: Vec<_> = notices.into_iter().filter(|n| n.at.date() == day).collect();
    assert!(!that_day.is_empty(), "1 October is a service day");
    assert_eq!(
        bytes,
        write_notices(chiba(), &that_day, Encoding::Cp932),
        "the notices file must hold that day's notices and no other"
    );
}

#[test]
fn a_wrong_token_is_unauthorized_and_never_retried() {
    let sim = start_sim("2026-11-26");
    let wrong = ClientConfig {
        token: Secret::new("wrong-token"),
        ..config(&sim)
    };
    let err = client(wrong)
        .fetch_statement(chiba(), october())
        .expect_err("a wrong token must be refused");
    assert!(
        matches!(err, ClientError::Unauthorized { status: 401 }),
        "401 means the token is wrong, got {err:?}"
    );
    assert!(
        err.japanese().contains("トークンを確認"),
        "the clerk must be told to check the token"
    );
    assert!(
        !err.to_string().contains("wrong-token") && !format!("{err:?}").contains("wrong-token"),
        "a token must never appear in an error"
    );
    assert_eq!(sim.faults.requests(), 1, "a 401 must not be retried");
}

#[test]
fn another_municipality_is_forbidden() {
    let sim = start_sim("2026-11-26");
    let other = MunicipalityCode::parse("131016").expect("a valid code");
    let err = client(config(&sim))
        .fetch_statement(other, october())
        .expect_err("a city may fetch only its own data");
    assert!(
        matches!(err, ClientError::Unauthorized { status: 403 }),
        "403 is a credentials problem for the clerk, got {err:?}"
    );
}

#[test]
fn a_month_after_today_is_not_found() {
    let sim = start_sim("2026-11-26");
    let december = TargetMonth::new(2026, 12).expect("a valid month");
    let err = client(config(&sim))
        .fetch_statement(chiba(), december)
        .expect_err("December has no data in November");
    assert!(matches!(err, ClientError::NotFound), "got {err:?}");
    assert_eq!(sim.faults.requests(), 1, "a 404 must not be retried");
}

#[test]
fn before_the_tenth_the_previous_month_is_not_final_and_not_retried() {
    let sim = start_sim("2026-11-09");
    let err = client(config(&sim))
        .fetch_statement(chiba(), october())
        .expect_err("October is final only from 10 November");
    assert!(matches!(err, ClientError::NotFinal), "got {err:?}");
    assert_eq!(
        err.japanese(),
        "まだ確定していません（毎月10日以降に取得できます）。",
        "the clerk must learn when the month can be fetched"
    );
    assert_eq!(sim.faults.requests(), 1, "a 425 must not be retried");
}

#[test]
fn two_server_errors_are_retried_then_the_statement_arrives() {
    let sim = start_sim("2026-11-26");
    sim.faults.set(Fault::ServerError(2));
    let bytes = client(config(&sim))
        .fetch_statement(chiba(), october())
        .expect("the third attempt succeeds within 3 retries");
    assert!(!bytes.is_empty(), "a statement has records");
    assert_eq!(
        sim.faults.requests(),
        3,
        "two failed attempts and one good one"
    );
}

#[test]
fn a_server_that_keeps_failing_gives_a_server_error_after_the_retries() {
    let sim = start_sim("2026-11-26");
    sim.faults.set(Fault::ServerError(1000));
    let cfg = ClientConfig {
        retries: 2,
        ..config(&sim)
    };
    let err = client(cfg)
        .fetch_statement(chiba(), october())
        .expect_err("the server never recovers");
    assert!(
        matches!(err, ClientError::Server { status: 503 }),
        "got {err:?}"
    );
    assert_eq!(
        sim.faults.requests(),
        3,
        "the first attempt and exactly 2 retries: the retries are bounded"
    );
}

#[test]
fn a_bad_digest_returns_nothing() {
    let sim = start_sim("2026-11-26");
    sim.faults.set(Fault::BadDigest);
    let result = client(config(&sim)).fetch_statement(chiba(), october());
    assert!(
        matches!(result, Err(ClientError::Digest { .. })),
        "bytes that do not match their digest must never be handed back, got {result:?}"
    );
    assert_eq!(
        sim.faults.requests(),
        1,
        "a digest mismatch is not a transient failure"
    );
}

#[test]
fn a_truncated_body_is_an_error_after_the_retries() {
    let sim = start_sim("2026-11-26");
    sim.faults.set(Fault::Truncated);
    let cfg = ClientConfig {
        retries: 1,
        ..config(&sim)
    };
    let result = client(cfg).fetch_statement(chiba(), october());
    assert!(
        matches!(result, Err(ClientError::Truncated { .. })),
        "half a file must never be handed back, got {result:?}"
    );
    assert_eq!(
        sim.faults.requests(),
        2,
        "a cut-off body is a connection failure, retried"
    );
}

#[test]
fn a_server_slower_than_the_timeout_gives_a_timeout_error() {
    let sim = start_sim("2026-11-26");
    sim.faults.set(Fault::Slow(Duration::from_secs(5)));
    let cfg = ClientConfig {
        timeout: Duration::from_millis(300),
        retries: 0,
        ..config(&sim)
    };
    let err = client(cfg)
        .fetch_statement(chiba(), october())
        .expect_err("the server answers after the timeout");
    assert!(
        matches!(err, ClientError::Network { timeout: true, .. }),
        "a slow server must end in a timeout, not a hang, got {err:?}"
    );
}

#[test]
fn another_citys_statement_is_delivered_but_refused_by_the_parser() {
    let sim = start_sim("2026-11-26");
    sim.faults.set(Fault::WrongMunicipality);
    let bytes = client(config(&sim))
        .fetch_statement(chiba(), october())
        .expect("the transfer itself is intact");
    let ctx = ParseContext::with_default_master(chiba(), Some(october()));
    assert!(
        parse_statement(&bytes, &ctx).is_err(),
        "a statement for 131016 must not be taken as 121002's"
    );
}

#[test]
fn faults_can_be_switched_over_http() {
    let sim = start_sim("2026-11-26");
    let answer = reqwest::blocking::Client::new()
        .post(format!("{}/_sim/fault", sim.url))
        .header("content-type", "application/json")
        .body(r#"{"fault":"server_error","times":1}"#)
        .send()
        .expect("the admin endpoint answers");
    assert!(answer.status().is_success(), "got {}", answer.status());
    assert_eq!(
        sim.faults.current(),
        Fault::ServerError(1),
        "training staff switch faults without restarting the simulator"
    );
}

#[test]
fn plain_http_to_a_non_loopback_host_is_refused() {
    let cfg = ClientConfig::new("http://jlis.example.jp/", Secret::new(TOKEN));
    assert!(
        matches!(Client::new(cfg), Err(ClientError::BadUrl { .. })),
        "the token must never travel in clear over a network"
    );
    let cfg = ClientConfig::new("https://jlis.example.jp/", Secret::new(TOKEN));
    assert!(Client::new(cfg).is_ok(), "https to any host is allowed");
}

#[test]
fn the_debug_output_of_a_config_hides_the_token() {
    let cfg = ClientConfig::new("https://jlis.example.jp/", Secret::new(TOKEN));
    let shown = format!("{cfg:?} {:?}", client(cfg.clone()));
    assert!(
        !shown.contains(TOKEN),
        "the token must never reach a log: {shown}"
    );
    assert!(shown.contains("<redacted>"), "the token's place is marked");
}
