//! Just enough of the W3C WebDriver protocol to drive Debian's Chromium through chromedriver.
//!
//! Written here rather than taken from fantoccini: fantoccini 0.22 brings Mozilla's
//! `webdriver` crate and with it second major versions of http, cookie, thiserror, base64
//! and the icu crates, a dozen duplicate crates to compile on every test run, while the
//! protocol calls these tests need are a handful of JSON requests over reqwest, which the
//! tests already use.

use base64::Engine;
use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The key WebDriver names the element id with.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// WebDriver's codes for the keys without a character (a private-use range of Unicode).
pub mod keys {
    pub const TAB: &str = "\u{E004}";
    pub const ENTER: &str = "\u{E007}";
    pub const SPACE: &str = "\u{E00D}";
    pub const ARROW_DOWN: &str = "\u{E015}";
}

/// One headless Chromium, controlled through its own chromedriver process.
pub struct Browser {
    http: reqwest::Client,
    session: String,
    driver: Child,
    _profile: tempfile::TempDir,
}

#[derive(Clone, Debug)]
pub struct Element(String);

impl Browser {
    /// Starts chromedriver and a fresh Chromium with the launch flags that work on machines
    /// without outside network: no sandbox (we run as root in CI), no GPU, no background
    /// connections, an empty profile.
    pub async fn launch() -> Browser {
        Browser::launch_with(&[]).await
    }

