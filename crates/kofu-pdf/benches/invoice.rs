//! How fast a warm process renders the month's documents (issue 10, "Speed and size"): an
//! invoice PDF under 20 ms and 60 KB, the Excel export under 50 ms. The fonts are parsed once
//! per process, so the first render is excluded by criterion's warm-up. The comparison with
//! typst (a separate process) is `bench/typst_compare.sh`.

use chrono::NaiveDate;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use kofu_core::catalogue::KindCode;
use kofu_core::master::OperatorCode;
use kofu_core::money::Yen;
use kofu_core::{MunicipalityProfile, TargetMonth};
use kofu_pdf::{
    invoice, settlement_statement, InvoiceDocument, Issuer, KindLine, OperatorLine,
    SettlementStatementDocument, JLIS_ADDRESSEE,
};
use kofu_xlsx::{settlement_workbook, KindRow, OperatorRow, SettlementWorkbook};

const KINDS: [(&str, &str, u64, i64); 6] = [
    ("01", "住民票の写し", 4_210, 200),
    ("02", "印鑑登録証明書", 3_055, 200),
    ("03", "住民票記載事項証明書", 12, 200),
    ("04", "戸籍証明書（全部事項・個人事項）", 610, 350),
    ("05", "戸籍の附票の写し", 95, 200),
    ("06", "所得・課税証明書", 1_480, 200),
];
const COMMISSION: i64 = 117;

fn lines() -> Vec<KindLine> {
    KINDS
        .iter()
        .map(|(code, name, copies, fee)| KindLine {
            code: KindCode::parse(code).unwrap(),
            name: (*name).into(),
            copies: *copies,
            fees: Yen::new(fee * *copies as i64),
            commissions: Yen::new(COMMISSION * *copies as i64),
        })
        .collect()
}

fn operators() -> Vec<(OperatorCode, &'static str, Yen, Yen)> {
    [
        (
            "0001",
            "株式会社セブン-イレブン・ジャパン",
            991_950,
            553_527,
        ),
        ("0002", "株式会社ローソン", 595_170, 332_116),
        ("0003", "株式会社ファミリーマート", 396_780, 221_411),
    ]
    .iter()
    .map(|(c, n, f, m)| {
        (
            OperatorCode::parse(c).unwrap(),
            *n,
            Yen::new(*f),
            Yen::new(*m),
        )
    })
    .collect()
}

fn documents() -> (
    InvoiceDocument,
    SettlementStatementDocument,
    SettlementWorkbook,
) {
    let profile = MunicipalityProfile::chiba_demo();
    let issuer = Issuer::from(&profile);
    let lines = lines();
    let amount = Yen::checked_sum(
        lines
            .iter()
            .map(|l| l.fees.checked_sub(l.commissions).unwrap()),
    )
    .unwrap();
    let issued_on = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
    let created_at = issued_on.and_hms_opt(10, 30, 0).unwrap();
    let month = TargetMonth::new(2026, 10).unwrap();
    let inv = InvoiceDocument {
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
        lines: lines.clone(),
        operators: operators()
            .into_iter()
            .map(|(code, name, fees, commissions)| OperatorLine {
                code,
                name: name.into(),
                fees,
                commissions,
            })
            .collect(),
    };
    let workbook = SettlementWorkbook {
        city: profile.name.clone(),
        target_month: month,
        finalized: true,
        created_at,
        by_operator: operators()
            .into_iter()
            .map(|(code, name, fees, commissions)| OperatorRow {
                code,
                name: name.into(),
                fees,
                commissions,
            })
            .collect(),
        by_kind: lines
            .iter()
            .map(|l| KindRow {
                code: l.code,
                name: l.name.clone(),
                copies: l.copies,
                fees: l.fees,
                commissions: l.commissions,
            })
            .collect(),
    };
    (inv, statement, workbook)
}

fn bench(c: &mut Criterion) {
    let (inv, statement, workbook) = documents();
    // Sizes are part of the goal; print them once next to the timings.
    let pdf = invoice(&inv).expect("the sample invoice renders");
    let st = settlement_statement(&statement).expect("the sample statement renders");
    let xlsx = settlement_workbook(&workbook).expect("the sample workbook is written");
    println!(
        "sizes: invoice {} bytes ({:.1} KB), statement {} bytes, workbook {} bytes",
        pdf.len(),
        pdf.len() as f64 / 1024.0,
        st.len(),
        xlsx.len()
    );
    c.bench_function("invoice_pdf_warm", |b| {
        b.iter(|| invoice(black_box(&inv)).unwrap())
    });
    c.bench_function("settlement_statement_pdf_warm", |b| {
        b.iter(|| settlement_statement(black_box(&statement)).unwrap())
    });
    c.bench_function("settlement_workbook_xlsx", |b| {
        b.iter(|| settlement_workbook(black_box(&workbook)).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
