//! The read-only JSON API other newsrooms and tools use, and HTTP caching of public answers.

use crate::helpers::{TestApp, moon_fact_check, with};
use reqwest::StatusCode;
use serde_json::Value;

async fn json(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let page = app.get(path).await;
    assert!(
        page.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json"),
        "{path}"
    );
    (page.status, serde_json::from_str(&page.body).unwrap())
}

#[tokio::test]
async fn the_api_lists_filters_and_pages_published_fact_checks() {
    let app = TestApp::spawn_with_demo().await;

    let (status, all) = json(&app, "/api/v1/fact-checks").await;
    assert_eq!(status, StatusCode::OK);
    let items = all["data"].as_array().unwrap();
    assert_eq!(
        items.len(),
        12,
        "the twelve published demo checks, no draft"
    );
    assert_eq!(all["page"], 1);
    assert!(all["next"].is_null());
    let first = &items[0];
    assert_eq!(all["total"], 12, "the kept counts give the list's size");
    assert!(all["prev"].is_null());
    for field in [
        "slug",
        "url",
        "headline",
        "summary",
        "published_at",
        "updated_at",
    ] {
        assert!(first[field].is_string(), "{field}");
    }
    assert!(first["id"].is_i64() && first["status"] == "published");
    let claimant = &first["claim"]["claimant"];
    assert!(first["claim"]["text"].is_string());
    assert!(claimant["name"].is_string() && claimant["slug"].is_string());
    assert!(claimant["kind"] == "person" || claimant["kind"] == "organization");
    assert!(claimant.as_object().unwrap().contains_key("same_as"));
    assert!(first["rating"]["slug"].is_string() && first["rating"]["label"].is_string());
    assert!(first["tags"].is_array());
    assert!(chrono::DateTime::parse_from_rfc3339(first["published_at"].as_str().unwrap()).is_ok());

    let (_, tagged) = json(&app, "/api/v1/fact-checks?tag=iran").await;
    let tagged = tagged["data"].as_array().unwrap();
    assert!(!tagged.is_empty() && tagged.len() < 12);
    assert!(
        tagged
            .iter()
            .all(|i| i["tags"].as_array().unwrap().iter().any(|t| t == "Iran"))
    );

    let (_, rated) = json(&app, "/api/v1/fact-checks?rating=false").await;
    assert!(
        rated["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["rating"]["slug"] == "false")
    );

    let (_, by) = json(&app, "/api/v1/fact-checks?claimant=vladimir-putin").await;
    assert!(
        by["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["claim"]["claimant"]["name"] == "Vladimir Putin")
    );
    assert_eq!(
        by["total"].as_i64(),
        Some(by["data"].as_array().unwrap().len() as i64)
    );

    let (_, recent) = json(&app, "/api/v1/fact-checks?since=2026-01-01").await;
    let recent = recent["data"].as_array().unwrap();
    assert!(!recent.is_empty() && recent.len() < 12);
    assert!(
        recent
            .iter()
            .all(|i| i["published_at"].as_str().unwrap() >= "2026-01-01")
    );

    let (_, found) = json(&app, "/api/v1/fact-checks?q=Zakharova").await;
    assert_eq!(
        found["data"][0]["slug"],
        "millimetres-from-catastrophe-quote-was-zakharova-not-putin"
    );
}

#[tokio::test]
async fn the_api_pages_with_a_next_link_that_keeps_the_filters() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    for n in 0..21 {
        let form = with(
            &with(&moon_fact_check(), "headline", &format!("Moon check {n}")),
            "slug",
            &format!("moon-{n}"),
        );
        let edit_path = app.create_draft(&form).await;
        app.publish(&edit_path).await;
    }
    let (_, first) = json(&app, "/api/v1/fact-checks?tag=Space").await;
    assert_eq!(first["data"].as_array().unwrap().len(), 20);
    let last = first["data"][19]["slug"].as_str().unwrap();
    assert_eq!(last, "moon-1", "the twentieth newest");
    assert_eq!(first["total"], 21);
    let next = first["next"].as_str().unwrap();
    assert_eq!(
        next,
        format!("{}/api/v1/fact-checks?tag=Space&before=moon-1", app.address)
    );
    let link = first_page_link(&app, "/api/v1/fact-checks?tag=Space").await;
    assert_eq!(link, format!("<{next}>; rel=\"next\""));
    let (_, second) = json(&app, next.strip_prefix(&app.address).unwrap()).await;
    assert_eq!(second["data"].as_array().unwrap().len(), 1);
    assert!(second["next"].is_null());
    // Back again: `prev` runs newer than the page's first, to the first page's rows.
    let prev = second["prev"].as_str().unwrap();
    assert_eq!(
        prev,
        format!("{}/api/v1/fact-checks?tag=Space&after=moon-0", app.address)
    );
    let (_, back) = json(&app, prev.strip_prefix(&app.address).unwrap()).await;
    let slugs: Vec<&str> = back["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs.len(), 20);
    assert_eq!((slugs[0], slugs[19]), ("moon-20", "moon-1"));
    assert!(back["prev"].is_null(), "the newest page has none newer");
}

async fn first_page_link(app: &TestApp, path: &str) -> String {
    let page = app.get(path).await;
    page.headers["link"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn one_fact_check_claimants_and_ratings() {
    let app = TestApp::spawn_with_demo().await;

    let (status, fc) = json(&app, "/api/v1/fact-checks/russia-remains-aligned-with-iran").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fc["status"], "published");
    assert_eq!(fc["rating"]["label"], "False");
    assert_eq!(fc["rating"]["value"], 1);
    assert_eq!(fc["claim"]["claimant"]["kind"], "organization");
    assert!(
        fc["claim"]["appearances"][0]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    assert!(fc["sources"].as_array().unwrap().len() >= 2);
    assert!(fc["explanation_html"].as_str().unwrap().contains("<p>"));
    assert_eq!(
        fc["url"],
        format!(
            "{}/fact-checks/russia-remains-aligned-with-iran",
            app.address
        )
        .as_str()
    );

    let (_, claimants) = json(&app, "/api/v1/claimants").await;
    let putin = claimants["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == "vladimir-putin")
        .unwrap();
    assert_eq!(putin["kind"], "person");
    assert_eq!(
        putin["same_as"],
        "https://en.wikipedia.org/wiki/Vladimir_Putin"
    );
    assert!(putin["fact_checks"].as_i64().unwrap() >= 1);

    let (_, ratings) = json(&app, "/api/v1/ratings").await;
    let ratings = ratings["data"].as_array().unwrap();
    assert_eq!(
        ratings.len(),
        11,
        "the ten of our scale, and not rated on it"
    );
    assert_eq!(ratings[0]["slug"], "true");
    assert_eq!(ratings[0]["value"], 5);
    assert!(
        ratings
            .iter()
            .map(|r| r["fact_checks"].as_i64().unwrap())
            .sum::<i64>()
            >= 12
    );
}

#[tokio::test]
async fn api_errors_are_json_with_the_right_status() {
    let app = TestApp::spawn_with_demo().await;
    for (path, status) in [
        (
            "/api/v1/fact-checks?since=yesterday",
            StatusCode::BAD_REQUEST,
        ),
        ("/api/v1/fact-checks?rating=awful", StatusCode::BAD_REQUEST),
        ("/api/v1/fact-checks?page=0", StatusCode::BAD_REQUEST),
        ("/api/v1/fact-checks?q=%22%22", StatusCode::BAD_REQUEST),
        ("/api/v1/fact-checks/no-such-check", StatusCode::NOT_FOUND),
        (
            "/api/v1/fact-checks/israeli-attacks-in-three-waves-after-truce-unverified",
            StatusCode::NOT_FOUND,
        ),
        ("/api/v1/nothing-here", StatusCode::NOT_FOUND),
        ("/api/v1/", StatusCode::NOT_FOUND),
        ("/api/", StatusCode::NOT_FOUND),
        ("/api/v2/fact-checks", StatusCode::NOT_FOUND),
        ("/api/v1/fact-checks/%FF", StatusCode::NOT_FOUND),
        ("/api/v1/fact-checks?q=", StatusCode::BAD_REQUEST),
        ("/api/v1/fact-checks?q=+", StatusCode::BAD_REQUEST),
    ] {
        let (got, body) = json(&app, path).await;
        assert_eq!(got, status, "{path}");
        assert_eq!(body["error"]["status"], status.as_u16(), "{path}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    let page = app.post_raw("/api/v1/ratings", Vec::new(), &[]).await;
    assert_eq!(page.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(page.headers["allow"], "GET, HEAD, OPTIONS");
    assert!(page.body.starts_with("{\"error\""));
}

#[tokio::test]
async fn a_script_on_another_site_reads_the_api_and_asks_again_with_if_none_match() {
    let app = TestApp::spawn_with_demo().await;
    let client = reqwest::Client::new();
    let url = format!("{}/api/v1/fact-checks", app.address);
    let origin = "https://other-newsroom.example";

    // The browser's preflight for a GET with If-None-Match.
    let preflight = client
        .request(reqwest::Method::OPTIONS, &url)
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "if-none-match")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), StatusCode::NO_CONTENT);
    let header = |r: &reqwest::Response, name: &str| {
        r.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    assert_eq!(header(&preflight, "access-control-allow-origin"), "*");
    assert!(header(&preflight, "access-control-allow-methods").contains("GET"));
    assert_eq!(header(&preflight, "access-control-allow-headers"), "*");
    assert!(!header(&preflight, "access-control-max-age").is_empty());

    // The request itself: readable, with its ETag exposed to the script.
    let first = client
        .get(&url)
        .header("Origin", origin)
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(header(&first, "access-control-allow-origin"), "*");
    assert!(header(&first, "access-control-expose-headers").contains("ETag"));
    let etag = header(&first, "etag");
    assert!(!etag.is_empty());

    // Asked again with the tag: a 304 the browser may hand to the script too.
    for _ in 0..2 {
        let again = client
            .get(&url)
            .header("Origin", origin)
            .header("If-None-Match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(header(&again, "access-control-allow-origin"), "*");
        assert!(header(&again, "access-control-expose-headers").contains("ETag"));
    }

    // Errors carry the headers too, so the script can read why (a post from another site
    // is refused before it meets the route's method check).
    for (method, path, status) in [
        (
            reqwest::Method::GET,
            "/api/v1/fact-checks?rating=awful",
            StatusCode::BAD_REQUEST,
        ),
        (
            reqwest::Method::GET,
            "/api/v1/nothing-here",
            StatusCode::NOT_FOUND,
        ),
        (
            reqwest::Method::POST,
            "/api/v1/fact-checks",
            StatusCode::FORBIDDEN,
        ),
    ] {
        let answer = client
            .request(method, format!("{}{path}", app.address))
            .header("Origin", origin)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), status, "{path}");
        assert_eq!(
            header(&answer, "access-control-allow-origin"),
            "*",
            "{path}"
        );
        assert!(
            header(&answer, "content-type").starts_with("application/json"),
            "{path}"
        );
    }

    // Pages outside the API stay closed to other sites' scripts.
    let page = client
        .get(format!("{}/", app.address))
        .header("Origin", origin)
        .send()
        .await
        .unwrap();
    assert!(page.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn public_answers_are_cacheable_and_a_publish_changes_their_etag_at_once() {
    let mut app = TestApp::spawn_with_demo().await;
    for path in [
        "/",
        "/fact-checks/russia-remains-aligned-with-iran",
        "/feed.atom",
        "/api/v1/fact-checks",
        "/sitemap.xml",
    ] {
        let page = app.get(path).await;
        assert_eq!(
            page.headers["cache-control"], "public, max-age=60, stale-while-revalidate=600",
            "{path}"
        );
        let etag = page.headers["etag"].to_str().unwrap().to_owned();
        assert!(
            etag.starts_with('"') && etag.ends_with('"'),
            "strong: {etag}"
        );
        let again = app.get_with(path, &[("if-none-match", &etag)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(again.headers["etag"], etag.as_str());
        if path.starts_with("/api/") {
            assert_eq!(
                again.headers["access-control-allow-origin"], "*",
                "CORS on a 304"
            );
        }
    }

    let before = app.get("/api/v1/fact-checks").await.headers["etag"].clone();
    app.add_account(
        "ed@newsroom.example",
        "Erin Editor",
        "a long enough password",
        factdesk::domain::Role::Admin,
    );
    app.sign_in("ed@newsroom.example", "a long enough password")
        .await;
    let editor_page = app.get("/editor").await;
    assert_eq!(editor_page.headers["cache-control"], "private, no-store");
    assert!(editor_page.headers.get("etag").is_none());
    let edit_path = app.create_draft(&moon_fact_check()).await;
    app.publish(&edit_path).await;

    let after = app
        .get_with(
            "/api/v1/fact-checks",
            &[("if-none-match", before.to_str().unwrap())],
        )
        .await;
    assert_eq!(
        after.status,
        StatusCode::OK,
        "the new fact-check is served, not a 304"
    );
    assert_ne!(after.headers["etag"], before);
}
