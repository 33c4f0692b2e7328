//! A script on another site keeps an exact copy of the published fact-checks through the
//! change feed, and the OpenAPI document it reads the API by holds up under schemathesis.

use crate::helpers::{TestApp, moon_fact_check, with};
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const MOON: &str = "apollo-photos-show-shadows-consistent-with-one-light-source-the-sun";

async fn json(app: &TestApp, address: &str) -> Value {
    let path = address.strip_prefix(&app.address).unwrap_or(address);
    let page = app.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
    serde_json::from_str(&page.body).unwrap()
}

/// What a syncing client does: read pages from `from` until `next` runs out, keeping each
/// fact-check by id (a later change replaces the earlier copy); returns the address to
/// resume from and how many entries it read.
async fn sync(app: &TestApp, copy: &mut BTreeMap<i64, Value>, from: &str) -> (String, usize) {
    let mut at = from.to_owned();
    let mut read = 0;
    loop {
        let page = json(app, &at).await;
        for entry in page["data"].as_array().unwrap() {
            copy.insert(entry["id"].as_i64().unwrap(), entry.clone());
            read += 1;
        }
        match page["next"].as_str() {
            Some(next) => at = next.to_owned(),
            None => return (page["resume"].as_str().unwrap().to_owned(), read),
        }
    }
}

#[tokio::test]
async fn a_client_keeps_an_exact_copy_through_the_change_feed_corrections_and_retractions_included()
{
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    app.generate_fact_checks(25).await;
    let moon = app
        .create_draft(&with(&moon_fact_check(), "rating", "unproven"))
        .await;
    app.publish(&moon).await;
    let other = app
        .create_draft(&with(&moon_fact_check(), "slug", "moon-to-retract"))
        .await;
    app.publish(&other).await;
    // The moon check is an old one: published long before the client's first sync.
    app.sql(&format!(
        "UPDATE fact_checks SET published_at = '2025-01-10T09:00:00Z',
                updated_at = '2025-01-10T09:00:00Z' WHERE slug = '{MOON}'"
    ));

    let mut copy = BTreeMap::new();
    let (resume, read) = sync(&app, &mut copy, "/api/v1/changes?updated_since=2000-01-01").await;
    assert_eq!(read, 27, "every published fact-check once, over two pages");
    let whole = json(&app, "/api/v1/changes").await;
    assert_eq!(
        whole["data"].as_array().unwrap().len(),
        20,
        "no parameter: from the start"
    );
    assert_eq!(copy.len(), 27);
    let (listed, _) = (json(&app, "/api/v1/fact-checks").await, ());
    assert_eq!(listed["total"], 27, "the copy holds what the list counts");

    // The newsroom corrects the old check's rating and retracts the other.
    let correction = with(
        &with(
            &with(&moon_fact_check(), "rating", "false"),
            "change_kind",
            "correction",
        ),
        "change_note",
        "A new analysis of the shadows settled it.",
    );
    assert_eq!(
        app.save(&moon, 1, &correction).await.status,
        StatusCode::SEE_OTHER
    );
    app.press(
        &other,
        "unpublish",
        &[("retraction_note", "The photos we cited were mislabelled.")],
    )
    .await;

    let (resumed, read) = sync(&app, &mut copy, &resume).await;
    assert_eq!(read, 2, "only the two that changed");
    assert_eq!(copy.len(), 27, "changes replace the copies they change");
    let corrected = copy.values().find(|fc| fc["slug"] == MOON).unwrap();
    assert_eq!(corrected["rating"]["slug"], "false");
    assert_eq!(corrected["published_at"], "2025-01-10T09:00:00Z");
    let change = &corrected["corrections"][0];
    assert_eq!(change["kind"], "correction");
    assert_eq!(change["note"], "A new analysis of the shadows settled it.");
    assert_eq!(change["rating_before"]["slug"], "unproven");
    assert_eq!(change["rating_after"]["slug"], "false");
    assert_eq!(change["rating_after"]["value"], 1);
    let retracted = copy
        .values()
        .find(|fc| fc["slug"] == "moon-to-retract")
        .unwrap();
    assert_eq!(retracted["status"], "retracted");
    assert_eq!(
        retracted["retraction"]["note"],
        "The photos we cited were mislabelled."
    );
    assert!(retracted["changed_at"].as_str().unwrap() > "2026-01-01");

    // Nothing changed since: the same place to resume from, and no entry.
    let (again, read) = sync(&app, &mut copy, &resumed).await;
    assert_eq!((read, again.as_str()), (0, resumed.as_str()));

    // A fact-check scheduled for later goes live without a write of its own: when its time
    // comes the server gives it a new change number, so a client that read past its
    // scheduling still gets it.
    let later = (chrono::Utc::now() + chrono::Duration::days(2))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let scheduled = app
        .create_draft(&with(&moon_fact_check(), "slug", "moon-scheduled"))
        .await;
    app.press(&scheduled, "publish", &[("publish_at", &later)])
        .await;
    let after_it = app
        .create_draft(&with(&moon_fact_check(), "slug", "moon-after-it"))
        .await;
    app.publish(&after_it).await;
    let (past_it, read) = sync(&app, &mut copy, &again).await;
    assert_eq!(read, 1, "the live one only");
    assert!(copy.values().all(|fc| fc["slug"] != "moon-scheduled"));
    two_days_pass_for(&app, "moon-scheduled");
    let mut seen = false;
    for _ in 0..100 {
        let (_, read) = sync(&app, &mut copy, &past_it).await;
        seen = copy.values().any(|fc| fc["slug"] == "moon-scheduled");
        if seen {
            assert_eq!(read, 1, "only the one that went live");
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        seen,
        "the scheduled fact-check reached the feed when it went live"
    );

    // A translation published later changes what its original's page lists: both come.
    let spanish = app
        .create_draft(&with(
            &with(&with(&moon_fact_check(), "slug", "luna"), "language", "es"),
            "translation_of",
            MOON,
        ))
        .await;
    let before = json(&app, &format!("/api/v1/fact-checks/{MOON}")).await;
    assert!(before["translations"].as_array().unwrap().is_empty());
    app.publish(&spanish).await;
    let (_, read) = sync(&app, &mut copy, &past_it).await;
    assert!(read >= 2, "the translation and its original");
    let original = copy.values().find(|fc| fc["slug"] == MOON).unwrap();
    assert_eq!(original["translations"][0]["slug"], "luna");

    // The list, which a client syncing by publication time would use, leaves the
    // retraction out and keeps the correction at its old place.
    let list = json(&app, "/api/v1/fact-checks?since=2026-01-01").await;
    assert!(
        list["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["slug"] != MOON && i["slug"] != "moon-to-retract")
    );
}

#[tokio::test]
async fn the_change_feed_refuses_what_it_cannot_read() {
    let app = TestApp::spawn_with_demo().await;
    for (path, says) in [
        ("/api/v1/changes?updated_since=yesterday", "must be a date"),
        ("/api/v1/changes?after_change=-1", "`after_change`"),
        (
            "/api/v1/fact-checks?updated_since=2025-01-01",
            "/api/v1/changes",
        ),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
        let body: Value = serde_json::from_str(&page.body).unwrap();
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains(says), "{path}: {message}");
    }
}

/// Moves a scheduled fact-check's time into the past as the clock would, without the write
/// a save makes (which would number it anyway): the change triggers are set aside.
fn two_days_pass_for(app: &TestApp, slug: &str) {
    let conn = rusqlite::Connection::open(app.db_path()).unwrap();
    let trigger: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'fact_checks_change_update'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    conn.execute_batch(&format!(
        "BEGIN;
         DROP TRIGGER fact_checks_change_update;
         UPDATE fact_checks SET published_at = '2026-01-05T10:00:00Z' WHERE slug = '{slug}';
         UPDATE scheduled_publications SET published_at = '2026-01-05T10:00:00Z';
         {trigger};
         COMMIT;"
    ))
    .unwrap();
}

/// The virtualenv `.ci/run` makes, with schemathesis in it (`FACTDESK_PYTHON` names its
/// Python).
fn schemathesis() -> PathBuf {
    let python = std::env::var_os("FACTDESK_PYTHON").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/python/bin/python"),
        PathBuf::from,
    );
    let cli = python.with_file_name("schemathesis");
    assert!(
        cli.exists(),
        "the OpenAPI check needs schemathesis beside {}: run \
         `target/python/bin/pip install schemathesis` (as .ci/run does)",
        python.display()
    );
    cli
}

