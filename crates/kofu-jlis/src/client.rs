//! The HTTPS client for the J-LIS server (INTERFACES.md §3): fetches a month's statement or a
//! day's completion notices as bytes, with timeouts, bounded retries with backoff on 5xx and
//! connection errors, and the `Repr-Digest` verified before the bytes are handed back.
//!
//! It is blocking (the store and the use cases are synchronous) and uses rustls. It does not
//! parse what it fetches (see [`crate::format`]), store it, or read the token from the OS
//! credential store: the caller passes the token in, wrapped in [`Secret`] so that it never
//! reaches a log or an error message.

use std::fmt;
use std::io::Read;
use std::net::IpAddr;
use std::time::Duration;

use base64::Engine as _;
use chrono::NaiveDate;
use kofu_core::{MunicipalityCode, TargetMonth};
use reqwest::blocking::Response;
use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_LENGTH};
use reqwest::{StatusCode, Url};
use sha2::{Digest, Sha256};

/// A secret (the bearer token, a PKCS#12 password): its `Debug` and `Display` print
/// `<redacted>`, and the only way to the text is [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The secret text, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// How to reach the J-LIS server.
#[derive(Clone)]
pub struct ClientConfig {
    /// e.g. `https://jlis.example.jp/`; `http` only for a loopback host.
    pub base_url: String,
    pub token: Secret,
    /// For the whole of one attempt (connect, headers and body).
    pub timeout: Duration,
    /// Attempts after the first one, on 5xx, connection errors and cut-off bodies.
    pub retries: u32,
    /// Wait before the first retry; doubled before each further one.
    pub backoff: Duration,
    /// Extra trusted CA certificates (PEM, one or more), for the city's proxy or a private CA.
    pub extra_ca_pem: Option<Vec<u8>>,
    /// Client certificate for mutual TLS (PKCS#12 DER) and its password.
    pub client_identity_p12: Option<(Vec<u8>, Secret)>,
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Certificates shown by size only: a key store's bytes help no log reader.
        f.debug_struct("ClientConfig")
            .field("base_url", &self.base_url)
            .field("token", &self.token)
            .field("timeout", &self.timeout)
            .field("retries", &self.retries)
            .field("backoff", &self.backoff)
            .field(
                "extra_ca_pem_bytes",
                &self.extra_ca_pem.as_ref().map(Vec::len),
            )
            .field(
                "client_identity_p12_bytes",
                &self.client_identity_p12.as_ref().map(|(der, _)| der.len()),
            )
            .finish()
    }
}

impl ClientConfig {
    /// A configuration with the defaults: 60 s timeout, 3 retries, 2 s initial backoff.
    pub fn new(base_url: impl Into<String>, token: Secret) -> Self {
        Self {
            base_url: base_url.into(),
            token,
            timeout: Duration::from_secs(60),
            retries: 3,
            backoff: Duration::from_secs(2),
            extra_ca_pem: None,
            client_identity_p12: None,
        }
    }

    /// The base URL, checked: absolute, `https` (or `http` to a loopback host: 127.0.0.0/8,
    /// `::1`, `localhost`), no user name or password in it. A trailing `/` is added so that
    /// relative paths extend it.
    pub fn validate(&self) -> Result<Url, ClientError> {
        let mut url = Url::parse(self.base_url.trim()).map_err(|e| ClientError::BadUrl {
            detail: format!("not an absolute URL: {e}"),
        })?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(ClientError::BadUrl {
                detail: "the URL must not contain a user name or password".into(),
            });
        }
        let Some(host) = url.host_str() else {
            return Err(ClientError::BadUrl {
                detail: "the URL has no host".into(),
            });
        };
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let loopback = bare.eq_ignore_ascii_case("localhost")
            || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            scheme => {
                return Err(ClientError::BadUrl {
                    detail: format!(
                        "scheme '{scheme}' is not allowed: https is required except for loopback addresses"
                    ),
                })
            }
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(ClientError::BadUrl {
                detail: "the base URL must not have a query or fragment".into(),
            });
        }
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(url)
    }
}

