//! Rows come from the "Add" buttons, never from a save; an error marks only its own field.

use super::{around, cards};
use crate::helpers::{TestApp, fields, moon_fact_check, with};
use reqwest::StatusCode;

async fn editor_app() -> TestApp {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    app
}

#[tokio::test]
async fn a_new_form_has_one_row_of_each_and_a_failed_save_never_adds_any() {
    let app = editor_app().await;
    let new = app.get("/editor/fact-checks/new").await;
    assert_eq!((cards(&new, "appearances"), cards(&new, "sources")), (1, 1));

    // Two places and three sources typed (the third left empty), but no headline.
    let mut form = with(&moon_fact_check(), "headline", "");
    form.extend(fields(&[
        ("appearance.1.url", "https://example.com/post/2"),
        ("appearance.1.platform", "Facebook"),
        ("source.2.outlet", ""),
        ("source.2.title", ""),
    ]));
    let mut page = app.submit_new(&form).await;
    for attempt in 1..=3 {
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{attempt}");
        assert_eq!(
            (cards(&page, "appearances"), cards(&page, "sources")),
            (2, 3),
            "attempt {attempt} shows the rows sent, no more"
        );
        assert!(page.body.contains(r#"value="https://example.com/post/2""#));
        page = app.submit_new(&form).await;
    }
    assert_eq!(app.count("fact_checks"), 0);
}

#[tokio::test]
async fn add_source_without_javascript_shows_the_form_again_with_one_more_row_and_saves_nothing() {
    let app = editor_app().await;
    let form = with(&moon_fact_check(), "add_row", "source");
    let page = app.submit_new(&form).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        (cards(&page, "appearances"), cards(&page, "sources")),
        (1, 3)
    );
    assert!(
        page.body.contains(r#"id="source-2-url""#),
        "the new row is the third"
    );
    assert!(
        page.body
            .contains(r#"value="Why shadows look wrong in lunar photos""#)
    );
    assert!(
        !page.body.contains("error-summary"),
        "an empty row is not a mistake"
    );
    assert_eq!(app.count("fact_checks"), 0, "nothing is saved");

    // On the edit page, the same: one more place, the rest as typed.
    let edit_path = app.create_draft(&moon_fact_check()).await;
    let opened = app.get(&edit_path).await;
    assert_eq!(
        (cards(&opened, "appearances"), cards(&opened, "sources")),
        (1, 2)
    );
    let form = with(&moon_fact_check(), "add_row", "appearance");
    let form = with(&form, "headline", "A headline typed but not saved yet");
    let page = app.save(&edit_path, opened.version(), &form).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        (cards(&page, "appearances"), cards(&page, "sources")),
        (2, 2)
    );
    assert!(
        page.body
            .contains(r#"value="A headline typed but not saved yet""#)
    );
    assert_eq!(app.count("revisions"), 1, "still only the first version");

    let odd = with(&moon_fact_check(), "add_row", "chapter");
    assert_eq!(app.submit_new(&odd).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_error_marks_only_the_field_at_fault() {
    let app = editor_app().await;
    // A source with its outlet but no title, and no place where the claim appeared.
    let form: Vec<_> = with(&moon_fact_check(), "source.1.title", "")
        .into_iter()
        .filter(|(name, _)| !name.starts_with("appearance."))
        .collect();
    let page = app.submit_new(&form).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);

    let title = around(&page, "source-1-title");
    assert!(
        title.starts_with(r#"<div class="field has-error">"#),
        "{title}"
    );
    for fine in [
        "source-1-outlet",
        "source-1-authors",
        "source-1-url",
        "source-0-title",
    ] {
        let holder = around(&page, fine);
        assert!(
            !holder.contains("has-error"),
            "{fine} is not at fault: {holder}"
        );
    }
    assert!(!page.body.contains("row-card has-error"));
    assert!(
        page.body
            .contains(r#"<fieldset id="sources" class="rows" data-rows="source">"#)
    );
    // The list refused as a whole says so in its message, not on every row.
    assert!(page.body.contains(
        r#"<fieldset id="appearances" class="rows" data-rows="appearance" aria-describedby="appearances-error">"#
    ));
    assert!(
        page.body
            .contains(r#"<p class="field-error" id="appearances-error">"#)
    );

    // The summary of an empty form lists the problems as the form runs: the claim first.
    let empty = app.submit_new(&[]).await;
    let summary = &empty.body[empty.position_of(r#"id="error-summary""#)..];
    let summary = &summary[..summary.find("</ul>").unwrap()];
    let claim = summary
        .find("Claim is required")
        .expect("the claim's problem");
    let headline = summary
        .find("Headline is required")
        .expect("the headline's");
    assert!(claim < headline, "{summary}");
}
