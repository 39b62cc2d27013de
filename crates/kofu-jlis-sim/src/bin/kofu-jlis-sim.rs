//! `kofu-jlis-sim`: the J-LIS simulator on 127.0.0.1, for demos and staff training.
//!
//! Faults are switched while it runs with `POST /_sim/fault`, e.g.
//! `curl -d '{"fault":"server_error","times":2}' -H 'content-type: application/json'
//! http://127.0.0.1:8787/_sim/fault`.
//!
//! With `--tls-cert` and `--tls-key` it speaks HTTPS, and with `--client-ca` it also requires a
//! client certificate issued by that CA (mutual TLS), to practise the desk's certificate
//! settings.

use chrono::NaiveDate;
use clap::Parser;
use kofu_core::MunicipalityCode;
use kofu_jlis_sim::{serve, tls, Faults, SimConfig};

#[derive(Parser)]
#[command(about = "A J-LIS server simulator on 127.0.0.1 (plain HTTP, or HTTPS with --tls-cert)")]
struct Args {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// 団体コード of the simulated city.
    #[arg(long, default_value = "121002")]
    municipality: String,
    /// The bearer token the simulator accepts.
    #[arg(long, env = "KOFU_JLIS_TOKEN", hide_env_values = true)]
    token: String,
    /// The simulator's "today" (YYYY-MM-DD); the real date when absent.
    #[arg(long)]
    today: Option<NaiveDate>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Average issuances per service day.
    #[arg(long, default_value_t = 700)]
    scale: u32,
    /// Serve HTTPS with this certificate chain (PEM; give it an IP SAN 127.0.0.1 or localhost).
    #[arg(long, requires = "tls_key")]
    tls_cert: Option<std::path::PathBuf>,
    /// The private key of --tls-cert (PEM).
    #[arg(long, requires = "tls_cert")]
    tls_key: Option<std::path::PathBuf>,
    /// Require a client certificate issued by this CA (PEM): mutual TLS.
    #[arg(long, requires = "tls_cert")]
    client_ca: Option<std::path::PathBuf>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let municipality =
        MunicipalityCode::parse(&args.municipality).map_err(|e| format!("--municipality: {e}"))?;
    let config = SimConfig {
        municipality,
        token: args.token,
        seed: args.seed,
        scale: args.scale,
        finalized_from_day: 10,
        today: args
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
    };
    let read = |path: &std::path::Path| {
        std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let tls = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => {
            let client_ca = args.client_ca.as_deref().map(read).transpose()?;
            Some(tls::server_config(
                &read(cert)?,
                &read(key)?,
                client_ca.as_deref(),
            )?)
        }
        _ => None,
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port)).await?;
    eprintln!(
        "kofu-jlis-sim: {} as of {} on {}://{}{}",
        config.municipality,
        config.today,
        if tls.is_some() { "https" } else { "http" },
        listener.local_addr()?,
        if args.client_ca.is_some() {
            " (client certificate required)"
        } else {
            ""
        }
    );
    match tls {
        Some(tls) => tls::serve_tls(listener, config, Faults::new(), tls).await?,
        None => serve(listener, config, Faults::new()).await?,
    }
    Ok(())
}
