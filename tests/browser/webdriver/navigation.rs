//! Moving between pages: addresses, links and buttons that lead on, the window, screenshots.

use super::{Browser, Element};
use base64::Engine;
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};

impl Browser {
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

    /// Presses keys together that lead to another page (Ctrl+S saving a form) and waits.
    pub async fn chord_through(&self, keys: &[&str]) {
        self.mark_page().await;
        self.chord(keys).await;
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
