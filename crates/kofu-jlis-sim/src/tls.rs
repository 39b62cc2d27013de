//! HTTPS for the simulator, optionally requiring a client certificate (mutual TLS), so that
//! the desk's certificate settings (extra CA, PKCS#12 client certificate) can be tried and
//! tested against something real on loopback.
//!
//! It serves the same routes as plain HTTP ([`crate::router`]). Certificates come in as PEM;
//! making them (a private CA for a training room, say) is the caller's business. Handshakes are
//! done one at a time, each bounded by a timeout: enough for tests and training, not a server
//! for load.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

use crate::{router, Faults, SimConfig};

/// How long a client may take to complete its handshake before it is dropped.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

fn invalid(what: &str, e: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, format!("{what}: {e}"))
}

/// A rustls server configuration (ring provider): the server's certificate chain and key
/// (PEM), and, when `client_ca_pem` is given, a required client certificate issued by one of
/// those CAs.
pub fn server_config(
    cert_chain_pem: &[u8],
    key_pem: &[u8],
    client_ca_pem: Option<&[u8]>,
) -> io::Result<Arc<ServerConfig>> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let chain = CertificateDer::pem_slice_iter(cert_chain_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| invalid("server certificate", e))?;
    if chain.is_empty() {
        return Err(invalid("server certificate", "no certificate in the PEM"));
    }
    let key = PrivateKeyDer::from_pem_slice(key_pem).map_err(|e| invalid("server key", e))?;
    let builder = ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| invalid("TLS versions", e))?;
    let builder = match client_ca_pem {
        Some(pem) => {
            let mut roots = RootCertStore::empty();
            for cert in CertificateDer::pem_slice_iter(pem) {
                roots
                    .add(cert.map_err(|e| invalid("client CA", e))?)
                    .map_err(|e| invalid("client CA", e))?;
            }
            if roots.is_empty() {
                return Err(invalid("client CA", "no certificate in the PEM"));
            }
            let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .map_err(|e| invalid("client CA", e))?;
            builder.with_client_cert_verifier(verifier)
        }
        None => builder.with_no_client_auth(),
    };
    let config = builder
        .with_single_cert(chain, key)
        .map_err(|e| invalid("server certificate and key", e))?;
    Ok(Arc::new(config))
}

/// Accepts TCP connections and hands on those whose TLS handshake succeeded; a failed
/// handshake (no or a wrong client certificate) only drops that connection.
struct TlsListener {
    tcp: TcpListener,
    acceptor: TlsAcceptor,
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let (tcp, addr) = match self.tcp.accept().await {
                Ok(accepted) => accepted,
                Err(_) => {
                    // Out of descriptors and the like: wait rather than spin.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            match tokio::time::timeout(HANDSHAKE_TIMEOUT, self.acceptor.accept(tcp)).await {
                Ok(Ok(tls)) => return (tls, addr),
                Ok(Err(e)) => eprintln!("kofu-jlis-sim: TLS handshake with {addr} failed: {e}"),
                Err(_) => eprintln!("kofu-jlis-sim: TLS handshake with {addr} timed out"),
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.tcp.local_addr()
    }
}

/// Serves the simulator over HTTPS on `listener` until the task is dropped.
pub async fn serve_tls(
    listener: TcpListener,
    config: SimConfig,
    faults: Faults,
    tls: Arc<ServerConfig>,
) -> io::Result<()> {
    let listener = TlsListener {
        tcp: listener,
        acceptor: TlsAcceptor::from(tls),
    };
    axum::serve(listener, router(config, faults)).await
}

/// Serves the simulator over HTTPS on a free loopback port from a thread of its own and returns
/// its base URL, e.g. `https://127.0.0.1:41234`. The server runs until the process ends.
pub fn spawn_tls_on_loopback(
    config: SimConfig,
    faults: Faults,
    tls: Arc<ServerConfig>,
) -> io::Result<String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    listener.set_nonblocking(true)?;
    let url = format!("https://{}", listener.local_addr()?);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    std::thread::Builder::new()
        .name("kofu-jlis-sim-tls".into())
        .spawn(move || {
            runtime.block_on(async move {
                let listener = TcpListener::from_std(listener)?;
                serve_tls(listener, config, faults, tls).await
            })
        })?;
    Ok(url)
}

/// A throwaway PKI for tests (feature `pki`): a CA, a server certificate for `127.0.0.1` and
/// `localhost` issued by it, and a client certificate issued by it, as the PKCS#12 file a city
/// would be given.
#[cfg(feature = "pki")]
pub struct TestPki {
    /// The CA certificate (PEM): the client's extra CA and the server's client CA.
    pub ca_pem: String,
    pub server_chain_pem: String,
    pub server_key_pem: String,
    /// The client's key and certificate chain, PKCS#12 (DER) under `client_password`.
    pub client_p12: Vec<u8>,
    pub client_password: String,
    /// The subject of the client certificate.
    pub client_subject: &'static str,
}

#[cfg(feature = "pki")]
impl TestPki {
    /// A new CA with its server and client certificates; the client's PKCS#12 is protected by
    /// `client_password`.
    pub fn generate(client_password: &str) -> Self {
        use rcgen::{
            BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose,
            IsCa, KeyPair, KeyUsagePurpose,
        };
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "Kofu Test CA");
        ca_params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().expect("CA key"))
            .expect("a self-signed CA");

        let mut server_params =
            CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()])
                .expect("server params");
        server_params
            .distinguished_name
            .push(DnType::CommonName, "jlis-sim.localhost");
        server_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let server_key = KeyPair::generate().expect("server key");
        let server = server_params
            .signed_by(&server_key, &ca)
            .expect("a server certificate");

        let client_subject = "kofu-desk 121002";
        let mut client_params = CertificateParams::new(Vec::<String>::new()).expect("params");
        client_params
            .distinguished_name
            .push(DnType::CommonName, client_subject);
        client_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        let client_key = KeyPair::generate().expect("client key");
        let client = client_params
            .signed_by(&client_key, &ca)
            .expect("a client certificate");

        Self {
            ca_pem: ca.pem(),
            server_chain_pem: format!("{}{}", server.pem(), ca.pem()),
            server_key_pem: server_key.serialize_pem(),
            client_p12: pkcs12(
                &client_key.serialize_der(),
                &[client.der().as_ref(), ca.der().as_ref()],
                client_password,
            ),
            client_password: client_password.to_string(),
            client_subject,
        }
    }

    /// The server's TLS configuration, requiring a client certificate from this CA or not.
    pub fn server_config(&self, require_client_certificate: bool) -> Arc<ServerConfig> {
        server_config(
            self.server_chain_pem.as_bytes(),
            self.server_key_pem.as_bytes(),
            require_client_certificate.then_some(self.ca_pem.as_bytes()),
        )
        .expect("the generated certificates make a server configuration")
    }
}

/// A PKCS#12 file holding a PKCS#8 key and its certificate chain (leaf first).
#[cfg(feature = "pki")]
fn pkcs12(key_pkcs8: &[u8], chain: &[&[u8]], password: &str) -> Vec<u8> {
    use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
    let key = PrivateKey::from_der(key_pkcs8).expect("a PKCS#8 key");
    let certs = chain
        .iter()
        .map(|der| Certificate::from_der(der).expect("an X.509 certificate"));
    let entry = PrivateKeyChain::new(b"kofu-client".as_slice(), key, certs);
    let mut store = KeyStore::new();
    store.add_entry("kofu-client", KeyStoreEntry::PrivateKeyChain(entry));
    store.writer(password).write().expect("a PKCS#12 file")
}
