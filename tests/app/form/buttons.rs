//! Submit, Publish and Send back are buttons of the form: one POST takes the form as typed,
//! saves it and moves the status in one transaction, or refuses both.

use super::stored;
use crate::helpers::{TestApp, WRITER_EMAIL, WRITER_PASSWORD, moon_fact_check, with};
use reqwest::StatusCode;

const HEADLINE: &str = "Apollo photos show shadows consistent with one light source, the Sun";
const SLUG: &str = "apollo-photos-show-shadows-consistent-with-one-light-source-the-sun";
const RETOLD: &str = "Apollo shadows fall the way one Sun and uneven ground make them fall";

async fn editor_app() -> TestApp {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    app
}

fn id_of(edit_path: &str) -> i64 {
    edit_path.rsplit('/').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn an_editor_publishes_a_new_fact_check_with_one_post() {
    let app = editor_app().await;
    let page = app
        .submit_new(&with(&moon_fact_check(), "step", "publish"))
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert!(
        page.location().ends_with("?done=published"),
        "{}",
        page.location()
    );
    let id = id_of(page.location().split('?').next().unwrap());
    assert_eq!(
        stored(&app, id),
        ("published".to_owned(), HEADLINE.to_owned())
    );
    let verdict = app.get(&format!("/fact-checks/{SLUG}")).await;
    assert_eq!(verdict.status, StatusCode::OK);
    assert_eq!(app.count("revisions"), 1);
}

#[tokio::test]
async fn a_writer_saves_and_submits_a_new_draft_with_one_post_but_cannot_publish_it() {
    let mut app = TestApp::spawn().await;
    app.add_writer();
    assert_eq!(
        app.sign_in(WRITER_EMAIL, WRITER_PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    let refused = app
        .submit_new(&with(&moon_fact_check(), "step", "publish"))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("fact_checks"), 0, "nothing saved either");

    let page = app
        .submit_new(&with(&moon_fact_check(), "step", "submit"))
        .await;
    assert!(
        page.location().ends_with("?done=submitted"),
        "{}",
        page.body
    );
    let id = id_of(page.location().split('?').next().unwrap());
    assert_eq!(stored(&app, id).0, "in_review");
}

#[tokio::test]
async fn publish_takes_the_edit_as_typed_and_an_unchanged_form_adds_no_version() {
    let app = editor_app().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    let id = id_of(&edit_path);

    // Submitted as it was saved (the form shows the slug made for it): the status moves,
    // the history does not grow.
    let as_saved = with(&moon_fact_check(), "slug", SLUG);
    let form = with(&as_saved, "step", "submit");
    let page = app.save(&edit_path, 1, &form).await;
    assert!(
        page.location().ends_with("?done=submitted"),
        "{}",
        page.body
    );
    assert_eq!(app.count("revisions"), 1);

    // The headline changed, then Publish: both in the one POST.
    let form = with(&with(&as_saved, "headline", RETOLD), "step", "publish");
    let page = app.save(&edit_path, 1, &form).await;
    assert!(
        page.location().ends_with("?done=published"),
        "{}",
        page.body
    );
    assert_eq!(
        stored(&app, id),
        ("published".to_owned(), RETOLD.to_owned())
    );
    assert_eq!(app.count("revisions"), 2);
    let verdict = app.get(&format!("/fact-checks/{SLUG}")).await;
    assert!(verdict.body.contains(RETOLD));
}

#[tokio::test]
async fn a_refused_publish_leaves_both_the_content_and_the_status_as_they_were() {
    let app = editor_app().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    let id = id_of(&edit_path);
    let retold = with(&moon_fact_check(), "headline", RETOLD);
    let (before, audited) = (app.content_counts(), app.count("audit_log"));

    // A field the save refuses: nothing is saved and nothing published.
    let form = with(&with(&retold, "summary", ""), "step", "publish");
    let page = app.save(&edit_path, 1, &form).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains(&format!(r#"value="{RETOLD}""#)),
        "input kept"
    );
    assert!(page.body.contains(r#"id="summary-error""#));

    // A field only the publication reads.
    let form = with(&with(&retold, "publish_at", "next week"), "step", "publish");
    let page = app.save(&edit_path, 1, &form).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains(r#"id="publish_at-error""#));
    assert!(page.body.contains(&format!(r#"value="{RETOLD}""#)));

    // Refused inside the transaction, after the save ran: every source removed, so there
    // is nothing to publish. The save is undone with the publication.
    let form = with(
        &with(&retold, "source.0.remove", "on"),
        "source.1.remove",
        "on",
    );
    let page = app
        .save(&edit_path, 1, &with(&form, "step", "publish"))
        .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!(r#"value="{RETOLD}""#)));

    assert_eq!(stored(&app, id), ("draft".to_owned(), HEADLINE.to_owned()));
    assert_eq!(app.content_counts(), before);
    assert_eq!(app.count("revisions"), 1);
    assert_eq!(app.count("audit_log"), audited, "no publication recorded");
}

#[tokio::test]
async fn send_back_saves_the_editors_fix_with_the_comment_and_a_stale_form_gets_409() {
    let app = editor_app().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    let id = id_of(&edit_path);
    app.press(&edit_path, "submit", &[]).await;

    let form = with(
        &with(&moon_fact_check(), "headline", RETOLD),
        "step",
        "send_back",
    );
    let comment = "Name the photographer of the second picture.";
    let page = app
        .save(&edit_path, 1, &with(&form, "review_comment", comment))
        .await;
    assert!(page.location().ends_with("?done=returned"), "{}", page.body);
    assert_eq!(stored(&app, id), ("draft".to_owned(), RETOLD.to_owned()));
    assert!(app.get(&edit_path).await.body.contains(comment));

    // Opened at version 1, but version 2 is saved now: refused, with the other save shown.
    let form = with(
        &with(&moon_fact_check(), "summary", "Another bottom line."),
        "step",
        "submit",
    );
    let page = app.save(&edit_path, 1, &form).await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page.body.contains(r#"id="conflict""#));
    assert_eq!(stored(&app, id).0, "draft");
}

#[tokio::test]
async fn publishing_a_save_that_proposes_a_claimant_change_asks_apply_or_decline_beside_it() {
    let app = editor_app().await;
    let on_file = with(
        &moon_fact_check(),
        "claimant_url",
        "https://people.example/users",
    );
    let first = app.submit_new(&with(&on_file, "step", "publish")).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);

    // A second fact-check about the same claimant, with another page for them, published
    // straight from the new form: the choice is asked for where the summary links to.
    let other = with(
        &with(&moon_fact_check(), "headline", RETOLD),
        "claimant_url",
        "https://elsewhere.example/users",
    );
    let asked = app.submit_new(&with(&other, "step", "publish")).await;
    assert_eq!(asked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(asked.body.contains(r##"href="#claimant_proposal""##));
    assert!(asked.body.contains(r#"<fieldset id="claimant_proposal""#));
    assert!(
        asked
            .body
            .contains(r#"value="https://elsewhere.example/users""#),
        "input kept"
    );
    assert_eq!(app.count("fact_checks"), 1, "nothing saved");

    let decided = with(
        &with(&other, "step", "publish"),
        "claimant_proposal",
        "decline",
    );
    let published = app.submit_new(&decided).await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.body
    );
    assert_eq!(app.count("fact_checks"), 2);
}
