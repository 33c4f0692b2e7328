//! Paste a link, get a source: the form's script asks `/editor/fetch-details` what a page
//! says of itself and fills the row's empty fields. These tests are that script's side of
//! the story, against pages served on this machine; the button that does the same without
//! JavaScript is tested here for appearances (sources are in `fetching`).

use crate::helpers::{TestApp, fields, serve_site};
use axum::Router;
use axum::http::{StatusCode as Answer, header};
use axum::routing::get;
use factdesk::fetch::FetchLimits;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const REPORT: &str = r#"<html><head><title>Harbour reopens | Coast Courier</title>
<script type="application/ld+json">{"@type":"NewsArticle",
 "headline":"Harbour reopens after the storm surge",
 "datePublished":"2025-04-11T06:15:00+01:00",
 "author":[{"name":"Mira Holm"},{"name":"Tomas Pike"}],
 "publisher":{"name":"Coast Courier"}}</script>
</head><body><p>Boats left the harbour at first light.</p></body></html>"#;

const POST: &str = r#"<html><head><title>A post</title>
<meta property="article:published_time" content="2025-04-09T22:40:00Z">
</head><body><p>The harbour will never reopen, says this post.</p></body></html>"#;

const BULLETIN_POST: &str = r#"<html><head>
<meta property="og:site_name" content="Evening Bulletin Forum">
<meta property="article:published_time" content="2025-04-10T08:00:00Z">
</head><body><p>A forum thread.</p></body></html>"#;

/// The test site, and how many pages it has served.
async fn site() -> (SocketAddr, Arc<AtomicUsize>) {
    let served = Arc::new(AtomicUsize::new(0));
    let html = |body: &'static str| ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body);
    let pages = Router::new()
        .route("/report", get(move || async move { html(REPORT) }))
        .route("/status/1", get(move || async move { html(POST) }))
        .route("/forum/7", get(move || async move { html(BULLETIN_POST) }))
        .route("/members-only", get(|| async { Answer::FORBIDDEN }))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(4)).await;
                "late"
            }),
        )
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&served),
            |axum::extract::State(served): axum::extract::State<Arc<AtomicUsize>>,
             request: axum::extract::Request,
             next: axum::middleware::Next| async move {
                served.fetch_add(1, Ordering::SeqCst);
                next.run(request).await
            },
        ));
    (serve_site(pages).await, served)
}

/// A second to wait for an answer, so a slow site is given up on quickly.
fn quick_limits() -> FetchLimits {
    FetchLimits {
        connect_timeout: Duration::from_secs(1),
        read_timeout: Duration::from_secs(1),
        deadline: Duration::from_secs(3),
        ..FetchLimits::default()
    }
}

/// What the form's script sends when a link is pasted into a row of `kind`.
async fn paste(app: &TestApp, csrf: &str, url: &str, kind: &str) -> (StatusCode, Value) {
    let form = fields(&[("csrf", csrf), ("url", url), ("kind", kind)]);
    let page = app.post_form("/editor/fetch-details", &form).await;
    let content_type = page.headers[header::CONTENT_TYPE].to_str().unwrap();
    assert!(
        content_type.starts_with("application/json"),
        "{url}: a script reads the answer ({content_type}): {}",
        page.body
    );
    (page.status, serde_json::from_str(&page.body).unwrap())
}

#[tokio::test]
async fn pasting_a_sources_link_answers_with_what_its_page_says() {
    let (site, _) = site().await;
    let app = TestApp::signed_in_fetching_locally(quick_limits()).await;
    let csrf = app.csrf().await;
    let (status, found) = paste(&app, &csrf, &format!("http://{site}/report"), "source").await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(
        found,
        json!({
            "outlet": "Coast Courier",
            "title": "Harbour reopens after the storm surge",
            "authors": "Mira Holm, Tomas Pike",
            "date": "2025-04-11",
            "summary": "Found: Harbour reopens after the storm surge, Coast Courier, 2025-04-11. \
                        Check them before saving.",
        })
    );
    assert_eq!(app.count("fact_checks"), 0, "nothing is saved");
}

