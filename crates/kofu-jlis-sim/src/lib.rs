//! A J-LIS server simulator: the API of INTERFACES.md §3 over plain HTTP on loopback, serving
//! months made by [`kofu_jlis::generate::month`], with faults that can be switched at run time
//! (slow answers, 5xx, truncated bodies, bad digests, another city's data).
//!
//! The demo, the end-to-end tests and staff training use it in place of the real server. It is
//! not a model of J-LIS's real behaviour beyond the documented contract, and it keeps nothing on
//! disk. It speaks plain HTTP (the client allows that on loopback only) or, through [`tls`],
//! HTTPS with an optional required client certificate.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine as _;
use chrono::{Datelike, NaiveDate};
use kofu_core::{MunicipalityCode, TargetMonth};
use kofu_jlis::format::{write_notices, write_statement, CompletionNotice, Encoding};
use kofu_jlis::generate;
use serde::Deserialize;
use sha2::{Digest, Sha256};

pub mod tls;

/// The content type of every CSV the simulator serves (CP932).
pub const CSV_CONTENT_TYPE: &str = "text/csv; charset=Shift_JIS";

/// What the simulated server knows: its one city, the token it accepts, how its data is made,
/// and what day it is (passed in, so that a test can be "before the 10th").
#[derive(Clone)]
pub struct SimConfig {
    pub municipality: MunicipalityCode,
    pub token: String,
    pub seed: u64,
    /// Average issuances per service day (see [`generate::month`]).
    pub scale: u32,
    /// Day of month M+1 from which month M is finalized (10 per INTERFACES.md).
    pub finalized_from_day: u32,
    pub today: NaiveDate,
}

impl std::fmt::Debug for SimConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimConfig")
            .field("municipality", &self.municipality)
            .field("token", &"<redacted>")
            .field("seed", &self.seed)
            .field("scale", &self.scale)
            .field("finalized_from_day", &self.finalized_from_day)
            .field("today", &self.today)
            .finish()
    }
}

/// A fault the simulator applies to the data endpoints (`/v1/...`), after authentication.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Fault {
    #[default]
    None,
    /// Wait this long before answering.
    Slow(Duration),
    /// Answer `503` this many more times, then behave (the count goes down on each use).
    ServerError(u32),
    /// Announce the full `Content-Length`, send half the body and drop the connection.
    Truncated,
    /// Send a `Repr-Digest` that does not match the body.
    BadDigest,
    /// Serve another city's statement (団体コード 131016) under this city's URL.
    WrongMunicipality,
}

/// The run-time handle on the simulator: the current fault and a count of the data requests
/// received (so a test can see how many times a client retried).
#[derive(Clone, Default)]
pub struct Faults {
    fault: Arc<Mutex<Fault>>,
    requests: Arc<AtomicU64>,
}

impl Faults {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn set(&self, fault: Fault) {
        *lock(&self.fault) = fault;
    }

    pub fn current(&self) -> Fault {
        lock(&self.fault).clone()
    }

    /// Data requests (`/v1/...`) received since start or the last [`Faults::reset_requests`].
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::SeqCst)
    }

    pub fn reset_requests(&self) {
        self.requests.store(0, Ordering::SeqCst);
    }

    /// The fault to apply to this request; a `ServerError` count is used up here.
    fn take(&self) -> Fault {
        let mut fault = lock(&self.fault);
        let now = fault.clone();
        if let Fault::ServerError(n) = *fault {
            *fault = if n > 1 {
                Fault::ServerError(n - 1)
            } else {
                Fault::None
            };
        }
        now
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock leaves plain data; keep serving.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Another valid 団体コード (千代田区), for [`Fault::WrongMunicipality`].
const OTHER_MUNICIPALITY: &str = "131016";

struct Sim {
    config: SimConfig,
    faults: Faults,
    months: Mutex<HashMap<(MunicipalityCode, TargetMonth), Arc<MonthData>>>,
}

struct MonthData {
    statement_csv: Bytes,
    notices: Vec<CompletionNotice>,
}

impl Sim {
    fn month(&self, municipality: MunicipalityCode, month: TargetMonth) -> Arc<MonthData> {
        let mut months = lock(&self.months);
        months
            .entry((municipality, month))
            .or_insert_with(|| {
                let (statement, notices) =
                    generate::month(municipality, month, self.config.seed, self.config.scale);
                Arc::new(MonthData {
                    statement_csv: Bytes::from(write_statement(&statement, Encoding::Cp932)),
                    notices,
                })
            })
            .clone()
    }

    fn finalized(&self, month: TargetMonth) -> bool {
        let today = self.config.today;
        let available_from = month
            .next()
            .first_day()
            .with_day(self.config.finalized_from_day)
            .unwrap_or_else(|| month.next().first_day());
        today >= available_from
    }
}

/// The simulator's routes, for embedding or for [`serve`].
pub fn router(config: SimConfig, faults: Faults) -> Router {
    let sim = Arc::new(Sim {
        config,
        faults,
        months: Mutex::new(HashMap::new()),
    });
    Router::new()
        .route(
            "/v1/municipalities/{code}/statements/{month}",
            get(statement),
        )
        .route("/v1/municipalities/{code}/completion-notices", get(notices))
        .route("/_sim/fault", post(set_fault))
        .with_state(sim)
}

/// Serves the simulator on `listener` until the task is dropped or the listener fails.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: SimConfig,
    faults: Faults,
) -> std::io::Result<()> {
    axum::serve(listener, router(config, faults)).await
}

