//! The source fetcher against a real server on this machine: what it fetches, and every
//! way it refuses. The server listens on 127.0.0.1 and the policy allows that one address,
//! so 127.0.0.2 (also loopback) stands for the newsroom's network.

use crate::helpers::{TestApp, fields, serve_site};
use axum::Router;
use axum::http::header;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use factdesk::domain::IpNet;
use factdesk::fetch::{AddressPolicy, FetchError, FetchLimits, Fetcher};
use reqwest::StatusCode;
use std::net::SocketAddr;
use std::time::Duration;

const ARTICLE: &str = r#"<html><head><title>Wire story</title>
<meta property="og:site_name" content="Wire Service">
<meta property="og:title" content="Ceasefire holds for a second day">
<meta name="author" content="Dana Reyes">
<meta property="article:published_time" content="2025-06-25T08:30:00Z">
</head><body><p>Text.</p></body></html>"#;

async fn site() -> SocketAddr {
    let app = Router::new()
        .route(
            "/article",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    ARTICLE,
                )
            }),
        )
        .route(
            "/hop/{n}",
            get(
                |axum::extract::Path(n): axum::extract::Path<u32>| async move {
                    if n == 0 {
                        Redirect::temporary("/article").into_response()
                    } else {
                        Redirect::temporary(&format!("/hop/{}", n - 1)).into_response()
                    }
                },
            ),
        )
        .route(
            "/inside",
            get(|| async { Redirect::temporary("http://127.0.0.2/admin") }),
        )
        .route(
            "/huge",
            get(|| async { ([(header::CONTENT_TYPE, "text/html")], "x".repeat(300_000)) }),
        )
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                ([(header::CONTENT_TYPE, "text/html")], ARTICLE)
            }),
        )
        .route(
            "/picture",
            get(|| async { ([(header::CONTENT_TYPE, "image/png")], vec![0u8; 16]) }),
        )
        .route("/gone", get(|| async { axum::http::StatusCode::NOT_FOUND }));
    serve_site(app).await
}

fn fetcher(limits: FetchLimits) -> Fetcher {
    let mut policy = AddressPolicy {
        also_allowed: vec![IpNet::parse("127.0.0.1").unwrap()],
        ..AddressPolicy::default()
    };
    policy
        .hosts
        .insert("news.example".into(), vec!["127.0.0.1".parse().unwrap()]);
    policy.hosts.insert(
        "mixed.example".into(),
        vec!["127.0.0.1".parse().unwrap(), "10.0.0.7".parse().unwrap()],
    );
    policy.hosts.insert(
        "intranet.example".into(),
        vec!["192.168.1.10".parse().unwrap()],
    );
    Fetcher::new(policy, limits, "https://factcheck.example").unwrap()
}

fn small_limits() -> FetchLimits {
    FetchLimits {
        read_timeout: Duration::from_millis(500),
        deadline: Duration::from_secs(3),
        max_body: 100_000,
        ..FetchLimits::default()
    }
}

#[tokio::test]
async fn a_page_is_fetched_through_its_redirects_by_name() {
    let site = site().await;
    let fetcher = fetcher(small_limits());
    let page = fetcher
        .fetch(&format!("http://news.example:{}/hop/3", site.port()))
        .await
        .unwrap();
    assert_eq!(page.status, 200);
    assert_eq!(page.content_type, "text/html");
    assert_eq!(page.final_url.path(), "/article");
    assert_eq!(page.body, ARTICLE.as_bytes());

    let gone = fetcher.fetch(&format!("http://{site}/gone")).await.unwrap();
    assert_eq!(
        gone.status, 404,
        "the editor is told what the site answered"
    );
}

