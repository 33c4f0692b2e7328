//! Kept pages: answered from memory with the headers a fresh answer has, exact whenever
//! they are asked for, compressed once for the browsers that take it, and dropped when a
//! scheduled fact-check falls due.

use crate::helpers::TestApp;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use std::io::Read;

const VERDICT: &str = "/fact-checks/russia-remains-aligned-with-iran";

/// A client that shows the bytes as sent: no decompression behind the test's back.
fn raw_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_gzip()
        .no_brotli()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

async fn ask(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    headers: &[(&str, &str)],
) -> Answer {
    let mut request = raw_client().request(method, format!("{}{path}", app.address));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    Answer {
        status: response.status(),
        headers: response.headers().clone(),
        body: response.bytes().await.unwrap().to_vec(),
    }
}

async fn get(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Answer {
    ask(app, reqwest::Method::GET, path, headers).await
}

/// Every header but `Date`, which the connection sets at the moment of sending.
fn without_date(headers: &HeaderMap) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = headers
        .iter()
        .filter(|(name, _)| *name != "date")
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    all.sort();
    all
}

#[tokio::test]
async fn a_kept_page_carries_the_same_headers_as_one_made_afresh() {
    let app = TestApp::spawn_with_demo().await;
    for path in [
        "/",
        VERDICT,
        "/tags",
        "/api/v1/fact-checks",
        "/feed.atom",
        "/static/site.css",
    ] {
        let behind_https = [("x-forwarded-proto", "https")];
        let first = get(&app, path, &behind_https).await;
        let kept = get(&app, path, &behind_https).await;
        // A parameter no page reads: never kept, so the whole stack makes this one.
        let fresh_path = if path.contains('?') {
            format!("{path}&utm_source=test")
        } else {
            format!("{path}?utm_source=test")
        };
        let fresh = get(&app, &fresh_path, &behind_https).await;
        assert_eq!(kept.status, StatusCode::OK, "{path}");
        assert_eq!(fresh.status, StatusCode::OK, "{path}");
        assert_eq!(kept.body, fresh.body, "{path}: the same page");
        assert_eq!(
            without_date(&kept.headers),
            without_date(&fresh.headers),
            "{path}"
        );
        assert_eq!(
            without_date(&first.headers),
            without_date(&kept.headers),
            "{path}"
        );
        for name in [
            "content-security-policy",
            "x-content-type-options",
            "referrer-policy",
            "strict-transport-security",
            "cache-control",
            "etag",
            "vary",
            "content-type",
        ] {
            assert!(kept.headers.contains_key(name), "{path} lacks {name}");
        }
        // Over plain HTTP, no HSTS, kept or not.
        let plain = get(&app, path, &[]).await;
        assert!(
            !plain.headers.contains_key("strict-transport-security"),
            "{path}"
        );

        let etag = kept.headers["etag"].to_str().unwrap();
        let unchanged = get(&app, path, &[("if-none-match", etag)]).await;
        assert_eq!(unchanged.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(unchanged.body.is_empty());
        assert_eq!(unchanged.headers["etag"], etag);
        assert_eq!(
            unchanged.headers["cache-control"],
            kept.headers["cache-control"]
        );
        assert_eq!(
            unchanged.headers["content-security-policy"],
            kept.headers["content-security-policy"]
        );
    }
}

#[tokio::test]
async fn a_listing_is_the_same_bytes_whenever_it_is_asked_for() {
    let app = TestApp::spawn_with_demo().await;
    // Cards that said "1 minute ago" changed their page every minute; exact dates do not.
    let first = app.get("/").await;
    let card_time = &first.body[first.position_of("<time datetime=\"")..];
    let card_time = &card_time[..card_time.find("</time>").unwrap()];
    let written = card_time.rsplit('>').next().unwrap();
    let datetime = card_time.split('"').nth(1).unwrap();
    let published = chrono::DateTime::parse_from_rfc3339(datetime).unwrap();
    assert_eq!(written, published.format("%-d %B %Y").to_string());
    assert!(card_time.contains("data-relative"), "time.js rewords it");
    for relative in [" ago<", "just now"] {
        assert!(
            !first.body.contains(relative),
            "no clock in the page: {relative}"
        );
    }
    assert!(
        first
            .body
            .contains("<script src=\"/static/time.js\" defer></script>")
    );
    let again = app.get("/").await;
    assert_eq!(first.body, again.body);
    assert_eq!(first.headers["etag"], again.headers["etag"]);
}

fn unbrotli(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &body[..], &mut out).unwrap();
    out
}