    /// As `launch`, with more Chromium flags (`--host-resolver-rules=…` to reach the server
    /// under a name it does not answer for).
    pub async fn launch_with(extra_args: &[&str]) -> Browser {
        let port = free_port();
        let driver = Command::new(chromedriver())
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver runs (Debian package chromium-driver)");
        let http = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while http.get(format!("{base}/status")).send().await.is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = tempfile::tempdir().unwrap();
        let profile_dir = format!("--user-data-dir={}", profile.path().display());
        let mut args = vec![
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--window-size=1280,900",
            &profile_dir,
        ];
        args.extend_from_slice(extra_args);
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": { "binary": chromium(), "args": args },
                // An alert left open fails the next command, with the alert's text.
                "unhandledPromptBehavior": "dismiss and notify",
                "timeouts": { "script": 60_000, "pageLoad": 60_000, "implicit": 0 },
            }}
        });
        let response = call(
            &http,
            reqwest::Method::POST,
            &format!("{base}/session"),
            Some(capabilities),
        )
        .await
        .expect("chromedriver starts Chromium");
        let id = response["sessionId"]
            .as_str()
            .expect("a new session has an id")
            .to_owned();
        Browser {
            http,
            session: format!("{base}/session/{id}"),
            driver,
            _profile: profile,
        }
    }

    async fn command(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        call(&self.http, method, &format!("{}{path}", self.session), body)
            .await
            .unwrap_or_else(|e| panic!("WebDriver {path}: {e}"))
    }

    async fn post(&self, path: &str, body: Value) -> Value {
        self.command(reqwest::Method::POST, path, Some(body)).await
    }

    async fn get(&self, path: &str) -> Value {
        self.command(reqwest::Method::GET, path, None).await
    }

    /// Runs `source` at the start of every document this tab loads, before the page's own
    /// scripts (Chrome DevTools `Page.addScriptToEvaluateOnNewDocument`).
    pub async fn on_every_page(&self, source: &str) {
        self.post(
            "/goog/cdp/execute",
            json!({ "cmd": "Page.addScriptToEvaluateOnNewDocument", "params": { "source": source } }),
        )
        .await;
    }

    pub async fn goto(&self, url: &str) {
        self.post("/url", json!({ "url": url })).await;
    }

    pub async fn current_url(&self) -> String {
        self.get("/url")
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub async fn resize(&self, width: u32, height: u32) {
        self.post("/window/rect", json!({ "width": width, "height": height }))
            .await;
    }

    pub async fn delete_cookies(&self) {
        self.command(reqwest::Method::DELETE, "/cookie", None).await;
    }

    /// The first element matching a CSS selector, failing the test when there is none.
    pub async fn find(&self, css: &str) -> Element {
        match self.try_find(css).await {
            Some(element) => element,
            None => panic!("no element matches {css:?} on {}", self.current_url().await),
        }
    }

    pub async fn try_find(&self, css: &str) -> Option<Element> {
        self.find_all(css).await.into_iter().next()
    }

    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        let found = self
            .post(
                "/elements",
                json!({ "using": "css selector", "value": css }),
            )
            .await;
        found
            .as_array()
            .map(|list| list.iter().filter_map(element_id).collect())
            .unwrap_or_default()
    }

    /// The first link whose text contains `text`.
    pub async fn find_link(&self, text: &str) -> Option<Element> {
        let found = self
            .execute(
                "return [...document.querySelectorAll('a')]\
                   .find(a => a.textContent.includes(arguments[0])) || null;",
                json!([text]),
            )
            .await;
        element_id(&found)
    }

    /// The elements a script returns.
    pub async fn find_by_script(&self, script: &str, args: Value) -> Vec<Element> {
        let found = self.execute(script, args).await;
        found
            .as_array()
            .map(|list| list.iter().filter_map(element_id).collect())
            .unwrap_or_default()
    }

    pub async fn attribute(&self, element: &Element, name: &str) -> Option<String> {
        let value = self
            .get(&format!("/element/{}/attribute/{name}", element.0))
            .await;
        value.as_str().map(str::to_owned)
    }

    pub async fn click(&self, element: &Element) {
        self.post(&format!("/element/{}/click", element.0), json!({}))
            .await;
    }

    /// Clicks a link or a submit button and waits for the next page to have loaded.
    /// chromedriver's click returns once a form's navigation starts, not when it ends.
    pub async fn click_through(&self, element: &Element) {
        self.mark_page().await;
        self.click(element).await;
        self.wait_for_next_page().await;
    }

    /// Presses keys that lead to another page (Enter on a button) and waits for it.
    pub async fn press_through(&self, keys: &[&str]) {
        self.mark_page().await;
        self.press(keys).await;
        self.wait_for_next_page().await;
    }

    async fn mark_page(&self) {
        self.execute("window.__factdeskOldPage = true;", json!([]))
            .await;
    }

    async fn wait_for_next_page(&self) {
        let started = Instant::now();
        loop {
            let loaded = self
                .execute(
                    "return !window.__factdeskOldPage && document.readyState === 'complete';",
                    json!([]),
                )
                .await;
            if loaded.as_bool() == Some(true) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "no new page loaded after {}",
                self.current_url().await
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Empties a field, then types `text` into it key by key, as a person would: the
    /// browser applies the field's `maxlength` as it does for a person typing.
    pub async fn type_into(&self, element: &Element, text: &str) {
        self.post(&format!("/element/{}/clear", element.0), json!({}))
            .await;
        if !text.is_empty() {
            self.post(
                &format!("/element/{}/value", element.0),
                json!({ "text": text }),
            )
            .await;
        }
    }

    /// Empties a field and enters `text` the way a paste or an input method does: through
    /// the browser's editing path (`beforeinput`, `input`, `maxlength`), in one step rather
    /// than one key event per character. For the long payload runs, where key-by-key typing
    /// made the browser the bottleneck.
    pub async fn enter_text(&self, element: &Element, text: &str) {
        // Focused with its content selected, the field's text is replaced by what is
        // inserted; two round trips to chromedriver instead of four.
        let had_text = self
            .execute(
                "const e = arguments[0]; e.focus(); e.select(); return e.value !== '';",
                json!([element.reference()]),
            )
            .await;
        if text.is_empty() {
            if had_text.as_bool() == Some(true) {
                self.post(&format!("/element/{}/clear", element.0), json!({}))
                    .await;
            }
            return;
        }
        self.post(
            "/goog/cdp/execute",
            json!({ "cmd": "Input.insertText", "params": { "text": text } }),
        )
        .await;
    }

    pub async fn text(&self, element: &Element) -> String {
        let value = self.get(&format!("/element/{}/text", element.0)).await;
        value.as_str().unwrap_or_default().to_owned()
    }

    /// An element's text as written in the page, whitespace collapsed: what a screen
    /// reader reads, before CSS changes its case.
    pub async fn words(&self, element: &Element) -> String {
        let value = self
            .get(&format!("/element/{}/property/textContent", element.0))
            .await;
        let text = value.as_str().unwrap_or_default();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The page's visible text.
    pub async fn body_text(&self) -> String {
        let body = self.find("body").await;
        self.text(&body).await
    }

    /// Runs a function body in the page; `arguments` holds `args`.
    pub async fn execute(&self, script: &str, args: Value) -> Value {
        self.post("/execute/sync", json!({ "script": script, "args": args }))
            .await
    }

    /// Runs a function body that calls its last argument with the result.
    pub async fn execute_async(&self, script: &str, args: Value) -> Value {
        self.post("/execute/async", json!({ "script": script, "args": args }))
            .await
    }

    /// Presses keys one after another on whatever has the focus, like a keyboard.
    pub async fn press(&self, keys: &[&str]) {
        let mut actions = Vec::new();
        for key in keys {
            for c in key.chars() {
                actions.push(json!({ "type": "keyDown", "value": c.to_string() }));
                actions.push(json!({ "type": "keyUp", "value": c.to_string() }));
            }
        }
        self.post(
            "/actions",
            json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] }),
        )
        .await;
    }

    /// A description of the focused element: its id; `name=value` for a radio button or
    /// checkbox; else its tag and text, e.g. `button:Save draft`.
    pub async fn focused(&self) -> String {
        let value = self
            .execute(
                "const e = document.activeElement; \
                 if (!e) return ''; \
                 if (e.id) return e.id; \
                 if (e.type === 'radio' || e.type === 'checkbox') return e.name + '=' + e.value; \
                 return e.tagName.toLowerCase() + ':' + e.textContent.trim().replace(/\\s+/g, ' ');",
                json!([]),
            )
            .await;
        value.as_str().unwrap_or_default().to_owned()
    }

    /// Writes a PNG of the whole page, however long, to `path`.
    pub async fn screenshot(&self, path: &Path) {
        let metrics = self
            .post(
                "/goog/cdp/execute",
                json!({ "cmd": "Page.getLayoutMetrics", "params": {} }),
            )
            .await;
        let size = &metrics["cssContentSize"];
        // The content's width leaves out the scrollbar, but capturing beyond the viewport
        // lays the page out without one: at the content's width, the right edge of a page
        // tall enough to scroll would be cut off (15 px of a 390 px phone's screen).
        let window = self.execute("return window.innerWidth;", json!([])).await;
        let (width, height) = (
            size["width"]
                .as_f64()
                .unwrap_or(1280.0)
                .max(window.as_f64().unwrap_or(0.0)),
            size["height"].as_f64().unwrap_or(900.0),
        );
        let shot = self
            .post(
                "/goog/cdp/execute",
                json!({ "cmd": "Page.captureScreenshot", "params": {
                    "format": "png",
                    "captureBeyondViewport": true,
                    "clip": { "x": 0, "y": 0, "width": width, "height": height, "scale": 1 },
                }}),
            )
            .await;
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().expect("a screenshot"))
            .unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ending the session closes Chromium; killing chromedriver alone would leave it
        // running. Drop cannot await, so this one request is written by hand.
        use std::io::{Read, Write};
        let address = self.session.trim_start_matches("http://");
        let (host, path) = address.split_once('/').unwrap_or((address, ""));
        if let Ok(mut stream) = std::net::TcpStream::connect(host) {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
            let _ = write!(
                stream,
                "DELETE /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
            );
            let _ = stream.read_to_end(&mut Vec::new());
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Element {
    /// The element a script returned, if it is one.
    pub fn from(value: &Value) -> Option<Element> {
        element_id(value)
    }

    /// The element as a script argument.
    fn reference(&self) -> Value {
        json!({ ELEMENT_KEY: self.0 })
    }
}

fn element_id(value: &Value) -> Option<Element> {
    value[ELEMENT_KEY].as_str().map(|id| Element(id.to_owned()))
}

async fn call(
    http: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    body: Option<Value>,
) -> Result<Value, String> {
    let mut request = http.request(method, url);
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    let response = request.send().await.map_err(|e| e.to_string())?;
    let status = response.status();
    let text = response.text().await.map_err(|e| e.to_string())?;
    let mut reply: Value = serde_json::from_str(&text).map_err(|e| format!("{e}: {text}"))?;
    let value = reply["value"].take();
    if status.is_success() {
        Ok(value)
    } else {
        Err(format!(
            "{status} {}: {}",
            value["error"].as_str().unwrap_or_default(),
            value["message"].as_str().unwrap_or_default()
        ))
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn chromium() -> String {
    std::env::var("FACTDESK_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned())
}

fn chromedriver() -> String {
    std::env::var("FACTDESK_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned())
}