/// Why a fetch failed. `Display` is the English line for the log; [`ClientError::japanese`]
/// is the message for the clerk. Neither ever contains the token.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("the J-LIS server refused the credentials (HTTP {status})")]
    Unauthorized { status: u16 },
    #[error("the J-LIS server has no such data (HTTP 404)")]
    NotFound,
    #[error(
        "the month is not finalized yet (HTTP 425): available from the 10th of the next month"
    )]
    NotFinal,
    #[error("digest check failed: {detail}")]
    Digest { detail: String },
    #[error("the body was cut off: received {received} of {expected:?} bytes")]
    Truncated {
        expected: Option<u64>,
        received: u64,
    },
    #[error("the J-LIS server failed (HTTP {status})")]
    Server { status: u16 },
    #[error("unexpected answer from the J-LIS server (HTTP {status})")]
    Unexpected { status: u16 },
    #[error("network error{}: {detail}", if *.timeout { " (timeout)" } else { "" })]
    Network { detail: String, timeout: bool },
    #[error("bad J-LIS server URL: {detail}")]
    BadUrl { detail: String },
    #[error("bad TLS configuration: {detail}")]
    Tls { detail: String },
}

impl ClientError {
    /// The message for the clerk.
    pub fn japanese(&self) -> String {
        match self {
            ClientError::Unauthorized { .. } => {
                "J-LISのサーバに認証されませんでした。トークンを確認してください。".into()
            }
            ClientError::NotFound => "指定された月（日）のデータはJ-LISのサーバにありません。".into(),
            ClientError::NotFinal => {
                "まだ確定していません（毎月10日以降に取得できます）。".into()
            }
            ClientError::Digest { .. } => {
                "受信したデータの検証（ダイジェスト）に失敗しました。データは保存していません。再度取得してください。".into()
            }
            ClientError::Truncated { .. } => {
                "受信したデータが途中で切れていました。データは保存していません。再度取得してください。".into()
            }
            ClientError::Server { status } => format!(
                "J-LISのサーバでエラーが発生しました（HTTP {status}）。しばらくしてから再度取得してください。"
            ),
            ClientError::Unexpected { status } => {
                format!("J-LISのサーバから想定外の応答がありました（HTTP {status}）。")
            }
            ClientError::Network { timeout: true, .. } => {
                "J-LISのサーバが時間内に応答しませんでした。ネットワークを確認して再度取得してください。".into()
            }
            ClientError::Network { .. } => {
                "J-LISのサーバに接続できませんでした。ネットワークの設定を確認してください。".into()
            }
            ClientError::BadUrl { .. } => {
                "J-LISのサーバのURLが正しくありません（https で始まるURLを設定してください）。".into()
            }
            ClientError::Tls { .. } => {
                "証明書の設定（追加のCA証明書またはクライアント証明書）が正しくありません。".into()
            }
        }
    }

    /// Whether another attempt may succeed.
    fn retryable(&self) -> bool {
        matches!(
            self,
            ClientError::Server { .. }
                | ClientError::Network { .. }
                | ClientError::Truncated { .. }
        )
    }
}

