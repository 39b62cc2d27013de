//! The HTTPS client for the J-LIS server (INTERFACES.md §3): fetches a month's statement or a
//! day's completion notices as bytes, with timeouts, bounded retries with backoff on 5xx and
//! connection errors, and the `Repr-Digest` verified before the bytes are handed back.
//!
//! It is blocking (the store and the use cases are synchronous) and uses rustls, with an
//! optional extra CA (the city's proxy or a private CA) and an optional client certificate for
//! mutual TLS, given as PKCS#12 (`.p12`/`.pfx`, as Windows exports them) and turned into the PEM
//! that rustls takes. It does not parse what it fetches (see [`crate::format`]), store it, or
//! read the token from the OS credential store: the caller passes the token and the PKCS#12
//! password in, wrapped in [`Secret`] so that they never reach a log or an error message.

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

/// What is wrong with TLS, so that the clerk is told what to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsProblem {
    /// The extra CA file holds no PEM certificate.
    ExtraCa,
    /// The client certificate file is not PKCS#12 (or uses a scheme we cannot read).
    NotPkcs12,
    /// The PKCS#12 password is wrong (or missing).
    WrongPassword,
    /// The PKCS#12 file holds no private key with its certificate.
    NoIdentity,
    /// The server's certificate did not verify against the trusted CAs.
    ServerNotTrusted,
    /// The server refused our client certificate (none sent, expired, unknown CA).
    ClientCertificateRefused,
    /// Anything else while building the TLS configuration.
    Other,
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
    #[error("TLS ({problem:?}): {detail}")]
    Tls { problem: TlsProblem, detail: String },
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
            ClientError::Tls { problem, .. } => match problem {
                TlsProblem::ExtraCa => {
                    "追加のCA証明書を読み取れません。PEM形式（-----BEGIN CERTIFICATE-----）のファイルを指定してください（設定 > J-LIS接続）。".into()
                }
                TlsProblem::NotPkcs12 => {
                    "クライアント証明書をPKCS#12形式（.p12 / .pfx）として読み取れません。ファイルを確認してください（設定 > J-LIS接続）。".into()
                }
                TlsProblem::WrongPassword => {
                    "クライアント証明書のパスワードが違います。設定 > J-LIS接続 でパスワードを設定し直してください。".into()
                }
                TlsProblem::NoIdentity => {
                    "クライアント証明書のファイルに秘密鍵と証明書の組が含まれていません。".into()
                }
                TlsProblem::ServerNotTrusted => {
                    "J-LISのサーバの証明書を検証できませんでした。URLと、必要なら追加のCA証明書を確認してください（設定 > J-LIS接続）。".into()
                }
                TlsProblem::ClientCertificateRefused => {
                    "J-LISのサーバがクライアント証明書を受け付けませんでした（未設定、期限切れ、または別の証明書）。設定 > J-LIS接続 を確認してください。".into()
                }
                TlsProblem::Other => {
                    "証明書の設定（追加のCA証明書またはクライアント証明書）が正しくありません。".into()
                }
            },
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
            for cert in extra_ca_certificates(pem)? {
                builder = builder.add_root_certificate(cert);
            }
        }
        if let Some((der, password)) = &config.client_identity_p12 {
            // reqwest reads PKCS#12 only with native-tls; with rustls it takes PEM.
            let identity = ClientIdentity::open(der, password)?;
            let identity =
                reqwest::Identity::from_pem(identity.pem.expose().as_bytes()).map_err(|e| {
                    ClientError::Tls {
                        problem: TlsProblem::NoIdentity,
                        detail: format!("client certificate: {}", error_chain(&e)),
                    }
                })?;
            builder = builder.identity(identity);
        }
        let http = builder.build().map_err(|e| ClientError::Tls {
            problem: TlsProblem::Other,
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

/// The certificates of an extra CA file (PEM, one or more); an error when there is none.
fn extra_ca_certificates(pem: &[u8]) -> Result<Vec<reqwest::Certificate>, ClientError> {
    let bad = |detail: String| ClientError::Tls {
        problem: TlsProblem::ExtraCa,
        detail,
    };
    let certs = reqwest::Certificate::from_pem_bundle(pem)
        .map_err(|e| bad(format!("extra CA certificate: {}", error_chain(&e))))?;
    if certs.is_empty() {
        return Err(bad("extra CA certificate: no certificate in the PEM".into()));
    }
    Ok(certs)
}

/// Checks an extra CA file as [`Client::new`] will read it; answers how many certificates it
/// holds.
pub fn check_extra_ca(pem: &[u8]) -> Result<usize, ClientError> {
    extra_ca_certificates(pem).map(|c| c.len())
}

/// A client certificate opened from PKCS#12: its subject, for people, and the private key with
/// the certificate chain as PEM, for rustls (kept in a [`Secret`]: it holds the private key).
pub struct ClientIdentity {
    /// The subject of the client's own (leaf) certificate, e.g. `CN=121002, O=千葉市`.
    pub subject: String,
    pem: Secret,
}

impl fmt::Debug for ClientIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientIdentity")
            .field("subject", &self.subject)
            .finish_non_exhaustive()
    }
}

