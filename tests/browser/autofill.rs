//! Paste a link, get a source, in a real browser: an editor pastes a report's link into a
//! source row and a post's link into an appearance row, and the rows fill in place from
//! pages served on this machine, keeping what the editor typed.

use crate::accessibility::{axe_source, serious_violations};
use crate::helpers::{TestApp, serve_site};
use crate::page::{assert_clean, screenshot_path, sign_in_as_editor, watched_browser};
use crate::webdriver::{Browser, keys};
use axum::http::header;
use axum::routing::get;
use factdesk::fetch::FetchLimits;
use serde_json::json;
use std::time::Duration;

const REPORT: &str = r#"<html><head><title>Ferry timetable | Island Gazette</title>
<meta property="og:site_name" content="Island Gazette">
<meta property="og:title" content="Winter ferry timetable cut to two crossings a day">
<meta name="author" content="Ines Barrow">
<meta property="article:published_time" content="2025-01-14T07:00:00Z">
</head><body><p>The operator confirmed the change on Monday.</p></body></html>"#;

const POST: &str = r#"<html><head><title>A post</title>
<meta property="article:published_time" content="2025-01-12T19:30:00Z">
</head><body><p>The ferry is being shut down for good, this post says.</p></body></html>"#;

/// The element `id`'s `property` once `ready` holds for it (a fetch takes a moment), or
/// its last reading.
async fn once_ready(
    browser: &Browser,
    id: &str,
    property: &str,
    ready: fn(&str) -> bool,
) -> String {
    let mut reading = String::new();
    for _ in 0..50 {
        let value = browser
            .execute(
                "return document.getElementById(arguments[0])[arguments[1]];",
                json!([id, property]),
            )
            .await;
        reading = value.as_str().unwrap_or_default().to_owned();
        if ready(&reading) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    reading
}

/// The value of the field `id` once it is not empty.
pub(crate) async fn value_when_filled(browser: &Browser, id: &str) -> String {
    once_ready(browser, id, "value", |v| !v.is_empty()).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pasting_a_link_fills_the_row_in_place() {
    let html = |body: &'static str| ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body);
    let site = serve_site(
        axum::Router::new()
            .route("/ferries", get(move || async move { html(REPORT) }))
            .route("/status/9", get(move || async move { html(POST) })),
    )
    .await;
    let app = TestApp::spawn_fetching_locally(FetchLimits::default()).await;
    let browser = watched_browser().await;
    sign_in_as_editor(&browser, &app).await;
    browser
        .goto(&format!("{}/editor/fact-checks/new", app.address))
        .await;

    // A source: the editor types its outlet, then the link, and moves on.
    browser
        .type_into(&browser.find("#source-0-outlet").await, "Gazette (print)")
        .await;
    let link = browser.find("#source-0-url").await;
    browser
        .type_into(&link, &format!("http://{site}/ferries"))
        .await;
    browser.press(&[keys::TAB]).await;
    assert_eq!(
        value_when_filled(&browser, "source-0-title").await,
        "Winter ferry timetable cut to two crossings a day"
    );
    assert_eq!(
        value_when_filled(&browser, "source-0-authors").await,
        "Ines Barrow"
    );
    assert_eq!(
        value_when_filled(&browser, "source-0-date").await,
        "2025-01-14"
    );
    assert_eq!(
        value_when_filled(&browser, "source-0-outlet").await,
        "Gazette (print)",
        "what the editor typed is kept"
    );
    let status = browser
        .text(&browser.find("#source-0-url-fetch-status").await)
        .await;
    assert_eq!(
        status,
        "Found: Winter ferry timetable cut to two crossings a day, Island Gazette, \
         2025-01-14. Check them before saving."
    );

    // An appearance: the editor pastes a post's link on X.
    browser
        .execute(
            "const field = document.getElementById('appearance-0-url');
             field.focus();
             field.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true }));
             field.value = arguments[0];",
            json!([format!("http://x.com:{}/status/9", site.port())]),
        )
        .await;
    assert_eq!(
        value_when_filled(&browser, "appearance-0-platform").await,
        "X"
    );
    assert_eq!(
        value_when_filled(&browser, "appearance-0-date").await,
        "2025-01-12"
    );

    // A second source, in a row "Add source" puts in place: the focus is in its link,
    // and a link that cannot be fetched says why, in that row.
    browser
        .click(&browser.find("button[name=add_row][value=source]").await)
        .await;
    assert_eq!(browser.focused().await, "source-1-url");
    assert_eq!(
        browser.find_all("#sources .row-card").await.len(),
        2,
        "one row added, in place"
    );
    browser
        .type_into(
            &browser.find("#source-1-url").await,
            "http://no-such-newsroom.invalid/ferries",
        )
        .await;
    browser.press(&[keys::TAB]).await;
    let why = once_ready(
        &browser,
        "source-1-url-fetch-status",
        "textContent",
        |text| text.starts_with("Could not"),
    )
    .await;
    assert_eq!(
        why,
        "Could not fetch its details: the site's name could not be found. Type them by hand."
    );
    browser
        .screenshot(&screenshot_path("editor-form-pasted.png"))
        .await;
    assert_clean(&browser, "the form filled by pasting").await;
    let axe = axe_source();
    assert_eq!(
        serious_violations(&browser, &axe).await,
        Vec::<String>::new(),
        "the filled form"
    );
}
