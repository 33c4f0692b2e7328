//! Our own JSON and CSV exports beside the ClaimReview feed.

use super::Newsroom;
use factdesk::db::fact_checks;
use factdesk::domain::{FactCheckId, Moment, UserId};
use serde_json::Value;

#[test]
fn json_and_csv_exports_hold_every_public_fact_check() {
    let newsroom = Newsroom::with_demo();
    // A retracted fact-check is still on the record in our own formats, not in ClaimReview.
    let db = newsroom.db();
    let retracted_slug = newsroom.live_slugs()[0].clone();
    db.write_blocking(|tx| {
        let id: FactCheckId = tx.query_row(
            "SELECT id FROM fact_checks WHERE slug = ?1",
            [&retracted_slug],
            |r| r.get(0),
        )?;
        let by: UserId = tx.query_row("SELECT min(id) FROM users", [], |r| r.get(0))?;
        fact_checks::withdraw(tx, id, Some("Wrong source."), by, Moment::now())?;
        Ok(())
    })
    .unwrap();
    let mut live = newsroom.live_slugs();
    assert_eq!(live.len(), 11);

    let feed: Value =
        serde_json::from_str(&std::fs::read_to_string(newsroom.export("claimreview")).unwrap())
            .unwrap();
    assert_eq!(feed["@type"], "DataFeed");
    let reviewed: Vec<&str> = feed["dataFeedElement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(reviewed, live);

    let full: Value =
        serde_json::from_str(&std::fs::read_to_string(newsroom.export("json")).unwrap()).unwrap();
    let items = full["fact_checks"].as_array().unwrap();
    let mut slugs: Vec<String> = items
        .iter()
        .map(|f| f["slug"].as_str().unwrap().to_owned())
        .collect();
    live.push(retracted_slug.clone());
    live.sort();
    slugs.sort();
    assert_eq!(slugs, live);
    for item in items {
        for field in [
            "headline",
            "summary",
            "body_markdown",
            "published_at",
            "updated_at",
        ] {
            assert!(
                item[field].as_str().is_some_and(|v| !v.is_empty()),
                "{field}"
            );
        }
        assert!(item["rating"]["label"].is_string());
        assert!(item["claim"]["claimant"]["name"].is_string());
        assert!(!item["claim"]["appearances"].as_array().unwrap().is_empty());
        assert!(!item["sources"].as_array().unwrap().is_empty());
    }
    let retracted = items
        .iter()
        .find(|f| f["slug"] == retracted_slug.as_str())
        .unwrap();
    assert_eq!(retracted["status"], "retracted");
    assert_eq!(retracted["retraction_note"], "Wrong source.");

    let file = newsroom.export("csv");
    let bytes = std::fs::read(&file).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.ends_with("\r\n"), "RFC 4180 ends records with CRLF");
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "no bare LF between records (a cell's own line breaks are quoted)"
    );
    assert!(!text.starts_with('\u{feff}'), "no BOM unless --excel");
    let mut reader = csv::Reader::from_path(&file).unwrap();
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "slug");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(
        rows.iter().all(|r| r.len() == headers.len()),
        "every row has every column"
    );
    let mut csv_slugs: Vec<String> = rows.iter().map(|r| r[0].to_owned()).collect();
    csv_slugs.sort();
    assert_eq!(csv_slugs, live);
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert!(rows.iter().all(|r| !r[column("claim")].is_empty()));
    // Lists come back item for item, whatever punctuation an item holds.
    for row in &rows {
        let item = items.iter().find(|f| f["slug"] == row[0]).unwrap();
        let list = |name: &str| -> Value { serde_json::from_str(&row[column(name)]).unwrap() };
        assert_eq!(list("tags"), item["tags"], "{}", &row[0]);
        let titles: Vec<&Value> = item["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| &s["title"])
            .collect();
        let urls: Vec<&Value> = item["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| &s["url"])
            .collect();
        assert_eq!(
            list("source_titles")
                .as_array()
                .unwrap()
                .iter()
                .collect::<Vec<_>>(),
            titles
        );
        assert_eq!(
            list("source_urls")
                .as_array()
                .unwrap()
                .iter()
                .collect::<Vec<_>>(),
            urls
        );
        let value = &row[column("rating_value")];
        match item["rating"]["value"].as_i64() {
            Some(n) => assert_eq!(value, n.to_string()),
            None => assert_eq!(value, "", "off the scale"),
        }
    }

    // Written to standard output when no file is named; --excel adds the BOM.
    let run = newsroom.run(&["export", "--format", "csv"], "");
    assert!(run.success);
    assert_eq!(run.stdout.lines().count(), 1 + 12);
    let excel = newsroom.run(&["export", "--format", "csv", "--excel"], "");
    assert!(excel.success);
    assert!(
        excel.stdout.starts_with('\u{feff}'),
        "{:?}",
        &excel.stdout[..10]
    );
    assert_eq!(&excel.stdout[3..], run.stdout);
    let refused = newsroom.run(&["export", "--format", "json", "--excel"], "");
    assert!(!refused.success && refused.stderr.contains("--excel is for --format csv"));
}

#[test]
fn key_points_travel_in_both_exports_and_come_back_on_import() {
    let origin = Newsroom::with_demo();
    let points = [
        "The viral post cited a Bloomberg analysis that never said Russia dropped Iran.",
        "Putin condemned Israel's strikes and offered to mediate on 16 June 2025.",
        "The 2025 Russia–Iran treaty is a strategic partnership, not a military alliance.",
    ];
    let full: Value =
        serde_json::from_str(&std::fs::read_to_string(origin.export("json")).unwrap()).unwrap();
    let ours = full["fact_checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["slug"] == "russia-remains-aligned-with-iran")
        .unwrap();
    assert_eq!(ours["key_points"], serde_json::json!(points));

    let feed = origin.export("claimreview");
    let copy = Newsroom::fresh();
    assert!(copy.import(&feed).success);
    let page = copy
        .db()
        .read(|conn| fact_checks::published_page(conn, "russia-remains-aligned-with-iran"))
        .unwrap()
        .unwrap();
    assert_eq!(
        page.key_points, points,
        "ClaimReview's `abstract` brings them back"
    );
}