impl ClientIdentity {
    /// Opens a PKCS#12 file (DER) with its password (an empty one when it has none).
    pub fn open(der: &[u8], password: &Secret) -> Result<Self, ClientError> {
        use p12_keystore::error::Error as P12;
        use p12_keystore::{KeyStore, Pkcs12ImportPolicy};
        let tls = |problem, detail: String| ClientError::Tls { problem, detail };
        if !looks_like_pfx(der) {
            return Err(tls(
                TlsProblem::NotPkcs12,
                "client certificate: not a PKCS#12 file".into(),
            ));
        }
        let store = KeyStore::from_pkcs12(der, password.expose(), Pkcs12ImportPolicy::Strict)
            .map_err(|e| {
                let problem = match e {
                    // A wrong password fails the MAC, or (without a MAC) the decryption.
                    P12::MacError(_)
                    | P12::UnpadError
                    | P12::Pkcs5Error(_)
                    | P12::InvalidPrivateKey => TlsProblem::WrongPassword,
                    _ => TlsProblem::NotPkcs12,
                };
                tls(problem, format!("client certificate: {e}"))
            })?;
        let Some((_, chain)) = store.private_key_chain() else {
            return Err(tls(
                TlsProblem::NoIdentity,
                "client certificate: no private key with its certificate in the PKCS#12 file"
                    .into(),
            ));
        };
        let Some(leaf) = chain.certs().first() else {
            return Err(tls(
                TlsProblem::NoIdentity,
                "client certificate: the private key has no certificate".into(),
            ));
        };
        let mut pem = pem_block("PRIVATE KEY", chain.key().as_der());
        for cert in chain.certs() {
            pem.push_str(&pem_block("CERTIFICATE", cert.as_der()));
        }
        Ok(Self {
            subject: leaf.subject().to_string(),
            pem: Secret::new(pem),
        })
    }
}

/// Whether the bytes start like a PKCS#12 PFX: a DER SEQUENCE whose first element is the
/// INTEGER 3. Tells "not a PKCS#12 file" from "a PKCS#12 file with another password".
fn looks_like_pfx(der: &[u8]) -> bool {
    let Some((&0x30, rest)) = der.split_first() else {
        return false;
    };
    let body = match rest.first() {
        Some(&n) if n < 0x80 => rest.get(1..),
        Some(&n) if (0x81..=0x84).contains(&n) => rest.get(1 + usize::from(n - 0x80)..),
        _ => None,
    };
    body.is_some_and(|b| b.starts_with(&[0x02, 0x01, 0x03]))
}

/// One PEM block, base64 in lines of 64 characters.
fn pem_block(label: &str, der: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
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
    use rustls::AlertDescription as A;
    let detail = error_chain(&e);
    let problem = match rustls_error(&e) {
        Some(rustls::Error::InvalidCertificate(_)) => Some(TlsProblem::ServerNotTrusted),
        // The server's verdict on our client certificate: missing, unknown issuer, expired,
        // or (DecryptError) a signature that does not verify against the CA it names.
        Some(rustls::Error::AlertReceived(
            A::CertificateRequired
            | A::DecryptError
            | A::BadCertificate
            | A::UnsupportedCertificate
            | A::CertificateRevoked
            | A::CertificateExpired
            | A::CertificateUnknown
            | A::UnknownCA
            | A::AccessDenied,
        )) => Some(TlsProblem::ClientCertificateRefused),
        _ => None,
    };
    match problem {
        // Not retried: another attempt meets the same certificates.
        Some(problem) => ClientError::Tls { problem, detail },
        None => ClientError::Network {
            timeout: e.is_timeout(),
            detail,
        },
    }
}

/// The rustls error behind a failed request, if any. `io::Error` hides the error it wraps from
/// `source()`, so each one is opened too.
fn rustls_error<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    let mut next = Some(e);
    while let Some(err) = next {
        if let Some(r) = err.downcast_ref::<rustls::Error>() {
            return Some(r);
        }
        if let Some(inner) = err
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            if let Some(r) = rustls_error(inner) {
                return Some(r);
            }
        }
        next = err.source();
    }
    None
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
    fn only_a_der_sequence_starting_with_version_3_looks_like_pkcs12() {
        assert!(
            looks_like_pfx(&[0x30, 0x03, 0x02, 0x01, 0x03]),
            "short form"
        );
        assert!(
            looks_like_pfx(&[0x30, 0x82, 0x0a, 0x00, 0x02, 0x01, 0x03]),
            "long form length, as any real file has"
        );
        for bytes in [
            b"-----BEGIN CERTIFICATE-----".as_slice(),
            &[0x30, 0x03, 0x02, 0x01, 0x01],
            &[0x30],
            &[],
        ] {
            assert!(!looks_like_pfx(bytes), "{bytes:?} is not a PFX");
        }
    }

    #[test]
    fn pem_blocks_wrap_base64_at_64_columns() {
        let pem = pem_block("CERTIFICATE", &[0u8; 100]);
        let lines: Vec<&str> = pem.lines().collect();
        assert_eq!(lines.first(), Some(&"-----BEGIN CERTIFICATE-----"));
        assert_eq!(lines.last(), Some(&"-----END CERTIFICATE-----"));
        assert_eq!(lines[1].len(), 64, "RFC 7468 lines");
        assert_eq!(lines.len(), 5, "136 base64 characters make three lines");
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