fn ungzip(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(body)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[tokio::test]
async fn pages_are_sent_compressed_to_browsers_that_take_it_each_under_its_own_etag() {
    let app = TestApp::spawn_with_demo().await;
    // Kept (the home page) and made afresh (with a parameter no page reads) alike.
    for path in [
        "/",
        "/?utm_source=test",
        "/api/v1/fact-checks",
        "/search?q=Iran",
    ] {
        let plain = get(&app, path, &[]).await;
        let br = get(&app, path, &[("accept-encoding", "gzip, deflate, br")]).await;
        let gzip = get(&app, path, &[("accept-encoding", "gzip")]).await;
        assert_eq!(br.headers["content-encoding"], "br", "{path}");
        assert_eq!(gzip.headers["content-encoding"], "gzip", "{path}");
        assert!(!plain.headers.contains_key("content-encoding"), "{path}");
        assert_eq!(unbrotli(&br.body), plain.body, "{path}");
        assert_eq!(ungzip(&gzip.body), plain.body, "{path}");
        assert!(
            br.body.len() * 3 < plain.body.len(),
            "{path}: brotli saves bytes"
        );
        for answer in [&plain, &br, &gzip] {
            assert_eq!(answer.headers["vary"], "accept-encoding", "{path}");
        }
        let tags: Vec<_> = [&plain, &br, &gzip]
            .iter()
            .map(|a| a.headers["etag"].to_str().unwrap().to_owned())
            .collect();
        assert!(
            tags[0] != tags[1] && tags[1] != tags[2] && tags[0] != tags[2],
            "{tags:?}"
        );

        // The compressed form's own ETag revalidates it; another encoding's does not.
        let revalidated = get(
            &app,
            path,
            &[("accept-encoding", "br"), ("if-none-match", &tags[1])],
        )
        .await;
        assert_eq!(revalidated.status, StatusCode::NOT_MODIFIED, "{path}");
        let other = get(
            &app,
            path,
            &[("accept-encoding", "br"), ("if-none-match", &tags[0])],
        )
        .await;
        assert_eq!(other.status, StatusCode::OK, "{path}");
    }

    // A kept page's HEAD: the GET's headers, the length of what a GET would get, no body.
    let get_br = get(&app, VERDICT, &[("accept-encoding", "br")]).await;
    let head = ask(
        &app,
        reqwest::Method::HEAD,
        VERDICT,
        &[("accept-encoding", "br")],
    )
    .await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    assert_eq!(head.headers["etag"], get_br.headers["etag"]);
    assert_eq!(head.headers["content-encoding"], "br");
    assert_eq!(
        head.headers["content-length"].to_str().unwrap(),
        get_br.body.len().to_string()
    );

    // Pictures are compressed already.
    let png = get(&app, "/favicon-32.png", &[("accept-encoding", "br, gzip")]).await;
    assert_eq!(png.status, StatusCode::OK);
    assert!(!png.headers.contains_key("content-encoding"));
}

#[tokio::test]
async fn a_scheduled_fact_check_shows_on_the_kept_home_page_when_it_falls_due() {
    let app = TestApp::spawn_with_demo().await;
    // One of the demo's fact-checks, moved 2–3 seconds into the future: scheduled.
    // Whole seconds, as the time is stored.
    let due =
        chrono::SubsecRound::trunc_subsecs(chrono::Utc::now() + chrono::Duration::seconds(3), 0);
    app.sql(&format!(
        "UPDATE fact_checks SET published_at = '{}' WHERE slug = 'russia-remains-aligned-with-iran'",
        due.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    ));
    let before = app.get("/").await;
    assert!(!before.body.contains(VERDICT), "not out yet");
    assert_eq!(app.get(VERDICT).await.status, StatusCode::NOT_FOUND);
    // Nothing is committed when it falls due; the kept page must go anyway. Asked for
    // every 50 ms, for up to 10 s past its time on a busy machine.
    let mut after = app.get("/").await;
    for _ in 0..240 {
        if after.body.contains(VERDICT) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        after = app.get("/").await;
    }
    assert!(chrono::Utc::now() >= due, "not shown before its time");
    assert!(after.body.contains(VERDICT), "out once its time came");
    assert_ne!(after.headers["etag"], before.headers["etag"]);
    assert_eq!(app.get(VERDICT).await.status, StatusCode::OK);
}

/// Many readers arrive together for a page no one keeps yet (just after a commit, a popular
/// claimant's page): one of them makes it and the others wait for that answer, so none is
/// refused for want of a slow-read thread (2 threads and 32 places; 80 renders at once had
/// filled them) and every one gets the same page.
#[tokio::test]
async fn readers_arriving_together_for_a_page_not_kept_yet_all_get_it() {
    let app = TestApp::spawn_with_demo().await;
    let claimant = "/claimants/social-media-users";
    let asks = (0..80).map(|_| ask(&app, reqwest::Method::GET, claimant, &[]));
    let answers = futures_util::future::join_all(asks).await;
    let first_etag = answers[0].headers["etag"].clone();
    for answer in &answers {
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(
            answer.headers["etag"], first_etag,
            "the same page for everyone"
        );
    }
}
