//! Intake of a large city's busiest month, measured against the `sqlite3` shell in one run
//! (README, "Benchmarks"):
//!
//! - `sqlite3 .import`: the same rows, unvalidated, as a UTF-8 CSV loaded by the `sqlite3` shell
//!   into a bare table (the columns of `completion_notices`, no key, no index) of a fresh file;
//!   only the process is timed.
//! - `kofu import`: `Desk::import_notices` of the CP932 notices file into a fresh SQLite
//!   database holding the demo data: every line validated, stored in one transaction; only the
//!   import is timed.
//! - `reconcile + settlement`: both use cases on that month once it is imported with its
//!   statement.
//!
//! The goal (issue): `kofu import` ≤ 2 × `sqlite3 .import`, reconcile + settlement < 100 ms.
//! Figures are read from criterion's report, never asserted.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kofu_api::{Actor, Desk, DEMO_PASSWORD};
use kofu_core::clock::FixedClock;
use kofu_core::{MunicipalityCode, TargetMonth};
use kofu_jlis::format::{write_notices, write_statement, CompletionNotice, Encoding};
use kofu_jlis::generate;
use kofu_store::DatabaseUrl;

/// June 2026 has no national holiday, so the generated month reconciles without findings.
const MONTH: &str = "2026-06";
/// Issuances per day on average: 30 days × 6,570 × (1 + 1.5 % cancellations and corrections)
/// is about 200,000 notices.
const SCALE: u32 = 6_570;

/// The columns of `completion_notices` (migrations/*/0003_intake.sql) without key or index.
const BARE_TABLE: &str = "CREATE TABLE completion_notices (id TEXT, at TEXT, operator TEXT, \
    store TEXT, kiosk TEXT, kind TEXT, copies BIGINT, fee BIGINT, commission BIGINT, \
    action BIGINT, original_id TEXT);";

struct Fixture {
    dir: tempfile::TempDir,
    notices: usize,
    /// The notices file as J-LIS sends it (CP932, header line, CRLF).
    kofu_file: PathBuf,
    /// The same rows as stored (no 団体コード), UTF-8 CSV without header, for `sqlite3`.
    csv_file: PathBuf,
    statement: Vec<u8>,
}

fn csv_row(n: &CompletionNotice) -> String {
    format!(
        "{},{},{},{},{},{},{},{},{},{},{}\n",
        n.id,
        n.at.format("%Y-%m-%d %H:%M:%S"),
        n.operator,
        n.store,
        n.kiosk,
        n.kind,
        n.copies,
        n.fee.to_i64(),
        n.commission.to_i64(),
        n.action.code(),
        n.original_id.as_deref().unwrap_or("")
    )
}

fn fixture() -> Fixture {
    let city = MunicipalityCode::parse("121002").expect("valid code");
    let month = TargetMonth::parse(MONTH).expect("valid month");
    let (statement, notices) = generate::month(city, month, 2026, SCALE);
    let dir = tempfile::tempdir().expect("temp dir");
    let kofu_file = dir.path().join("notices-cp932.csv");
    std::fs::write(&kofu_file, write_notices(city, &notices, Encoding::Cp932)).expect("write");
    let csv_file = dir.path().join("notices-utf8.csv");
    let mut csv = std::io::BufWriter::new(std::fs::File::create(&csv_file).expect("create"));
    for n in &notices {
        csv.write_all(csv_row(n).as_bytes()).expect("write");
    }
    csv.flush().expect("flush");
    drop(csv);
    Fixture {
        dir,
        notices: notices.len(),
        kofu_file,
        csv_file,
        statement: write_statement(&statement, Encoding::Cp932),
    }
}

/// A fresh SQLite database with the demo data (as the use-case tests make it), and its clerk.
fn fresh_desk(path: &Path) -> (Desk, Actor) {
    let now = NaiveDate::from_ymd_opt(2026, 11, 26)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid time");
    let desk = Desk::open(
        &DatabaseUrl::Sqlite(path.to_path_buf()),
        Arc::new(FixedClock(now)),
    )
    .expect("open");
    desk.load_demo().expect("demo data");
    let clerk = desk.login("clerk", DEMO_PASSWORD).expect("clerk");
    (desk, clerk)
}

fn import(desk: &Desk, clerk: &Actor, file: &Path, expected: usize) {
    let file = std::fs::File::open(file).expect("open notices");
    let done = desk.import_notices(clerk, file).expect("valid notices");
    assert_eq!(done.imported as usize, expected);
}

fn sqlite3_import(db: &Path, csv: &Path) -> Duration {
    let script = format!(
        "{BARE_TABLE}\n.mode csv\n.import {} completion_notices\n",
        csv.display()
    );
    let start = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg(db)
        .stdin(Stdio::piped())
        .spawn()
        .expect("the sqlite3 shell is installed (apt-get install sqlite3)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("script");
    let status = child.wait().expect("sqlite3 ran");
    let elapsed = start.elapsed();
    assert!(status.success(), "sqlite3 failed: {status}");
    elapsed
}

fn bench(c: &mut Criterion) {
    let f = fixture();
    eprintln!("{} notices in {MONTH}", f.notices);
    let mut run = 0u32;
    let mut next_path = |what: &str| {
        run += 1;
        f.dir.path().join(format!("{what}-{run}.sqlite3"))
    };
    let remove = |path: &Path| {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    };

    let mut group = c.benchmark_group("intake");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(f.notices as u64));
    group.bench_function("sqlite3 .import (bare table, unvalidated)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let db = next_path("bare");
                total += sqlite3_import(&db, &f.csv_file);
                remove(&db);
            }
            total
        })
    });
    group.bench_function("kofu import (CP932, validated, one transaction)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let db = next_path("kofu");
                let (desk, clerk) = fresh_desk(&db);
                let start = Instant::now();
                import(&desk, &clerk, &f.kofu_file, f.notices);
                total += start.elapsed();
                drop(desk);
                remove(&db);
            }
            total
        })
    });

    let db = next_path("month");
    let (desk, clerk) = fresh_desk(&db);
    desk.import_statement(&clerk, &f.statement)
        .expect("statement");
    import(&desk, &clerk, &f.kofu_file, f.notices);
    let month = TargetMonth::parse(MONTH).expect("valid month");
    let r = desk.reconcile(&clerk, month).expect("reconcile");
    assert!(r.matched, "{:?}", r.differences.first());
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("reconcile + settlement of the month", |b| {
        b.iter(|| {
            let r = desk.reconcile(&clerk, month).expect("reconcile");
            let s = desk.settlement(&clerk, month).expect("settlement");
            (r.matched, s.net)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
