//! The claimants list at any size: a page at a time by name, with a "Next" link that
//! carries where the page ended, and a search for names that begin with what was typed.

use crate::helpers::TestApp;
use reqwest::StatusCode;

/// The claimants a page lists, as (name, slug), in page order.
fn listed(body: &str) -> Vec<(String, String)> {
    let list = body
        .split("<ul class=\"claimant-list\">")
        .nth(1)
        .and_then(|rest| rest.split("</ul>").next())
        .expect("the claimant list");
    list.split("<li><a href=\"/claimants/")
        .skip(1)
        .map(|item| {
            let (slug, rest) = item.split_once("\">").expect("a link");
            let name = rest.split_once("</a>").expect("a name").0;
            (name.replace("&#39;", "'"), slug.to_owned())
        })
        .collect()
}

fn next_link(body: &str) -> Option<String> {
    let (_, rest) = body.split_once("<a rel=\"next\" href=\"")?;
    Some(rest.split_once('"')?.0.replace("&amp;", "&"))
}

/// Everyone with a live fact-check, by name as SQLite's NOCASE orders it, recounted.
fn everyone_live(app: &TestApp, prefix: &str) -> Vec<(String, String)> {
    app.db
        .read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT DISTINCT cl.name, cl.slug FROM claimants cl
                 JOIN claims c ON c.claimant_id = cl.id JOIN fact_checks f ON f.id = c.fact_check_id
                 WHERE f.status = 'published' AND f.published_at <= strftime('%Y-%m-%dT%H:%M:%fZ')
                   AND substr(cl.name, 1, length(?1)) = ?1 COLLATE NOCASE
                 ORDER BY cl.name COLLATE NOCASE",
            )?;
            let rows = stmt.query_map([prefix], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap()
}

#[tokio::test]
async fn a_reader_pages_through_every_claimant_by_name_and_searches_by_the_start_of_a_name() {
    let app = TestApp::spawn_with_demo().await;
    app.generate_fact_checks(120).await;
    let everyone = everyone_live(&app, "");
    assert!(everyone.len() > 40, "more than two pages of claimants");

    let first = app.get("/claimants").await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(
        first
            .body
            .contains("<label for=\"claimant-q\">Name begins with</label>")
    );
    assert!(
        first
            .body
            .contains("id=\"claimant-q\" name=\"q\" type=\"search\" maxlength=\"120\"")
    );
    let mut seen = listed(&first.body);
    assert_eq!(seen.len(), 20, "a page of 20");
    let mut next = next_link(&first.body);
    let mut pages = 1;
    while let Some(path) = next {
        assert!(path.starts_with("/claimants?after="), "{path}");
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(
            page.body
                .contains("href=\"/claimants\">← From the start</a>")
        );
        seen.extend(listed(&page.body));
        next = next_link(&page.body);
        pages += 1;
    }
    assert_eq!(pages, everyone.len().div_ceil(20));
    assert_eq!(
        seen, everyone,
        "every claimant once, by name, across the pages"
    );

    // The first three letters of a claimant quoted in the generated data.
    let prefix: String = everyone[everyone.len() / 2].0.chars().take(3).collect();
    let wanted = everyone_live(&app, &prefix);
    let mut found = Vec::new();
    let mut path = Some(format!(
        "/claimants?q={}",
        prefix.to_lowercase().replace(' ', "+")
    ));
    while let Some(at) = path {
        let page = app.get(&at).await;
        assert_eq!(page.status, StatusCode::OK, "{at}");
        assert!(
            page.body
                .contains(&format!("value=\"{}\"", prefix.to_lowercase()))
        );
        found.extend(listed(&page.body));
        path = next_link(&page.body);
        if let Some(next) = &path {
            assert!(next.contains("q="), "the search carries on: {next}");
        }
    }
    assert!(!found.is_empty());
    assert_eq!(
        found, wanted,
        "names beginning with {prefix:?}, in any letter case"
    );

    let nobody = app.get("/claimants?q=Zzzz%20nobody").await;
    assert_eq!(nobody.status, StatusCode::OK);
    assert!(
        nobody
            .body
            .contains("No checked claimant’s name begins with “Zzzz nobody”.")
    );
    assert!(listed(&nobody.body).is_empty());
}

#[tokio::test]
async fn a_broken_cursor_or_an_overlong_name_is_a_400_that_says_so() {
    let app = TestApp::spawn_with_demo().await;
    let too_long = "a".repeat(121);
    let cases = [
        (
            "/claimants?after=Not%20A%20Slug!",
            "a cursor that is no slug",
        ),
        (
            "/claimants?after=nobody-by-this-name",
            "a cursor naming nobody",
        ),
        ("/claimants?after=%F0%9F%A6%80", "a cursor in emoji"),
    ];
    for (path, why) in cases {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{why}");
        assert!(
            page.body
                .contains("The list cannot continue after that: start again."),
            "{why}"
        );
    }
    let page = app.get(&format!("/claimants?q={too_long}")).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        page.body
            .contains("A claimant’s name has at most 120 characters: search for fewer.")
    );
    assert_eq!(
        app.get(&format!("/claimants?q={}", "a".repeat(120)))
            .await
            .status,
        StatusCode::OK
    );
}

/// Follows the API's `next` links from `start`, collecting (name, slug) in order.
async fn api_walk(app: &TestApp, start: &str) -> (Vec<(String, String)>, usize) {
    let mut seen = Vec::new();
    let mut pages = 0;
    let mut next = Some(start.to_owned());
    while let Some(path) = next {
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let body: serde_json::Value = serde_json::from_str(&page.body).unwrap();
        for item in body["data"].as_array().unwrap() {
            let (name, slug) = (item["name"].as_str(), item["slug"].as_str());
            seen.push((name.unwrap().to_owned(), slug.unwrap().to_owned()));
            assert!(item["fact_checks"].as_i64().unwrap() > 0, "{item}");
        }
        next = body["next"].as_str().map(str::to_owned);
        pages += 1;
        assert!(pages <= 20, "the walk from {start} never ends");
    }
    (seen, pages)
}

#[tokio::test]
async fn a_script_reads_every_claimant_from_the_api_a_page_at_a_time() {
    let app = TestApp::spawn_with_demo().await;
    app.generate_fact_checks(500).await;
    let everyone = everyone_live(&app, "");
    assert!(
        everyone.len() > 100,
        "more than one page: {}",
        everyone.len()
    );

    let (seen, pages) = api_walk(&app, "/api/v1/claimants").await;
    assert_eq!(pages, everyone.len().div_ceil(100), "pages of 100");
    assert_eq!(seen, everyone, "every claimant once, by name");

    let prefix: String = everyone[everyone.len() / 2].0.chars().take(2).collect();
    let query = format!(
        "/api/v1/claimants?q={}",
        prefix.to_lowercase().replace(' ', "+")
    );
    let (found, _) = api_walk(&app, &query).await;
    assert!(!found.is_empty());
    assert_eq!(
        found,
        everyone_live(&app, &prefix),
        "names beginning with {prefix:?}"
    );

    for (path, why) in [
        (
            "/api/v1/claimants?after=Not%20A%20Slug!",
            "a cursor that is no slug",
        ),
        (
            "/api/v1/claimants?after=nobody-by-this-name",
            "a cursor naming nobody",
        ),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{why}");
        let body: serde_json::Value = serde_json::from_str(&page.body).expect("JSON");
        assert!(
            body["error"]
                .to_string()
                .contains("The list cannot continue after that"),
            "{why}: {body}"
        );
    }
}
