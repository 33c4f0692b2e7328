//! Readers walk the long listings a page at a time by "Older" and "Newer" links that carry
//! the last (or first) fact-check of a page, so nothing is skipped or shown twice however
//! many are published meanwhile, and a deep page costs what the first one does.

use crate::helpers::{TestApp, moon_fact_check, with};
use reqwest::StatusCode;
use serde_json::Value;

/// Publishes `count` moon fact-checks named `{prefix}-0` … in that order (the last newest).
async fn publish_moon_checks(app: &TestApp, prefix: &str, count: usize) -> Vec<String> {
    let mut slugs = Vec::new();
    for n in 0..count {
        let slug = format!("{prefix}-{n}");
        let form = with(
            &with(
                &moon_fact_check(),
                "headline",
                &format!("Moon check {prefix} {n}"),
            ),
            "slug",
            &slug,
        );
        let edit_path = app.create_draft(&form).await;
        app.publish(&edit_path).await;
        slugs.push(slug);
    }
    slugs
}

/// A site where an editor has published `count` moon fact-checks; their slugs, newest first.
async fn site_with_moon_checks(count: usize) -> (TestApp, Vec<String>) {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let published = publish_moon_checks(&app, "moon", count).await;
    (app, published.into_iter().rev().collect())
}

/// The fact-checks a listing page shows, top to bottom.
fn card_slugs(body: &str) -> Vec<String> {
    body.split("<h2 class=\"card-title\"><a href=\"/fact-checks/")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect()
}

/// The address of the pager's link marked `rel`.
fn pager_link(body: &str, rel: &str) -> Option<String> {
    let marker = format!("<a rel=\"{rel}\" href=\"");
    let rest = body.split(&marker).nth(1)?;
    Some(rest.split('"').next()?.replace("&amp;", "&"))
}

/// Follows the `rel` links from `start` to the end, returning each page's cards.
async fn walk(app: &TestApp, start: &str, rel: &str) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut next = Some(start.to_owned());
    while let Some(path) = next {
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        pages.push(card_slugs(&page.body));
        next = pager_link(&page.body, rel);
        assert!(pages.len() <= 10, "the walk from {start} never ends");
    }
    pages
}

#[tokio::test]
async fn a_reader_walks_the_home_page_to_its_end_while_new_fact_checks_come_out() {
    let (app, newest_first) = site_with_moon_checks(45).await;

    let first = app.get("/").await;
    assert_eq!(card_slugs(&first.body), newest_first[..20]);
    assert!(pager_link(&first.body, "prev").is_none(), "nothing newer");
    let older_link = pager_link(&first.body, "next").unwrap();
    assert_eq!(older_link, format!("/?before={}", newest_first[19]));

    // Three more come out while the reader is on the first page: the next page still
    // starts right below the last card they saw.
    let later = publish_moon_checks(&app, "later", 3).await;
    let mut pages = vec![card_slugs(&first.body)];
    pages.extend(walk(&app, &older_link, "next").await);
    assert_eq!(pages.len(), 3);
    assert_eq!(pages.concat(), newest_first, "every one once, in order");
    let last = app.get(&format!("/?before={}", newest_first[39])).await;
    assert!(
        pager_link(&last.body, "next").is_none(),
        "the end has no Older link"
    );

    // Back up again with "Newer": the same pages, then the three new ones on top.
    let from_the_end = format!("/?before={}", newest_first[39]);
    let back = walk(&app, &from_the_end, "prev").await;
    let mut everything: Vec<String> = later.iter().rev().cloned().collect();
    everything.extend(newest_first.iter().cloned());
    assert_eq!(back.len(), 4, "the last page, two full ones, the new ones");
    assert_eq!(back.last().unwrap(), &everything[..3]);
    let walked_up: Vec<String> = back.into_iter().rev().flatten().collect();
    assert_eq!(
        walked_up, everything,
        "every one once, in order, walking up"
    );

    // Page numbers still work near the top, and lead on by cursor.
    let second = app.get("/?page=2").await;
    assert_eq!(card_slugs(&second.body), everything[20..40]);
    assert_eq!(
        pager_link(&second.body, "next").unwrap(),
        format!("/?before={}", everything[39])
    );
}

