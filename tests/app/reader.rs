//! What a reader sees: the home page, verdict pages and tag pages of a newsroom with demo data.

use crate::helpers::TestApp;
use reqwest::StatusCode;

#[tokio::test]
async fn the_verdict_page_reads_like_a_fact_check_article() {
    let app = TestApp::spawn_with_demo().await;

    let page = app
        .get("/fact-checks/russia-remains-aligned-with-iran")
        .await;

    assert_eq!(page.status, StatusCode::OK);
    // Headline, claim, claimant, rating, summary, explanation, sources: the seed's order,
    // as a reader sees it (the page head repeats some of it for machines).
    let article = &page.body[page.position_of("<main")..];
    let order = [
        "<h1><span class=\"prefix\">Fact Check:</span> Russia remains strategically aligned with Iran",
        "Claim:</h2>",
        "<p class=\"claim-text\">Russia publicly withdrew support from Iran",
        "Claimed by <strong><a href=\"/claimants/social-media-users\"><bdi>Social media users</bdi></a></strong>",
        "Rating:</h2>",
        "aria-label=\"Rating: False, 1 of 5 on our scale\"",
        "rating-ink-false\">False</span>",
        "<p class=\"summary\">No Bloomberg report said Russia had abandoned Iran",
        "<div class=\"explanation\">",
        "Sources</h2>",
        "<cite>Bloomberg News. ",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|text| {
            article
                .find(text)
                .unwrap_or_else(|| panic!("{text:?} missing"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "sections out of order: {positions:?}"
    );
    // The viral post, with its reach and archived copy.
    assert!(page.body.contains("about 6.1 million views"));
    assert!(page.body.contains("(<a href=\"https://archive.example/"));
    // Citation form: "Outlet. Title. 17 June 2025, Author."
    assert!(
        page.body.contains("<cite>The Moscow Times. ")
            && page
                .body
                .contains("16 June 2025</time>, Ned Garvey.</cite>"),
        "citation not in `Outlet. Title. Date, Author.` form"
    );
    // Times for people, and exact times for machines.
    assert!(page.body.contains("<time datetime=\"2025-06-"));
    assert!(
        page.body
            .contains("<a href=\"/tags/RussiaSupport\" dir=\"auto\">#RussiaSupport</a>")
    );
}

#[tokio::test]
async fn the_home_page_lists_published_fact_checks_newest_first() {
    let app = TestApp::spawn_with_demo().await;

    let page = app.get("/").await;

    assert_eq!(page.status, StatusCode::OK);
    let times: Vec<&str> = page
        .body
        .match_indices("<time datetime=\"")
        .map(|(i, m)| &page.body[i + m.len()..i + m.len() + 20])
        .collect();
    assert!(times.len() >= 6, "expected at least six demo fact-checks");
    assert!(
        times.windows(2).all(|w| w[0] >= w[1]),
        "not newest first: {times:?}"
    );
    // The demo draft is not for readers.
    assert!(!page.body.contains("three waves"));
}

#[tokio::test]
async fn listings_are_paginated() {
    let mut app = TestApp::spawn_with_demo().await;
    app.db = app.db.clone();
    let first = app.get("/").await;
    assert!(
        !first.body.contains("rel=\"next\""),
        "demo data fits on one page of 20"
    );

    let beyond = app.get("/?page=2").await;
    assert_eq!(beyond.status, StatusCode::NOT_FOUND);
    for bad in ["0", "-1", "two", "99999999999999999999"] {
        let page = app.get(&format!("/?page={bad}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "page={bad}");
        assert!(page.body.contains("whole number"), "page={bad}");
    }
}

#[tokio::test]
async fn a_tag_page_lists_the_fact_checks_with_that_tag() {
    let app = TestApp::spawn_with_demo().await;

    let page = app.get("/tags/RussiaSupport").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Latest fact-checks with #RussiaSupport"));
    assert!(
        page.body
            .contains("/fact-checks/russia-remains-aligned-with-iran")
    );

    // Tags are matched regardless of case but shown as spelled.
    let lower = app.get("/tags/russiasupport").await;
    assert!(
        lower
            .body
            .contains("Latest fact-checks with #RussiaSupport")
    );

    assert_eq!(
        app.get("/tags/NoSuchTag").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn unknown_pages_get_a_styled_404() {
    let app = TestApp::spawn_with_demo().await;
    for path in [
        "/no/such/page",
        "/fact-checks/no-such-check",
        "/fact-checks/%FF%FE",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            page.body.contains("Page not found"),
            "{path}: {}",
            page.body
        );
        assert!(
            page.body.contains("/static/site.css"),
            "{path} is not styled"
        );
    }
}

#[tokio::test]
async fn health_and_assets_answer() {
    let app = TestApp::spawn_with_demo().await;
    let health = app.get("/healthz").await;
    assert_eq!(
        (health.status, health.body.as_str()),
        (StatusCode::OK, "ok")
    );

    let css = app.get("/static/site.css").await;
    assert_eq!(css.status, StatusCode::OK);
    let colours = app.get("/static/ratings.css").await;
    assert!(colours.body.contains(".rating-false{background:#a8141e}"));
}

#[tokio::test]
async fn the_demo_data_covers_the_newsroom_model() {
    let app = TestApp::spawn_with_demo().await;
    let published: i64 = app
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM fact_checks WHERE status = 'published'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    let distinct = |sql: &str| -> i64 {
        app.db
            .read(|c| Ok(c.query_row(sql, [], |r| r.get(0))?))
            .unwrap()
    };
    assert!(published >= 6);
    assert!(distinct("SELECT count(DISTINCT rating_id) FROM fact_checks") >= 4);
    assert!(distinct("SELECT count(*) FROM tags") >= 4);
    assert!(distinct("SELECT count(*) FROM claimants") >= 3);
    assert_eq!(
        distinct(
            "SELECT count(*) FROM fact_checks f WHERE (SELECT count(*) FROM sources s WHERE s.fact_check_id = f.id) < 2"
        ),
        0,
        "every demo fact-check cites at least two sources"
    );
    // Every published demo page renders.
    let slugs: Vec<String> = app
        .db
        .read(|c| {
            let mut stmt = c.prepare("SELECT slug FROM fact_checks WHERE status = 'published'")?;
            Ok(stmt
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?)
        })
        .unwrap();
    for slug in slugs {
        assert_eq!(
            app.get(&format!("/fact-checks/{slug}")).await.status,
            StatusCode::OK,
            "{slug}"
        );
    }
}

#[tokio::test]
async fn readers_see_corrections_on_the_page_and_in_one_list() {
    let app = TestApp::spawn_with_demo().await;

    let page = app
        .get("/fact-checks/kremlin-says-trump-gave-no-detailed-warning-of-iran-strikes")
        .await;
    let corrections =
        &page.body[page.position_of("Corrections and updates</h2>")..page.position_of("</aside>")];
    assert!(
        corrections.contains(
            "<strong>Correction:</strong> Rating changed from False to Mostly False on \
             <time datetime=\"2025-06-24T17:45:00Z\">24 June 2025</time>."
        ),
        "{corrections}"
    );

    let list = app.get("/corrections").await;
    assert_eq!(list.status, StatusCode::OK);
    let correction = list
        .position_of("/fact-checks/kremlin-says-trump-gave-no-detailed-warning-of-iran-strikes");
    let update = list.position_of("/fact-checks/putin-said-us-attack-on-iran-had-no-justification");
    assert!(correction < update, "newest first");
}

#[tokio::test]
async fn readers_browse_by_rating_topic_and_claimant() {
    let app = TestApp::spawn_with_demo().await;

    let ratings = app.get("/ratings").await;
    assert_eq!(ratings.status, StatusCode::OK);
    let false_row = &ratings.body[ratings.position_of("href=\"/ratings/false\"")..];
    assert!(false_row.contains("The claim is inaccurate."));
    assert!(false_row[..false_row.find("</dd>").unwrap()].contains("2 fact-checks"));
    let satire = &ratings.body[ratings.position_of("href=\"/ratings/satire\"")..];
    assert!(satire[..satire.find("</dd>").unwrap()].contains("0 fact-checks"));

    let rated_false = app.get("/ratings/false").await;
    assert!(
        rated_false
            .body
            .contains("/fact-checks/russia-remains-aligned-with-iran")
    );
    assert!(
        !rated_false
            .body
            .contains("/fact-checks/putin-said-us-attack-on-iran-had-no-justification")
    );
    assert_eq!(
        app.get("/ratings/pants-on-fire").await.status,
        StatusCode::NOT_FOUND
    );

    let topics = app.get("/tags").await;
    assert!(topics.body.contains(
        "<a href=\"/tags/RussiaSupport\" dir=\"auto\">#RussiaSupport <span class=\"count\">"
    ));

    let claimants = app.get("/claimants").await;
    assert!(
        claimants
            .body
            .contains("<a href=\"/claimants/social-media-users\">Social media users</a>")
    );
    let social = app.get("/claimants/social-media-users").await;
    assert_eq!(social.status, StatusCode::OK);
    let scorecard = &social.body
        [social.position_of("Scorecard</h2>")..social.position_of("Checked claims</h2>")];
    assert!(scorecard.contains("rating-false\" href=\"/ratings/false\">False</a> <strong>"));
    assert!(
        social
            .body
            .contains("/fact-checks/russia-remains-aligned-with-iran")
    );
    assert_eq!(
        app.get("/claimants/nobody-at-all").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_verdict_page_shows_a_change_at_once_whoever_committed_it() {
    let app = TestApp::spawn_with_demo().await;
    let path = "/fact-checks/russia-remains-aligned-with-iran";
    let first = app.get(path).await;
    let again = app.get(path).await;
    assert_eq!(first.body, again.body);
    assert_eq!(first.headers["etag"], again.headers["etag"]);

    // Another process (`factdesk import`, a script) writing through its own connection.
    let elsewhere = factdesk::db::Db::open(&app.db_path()).unwrap().db;
    elsewhere
        .write_blocking(|tx| {
            tx.execute(
                "UPDATE fact_checks SET headline = 'Changed by another process' WHERE slug = ?1",
                ["russia-remains-aligned-with-iran"],
            )?;
            Ok(())
        })
        .unwrap();
    // Seen within the bound the README gives (100 ms), asked for every 10 ms until then
    // and for a while longer, so a busy test machine cannot fail it.
    let mut changed = app.get(path).await;
    for _ in 0..200 {
        if changed.body.contains("Changed by another process") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        changed = app.get(path).await;
    }
    assert!(changed.body.contains("Changed by another process"));
    assert_ne!(changed.headers["etag"], first.headers["etag"]);

    // And through the server's own writer.
    app.sql(
        "UPDATE fact_checks SET headline = 'Changed by the server' \
         WHERE slug = 'russia-remains-aligned-with-iran'",
    );
    let changed_again = app.get(path).await;
    assert!(changed_again.body.contains("Changed by the server"));
    assert!(!changed_again.body.contains("Changed by another process"));
}
