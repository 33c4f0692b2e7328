//! A published fact-check's address is in feeds, ClaimReview and other sites' links: when an
//! editor changes its slug, every address readers were given keeps leading to it.

use crate::helpers::{TestApp, moon_fact_check, with};
use reqwest::StatusCode;

const FIRST: &str = "apollo-photos-show-shadows-consistent-with-one-light-source-the-sun";

/// Saves the fact-check at `edit_path` (opened at `version`) under a new slug.
async fn rename(app: &TestApp, edit_path: &str, version: i64, slug: &str) {
    let form = with(
        &with(&moon_fact_check(), "slug", slug),
        "change_kind",
        "minor",
    );
    let saved = app.save(edit_path, version, &form).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
}

#[tokio::test]
async fn old_addresses_of_a_published_fact_check_redirect_to_its_new_one() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    assert_eq!(app.publish(&edit_path).await.status, StatusCode::SEE_OTHER);
    let reader = app.another_browser();
    assert_eq!(
        reader.get(&format!("/fact-checks/{FIRST}")).await.status,
        StatusCode::OK
    );

    rename(&app, &edit_path, 1, "apollo-shadows").await;
    let old = reader.get(&format!("/fact-checks/{FIRST}")).await;
    assert_eq!(old.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(old.location(), "/fact-checks/apollo-shadows");
    let new = reader.get("/fact-checks/apollo-shadows").await;
    assert_eq!(new.status, StatusCode::OK);
    assert!(new.body.contains("Apollo photos show shadows"));
    let api = reader.get(&format!("/api/v1/fact-checks/{FIRST}")).await;
    assert_eq!(api.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(api.location(), "/api/v1/fact-checks/apollo-shadows");
    // "Report an error" from a page kept under the old address still reaches the desk.
    let report = reader.get(&format!("/fact-checks/{FIRST}/report")).await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(
        report
            .body
            .contains("action=\"/fact-checks/apollo-shadows/report\"")
    );

    // A second change sends both old addresses straight to the newest, with no chain.
    rename(&app, &edit_path, 2, "apollo-shadows-explained").await;
    for old in [FIRST, "apollo-shadows"] {
        let page = reader.get(&format!("/fact-checks/{old}")).await;
        assert_eq!(page.status, StatusCode::MOVED_PERMANENTLY, "{old}");
        assert_eq!(page.location(), "/fact-checks/apollo-shadows-explained");
    }

    // Going back to the first address makes it the page again, not a redirect loop.
    rename(&app, &edit_path, 3, FIRST).await;
    assert_eq!(
        reader.get(&format!("/fact-checks/{FIRST}")).await.status,
        StatusCode::OK
    );
    let second = reader.get("/fact-checks/apollo-shadows-explained").await;
    assert_eq!(second.location(), format!("/fact-checks/{FIRST}"));
}

#[tokio::test]
async fn an_address_readers_were_given_is_never_handed_to_another_fact_check() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    app.publish(&edit_path).await;
    rename(&app, &edit_path, 1, "apollo-shadows").await;

    let other = with(
        &moon_fact_check(),
        "headline",
        "A different verdict on the same photos",
    );
    let taken = app.submit_new(&with(&other, "slug", FIRST)).await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(taken.body.contains("is already used by another fact-check"));
    // A slug made from a headline steps around it too.
    let made = app
        .create_draft(&with(&other, "headline", &moon_headline()))
        .await;
    app.publish(&made).await;
    let reader = app.another_browser();
    let old = reader.get(&format!("/fact-checks/{FIRST}")).await;
    assert_eq!(old.location(), "/fact-checks/apollo-shadows");
    assert_eq!(
        reader.get(&format!("/fact-checks/{FIRST}-2")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_draft_renamed_before_anyone_saw_it_leaves_no_old_address() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let draft = with(&moon_fact_check(), "slug", "first-idea");
    let edit_path = app.create_draft(&draft).await;
    let renamed = app
        .save(&edit_path, 1, &with(&draft, "slug", "better-idea"))
        .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER);
    app.publish(&edit_path).await;

    let reader = app.another_browser();
    assert_eq!(
        reader.get("/fact-checks/first-idea").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        reader.get("/fact-checks/better-idea").await.status,
        StatusCode::OK
    );
    assert_eq!(app.count("slug_redirects"), 0);
    // And the draft's first idea is free for another fact-check.
    let again = app.submit_new(&draft).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
}

fn moon_headline() -> String {
    moon_fact_check()
        .into_iter()
        .find(|(k, _)| k == "headline")
        .map(|(_, v)| v)
        .unwrap()
}