#[tokio::test]
async fn schemathesis_finds_no_failure_against_the_openapi_document() {
    let app = TestApp::spawn_with_demo().await;
    let document = json(&app, "/api/v1/openapi.json").await;
    assert_eq!(document["openapi"], "3.1.0");
    let url = format!("{}/api/v1/openapi.json", app.address);
    // Every check on the answers that take any well-formed request; the two lists refuse
    // some well-formed requests for what they would cost (a search over its budget, a page
    // number past 5 without `q`, filters that share too few rows), with the 400 docs/api.md
    // gives, so there every check but positive_data_acceptance runs.
    let strict = run_schemathesis(
        url.clone(),
        &["--include-path-regex", "changes|ratings|slug"],
    );
    let lists = run_schemathesis(
        url,
        &[
            "--include-path-regex",
            "fact-checks$|claimants$",
            "--exclude-checks",
            "positive_data_acceptance",
        ],
    );
    for run in [strict, lists] {
        let (ok, printed) = run.await.unwrap();
        assert!(ok, "{printed}");
        assert!(
            printed.contains("passed") && printed.contains("Tested: "),
            "{printed}"
        );
    }
}

fn run_schemathesis(
    url: String,
    narrowed: &[&'static str],
) -> tokio::task::JoinHandle<(bool, String)> {
    let cli = schemathesis();
    let narrowed = narrowed.to_vec();
    tokio::task::spawn_blocking(move || {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new(cli)
            .args(["run", &url, "--checks", "all"])
            .args(narrowed)
            .args(["--max-examples", "150", "--workers", "1", "--seed", "1"])
            .args(["--generation-database", "none"])
            .current_dir(dir.path())
            .env("SCHEMATHESIS_TELEMETRY", "false")
            .output()
            .unwrap();
        let printed = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.success(), printed)
    })
}
