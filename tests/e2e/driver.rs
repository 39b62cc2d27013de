//! Starting and stopping `tauri-driver` for one test: it runs in its own process group on free
//! ports, with the data folder of that test, and the whole group (driver, `WebKitWebDriver` and the
//! app) is killed when the [`Driver`] is dropped, also when the test fails. Not here: what the test
//! does in the window (see `window.rs`).

use std::fs::File;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long the driver may take to answer `/status` with `"ready": true`.
const READY_WITHIN: Duration = Duration::from_secs(20);

/// The native WebDriver of WebKitGTK, from Debian's `webkit2gtk-driver`.
const NATIVE_DRIVER: &str = "/usr/bin/WebKitWebDriver";

/// A running `tauri-driver`; dropping it kills its process group.
pub struct Driver {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Driver {
    /// Starts the driver with `data_dir` as the app's `KOFU_DATA_DIR` (the app inherits the
    /// driver's environment through `WebKitWebDriver`) and waits until it is ready. `log` receives
    /// the output of the driver, `WebKitWebDriver` and the app.
    pub async fn start(data_dir: &Path, log: PathBuf) -> Driver {
        let driver = tauri_driver_binary();
        assert!(
            Path::new(NATIVE_DRIVER).exists(),
            "{NATIVE_DRIVER} is missing: install the Debian package webkit2gtk-driver"
        );
        let port = free_port();
        let native_port = free_port();
        if let Some(parent) = log.parent() {
            std::fs::create_dir_all(parent).expect("the e2e log folder can be created");
        }
        let out =
            File::create(&log).unwrap_or_else(|e| panic!("cannot create {}: {e}", log.display()));
        let err = out
            .try_clone()
            .expect("the log file handle can be duplicated");
        let child = Command::new(&driver)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .args(["--native-driver", NATIVE_DRIVER])
            .env("KOFU_DATA_DIR", data_dir)
            // The app's clock, pinned: the demo history and last month's pull do not depend on
            // the day the tests run.
            .env("KOFU_NOW", crate::NOW)
            // The test's own folder, never a database a developer configured for their shell.
            .env_remove("KOFU_DATABASE_URL")
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            // Its own group, so one signal reaches WebKitWebDriver and the app too.
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver.display()));
        let driver = Driver { child, port, log };
        driver.wait_until_ready().await;
        driver
    }

    /// The WebDriver endpoint.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Where the driver's and the app's output goes (named in failure messages).
    pub fn log(&self) -> &Path {
        &self.log
    }

    async fn wait_until_ready(&self) {
        let started = Instant::now();
        let mut last = String::from("no answer yet");
        while started.elapsed() < READY_WITHIN {
            match status(self.port).await {
                Ok(body) if body.contains("\"ready\":true") || body.contains("\"ready\": true") => {
                    return
                }
                Ok(body) => last = body,
                Err(e) => last = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "tauri-driver did not become ready within {READY_WITHIN:?} (last: {last}); see {}",
            self.log.display()
        );
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The group id is the driver's pid (process_group(0)). Kill the group, then reap the driver.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `tauri-driver` from `TAURI_DRIVER`, the `PATH` or `$CARGO_HOME/bin`; fails the test when absent.
fn tauri_driver_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let in_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join("tauri-driver"));
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .map(|home| home.join("bin").join("tauri-driver"));
    in_path.chain(cargo_home).find(|candidate| candidate.is_file()).unwrap_or_else(|| {
        panic!("tauri-driver is not installed: run `cargo install tauri-driver --locked --version 2.1.0`")
    })
}

/// A port nobody listens on right now.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port can be bound");
    listener
        .local_addr()
        .expect("a bound socket has an address")
        .port()
}

/// `GET /status`, as text (a plain HTTP/1.0 request: the body is all that matters).
async fn status(port: u16) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
    stream
        .write_all(b"GET /status HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .await?;
    let mut response = String::new();
    tokio::time::timeout(Duration::from_secs(2), stream.read_to_string(&mut response))
        .await
        .map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::TimedOut, "/status did not answer")
        })??;
    Ok(response)
}
