//! What an attacker does with reads that cost the server more than they cost the reader:
//! searches that match everything, slow pages all at once, pages deep in a listing. The
//! attacker gets a clear refusal; readers keep getting fact-checks.

use crate::helpers::{EDITOR_EMAIL, EDITOR_PASSWORD, TestApp};
use factdesk::db::SlowReadLimits;
use factdesk::domain::Role;
use factdesk::server::Limits;
use reqwest::StatusCode;
use std::sync::mpsc;

/// A demo newsroom with an admin whose searches may take at most `budget` SQLite steps.
async fn newsroom_with_search_budget(budget: u64) -> TestApp {
    let app =
        TestApp::spawn_configured(true, |s, _| s.search_budget = budget, Limits::default()).await;
    app.add_account(EDITOR_EMAIL, "Erin Editor", EDITOR_PASSWORD, Role::Admin);
    app
}

#[tokio::test]
async fn a_word_beginning_of_one_or_two_letters_is_refused_with_the_reason_beside_the_box() {
    let app = TestApp::spawn_with_demo().await;

    for typed in ["t*", "o*+f*+s*+t*+c*+d*+n*+m*+r*+p*+a*+i*", "ir*"] {
        let page = app.get(&format!("/search?q={typed}")).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{typed}");
        assert!(
            page.body.contains(
                r#"<p class="field-error" id="q-error">Type at least 3 letters before *"#
            ),
            "{typed}: the reason is beside the box:\n{}",
            page.body
        );
        assert!(page.body.contains(r#"aria-invalid="true""#), "{typed}");
        let shown = typed.replace('+', " ");
        assert!(
            page.body.contains(&format!(r#"value="{shown}""#)),
            "{typed}: what was typed stays in the box"
        );
        assert!(
            !page.body.contains(r#"class="card""#),
            "{typed}: no results"
        );
    }
    let many = app.get("/search?q=iran*+cea*").await;
    assert_eq!(many.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(many.body.contains("Use * on one word of a search only"));

    let api = app.get("/api/v1/fact-checks?q=t*").await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST);
    let error: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(error["error"]["status"], 400);
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("at least 3 letters")
    );

    // Three letters are enough, and find what they should.
    let page = app.get("/search?q=cea*").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<mark>ceasefire"), "{}", page.body);
}

#[tokio::test]
async fn a_search_over_its_budget_says_it_is_too_broad_instead_of_running_on() {
    // No budget at all: the first check of the step count stops any search.
    let mut app = newsroom_with_search_budget(0).await;

    let page = app.get("/search?q=the").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("This search matches too many fact-checks to rank quickly."),
        "{}",
        page.body
    );
    assert!(page.body.contains(r#"value="the""#), "input kept");

    let api = app.get("/api/v1/fact-checks?q=the").await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST);
    assert!(api.body.contains("too many fact-checks"), "{}", api.body);
    // Filters together walk one filter's rows testing the others: the same budget.
    let api = app.get("/api/v1/fact-checks?tag=Iran&rating=true").await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST);
    assert!(
        api.body.contains("These filters together match too few"),
        "{}",
        api.body
    );
    let one = app.get("/api/v1/fact-checks?tag=Iran").await;
    assert_eq!(one.status, StatusCode::OK, "one filter seeks its own rows");

    app.sign_in_as_editor().await;
    let desk = app.get("/editor?q=the").await;
    assert_eq!(desk.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(desk.body.contains("too many fact-checks"), "{}", desk.body);
    let desk = app.get("/editor?q=t*").await;
    assert_eq!(desk.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(desk.body.contains("Type at least 3 letters before *"));
    assert!(
        !desk.body.contains("<table"),
        "a refused search lists nothing, not the whole desk as if it matched"
    );

    // The budget is per search and the connection is left clean: the pages that do not
    // search still answer in full on the same threads.
    assert_eq!(app.get("/").await.status, StatusCode::OK);
    assert_eq!(app.get("/tags").await.status, StatusCode::OK);
    assert_eq!(app.get("/editor").await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_default_budget_leaves_ordinary_searches_alone() {
    let app = newsroom_with_search_budget(factdesk::db::search::DEFAULT_BUDGET).await;
    for typed in [
        "ceasefire",
        "Putin",
        "iran*+strike",
        "the+and+of",
        "strike+Strike+strike",
    ] {
        let page = app.get(&format!("/search?q={typed}")).await;
        assert_eq!(page.status, StatusCode::OK, "{typed}");
        assert!(
            page.body.contains(r#"class="card""#),
            "{typed} finds something"
        );
    }
}

#[tokio::test]
async fn while_every_slow_read_thread_is_busy_readers_still_get_fact_checks() {
    let app = TestApp::spawn_with_demo().await;
    // One thread and no queue: a single slow read in progress fills the pool.
    app.db.set_slow_read_limits(SlowReadLimits {
        threads: 1,
        queue: 0,
    });
    let slug: String = app
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT slug FROM fact_checks WHERE status = 'published' LIMIT 1",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();

    let (started, has_started) = tokio::sync::oneshot::channel();
    let (release, released) = mpsc::channel::<()>();
    let db = app.db.clone();
    let hog = tokio::spawn(async move {
        db.read_slow(move |_| {
            started.send(()).unwrap();
            released.recv().unwrap();
            Ok(())
        })
        .await
    });
    has_started.await.unwrap();

    for cheap in [
        "/healthz",
        "/",
        &format!("/fact-checks/{slug}"),
        "/feed.atom",
        // The aggregates read their kept counts (migration 0015): a few rows, no slow read.
        "/tags",
        "/claimants",
        "/ratings",
        "/sitemap.xml",
    ] {
        assert_eq!(app.get(cheap).await.status, StatusCode::OK, "{cheap}");
    }
    // A page number past 5 is now refused outright (keyset pages); /corrections still pages
    // by number on the slow-read threads.
    for slow in ["/search?q=ceasefire", "/corrections"] {
        let page = app.get(slow).await;
        assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE, "{slow}");
        assert_eq!(page.headers["retry-after"], "5", "{slow}");
        assert!(
            page.body.contains("Please try again in a few seconds"),
            "{slow}"
        );
    }
    let api = app.get("/api/v1/fact-checks?q=ceasefire").await;
    assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(api.headers["retry-after"], "5");
    let error: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(error["error"]["status"], 503);

    release.send(()).unwrap();
    hog.await.unwrap().unwrap();
    let page = app.get("/search?q=ceasefire").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<mark>ceasefire"));
}

#[tokio::test]
async fn the_desk_comes_in_pages_of_fifty() {
    let mut app = TestApp::spawn_configured(false, |_, _| {}, Limits::default()).await;
    app.generate_fact_checks(60).await;
    app.add_account(EDITOR_EMAIL, "Erin Editor", EDITOR_PASSWORD, Role::Admin);
    app.sign_in_as_editor().await;

    let first = app.get("/editor?status=any").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(
        first.body.matches("<tr>").count() - 1,
        50,
        "a header row and 50"
    );
    // The next page starts after the last row shown, by its last change and id.
    let next = first.body.split(r#"<a rel="next" href=""#).nth(1).unwrap();
    let next = next.split('"').next().unwrap().replace("&#38;", "&");
    assert!(next.starts_with("/editor?status=any&after=0_"), "{next}");

    let second = app.get(&next).await;
    assert_eq!(second.body.matches("<tr>").count() - 1, 10);
    assert!(
        second
            .body
            .contains(r#"<a href="/editor?status=any">← First page</a>"#)
    );
    assert!(!second.body.contains(r#"rel="next""#));

    let past = app
        .get("/editor?status=any&after=0_1970-01-01T00:00:00Z_0")
        .await;
    assert!(past.body.contains("No more fact-checks."));
}

#[tokio::test]
async fn the_desk_with_a_trailing_slash_is_the_desk() {
    let app = TestApp::spawn().await;
    let page = app.get("/editor/").await;
    assert_eq!(page.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(page.location(), "/editor");
    let page = app.get("/editor/?q=moon").await;
    assert_eq!(page.location(), "/editor?q=moon");
}
