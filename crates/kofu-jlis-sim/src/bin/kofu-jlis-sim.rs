//! `kofu-jlis-sim`: the J-LIS simulator on 127.0.0.1, for demos and staff training.
//!
//! Faults are switched while it runs with `POST /_sim/fault`, e.g.
//! `curl -d '{"fault":"server_error","times":2}' -H 'content-type: application/json'
//! http://127.0.0.1:8787/_sim/fault`.

use chrono::NaiveDate;
use clap::Parser;
use kofu_core::MunicipalityCode;
use kofu_jlis_sim::{serve, Faults, SimConfig};

#[derive(Parser)]
#[command(about = "A J-LIS server simulator (plain HTTP on 127.0.0.1)")]
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
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port)).await?;
    eprintln!(
        "kofu-jlis-sim: {} as of {} on http://{}",
        config.municipality,
        config.today,
        listener.local_addr()?
    );
    serve(listener, config, Faults::new()).await?;
    Ok(())
}