#[tokio::test]
async fn an_appearance_is_named_by_its_platform_and_dated() {
    let (site, _) = site().await;
    let app = TestApp::signed_in_fetching_locally(quick_limits()).await;
    let csrf = app.csrf().await;
    let port = site.port();
    // x.com points at the test site: a post there is a post on X, whatever its page says.
    let (status, post) = paste(
        &app,
        &csrf,
        &format!("http://x.com:{port}/status/1"),
        "appearance",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{post}");
    assert_eq!(post["platform"], "X");
    assert_eq!(post["date"], "2025-04-09");
    assert_eq!(
        post["summary"],
        "Found: X, 2025-04-09. Check them before saving."
    );
    let (_, forum) = paste(&app, &csrf, &format!("http://{site}/forum/7"), "appearance").await;
    assert_eq!(
        forum["platform"], "Evening Bulletin Forum",
        "a site that names itself is called what it says"
    );
    let (_, elsewhere) = paste(
        &app,
        &csrf,
        &format!("http://{site}/status/1"),
        "appearance",
    )
    .await;
    assert_eq!(
        elsewhere["platform"], "127.0.0.1",
        "an unknown site that names nothing is named by its host"
    );
}

#[tokio::test]
async fn only_a_signed_in_editors_own_page_may_ask() {
    let (site, served) = site().await;
    let app = TestApp::signed_in_fetching_locally(quick_limits()).await;
    let link = format!("http://{site}/report");
    let stranger = app.another_browser();
    let (status, refused) = paste(&stranger, "", &link, "source").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("signed out"),
        "{refused}"
    );
    let (status, refused) = paste(&app, "a token from another page", &link, "source").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("reload it"),
        "{refused}"
    );
    assert_eq!(
        served.load(Ordering::SeqCst),
        0,
        "no page was fetched for them"
    );
}

#[tokio::test]
async fn a_page_that_cannot_be_fetched_says_why() {
    let (site, _) = site().await;
    let app = TestApp::signed_in_fetching_locally(quick_limits()).await;
    let csrf = app.csrf().await;
    let nobody = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let closed = nobody.local_addr().unwrap();
    drop(nobody);
    for (link, kind, status, why) in [
        (
            format!("http://{site}/members-only"),
            "source",
            StatusCode::UNPROCESSABLE_ENTITY,
            "the site answered 403",
        ),
        (
            format!("http://{site}/slow"),
            "appearance",
            StatusCode::UNPROCESSABLE_ENTITY,
            "no answer within 1 s",
        ),
        (
            format!("http://{closed}/report"),
            "source",
            StatusCode::UNPROCESSABLE_ENTITY,
            "the site refused the connection",
        ),
        (
            "http://no-such-newsroom.invalid/report".to_owned(),
            "source",
            StatusCode::UNPROCESSABLE_ENTITY,
            "the site's name could not be found",
        ),
        (
            format!("http://127.0.0.2:{}/report", site.port()),
            "source",
            StatusCode::UNPROCESSABLE_ENTITY,
            "127.0.0.2 is not a public address",
        ),
        (
            "  ".to_owned(),
            "source",
            StatusCode::BAD_REQUEST,
            "Paste the page's address first.",
        ),
        (
            format!("http://{site}/report"),
            "footnote",
            StatusCode::BAD_REQUEST,
            "source or appearance",
        ),
    ] {
        let (answered, body) = paste(&app, &csrf, &link, kind).await;
        assert_eq!(answered, status, "{link}: {body}");
        assert_eq!(body["error"]["status"], status.as_u16());
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains(why), "{link}: {message}");
    }
}

#[tokio::test]
async fn fetch_details_fills_an_appearance_row_without_javascript() {
    let (site, _) = site().await;
    let app = TestApp::signed_in_fetching_locally(quick_limits()).await;
    let form = fields(&[
        ("claim_text", "The harbour will never reopen."),
        (
            "appearance.0.url",
            &format!("http://x.com:{}/status/1", site.port()),
        ),
        ("appearance.0.reach", "40,000 views"),
        ("appearance.1.url", &format!("http://{site}/forum/7")),
        ("appearance.1.platform", "Typed by the editor"),
        ("fetch_appearance", "0"),
    ]);
    let page = app.submit_new(&form).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Details fetched from the page"));
    let row = &page.body[page.position_of(r#"id="appearance-0-platform""#)..];
    assert!(row.contains(r#"value="X""#), "platform filled: {row:.400}");
    let date = &page.body[page.position_of(r#"id="appearance-0-date""#)..];
    assert!(date.contains(r#"value="2025-04-09""#), "date filled");
    assert!(page.body.contains(r#"value="40,000 views""#));
    assert!(
        page.body.contains(r#"value="Typed by the editor""#),
        "other rows are left as typed"
    );
    assert_eq!(app.count("fact_checks"), 0, "nothing is saved");

    let gone = fields(&[
        ("appearance.0.url", &format!("http://{site}/members-only")),
        ("fetch_appearance", "0"),
    ]);
    let page = app.submit_new(&gone).await;
    let beside = &page.body[page.position_of(r#"id="appearance-0-url""#)..];
    assert!(
        beside.contains("Could not fetch its details: the site answered 403"),
        "{beside:.600}"
    );
}
