//! Just enough of the W3C WebDriver protocol to drive Debian's Chromium through chromedriver.
//!
//! Written here rather than taken from fantoccini: fantoccini 0.22 brings Mozilla's
//! `webdriver` crate and with it second major versions of http, cookie, thiserror, base64
//! and the icu crates, a dozen duplicate crates to compile on every test run, while the
//! protocol calls these tests need are a handful of JSON requests over reqwest, which the
//! tests already use.

mod elements;
mod navigation;
mod session;

use serde_json::{Value, json};
use std::process::Child;

/// The key WebDriver names the element id with.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// WebDriver's codes for the keys without a character (a private-use range of Unicode).
pub mod keys {
    pub const TAB: &str = "\u{E004}";
    pub const CONTROL: &str = "\u{E009}";
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
