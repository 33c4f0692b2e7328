//! "Already checked?": the fact-checks whose claims are like the one being written, in the
//! form (without JavaScript) and as JSON (for its script), and "Add this appearance to …".

use crate::helpers::{Page, TestApp, WRITER_EMAIL, WRITER_PASSWORD, fields, moon_fact_check, with};
use reqwest::StatusCode;

/// A draft about `claim`, headlined `headline`; its edit path.
async fn draft(app: &TestApp, headline: &str, claim: &str) -> String {
    let form = with(
        &with(&moon_fact_check(), "headline", headline),
        "claim_text",
        claim,
    );
    app.create_draft(&with(&form, "slug", "")).await
}

/// The newsroom has checked four claims about a river and one about a bridge.
async fn desk_with_river_checks(app: &TestApp) -> Vec<String> {
    vec![
        draft(
            app,
            "The river flooded the old mill in May",
            "The river flooded the old mill.",
        )
        .await,
        draft(
            app,
            "Salmon returned to the river after the dam went",
            "Salmon returned to the river.",
        )
        .await,
        draft(
            app,
            "The river is not the longest in the country",
            "The river is the longest river in the country.",
        )
        .await,
        draft(
            app,
            "River water quality improved, a survey says",
            "River water is clean enough to drink.",
        )
        .await,
        draft(
            app,
            "The bridge was not built in 1901",
            "The bridge was built in 1901.",
        )
        .await,
    ]
}

async fn similar(app: &TestApp, query: &str) -> Vec<serde_json::Value> {
    let page = app.get(&format!("/editor/similar?{query}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    body["matches"].as_array().unwrap().clone()
}

fn headlines(found: &[serde_json::Value]) -> Vec<&str> {
    found
        .iter()
        .map(|m| m["headline"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_closest_claims_come_first_three_at_most_never_the_one_being_edited() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edits = desk_with_river_checks(&app).await;

    let found = similar(&app, "claim=Is+the+river+the+longest+in+the+country%3F").await;
    assert_eq!(
        found.len(),
        3,
        "three at most, though four mention the river"
    );
    assert_eq!(
        found[0]["headline"],
        "The river is not the longest in the country"
    );
    assert_eq!(found[0]["rating"], "False");
    assert_eq!(found[0]["edit"], edits[2].as_str());
    assert!(!headlines(&found).contains(&"The bridge was not built in 1901"));

    let id = edits[2].rsplit('/').next().unwrap();
    let found = similar(&app, &format!("claim=the+river+is+the+longest&except={id}")).await;
    assert!(!headlines(&found).contains(&"The river is not the longest in the country"));
    assert_eq!(found.len(), 3);

    let found = similar(&app, "claim=bridge+1901").await;
    assert_eq!(headlines(&found), ["The bridge was not built in 1901"]);
    assert!(
        similar(&app, "claim=the+and+of").await.is_empty(),
        "no significant word"
    );
    assert!(similar(&app, "claim=").await.is_empty());
}

#[tokio::test]
async fn a_pasted_essay_is_looked_up_by_its_first_words_only() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    desk_with_river_checks(&app).await;
    let essay: String = std::iter::once("bridge ".to_owned())
        .chain((0..1500).map(|n| format!("filler{n} ")))
        .chain(std::iter::once("river".to_owned()))
        .collect();
    let started = std::time::Instant::now();
    let found = similar(&app, &format!("claim={essay}")).await;
    assert_eq!(
        headlines(&found),
        ["The bridge was not built in 1901"],
        "words past the cap are not read"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    let budget0 = app
        .db
        .read(|c| factdesk::db::similar::similar(c, "river bridge", None, None, 0))
        .unwrap();
    assert!(
        budget0.is_empty(),
        "a lookup over its budget finds nothing rather than run on"
    );
}

#[tokio::test]
async fn without_javascript_a_refused_save_shows_the_matches_beside_the_claim() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    desk_with_river_checks(&app).await;
    let form = with(
        &moon_fact_check(),
        "claim_text",
        "The bridge was built in 1901 by the river.",
    );
    let page = app.submit_new(&with(&form, "headline", "")).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let box_at = page.position_of("Already checked?");
    assert!(
        box_at > page.position_of(r#"id="claim_text""#),
        "the box follows the claim"
    );
    assert!(page.body[box_at..].contains("The bridge was not built in 1901"));
    assert!(
        page.body
            .contains("Add this appearance to “The bridge was not built in 1901”")
    );

    let empty = app.get("/editor/fact-checks/new").await;
    assert!(
        empty
            .body
            .contains(r#"id="similar" aria-labelledby="similar-heading" hidden"#)
    );
}

async fn add_to(app: &TestApp, target: &str, form: &[(String, String)]) -> Page {
    let mut form = form.to_vec();
    form.push(("csrf".into(), app.csrf().await));
    app.post_form(&format!("{target}/add-appearance"), &form)
        .await
}

#[tokio::test]
async fn add_this_appearance_opens_the_other_fact_check_with_the_new_row_unsaved() {
    let mut app = TestApp::spawn().await;
    app.add_writer();
    app.sign_in_as_editor().await;
    let edits = desk_with_river_checks(&app).await;
    let typed = fields(&[
        ("claim_text", "The bridge went up in 1901."),
        ("appearance.0.url", "https://video.example/watch/31"),
        ("appearance.0.platform", "VideoSite"),
        ("appearance.0.reach", "40,000 views"),
        ("appearance.1.url", ""),
    ]);
    let before = app.count("appearances");
    let page = add_to(&app, &edits[4], &typed).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("The bridge was not built in 1901"),
        "the other form opens"
    );
    assert!(
        page.body
            .contains(r#"value="https://video.example/watch/31""#)
    );
    assert!(page.body.contains(r#"value="40,000 views""#));
    assert!(page.body.contains("save this fact-check to keep them"));
    assert_eq!(
        app.count("appearances"),
        before,
        "nothing is saved until the editor saves"
    );
    // The form left behind is not lost: going back to it offers what was typed there.
    let back = app.get("/editor/fact-checks/new").await;
    assert!(
        back.body.contains("You have unsaved changes from"),
        "{}",
        back.body
    );
    let restored = app.get("/editor/fact-checks/new?autosave=restore").await;
    assert!(restored.body.contains("The bridge went up in 1901."));

    let mut writer = app.another_browser();
    writer.sign_in(WRITER_EMAIL, WRITER_PASSWORD).await;
    let refused = add_to(&writer, &edits[4], &typed).await;
    assert_eq!(
        refused.status,
        StatusCode::FORBIDDEN,
        "writers reach only their own"
    );
    let found = similar(&writer, "claim=bridge+1901").await;
    assert!(found.is_empty(), "a writer is never shown others' drafts");
    // Once readers can see it, a writer is shown it too, with no button to change it.
    assert_eq!(app.publish(&edits[4]).await.status, StatusCode::SEE_OTHER);
    let found = similar(&writer, "claim=bridge+1901").await;
    assert_eq!(headlines(&found), ["The bridge was not built in 1901"]);
    assert_eq!(found[0]["can_open"], false);
}
