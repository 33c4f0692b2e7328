//! Which sources are independent, end to end: three outlets cite one wire story, Factdesk
//! captures all three, the verdict page says so, and the editor is warned before publishing.

use super::{Answer, TestSite, local_fetcher, newsroom};
use crate::helpers::{moon_fact_check, with};
use factdesk::domain::Moment;
use factdesk::jobs::capture::capture_queued;
use reqwest::StatusCode;

fn page(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/independence/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[tokio::test]
async fn one_wire_story_cited_three_times_counts_once_and_the_editor_is_warned() {
    let site = TestSite::start().await;
    for name in [
        "a_wire.html",
        "a_reprint_courier.html",
        "a_reprint_ledger.html",
    ] {
        site.set(&format!("/{name}"), Answer::html(&page(name)));
    }
    let app = newsroom().await;
    let mut form = moon_fact_check();
    for (row, (outlet, name)) in [
        ("Courier", "a_reprint_courier.html"),
        ("Wire", "a_wire.html"),
        ("Ledger", "a_reprint_ledger.html"),
    ]
    .into_iter()
    .enumerate()
    {
        form = with(&form, &format!("source.{row}.outlet"), outlet);
        form = with(
            &form,
            &format!("source.{row}.title"),
            &format!("{outlet} report"),
        );
        form = with(
            &form,
            &format!("source.{row}.url"),
            &site.url(&format!("/{name}")),
        );
    }
    let edit = app.create_draft(&form).await;
    while capture_queued(&app.db, &local_fetcher(), Moment::now)
        .await
        .unwrap()
        > 0
    {}

    let page = app.get(&edit).await;
    assert!(
        page.body
            .contains("All 3 sources of this fact-check are one story"),
        "warned on the edit page"
    );
    let refused = app.publish(&edit).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("are one story"));
    assert_eq!(app.count("fact_checks WHERE status = 'published'"), 0);

    let published = app
        .press(&edit, "publish", &[("one_story_ok", "yes")])
        .await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.body
    );
    let slug = "apollo-photos-show-shadows-consistent-with-one-light-source-the-sun";
    let verdict = app
        .another_browser()
        .get(&format!("/fact-checks/{slug}"))
        .await;
    assert!(
        verdict
            .body
            .contains(r#"<p class="independence">3 sources, 1 independent</p>"#)
    );
    let listed = &verdict.body[verdict.position_of(r#"class="independence""#)..];
    let wire = listed.find("Wire report").unwrap();
    let note = listed
        .find("Courier and Ledger ran the same text as Wire:")
        .unwrap_or_else(|| panic!("{listed:.3000}"));
    assert!(
        wire < note,
        "the original is named first, its reprints beneath it"
    );
}