/// A client for one J-LIS server.
pub struct Client {
    base: Url,
    config: ClientConfig,
    http: reqwest::blocking::Client,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Checks the configuration and builds the HTTP client. Must not be called from inside an
    /// async runtime (the blocking client runs its own).
    pub fn new(config: ClientConfig) -> Result<Self, ClientError> {
        let base = config.validate()?;
        let mut builder = reqwest::blocking::Client::builder()
            .use_rustls_tls()
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("kofu-desk/", env!("CARGO_PKG_VERSION")));
        if let Some(pem) = &config.extra_ca_pem {
            let certs =
                reqwest::Certificate::from_pem_bundle(pem).map_err(|e| ClientError::Tls {
                    detail: format!("extra CA certificate: {e}"),
                })?;
            if certs.is_empty() {
                return Err(ClientError::Tls {
                    detail: "extra CA certificate: no certificate in the PEM".into(),
                });
            }
            for cert in certs {
                builder = builder.add_root_certificate(cert);
            }
        }
        if config.client_identity_p12.is_some() {
            // reqwest reads PKCS#12 only with native-tls; with rustls it needs PEM.
            return Err(ClientError::Tls {
                detail: "PKCS#12 client certificates are not supported yet with rustls".into(),
            });
        }
        let http = builder.build().map_err(|e| ClientError::Tls {
            detail: error_chain(&e),
        })?;
        Ok(Self { base, config, http })
    }

    /// The month's 取扱い実績データ, as sent (CP932 CSV), digest verified.
    pub fn fetch_statement(
        &self,
        code: MunicipalityCode,
        month: TargetMonth,
    ) -> Result<Vec<u8>, ClientError> {
        let url = self.url(&format!(
            "v1/municipalities/{code}/statements/{}",
            month.compact()
        ))?;
        self.fetch(url)
    }

    /// The day's 完了通知, as sent (CSV), digest verified.
    pub fn fetch_notices(
        &self,
        code: MunicipalityCode,
        date: NaiveDate,
    ) -> Result<Vec<u8>, ClientError> {
        let mut url = self.url(&format!("v1/municipalities/{code}/completion-notices"))?;
        url.query_pairs_mut()
            .append_pair("date", &date.format("%Y-%m-%d").to_string());
        self.fetch(url)
    }

    fn url(&self, path: &str) -> Result<Url, ClientError> {
        self.base.join(path).map_err(|e| ClientError::BadUrl {
            detail: e.to_string(),
        })
    }

    fn fetch(&self, url: Url) -> Result<Vec<u8>, ClientError> {
        let mut attempt = 0;
        loop {
            match self.attempt(url.clone()) {
                Ok(body) => return Ok(body),
                Err(e) if e.retryable() && attempt < self.config.retries => {
                    let wait = self.config.backoff.saturating_mul(1u32 << attempt.min(16));
                    std::thread::sleep(wait);
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }

    fn attempt(&self, url: Url) -> Result<Vec<u8>, ClientError> {
        let mut auth = HeaderValue::from_str(&format!("Bearer {}", self.config.token.expose()))
            .map_err(|_| ClientError::Unauthorized { status: 0 })?;
        auth.set_sensitive(true);
        let response = self
            .http
            .get(url)
            .header(AUTHORIZATION, auth)
            .send()
            .map_err(network)?;
        match response.status() {
            StatusCode::OK => {}
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
                return Err(ClientError::Unauthorized {
                    status: response.status().as_u16(),
                })
            }
            StatusCode::NOT_FOUND => return Err(ClientError::NotFound),
            StatusCode::TOO_EARLY => return Err(ClientError::NotFinal),
            s if s.is_server_error() => return Err(ClientError::Server { status: s.as_u16() }),
            s => return Err(ClientError::Unexpected { status: s.as_u16() }),
        }
        read_verified(response)
    }
}

/// Reads the whole body, checks its length against `Content-Length` and its SHA-256 against
/// `Repr-Digest`; only then are the bytes returned.
fn read_verified(mut response: Response) -> Result<Vec<u8>, ClientError> {
    let expected_len = response
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let expected_digest = response
        .headers()
        .get("repr-digest")
        .map(|v| parse_repr_digest(v.as_bytes()))
        .transpose()?
        .ok_or_else(|| ClientError::Digest {
            detail: "the answer has no Repr-Digest header".into(),
        })?;
    let mut body = Vec::with_capacity(expected_len.unwrap_or(0).min(64 << 20) as usize);
    if let Err(e) = response.read_to_end(&mut body) {
        if is_timeout_io(&e) {
            return Err(ClientError::Network {
                detail: format!("reading the body: {}", io_chain(&e)),
                timeout: true,
            });
        }
        return Err(ClientError::Truncated {
            expected: expected_len,
            received: body.len() as u64,
        });
    }
    if let Some(expected) = expected_len {
        if expected != body.len() as u64 {
            return Err(ClientError::Truncated {
                expected: Some(expected),
                received: body.len() as u64,
            });
        }
    }
    let actual: [u8; 32] = Sha256::digest(&body).into();
    if actual != expected_digest {
        return Err(ClientError::Digest {
            detail: "the body's SHA-256 does not match the Repr-Digest header".into(),
        });
    }
    Ok(body)
}

/// The SHA-256 of a `Repr-Digest` header (RFC 9530): a dictionary in which `sha-256` is a
/// byte sequence, `:<base64>:`. Other algorithms are ignored; without `sha-256` it is an error.
fn parse_repr_digest(value: &[u8]) -> Result<[u8; 32], ClientError> {
    let bad = |detail: &str| ClientError::Digest {
        detail: detail.to_string(),
    };
    let text = std::str::from_utf8(value).map_err(|_| bad("Repr-Digest is not ASCII"))?;
    for member in text.split(',') {
        let Some((name, rest)) = member.trim().split_once('=') else {
            continue;
        };
        if !name.trim().eq_ignore_ascii_case("sha-256") {
            continue;
        }
        let b64 = rest
            .trim()
            .strip_prefix(':')
            .and_then(|r| r.strip_suffix(':'))
            .ok_or_else(|| bad("Repr-Digest sha-256 is not :<base64>:"))?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|_| bad("Repr-Digest sha-256 is not valid base64"))?;
        return bytes
            .try_into()
            .map_err(|_| bad("Repr-Digest sha-256 is not 32 bytes"));
    }
    Err(bad("Repr-Digest has no sha-256"))
}

