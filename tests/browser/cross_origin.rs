//! Another newsroom's page reads Factdesk's API from the browser: Chromium sends the CORS
//! preflight a conditional request needs, and the script sees the 200, the ETag and then
//! the 304, as docs/api.md promises.

use crate::helpers::TestApp;
use crate::webdriver::Browser;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A site of another origin (another port): a blank page for every request.
async fn other_newsroom() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = [0u8; 4096];
                let _ = stream.read(&mut request).await;
                let page = "<!doctype html><html lang=\"en\"><title>Other newsroom</title><p>Ours</p></html>";
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{page}",
                    page.len()
                );
                let _ = stream.write_all(answer.as_bytes()).await;
            });
        }
    });
    address
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_on_another_site_reads_the_api_and_asks_again_with_if_none_match() {
    let app = TestApp::spawn_with_demo().await;
    let other = other_newsroom().await;
    let browser = Browser::launch().await;
    browser.goto(&other).await;

    let seen = browser
        .execute_async(
            "const [url, done] = [arguments[0], arguments[arguments.length - 1]];
             (async () => {
               const first = await fetch(url, { cache: 'no-store' });
               const etag = first.headers.get('ETag');
               const body = await first.json();
               const again = await fetch(url, {
                 cache: 'no-store', headers: { 'If-None-Match': etag } });
               const missing = await fetch(url + '/no-such-fact-check', { cache: 'no-store' });
               done({ first: first.status, etag, count: body.data.length,
                      again: again.status, missing: missing.status,
                      why: (await missing.json()).error.message });
             })().catch(e => done({ error: String(e) }));",
            json!([format!("{}/api/v1/fact-checks", app.address)]),
        )
        .await;
    assert!(seen["error"].is_null(), "the browser refused: {seen}");
    assert_eq!(seen["first"], 200, "{seen}");
    assert!(
        seen["etag"].as_str().is_some_and(|e| e.starts_with('"')),
        "ETag readable: {seen}"
    );
    assert!(seen["count"].as_u64().unwrap() > 0, "{seen}");
    assert_eq!(
        seen["again"], 304,
        "the conditional request, after its preflight: {seen}"
    );
    assert_eq!(seen["missing"], 404, "{seen}");
    assert!(
        seen["why"]
            .as_str()
            .unwrap()
            .contains("Nothing is published"),
        "{seen}"
    );
}
