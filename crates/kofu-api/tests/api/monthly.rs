//! A month's intake as the screens run it, on both backends: a whole month pulled from the J-LIS
//! simulator over loopback HTTP in one transaction, cancellation storing nothing, dropped files
//! told apart, the month's status, the import history and the 12-month trend.

use std::io::Read;

use chrono::NaiveDate;
use kofu_api::progress::Progress;
use kofu_api::DEMO_PASSWORD;
use kofu_core::{MunicipalityCode, TargetMonth};
use kofu_jlis::client::{ClientConfig, Secret};
use kofu_jlis::format::{write_notices, write_statement, Encoding};
use kofu_jlis::generate;
use kofu_jlis_sim::{spawn_on_loopback, Faults, SimConfig};
use kofu_store::testing::TestDb;

use crate::demo;

const TOKEN: &str = "monthly-test-token";
const SEED: u64 = 11;
const SCALE: u32 = 12;

fn chiba() -> MunicipalityCode {
    MunicipalityCode::parse("121002").unwrap()
}

fn october() -> TargetMonth {
    TargetMonth::parse("2026-10").unwrap()
}

/// The simulator on a loopback port, on the same day as the test desk (2026-11-26).
fn simulator() -> ClientConfig {
    let url = spawn_on_loopback(
        SimConfig {
            municipality: chiba(),
            token: TOKEN.into(),
            seed: SEED,
            scale: SCALE,
            finalized_from_day: 10,
            today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        },
        Faults::new(),
    )
    .expect("the simulator starts");
    let mut config = ClientConfig::new(url, Secret::new(TOKEN));
    config.backoff = std::time::Duration::from_millis(10);
    config
}

pub fn a_month_is_pulled_whole_and_settles_as_jlis_says(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let (statement, notices) = generate::month(chiba(), october(), SEED, SCALE);
    let progress = Progress::new();

    let pulled = d
        .pull_month(&clerk, october(), simulator(), &progress)
        .expect("October pulls from the simulator");
    assert_eq!(pulled.days, 31, "every day of October is fetched");
    assert_eq!(pulled.notices.imported, notices.len() as u64);
    let s = pulled.statement.expect("October is final on 11/26");
    assert_eq!((s.status.as_str(), s.finalized), ("imported", true));
    assert_eq!(s.fees, statement.totals().fees);
    assert!(pulled.warning.is_none());
    let snap = progress.snapshot();
    assert!(
        snap.total > 0 && snap.done >= snap.total,
        "progress ends full: {snap:?}"
    );

    let status = d.month_intake(&clerk, october()).unwrap();
    let cancellations = notices
        .iter()
        .filter(|n| n.action == kofu_jlis::format::NoticeAction::Cancellation)
        .count() as i64;
    assert_eq!(
        status.issuances + status.cancellations + status.corrections,
        notices.len() as i64
    );
    assert!(cancellations >= 1 && status.cancellations == cancellations);
    assert_eq!(status.available_from, "2026-11-10");
    assert_eq!(
        status.statement.expect("stored").fees,
        statement.totals().fees.to_i64()
    );

    let settlement = d.settlement(&clerk, october()).unwrap();
    assert_eq!(settlement.fees, statement.totals().fees);
    assert_eq!(
        settlement.net,
        statement
            .totals()
            .fees
            .checked_sub(statement.totals().commissions)
            .unwrap()
    );
    let reconciliation = d.reconcile(&clerk, october()).unwrap();
    assert!(
        reconciliation.differences.is_empty(),
        "the generator's notices add up to its statement: {:?}",
        reconciliation.differences.first()
    );

    let again = d
        .pull_month(&clerk, october(), simulator(), &Progress::new())
        .unwrap();
    assert_eq!(
        (again.notices.imported, again.notices.unchanged),
        (0, notices.len() as u64),
        "a second pull changes nothing"
    );
    assert_eq!(again.statement.unwrap().status, "unchanged");

    let history = d.import_history(&clerk, 10).unwrap();
    assert_eq!(history[0].action, "jlis.pull");
    assert_eq!(history[0].target, "month:2026-10");
    assert_eq!(history[0].summary["unchanged"], notices.len() as u64);
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(
        actions,
        ["jlis.pull", "jlis.pull", "statement.import"],
        "a pull is one entry (plus the statement's import), not one per day's file"
    );
}

pub fn the_current_month_pulls_the_notices_so_far_and_warns_the_statement_is_not_final(
    db: &TestDb,
) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let november = TargetMonth::parse("2026-11").unwrap();
    let pulled = d
        .pull_month(&clerk, november, simulator(), &Progress::new())
        .expect("the notices of November so far");
    assert_eq!(
        pulled.days, 25,
        "11/1 to 11/25: today's notices are not complete yet"
    );
    assert!(pulled.statement.is_none());
    assert!(pulled.warning.unwrap().contains("確定していません"));
    let status = d.month_intake(&clerk, november).unwrap();
    assert!(status.statement.is_none());
    assert!(status.issuances > 0);

    let december = TargetMonth::parse("2026-12").unwrap();
    let refused = d
        .pull_month(&clerk, december, simulator(), &Progress::new())
        .expect_err("no day of December has passed");
    assert_eq!(refused.code(), "validation");
}

/// A reader that cancels the import once it has handed out `after` bytes.
struct CancelAfter<'p> {
    bytes: Vec<u8>,
    at: usize,
    after: usize,
    progress: &'p Progress,
}