fn network(e: reqwest::Error) -> ClientError {
    ClientError::Network {
        timeout: e.is_timeout(),
        detail: error_chain(&e),
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

fn io_chain(e: &std::io::Error) -> String {
    error_chain(e)
}

fn is_timeout_io(e: &std::io::Error) -> bool {
    if e.kind() == std::io::ErrorKind::TimedOut {
        return true;
    }
    let mut source: Option<&dyn std::error::Error> = e.get_ref().map(|s| s as _);
    while let Some(s) = source {
        if let Some(r) = s.downcast_ref::<reqwest::Error>() {
            if r.is_timeout() {
                return true;
            }
        }
        source = s.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_digest_with_other_algorithms_yields_the_sha256() {
        let digest = Sha256::digest(b"abc");
        let b64 = base64::engine::general_purpose::STANDARD.encode(digest);
        let header = format!("sha-512=:AAAA:, sha-256=:{b64}:");
        assert_eq!(
            parse_repr_digest(header.as_bytes()).expect("a sha-256 member is present"),
            <[u8; 32]>::from(digest),
            "the sha-256 member must be found among others"
        );
    }

    #[test]
    fn repr_digest_without_sha256_is_refused() {
        assert!(
            parse_repr_digest(b"sha-512=:AAAA:").is_err(),
            "an answer we cannot verify must not be accepted"
        );
    }

    #[test]
    fn loopback_hosts_may_use_plain_http() {
        for url in [
            "http://127.0.0.1:8787",
            "http://127.1.2.3/",
            "http://[::1]:80/x",
            "http://localhost:1/",
        ] {
            let c = ClientConfig::new(url, Secret::new("t"));
            assert!(c.validate().is_ok(), "{url} is loopback, http is allowed");
        }
    }

    #[test]
    fn plain_http_to_another_host_is_refused() {
        for url in [
            "http://jlis.example.jp/",
            "http://10.0.0.1/",
            "ftp://127.0.0.1/",
            "not a url",
        ] {
            let c = ClientConfig::new(url, Secret::new("t"));
            assert!(
                matches!(c.validate(), Err(ClientError::BadUrl { .. })),
                "{url} must be refused: the token would travel in clear"
            );
        }
    }
}
