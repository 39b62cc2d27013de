//! End-to-end tests of the real Kofu Desk app: the built `kofu-desk` binary in a real WebKitGTK
//! window, driven through `tauri-driver` and `WebKitWebDriver` by `data-testid`, each test with its
//! own empty data folder. They check that the UI, the commands, the capabilities, the CSP and the
//! store work together; the rules themselves are tested in `kofu-api`.
//!
//! Run under a display: `cargo build -p kofu-desk --features custom-protocol` (after
//! `npm run build` in `ui/`), then `xvfb-run -a cargo test -p kofu-e2e`. With `KOFU_SCREENSHOTS=1`
//! the main screens are saved as PNGs in `target/screenshots/`. Without a display the tests say
//! so and pass, except in CI (`CI` set), where they fail.

#![cfg(target_os = "linux")]

mod driver;
mod window;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use kofu_api::monthly::{DEMO_JLIS_SCALE, DEMO_JLIS_SEED};
use kofu_api::DEMO_PASSWORD;
use kofu_core::{MunicipalityProfile, TargetMonth};
use tempfile::TempDir;

use driver::Driver;
use window::Window;

/// The contact phone the profile test saves (the demo city has another).
const NEW_PHONE: &str = "043-245-7777";

/// The app's clock in every test (`KOFU_NOW`): after the 10th, so last month is final.
pub const NOW: &str = "2026-11-26T10:00";

/// One app at a time: two WebKit windows on a 2-core machine make both slow and flaky.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test]
async fn an_admin_can_start_the_demo_sign_in_and_change_the_contact_phone() {
    let Some(app) = App::start("demo_profile").await else {
        return;
    };
    let w = &app.window;
    let shots = screenshots_dir();

    w.start_with_demo(&app.data).await;
    w.screenshot(shots.as_deref(), "login").await;
    w.fill("login-name", "admin").await;
    w.fill("login-password", DEMO_PASSWORD).await;
    w.click("login-submit").await;
    w.find("dashboard-greeting").await;
    let before = w.wait_for_any_text("dashboard-contact-phone").await;
    assert_ne!(
        before.trim(),
        NEW_PHONE,
        "the demo city must start with another number"
    );
    // The monthly deadlines come from their own command (`deadlines_panel`).
    w.find("deadlines-cycle").await;
    w.screenshot(shots.as_deref(), "dashboard").await;

    // 接続テスト against the demo's simulator, over loopback HTTP (issue 5); the button is at the
    // bottom of the page.
    w.click("nav-settings").await;
    w.click("settings-jlis-tab").await;
    w.find("jlis-token-status").await;
    w.click("jlis-test").await;
    w.wait_for_text_containing(
        "jlis-test-result",
        "接続できました",
        Duration::from_secs(30),
    )
    .await;
    w.screenshot(shots.as_deref(), "settings-jlis").await;

    // 設定 > 文書番号: each kind's template and next number, from the core.
    w.click("settings-documentNumbers-tab").await;
    let change_notice = w.wait_for_any_text("document-number-change_notice").await;
    assert!(
        change_notice.contains("第") && change_notice.contains("号"),
        "the change notice's next number is shown: {change_notice}"
    );
    w.screenshot(shots.as_deref(), "settings-document-numbers")
        .await;

    w.click("settings-profile-tab").await;
    w.fill("profile-contact_phone", NEW_PHONE).await;
    w.screenshot(shots.as_deref(), "settings").await;
    w.click("profile-save").await;

    w.click("nav-dashboard").await;
    // Saving invalidates the dashboard, so the new number shows whether or not the save had
    // finished when the dashboard opened.
    w.wait_for_text("dashboard-contact-phone", NEW_PHONE).await;

    // The month calendar marks holidays and deadlines (issue 3).
    w.click("nav-calendar").await;
    w.find("calendar-page").await;
    w.screenshot(shots.as_deref(), "calendar").await;

    // The catalogue lists the demo fees (issue 4).
    w.click("nav-certificates").await;
    let row = w.wait_for_any_text("catalogue-row-01").await;
    assert!(
        row.contains("住民票の写し") && row.contains("250"),
        "the demo fee of 01 is shown: {row}"
    );
    w.screenshot(shots.as_deref(), "certificates").await;
    w.click("certificates-hours-tab").await;
    w.find("hours-closed-days").await;
    w.screenshot(shots.as_deref(), "hours").await;
    app.close().await;
}

