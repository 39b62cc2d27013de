//! The real Kofu Desk window, driven over WebDriver: find by `data-testid`, click, type, read, with
//! explicit waits (every lookup polls until the element is there and has stopped moving, up to
//! [`WAIT`]). A failure names the element, the log of the run and a screenshot of the window.
//! Not here: starting the driver (`driver.rs`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

use crate::driver::Driver;

/// How long an element or a text may take to appear. Generous: argon2 and a cold WebKit are slow
/// on a 2-core CI machine, and waits return as soon as the condition holds.
const WAIT: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(100);

/// A WebDriver session on the app's main window.
pub struct Window {
    client: Client,
    log: PathBuf,
}

impl Window {
    /// Launches `application` through `driver` (creating the session starts the app).
    pub async fn open(driver: &Driver, application: &Path) -> Window {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), "wry".into());
        capabilities.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": application.display().to_string() }),
        );
        let client = ClientBuilder::rustls()
            .expect("the TLS roots load (unused: the driver is plain HTTP on loopback)")
            .capabilities(capabilities)
            .connect(&driver.url())
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "no WebDriver session for {}: {e}; see {}",
                    application.display(),
                    driver.log().display()
                )
            });
        let window = Window {
            client,
            log: driver.log().to_path_buf(),
        };
        window.refuse_dev_build().await;
        window
    }

    /// Fails at once when the binary loads the Vite dev server instead of its bundled UI.
    async fn refuse_dev_build(&self) {
        let href = self.run_script("return location.href;").await;
        let href = href.as_str().unwrap_or_default();
        if href.starts_with("http://localhost") {
            panic!(
                "the app loads {href}: it was built without the bundled UI; rebuild it with \
                 `cargo build -p kofu-desk --features custom-protocol`"
            );
        }
    }

    /// Waits until `element` may be acted on: the page is loaded, no font is still loading and
    /// the element has stopped moving. The UI hides text while its bundled fonts load
    /// (`font-display: block`, slow in debug builds) and the layout shifts when they arrive; a
    /// click computed before the shift lands beside its target and is silently lost.
    async fn settle(&self, id: &str, element: &Element) {
        let started = Instant::now();
        let mut last = None;
        let mut page = String::new();
        while started.elapsed() < WAIT {
            let answer = self
                .client
                .execute(
                    "return document.readyState + ' ' + document.fonts.status",
                    vec![],
                )
                .await;
            page = answer
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let rect = element.rectangle().await.ok();
            if page == "complete loaded" && rect.is_some() && rect == last {
                return;
            }
            last = rect;
            tokio::time::sleep(POLL).await;
        }
        self.fail(&format!(
            "{id} did not settle within {WAIT:?} (page and fonts: {page:?}, position: {last:?})"
        ))
        .await
    }

    /// Waits for the element with `data-testid="{id}"`.
    pub async fn find(&self, id: &str) -> Element {
        self.find_within(id, WAIT).await
    }

    /// Waits up to `wait` for the element with `data-testid="{id}"` (for slow work).
    pub async fn find_within(&self, id: &str, wait: Duration) -> Element {
        let selector = format!("[data-testid='{id}']");
        let found = self
            .client
            .wait()
            .at_most(wait)
            .every(POLL)
            .for_element(Locator::Css(&selector))
            .await;
        match found {
            Ok(element) => element,
            Err(e) => {
                self.fail(&format!("{id} did not appear within {wait:?}: {e}"))
                    .await
            }
        }
    }

    /// Whether the element is on the screen right now (no waiting).
    pub async fn has(&self, id: &str) -> bool {
        let selector = format!("[data-testid='{id}']");
        !self
            .client
            .find_all(Locator::Css(&selector))
            .await
            .unwrap_or_default()
            .is_empty()
    }

    /// Clicks the element with `data-testid="{id}"` as a user would.
    ///
    /// The element is first scrolled to the middle of the window (or as near as the page allows)
    /// and left to settle, then the pointer presses its centre, which must show the element itself:
    /// WebKitWebDriver's own element click scrolls only until the element is inside the viewport,
    /// which leaves a tab at the top of a scrolled page under the fixed header, and then fails
    /// without a reason.
    pub async fn click(&self, id: &str) {
        let element = self.find(id).await;
        self.settle(id, &element).await;
        let args = vec![serde_json::to_value(&element).expect("an element reference")];
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center', inline: 'center'}); return 1",
                args.clone(),
            )
            .await
            .unwrap_or_else(|e| panic!("cannot scroll to {id}: {e}"));
        self.settle(id, &element).await;
        let covered = self
            .client
            .execute(
                "const e = arguments[0], r = e.getBoundingClientRect();
                 const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                 return top === e || e.contains(top) ? null
                      : top === null ? 'nothing' : top.outerHTML.slice(0, 160);",
                args,
            )
            .await
            .unwrap_or_else(|e| panic!("cannot locate {id}: {e}"));
        if let Some(other) = covered.as_str() {
            self.fail(&format!("{id} is covered at its centre by {other}"))
                .await
        }
        let press = MouseActions::new("mouse".into())
            .then(PointerAction::MoveToElement {
                element,
                duration: None,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        self.client
            .perform_actions(press)
            .await
            .unwrap_or_else(|e| panic!("cannot click {id}: {e}"));
    }

    /// Replaces the text of an input.
    pub async fn fill(&self, id: &str, text: &str) {
        let element = self.find(id).await;
        self.settle(id, &element).await;
        element
            .clear()
            .await
            .unwrap_or_else(|e| panic!("cannot clear {id}: {e}"));
        element
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type into {id}: {e}"));
        let value = element
            .prop("value")
            .await
            .unwrap_or_else(|e| panic!("cannot read {id}: {e}"));
        assert_eq!(
            value.as_deref(),
            Some(text),
            "{id} should hold exactly what was typed"
        );
    }

    /// Waits until the element's visible text is `expected`; fails with the last text seen.
    pub async fn wait_for_text(&self, id: &str, expected: &str) {
        self.wait_for_text_that(id, &format!("{expected:?}"), WAIT, |text| text == expected)
            .await;
    }

    /// Waits up to `wait` until the element's visible text contains `needle`, and returns it.
    pub async fn wait_for_text_containing(&self, id: &str, needle: &str, wait: Duration) -> String {
        self.wait_for_text_that(id, &format!("text containing {needle:?}"), wait, |text| {
            text.contains(needle)
        })
        .await
    }

    /// Waits until the element shows some text (it may fade in), and returns it.
    pub async fn wait_for_any_text(&self, id: &str) -> String {
        self.wait_for_text_that(id, "some text", WAIT, |text| !text.is_empty())
            .await
    }

    async fn wait_for_text_that(
        &self,
        id: &str,
        wanted: &str,
        wait: Duration,
        ok: impl Fn(&str) -> bool,
    ) -> String {
        let started = Instant::now();
        let mut seen = String::new();
        while started.elapsed() < wait {
            // `innerText`, not WebDriver's element text: WebKitWebDriver answers "" for some
            // elements (a Mantine alert with role="alert") that plainly show text.
            let element = self.find(id).await;
            let text = element
                .prop("innerText")
                .await
                .ok()
                .flatten()
                .unwrap_or_default();
            seen = text.trim().to_owned();
            if ok(&seen) {
                return seen;
            }
            tokio::time::sleep(POLL).await;
        }
        self.fail(&format!(
            "{id} shows {seen:?}, expected {wanted} within {wait:?}"
        ))
        .await
    }

    /// Fails the test, saving what the window showed beside the log.
    async fn fail(&self, what: &str) -> ! {
        let picture = self.log.with_extension("failure.png");
        let saved = match self.client.screenshot().await {
            Ok(png) => std::fs::write(&picture, png).is_ok(),
            Err(_) => false,
        };
        let picture = if saved {
            format!(", screen in {}", picture.display())
        } else {
            String::new()
        };
        panic!("{what}; log in {}{picture}", self.log.display());
    }

    /// Runs `script` in the page and returns what it returned.
    pub async fn run_script(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("the script failed: {e}; script: {script}"))
    }

    /// Saves a PNG of the window as `<dir>/<name>.png` when screenshots were asked for.
    pub async fn screenshot(&self, dir: Option<&Path>, name: &str) {
        let Some(dir) = dir else { return };
        // Let the page paint what it holds: a shot taken right after a change showed the frame
        // before it (a button still loading beside the result it had already rendered).
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100)));",
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("no frame painted before screenshot {name}: {e}"));
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("no screenshot {name}: {e}"));
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    /// Ends the session, which closes the app.
    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}
