//! Starting chromedriver with a fresh headless Chromium, and ending both.

use super::{Browser, call};
use serde_json::json;
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