#[tokio::test]
async fn a_clerk_pulls_last_month_from_the_simulator_and_sees_the_settlement() {
    let Some(app) = App::start("pull_month").await else {
        return;
    };
    let w = &app.window;
    let shots = screenshots_dir();
    // What the demo simulator serves for last month, computed here from the same generator.
    let month = TargetMonth::parse(&NOW[..7]).expect("a month").previous();
    let (statement, _) = kofu_jlis::generate::month(
        MunicipalityProfile::chiba_demo().code,
        month,
        DEMO_JLIS_SEED,
        DEMO_JLIS_SCALE,
    );
    let totals = statement.totals();

    w.start_with_demo(&app.data).await;
    w.fill("login-name", "clerk").await;
    w.fill("login-password", DEMO_PASSWORD).await;
    w.click("login-submit").await;
    w.find("dashboard-greeting").await;

    w.click("nav-reconciliation").await;
    w.find("intake-steps").await;
    w.click("pull-month").await;
    // The month is pulled over loopback HTTP from the simulator, imported and reconciled.
    w.wait_for_text_containing("intake-steps", "確定", Duration::from_secs(120))
        .await;
    // The generator's notices add up to its statement: the reconciliation matches.
    w.wait_for_text_containing("intake-step-reconcile", "一致", Duration::from_secs(60))
        .await;
    w.screenshot(shots.as_deref(), "intake").await;
    w.find("import-history").await;
    w.run_script("document.querySelector(\"[data-testid='out-of-hours']\")?.scrollIntoView()")
        .await;
    w.screenshot(shots.as_deref(), "intake-lists").await;

    w.click("nav-settlement").await;
    w.wait_for_text_containing(
        "settlement-fees",
        &yen(totals.fees.to_i64()),
        Duration::from_secs(30),
    )
    .await;
    w.wait_for_text_containing(
        "settlement-net",
        &yen(totals.fees.to_i64() - totals.commissions.to_i64()),
        Duration::from_secs(5),
    )
    .await;
    w.screenshot(shots.as_deref(), "settlement").await;
    w.find("settlement-trend").await;
    w.run_script("document.querySelector(\"[data-testid='settlement-trend']\").scrollIntoView({block: 'center'})")
        .await;
    w.screenshot(shots.as_deref(), "settlement-trend").await;
    app.close().await;
}

#[tokio::test]
async fn a_clerk_drafts_the_invoice_of_a_final_month_and_a_supervisor_approves_it_and_sees_the_pdf()
{
    let Some(app) = App::start("invoice").await else {
        return;
    };
    let w = &app.window;
    let shots = screenshots_dir();
    w.start_with_demo(&app.data).await;

    // The demo's data ends two months before NOW: that month is final and not yet invoiced.
    w.sign_in("clerk").await;
    w.open_final_month_of_settlement().await;
    w.click("invoice-draft").await;
    w.wait_for_text_containing("invoice-status", "下書き", Duration::from_secs(30))
        .await;
    assert!(
        !w.has("invoice-approve").await,
        "a clerk drafts; approving is a supervisor's"
    );
    w.run_script("document.querySelector(\"[data-testid='invoice-card']\").scrollIntoView()")
        .await;
    w.screenshot(shots.as_deref(), "invoice-drafted").await;
    // The success toast sits over the header's sign-out until it closes (4 s).
    tokio::time::sleep(Duration::from_secs(5)).await;
    w.click("logout").await;

    w.sign_in("supervisor").await;
    // The dashboard's 要対応 lists the clerk's draft for this supervisor.
    let waiting = w.wait_for_any_text("deadlines-to-approve").await;
    assert!(
        waiting.contains("clerk"),
        "the draft waits for the supervisor: {waiting}"
    );
    w.screenshot(shots.as_deref(), "dashboard-to-approve").await;
    w.open_final_month_of_settlement().await;
    w.click("invoice-approve").await;
    w.wait_for_text_containing("invoice-status", "承認済", Duration::from_secs(30))
        .await;
    let number = w.wait_for_any_text("invoice-number").await;
    assert!(
        number.contains('第') && number.contains('号'),
        "approval gives the invoice its document number: {number}"
    );
    w.find_within("invoice-pdf-preview", Duration::from_secs(30))
        .await;
    w.run_script(
        "document.querySelector(\"[data-testid='invoice-pdf-preview']\").scrollIntoView({block: 'center'})",
    )
    .await;
    // The PDF viewer renders after the frame loads.
    tokio::time::sleep(Duration::from_secs(2)).await;
    w.screenshot(shots.as_deref(), "invoice-approved-preview")
        .await;
    app.close().await;
}

/// `1234567` → `1,234,567`.
fn yen(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if amount < 0 {
        out.insert(0, '-');
    }
    out
}

#[tokio::test]
async fn a_wrong_password_shows_the_login_error_and_does_not_sign_in() {
    let Some(app) = App::start("wrong_password").await else {
        return;
    };
    let w = &app.window;

    w.start_with_demo(&app.data).await;
    w.fill("login-name", "admin").await;
    w.fill("login-password", "not-the-password").await;
    w.click("login-submit").await;
    let error = w.wait_for_any_text("login-error").await;
    assert!(
        error.contains("パスワード"),
        "the login error should say the name or password is wrong: {error}"
    );
    assert!(
        !w.has("dashboard-greeting").await,
        "a wrong password must not open the dashboard"
    );
    w.screenshot(screenshots_dir().as_deref(), "login-error")
        .await;
    app.close().await;
}

