//! Writes a sample 請求書 and 精算書 for 令和8年10月分 to `target/sample-invoice.pdf` and
//! `target/sample-statement.pdf` (or `$CARGO_TARGET_DIR`), with the Chiba City demo profile.
//!
//! `cargo run -p kofu-pdf --example sample_invoice`, then open the files or
//! `pdftoppm -png -r 80 target/sample-invoice.pdf /tmp/invoice` to look at them.
//! `sample_invoice --out DIR --runs N` renders the invoice N times into DIR (for timing).

use std::time::Instant;

use chrono::NaiveDate;
use kofu_core::catalogue::KindCode;
use kofu_core::master::OperatorCode;
use kofu_core::money::Yen;
use kofu_core::{MunicipalityProfile, TargetMonth};
use kofu_pdf::{
    invoice, settlement_statement, InvoiceDocument, Issuer, KindLine, OperatorLine,
    SettlementStatementDocument, JLIS_ADDRESSEE,
};

fn kind(code: &str, name: &str, copies: u64, fee: i64, commission: i64) -> KindLine {
    KindLine {
        code: KindCode::parse(code).expect("a valid kind code"),
        name: name.into(),
        copies,
        fees: Yen::new(fee * copies as i64),
        commissions: Yen::new(commission * copies as i64),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let profile = MunicipalityProfile::chiba_demo();
    let issuer = Issuer {
        contact_name: "千葉 太郎".into(),
        ..Issuer::from(&profile)
    };
    let lines = vec![
        kind("01", "住民票の写し", 4_210, 200, 117),
        kind("02", "印鑑登録証明書", 3_055, 200, 117),
        kind("03", "住民票記載事項証明書", 12, 200, 117),
        kind("04", "戸籍証明書（全部事項・個人事項）", 610, 350, 117),
        kind("05", "戸籍の附票の写し", 95, 200, 117),
        kind("06", "所得・課税証明書", 1_480, 200, 117),
    ];
    let amount = Yen::checked_sum(
        lines
            .iter()
            .map(|l| l.fees.checked_sub(l.commissions).unwrap()),
    )
    .expect("the sample is small");
    let issued_on = NaiveDate::from_ymd_opt(2026, 11, 5).expect("a date");
    let created_at = issued_on.and_hms_opt(10, 30, 0).expect("a time");
    let month = TargetMonth::new(2026, 10)?;
    let doc = InvoiceDocument {
        document_number: "千市区第123号".into(),
        issued_on,
        created_at,
        addressee: JLIS_ADDRESSEE.into(),
        issuer: issuer.clone(),
        amount,
        target_month: month,
        due_on: month.next().last_day(),
        lines: lines.clone(),
        bank: profile.bank.clone(),
        replaces: None,
    };
    let statement = SettlementStatementDocument {
        document_number: "千市区第124号".into(),
        issued_on,
        created_at,
        addressee: JLIS_ADDRESSEE.into(),
        issuer,
        target_month: month,
        finalized: true,
        lines,
        operators: [
            ("0001", "株式会社セブン-イレブン・ジャパン", 0.5),
            ("0002", "株式会社ローソン", 0.3),
            ("0003", "株式会社ファミリーマート", 0.2),
        ]
        .iter()
        .map(|(code, name, share)| OperatorLine {
            code: OperatorCode::parse(code).expect("a valid operator code"),
            name: (*name).into(),
            // A sample split only; real figures come from J-LIS's statement.
            fees: Yen::new((1_983_900.0 * share) as i64),
            commissions: Yen::new((1_107_054.0 * share) as i64),
        })
        .collect(),
    };

    let target = std::env::var("CARGO_TARGET_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../target").to_string());
    let dir = arg("--out").unwrap_or(target);
    let dir = std::path::Path::new(&dir);
    let runs: u32 = arg("--runs").map_or(Ok(1), |n| n.parse())?;
    // The first render parses the fonts; the rest are what a warm desk pays.
    let start = Instant::now();
    let mut bytes = invoice(&doc).map_err(|e| e.message_ja())?;
    let first = start.elapsed();
    let start = Instant::now();
    for _ in 1..runs {
        bytes = invoice(&doc).map_err(|e| e.message_ja())?;
    }
    let warm = start.elapsed() / runs.saturating_sub(1).max(1);
    std::fs::write(dir.join("sample-invoice.pdf"), &bytes)?;
    if arg("--runs").is_some() {
        // `first_ms warm_ms_per_doc bytes`, read by bench/typst_compare.py.
        println!(
            "{:.2} {:.2} {}",
            first.as_secs_f64() * 1e3,
            warm.as_secs_f64() * 1e3,
            bytes.len()
        );
        return Ok(());
    }
    let statement_bytes = settlement_statement(&statement).map_err(|e| e.message_ja())?;
    std::fs::write(dir.join("sample-statement.pdf"), &statement_bytes)?;
    println!("{}", dir.join("sample-invoice.pdf").display());
    println!("{}", dir.join("sample-statement.pdf").display());
    Ok(())
}