impl Read for CancelAfter<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at >= self.after {
            self.progress.cancel();
        }
        let n = buf.len().min(self.bytes.len() - self.at).min(4096);
        buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

pub fn a_cancelled_import_stores_nothing(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let (_, notices) = generate::month(chiba(), october(), SEED, SCALE);
    let bytes = write_notices(chiba(), &notices, Encoding::Cp932);
    let progress = Progress::new();
    let reader = CancelAfter {
        after: bytes.len() / 2,
        bytes,
        at: 0,
        progress: &progress,
    };
    let refused = d
        .import_notices_with(&clerk, reader, &progress)
        .expect_err("cancelled half-way");
    assert_eq!(refused.code(), "cancelled");
    let status = d.month_intake(&clerk, october()).unwrap();
    assert_eq!(
        status.issuances + status.cancellations + status.corrections,
        0,
        "the notices read before the cancel were rolled back"
    );

    let cancelled = Progress::new();
    cancelled.cancel();
    let refused = d
        .pull_month(&clerk, october(), simulator(), &cancelled)
        .expect_err("cancelled before the first day");
    assert_eq!(refused.code(), "cancelled");
    assert!(d
        .month_intake(&clerk, october())
        .unwrap()
        .statement
        .is_none());
}

pub fn a_dropped_file_is_recognised_and_the_trend_shows_imported_months(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let (statement, notices) = generate::month(chiba(), october(), SEED, SCALE);
    let as_statement = d
        .import_file(
            &clerk,
            &write_statement(&statement, Encoding::Utf8Bom),
            &Progress::new(),
        )
        .unwrap();
    assert!(
        matches!(as_statement, kofu_api::monthly::FileImport::Statement(ref s) if s.status == "imported")
    );
    let as_notices = d
        .import_file(
            &clerk,
            &write_notices(chiba(), &notices, Encoding::Cp932),
            &Progress::new(),
        )
        .unwrap();
    assert!(
        matches!(as_notices, kofu_api::monthly::FileImport::Notices(ref n) if n.imported == notices.len() as u64)
    );

    let trend = d.settlement_trend(&clerk, october(), 12).unwrap();
    assert_eq!(trend.len(), 12);
    assert_eq!(trend[0].target_month, "2025-11");
    let last = trend.last().unwrap();
    assert_eq!(
        (last.target_month.as_str(), last.imported),
        ("2026-10", true)
    );
    assert_eq!(
        last.net,
        statement.totals().fees.to_i64() - statement.totals().commissions.to_i64()
    );
    assert!(!trend[0].imported && trend[0].fees == 0);

    let names = d.master_names(&clerk).unwrap();
    assert!(names
        .operators
        .iter()
        .any(|o| o.code == "0001" && o.name.contains("セブン")));
    assert!(names
        .kinds
        .iter()
        .any(|k| k.code == "01" && k.name == "住民票の写し"));

    let helpdesk = d.login("helpdesk", DEMO_PASSWORD).unwrap();
    let refused = d
        .pull_month(&helpdesk, october(), simulator(), &Progress::new())
        .expect_err("the help desk does not import data");
    assert_eq!(refused.code(), "forbidden");
}

pub fn the_demo_history_fills_months_before_last_month_and_only_in_a_demo(db: &TestDb) {
    let d = demo(db);
    assert_eq!(d.load_demo_history(3).unwrap(), 3);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let september = TargetMonth::parse("2026-09").unwrap();
    let trend = d.settlement_trend(&clerk, october(), 4).unwrap();
    let imported: Vec<(&str, bool)> = trend
        .iter()
        .map(|p| (p.target_month.as_str(), p.imported))
        .collect();
    assert_eq!(
        imported,
        [
            ("2026-07", true),
            ("2026-08", true),
            ("2026-09", true),
            ("2026-10", false)
        ],
        "October (last month on 11/26) is left for the demo to pull"
    );
    let reconciliation = d.reconcile(&clerk, september).unwrap();
    assert!(reconciliation.differences.is_empty());
    assert_eq!(d.import_history(&clerk, 10).unwrap()[0].actor, "clerk");

    let other = TestDb::sqlite();
    let city = crate::desk(&other);
    city.init(
        &kofu_api::FirstAdmin {
            name: "admin",
            display_name: "管理者",
            password: "a long enough password 1",
        },
        Some(&kofu_core::MunicipalityProfile::chiba_demo()),
    )
    .unwrap();
    assert_eq!(
        city.load_demo_history(1)
            .expect_err("a real city's database")
            .code(),
        "conflict"
    );
}

pub fn the_connection_test_fetches_without_storing_and_names_a_bad_token(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let said = d.test_jlis_connection(&clerk, simulator()).unwrap();
    assert!(
        said.contains("接続できました") && said.contains("2026-11-25"),
        "{said}"
    );
    assert_eq!(
        d.month_intake(&clerk, TargetMonth::parse("2026-11").unwrap())
            .unwrap()
            .issuances,
        0,
        "a connection test stores nothing"
    );
    let mut wrong = simulator();
    wrong.token = Secret::new("not-the-token");
    let refused = d
        .test_jlis_connection(&clerk, wrong)
        .expect_err("a wrong token");
    assert_eq!(refused.code(), "unauthorized");
}