/// `sha-256=:<base64>:` over `body`, as in RFC 9530.
pub fn repr_digest(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    format!(
        "sha-256=:{}:",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

/// A refusal before any data: the status and a short text body.
type Refusal = (StatusCode, &'static str);

/// Authentication, then the city check; `Err` is the refusal to send.
fn admit(sim: &Sim, headers: &HeaderMap, code: &str) -> Result<(), Refusal> {
    sim.faults.requests.fetch_add(1, Ordering::SeqCst);
    let expected = format!("Bearer {}", sim.config.token);
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if given != Some(expected.as_str()) {
        return Err((StatusCode::UNAUTHORIZED, "unauthorized\n"));
    }
    if code != sim.config.municipality.to_string() {
        return Err((StatusCode::FORBIDDEN, "forbidden municipality\n"));
    }
    Ok(())
}

/// Applies the current fault's delay; returns the fault to apply to
/// the body, or the response to send instead.
async fn before_body(sim: &Sim) -> Result<Fault, Refusal> {
    let fault = sim.faults.take();
    match fault {
        Fault::Slow(d) => {
            tokio::time::sleep(d).await;
            Ok(Fault::None)
        }
        Fault::ServerError(_) => Err((
            StatusCode::SERVICE_UNAVAILABLE,
            "service unavailable
",
        )),
        other => Ok(other),
    }
}

fn csv_response(body: Bytes, fault: &Fault) -> Response {
    let digest = match fault {
        Fault::BadDigest => {
            let mut other = body.to_vec();
            other.push(b'\n');
            repr_digest(&other)
        }
        _ => repr_digest(&body),
    };
    let mut response = if *fault == Fault::Truncated {
        let half = body.slice(..body.len() / 2);
        // The pause lets the headers and the first half leave before the connection drops,
        // as when a line fails mid-transfer.
        let chunks = futures_util::stream::unfold(Some(half), |half| async move {
            match half {
                Some(half) => Some((Ok(half), None)),
                None => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    Some((
                        Err(std::io::Error::other("simulated connection drop")),
                        None,
                    ))
                }
            }
        });
        let mut r = Response::new(Body::from_stream(chunks));
        r.headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(body.len() as u64));
        r
    } else {
        Response::new(Body::from(body))
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(CSV_CONTENT_TYPE),
    );
    headers.insert(
        "repr-digest",
        HeaderValue::from_str(&digest).expect("a digest is ASCII"),
    );
    response
}

async fn statement(
    State(sim): State<Arc<Sim>>,
    Path((code, month)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Err((status, text)) = admit(&sim, &headers, &code) {
        return plain(status, text);
    }
    let fault = match before_body(&sim).await {
        Ok(f) => f,
        Err((status, text)) => return plain(status, text),
    };
    let month = match (month.len() == 6)
        .then(|| TargetMonth::parse(&month).ok())
        .flatten()
    {
        Some(m) => m,
        None => return plain(StatusCode::NOT_FOUND, "no such month\n"),
    };
    if month > TargetMonth::of(sim.config.today) {
        return plain(StatusCode::NOT_FOUND, "no such month\n");
    }
    if !sim.finalized(month) {
        return plain(StatusCode::TOO_EARLY, "not finalized yet\n");
    }
    let municipality = if fault == Fault::WrongMunicipality {
        MunicipalityCode::parse(OTHER_MUNICIPALITY).expect("a valid code")
    } else {
        sim.config.municipality
    };
    let data = sim.month(municipality, month);
    csv_response(data.statement_csv.clone(), &fault)
}

#[derive(Deserialize)]
struct NoticeQuery {
    date: Option<String>,
}

async fn notices(
    State(sim): State<Arc<Sim>>,
    Path(code): Path<String>,
    Query(query): Query<NoticeQuery>,
    headers: HeaderMap,
) -> Response {
    if let Err((status, text)) = admit(&sim, &headers, &code) {
        return plain(status, text);
    }
    let fault = match before_body(&sim).await {
        Ok(f) => f,
        Err((status, text)) => return plain(status, text),
    };
    let Some(date) = query
        .date
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
    else {
        return plain(StatusCode::BAD_REQUEST, "date=YYYY-MM-DD is required\n");
    };
    if date > sim.config.today {
        return plain(StatusCode::NOT_FOUND, "no notices for a future day\n");
    }
    let municipality = if fault == Fault::WrongMunicipality {
        MunicipalityCode::parse(OTHER_MUNICIPALITY).expect("a valid code")
    } else {
        sim.config.municipality
    };
    let data = sim.month(municipality, TargetMonth::of(date));
    let day: Vec<CompletionNotice> = data
        .notices
        .iter()
        .filter(|n| n.at.date() == date)
        .cloned()
        .collect();
    csv_response(
        Bytes::from(write_notices(municipality, &day, Encoding::Cp932)),
        &fault,
    )
}

/// The body of `POST /_sim/fault`, e.g. `{"fault":"server_error","times":2}`,
/// `{"fault":"slow","ms":5000}`, `{"fault":"none"}`.
#[derive(Debug, Deserialize)]
#[serde(tag = "fault", rename_all = "snake_case")]
pub enum FaultRequest {
    None,
    Slow { ms: u64 },
    ServerError { times: u32 },
    Truncated,
    BadDigest,
    WrongMunicipality,
}

impl From<FaultRequest> for Fault {
    fn from(r: FaultRequest) -> Self {
        match r {
            FaultRequest::None => Fault::None,
            FaultRequest::Slow { ms } => Fault::Slow(Duration::from_millis(ms)),
            FaultRequest::ServerError { times } => Fault::ServerError(times),
            FaultRequest::Truncated => Fault::Truncated,
            FaultRequest::BadDigest => Fault::BadDigest,
            FaultRequest::WrongMunicipality => Fault::WrongMunicipality,
        }
    }
}

async fn set_fault(State(sim): State<Arc<Sim>>, Json(request): Json<FaultRequest>) -> Response {
    let fault = Fault::from(request);
    let text = format!("{fault:?}\n");
    sim.faults.set(fault);
    (StatusCode::OK, text).into_response()
}

/// Serves the simulator on a free loopback port from a thread of its own (for tests and the
/// desktop app's demo mode) and returns its base URL, e.g. `http://127.0.0.1:41234`. The server
/// runs until the process ends.
pub fn spawn_on_loopback(config: SimConfig, faults: Faults) -> std::io::Result<String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    listener.set_nonblocking(true)?;
    let url = format!("http://{}", listener.local_addr()?);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    std::thread::Builder::new()
        .name("kofu-jlis-sim".into())
        .spawn(move || {
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener)?;
                serve(listener, config, faults).await
            })
        })?;
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(today: &str) -> Sim {
        Sim {
            config: SimConfig {
                municipality: MunicipalityCode::parse("121002").expect("valid"),
                token: "t".into(),
                seed: 1,
                scale: 1,
                finalized_from_day: 10,
                today: NaiveDate::parse_from_str(today, "%Y-%m-%d").expect("valid"),
            },
            faults: Faults::new(),
            months: Mutex::new(HashMap::new()),
        }
    }

    #[test]
    fn a_month_is_final_from_the_tenth_of_the_next_month() {
        let october = TargetMonth::new(2026, 10).expect("valid");
        assert!(
            !sim("2026-11-09").finalized(october),
            "the 9th is too early"
        );
        assert!(
            sim("2026-11-10").finalized(october),
            "the 10th is the first day"
        );
        let december = TargetMonth::new(2026, 12).expect("valid");
        assert!(
            sim("2027-01-10").finalized(december),
            "December is final on 10 January of the next year"
        );
    }

    #[test]
    fn server_errors_are_used_up_then_the_simulator_behaves() {
        let faults = Faults::new();
        faults.set(Fault::ServerError(2));
        assert_eq!(faults.take(), Fault::ServerError(2), "first failure");
        assert_eq!(faults.take(), Fault::ServerError(1), "second failure");
        assert_eq!(faults.take(), Fault::None, "then back to normal");
    }

    #[test]
    fn the_debug_output_of_the_config_hides_the_token() {
        let shown = format!("{:?}", sim("2026-11-26").config);
        assert!(
            !shown.contains("\"t\""),
            "a token must never reach a log: {shown}"
        );
    }
}