#[tokio::test]
async fn tag_rating_and_claimant_pages_walk_by_cursor_too() {
    let (app, newest_first) = site_with_moon_checks(25).await;
    let verdict = app.get("/fact-checks/moon-0").await.body;
    let claimant = verdict
        .split("href=\"/claimants/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let rating = moon_fact_check()
        .into_iter()
        .find(|(field, _)| field == "rating")
        .unwrap()
        .1;
    for listing in [
        "/tags/Space".to_owned(),
        "/tags/moonlanding".to_owned(),
        format!("/ratings/{rating}"),
        format!("/claimants/{claimant}"),
    ] {
        let pages = walk(&app, &listing, "next").await;
        assert_eq!(pages.len(), 2, "{listing}");
        assert_eq!(pages.concat(), newest_first, "{listing}");
    }
}

#[tokio::test]
async fn the_api_list_goes_on_by_cursor_with_its_filters_kept() {
    let (app, newest_first) = site_with_moon_checks(41).await;

    let mut seen = Vec::new();
    let mut next = Some("/api/v1/fact-checks?tag=Space".to_owned());
    let mut pages = 0;
    while let Some(path) = next {
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let body: Value = serde_json::from_str(&page.body).unwrap();
        let data = body["data"].as_array().unwrap();
        seen.extend(
            data.iter()
                .map(|item| item["slug"].as_str().unwrap().to_owned()),
        );
        next = body["next"].as_str().map(str::to_owned);
        if let Some(next) = &next {
            assert_eq!(
                next,
                &format!(
                    "{}/api/v1/fact-checks?tag=Space&before={}",
                    app.address,
                    seen.last().unwrap()
                )
            );
            assert!(body["page"].is_null() || body["page"] == 1);
        }
        pages += 1;
        if pages == 1 {
            // Published while the client pages: it does not shift what comes next.
            publish_moon_checks(&app, "later", 2).await;
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, newest_first);
}

#[tokio::test]
async fn a_bad_cursor_or_a_deep_page_number_is_refused_plainly() {
    let (app, _) = site_with_moon_checks(2).await;

    for (path, status, says, why) in [
        (
            "/?page=40000",
            StatusCode::BAD_REQUEST,
            "Page numbers stop at 5",
            "a bookmarked deep page",
        ),
        (
            "/?page=6",
            StatusCode::BAD_REQUEST,
            "Older",
            "just past the numbered pages",
        ),
        (
            "/?before=Not%20A%20Slug",
            StatusCode::BAD_REQUEST,
            "address name",
            "a malformed cursor",
        ),
        (
            "/tags/Space?after=%2e%2e",
            StatusCode::BAD_REQUEST,
            "address name",
            "dots",
        ),
        (
            "/?before=moon-1&after=moon-0",
            StatusCode::BAD_REQUEST,
            "not several",
            "two cursors",
        ),
        (
            "/?before=no-such-check",
            StatusCode::NOT_FOUND,
            "",
            "a cursor naming nothing",
        ),
        (
            "/?before=moon-0",
            StatusCode::NOT_FOUND,
            "",
            "below the last one",
        ),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, status, "{why}: {path}");
        assert!(page.body.contains("<html"), "{why}: the styled error page");
        assert!(page.body.contains(says), "{why}: {}", page.body);
    }
    let api = app.get("/api/v1/fact-checks?before=Bad!").await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST);
    let error: Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(error["error"]["status"], 400);
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("before")
    );
    let api = app.get("/api/v1/fact-checks?q=moon&before=moon-1").await;
    assert_eq!(
        api.status,
        StatusCode::BAD_REQUEST,
        "a search pages by number"
    );
}

/// The slugs and publication times the API list at `start` gives, following `next`.
async fn api_walk(app: &TestApp, start: &str) -> Vec<(String, String)> {
    let mut seen = Vec::new();
    let mut next = Some(start.to_owned());
    while let Some(path) = next {
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
        let body: Value = serde_json::from_str(&page.body).unwrap();
        for item in body["data"].as_array().unwrap() {
            seen.push((
                item["slug"].as_str().unwrap().to_owned(),
                item["published_at"].as_str().unwrap().to_owned(),
            ));
        }
        next = body["next"].as_str().map(str::to_owned);
        assert!(seen.len() <= 200, "the walk from {start} never ends");
    }
    seen
}

#[tokio::test]
async fn filters_together_and_since_list_exactly_what_they_match() {
    let (app, newest_first) = site_with_moon_checks(30).await;
    // Published a minute apart (an editor is not that fast; the test is).
    app.db
        .write_blocking(|tx| {
            tx.execute(
                "UPDATE fact_checks SET published_at =
                   strftime('%Y-%m-%dT%H:%M:%SZ', '2026-01-01', '+' || id || ' minutes')",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    let everything = api_walk(&app, "/api/v1/fact-checks").await;
    let slugs = |list: &[(String, String)]| list.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>();
    assert_eq!(slugs(&everything)[..30], newest_first[..]);

    for filters in [
        "tag=Space&claimant=social-media-users",
        "tag=Space&rating=false",
        "claimant=social-media-users&rating=false",
        "tag=MoonLanding&claimant=social-media-users&rating=false",
    ] {
        let listed = api_walk(&app, &format!("/api/v1/fact-checks?{filters}")).await;
        assert_eq!(slugs(&listed), newest_first, "{filters}");
    }
    let nothing = api_walk(&app, "/api/v1/fact-checks?tag=Space&rating=true").await;
    assert!(nothing.is_empty(), "no moon check is rated true");

    // `since` lists what came out at or after it, and stops there.
    let (_, tenth) = &everything[9];
    let since: Vec<_> = everything
        .iter()
        .filter(|(_, at)| at >= tenth)
        .cloned()
        .collect();
    assert!(
        since.len() >= 10 && since.len() < everything.len(),
        "{}",
        since.len()
    );
    let query = format!("/api/v1/fact-checks?since={}", tenth.replace('+', "%2B"));
    assert_eq!(api_walk(&app, &query).await, since);
    let query = format!(
        "/api/v1/fact-checks?tag=Space&since={}",
        tenth.replace('+', "%2B")
    );
    assert_eq!(api_walk(&app, &query).await, since, "with a tag");
    let future = api_walk(&app, "/api/v1/fact-checks?since=2999-01-01").await;
    assert!(future.is_empty(), "nothing comes out after the year 2999");
}