#[tokio::test]
async fn addresses_inside_the_network_are_refused_however_they_are_reached() {
    let site = site().await;
    let fetcher = fetcher(small_limits());
    let port = site.port();
    for (address, why) in [
        (
            format!("http://127.0.0.2:{port}/article"),
            "127.0.0.2 is not a public address",
        ),
        (
            format!("http://[::1]:{port}/article"),
            "::1 is not a public address",
        ),
        (
            format!("http://[::ffff:10.0.0.1]:{port}/"),
            "10.0.0.1 is not a public address",
        ),
        (
            format!("http://intranet.example:{port}/"),
            "not a public address",
        ),
        (format!("http://mixed.example:{port}/article"), "10.0.0.7"),
        // A public page that redirects inside is refused at the hop.
        (
            format!("http://news.example:{port}/inside"),
            "127.0.0.2 is not a public address",
        ),
        ("file:///etc/passwd".to_owned(), "only http and https"),
    ] {
        match fetcher.fetch(&address).await {
            Err(FetchError::Refused(message)) => {
                assert!(message.contains(why), "{address}: {message}")
            }
            other => panic!("{address} was not refused: {other:?}"),
        }
    }
    // With no exception at all, as in production, the name of this machine is refused too.
    let strict = Fetcher::new(
        AddressPolicy::default(),
        small_limits(),
        "https://factcheck.example",
    )
    .unwrap();
    match strict
        .fetch(&format!("http://localhost:{port}/article"))
        .await
    {
        Err(FetchError::Refused(message)) => assert!(message.contains("not a public address")),
        other => panic!("localhost was not refused: {other:?}"),
    }
}

#[tokio::test]
async fn a_fetch_stays_within_its_limits() {
    let site = site().await;
    let fetcher = fetcher(small_limits());
    assert_eq!(
        fetcher
            .fetch(&format!("http://{site}/hop/6"))
            .await
            .unwrap_err(),
        FetchError::TooManyRedirects(5)
    );
    assert!(matches!(
        fetcher.fetch(&format!("http://{site}/huge")).await,
        Err(FetchError::TooLarge(_))
    ));
    assert!(matches!(
        fetcher.fetch(&format!("http://{site}/slow")).await,
        Err(FetchError::TimedOut(_))
    ));
    assert_eq!(
        fetcher
            .fetch(&format!("http://{site}/picture"))
            .await
            .unwrap_err(),
        FetchError::UnwantedType("image/png".to_owned())
    );
    let nobody = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let closed = nobody.local_addr().unwrap();
    drop(nobody);
    assert!(matches!(
        fetcher.fetch(&format!("http://{closed}/")).await,
        Err(FetchError::Unreachable(_))
    ));
}

/// An editor's app whose fetcher may reach the test site (127.0.0.1) and nothing else
/// private.
async fn editor_app() -> TestApp {
    let mut app =
        TestApp::spawn_with(|settings, _| settings.fetcher = fetcher(small_limits())).await;
    app.sign_in_as_editor().await;
    app
}

#[tokio::test]
async fn fetch_details_fills_a_source_row_and_saves_nothing() {
    let site = site().await;
    let app = editor_app().await;
    let link = format!("http://{site}/article");
    let form = fields(&[
        ("headline", "Typed headline"),
        ("source.0.url", &link),
        ("source.0.title", "Title the editor typed"),
        ("fetch_source", "0"),
    ]);
    let page = app.submit_new(&form).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Details fetched from the page"));
    let row = &page.body[page.position_of(r#"id="source-0-outlet""#)..];
    assert!(
        row.contains(r#"value="Wire Service""#),
        "outlet filled: {row:.1500}"
    );
    assert!(page.body.contains(r#"value="Dana Reyes""#), "author filled");
    assert!(page.body.contains(r#"value="2025-06-25""#), "date filled");
    assert!(
        page.body.contains(r#"value="Title the editor typed""#)
            && !page.body.contains("Ceasefire holds for a second day"),
        "what the editor typed is never replaced"
    );
    assert!(page.body.contains(r#"value="Typed headline""#));
    assert_eq!(app.count("fact_checks"), 0, "nothing is saved");
}

#[tokio::test]
async fn a_page_that_cannot_be_fetched_says_why_beside_the_link() {
    let site = site().await;
    let app = editor_app().await;
    for (link, why) in [
        (format!("http://{site}/gone"), "the site answered 404"),
        (
            format!("http://127.0.0.2:{}/article", site.port()),
            "not a public address",
        ),
        (
            format!("http://{site}/picture"),
            "not a page Factdesk keeps (image/png)",
        ),
        (String::new(), "Paste the page&#39;s address here first"),
    ] {
        let form = fields(&[
            ("source.0.url", ""),
            ("source.1.url", &link),
            ("fetch_source", "1"),
        ]);
        let page = app.submit_new(&form).await;
        assert_eq!(page.status, StatusCode::OK);
        let beside = &page.body[page.position_of(r#"id="source-1-url""#)..];
        assert!(beside.contains(why), "{link}: {beside:.600}");
    }
    let form = fields(&[("fetch_source", "99")]);
    assert_eq!(app.submit_new(&form).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.count("fact_checks"), 0);
}