#[tokio::test]
async fn the_window_runs_under_the_strict_content_security_policy() {
    let Some(app) = App::start("csp").await else {
        return;
    };
    let w = &app.window;

    // `script-src 'self'` without 'unsafe-eval': the page may not turn strings into code.
    let eval = w
        .run_script("try { (0, eval)('1'); return 'ran'; } catch (e) { return e.name; }")
        .await;
    assert_eq!(
        eval, "EvalError",
        "eval must be refused by the CSP (is `app.security.csp` applied?)"
    );
    // No global Tauri object (`withGlobalTauri: false`): only the bundled UI code reaches the IPC.
    let global = w.run_script("return typeof window.__TAURI__;").await;
    assert_eq!(global, "undefined", "window.__TAURI__ must not exist");
    app.close().await;
}

/// A running app with its own data folder. Fields drop in order: the driver's process group is
/// killed before the folder is removed.
struct App {
    window: Window,
    _driver: Driver,
    data: TempDir,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

impl App {
    /// Starts the app, or returns `None` (after saying why) when there is no display outside CI.
    async fn start(name: &str) -> Option<App> {
        if !display_available() {
            return None;
        }
        // fantoccini's TLS stack and kofu-jlis's (linked here for the demo's generator) enable
        // two rustls crypto providers; name one, or rustls cannot choose. (No TLS is used: the
        // driver is plain HTTP on loopback.)
        let _ = rustls::crypto::ring::default_provider().install_default();
        let turn = ONE_AT_A_TIME.lock().await;
        let application = application();
        let data = tempfile::Builder::new()
            .prefix("kofu-e2e-")
            .tempdir()
            .expect("a temporary data folder");
        let log = target_dir().join("e2e-logs").join(format!("{name}.log"));
        let driver = Driver::start(data.path(), log).await;
        let window = Window::open(&driver, &application).await;
        Some(App {
            window,
            _driver: driver,
            data,
            _turn: turn,
        })
    }

    async fn close(self) {
        let App {
            window,
            _driver: driver,
            data,
            _turn: turn,
        } = self;
        window.close().await;
        drop(driver);
        drop(data);
        drop(turn);
    }
}

impl Window {
    /// Signs in as a demo user and waits for the dashboard.
    async fn sign_in(&self, name: &str) {
        self.fill("login-name", name).await;
        self.fill("login-password", DEMO_PASSWORD).await;
        self.click("login-submit").await;
        self.find("dashboard-greeting").await;
    }

    /// Opens 精算・請求 on the month before last (the demo's last month, final) and waits for it.
    async fn open_final_month_of_settlement(&self) {
        self.click("nav-settlement").await;
        self.find("settlement-month").await;
        self.click("settlement-month-previous").await;
        self.wait_for_text_containing("settlement-status", "確定", Duration::from_secs(30))
            .await;
        self.find("invoice-card").await;
    }

    /// On the first-run wizard of an empty database, chooses the demo, and waits for the login.
    async fn start_with_demo(&self, data: &TempDir) {
        self.click("wizard-demo").await;
        // The demo writes a year of J-LIS data first: a few seconds in a debug build.
        self.find_within("login-name", Duration::from_secs(90))
            .await;
        let database = data.path().join("kofu.sqlite3");
        assert!(
            database.exists(),
            "the app should use the test's KOFU_DATA_DIR ({}), inherited through tauri-driver",
            database.display()
        );
    }
}

/// Whether a display is there; outside CI a missing one skips the test with a message.
fn display_available() -> bool {
    if std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "no DISPLAY in CI: run the end-to-end tests under `xvfb-run -a cargo test -p kofu-e2e`"
    );
    // Straight to stderr: the test harness would swallow `eprintln!` of a passing test.
    let _ = writeln!(
        std::io::stderr(),
        "kofu-e2e: skipped, no DISPLAY (run under `xvfb-run -a cargo test -p kofu-e2e`)"
    );
    false
}

/// The Cargo target folder this test binary was built into (`<target>/<profile>/deps/e2e-…`).
fn target_dir() -> PathBuf {
    profile_dir()
        .parent()
        .expect("the profile folder is inside the target folder")
        .to_path_buf()
}

fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    exe.parent()
        .and_then(Path::parent)
        .expect("test binaries live in <target>/<profile>/deps")
        .to_path_buf()
}

/// The app binary: `KOFU_DESK_BIN`, else `kofu-desk` beside this test's build.
fn application() -> PathBuf {
    let path = std::env::var_os("KOFU_DESK_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| profile_dir().join("kofu-desk"));
    assert!(
        path.is_file(),
        "{} is missing: build it first with `cargo build -p kofu-desk --features custom-protocol` \
         (after `npm run build` in ui/)",
        path.display()
    );
    path
}

/// `target/screenshots/` when `KOFU_SCREENSHOTS` is set.
fn screenshots_dir() -> Option<PathBuf> {
    std::env::var_os("KOFU_SCREENSHOTS")?;
    let dir = target_dir().join("screenshots");
    std::fs::create_dir_all(&dir).expect("the screenshot folder can be created");
    Some(dir)
}
