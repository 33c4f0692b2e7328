//! Revision history, restore, and public corrections.

use crate::helpers::{TestApp, moon_fact_check, with};
use reqwest::StatusCode;

const SLUG: &str = "apollo-photos-show-shadows-consistent-with-one-light-source-the-sun";

async fn published_moon_check(app: &TestApp) -> String {
    let edit_path = app
        .create_draft(&with(&moon_fact_check(), "rating", "unproven"))
        .await;
    assert_eq!(app.publish(&edit_path).await.status, StatusCode::SEE_OTHER);
    edit_path
}

#[tokio::test]
async fn every_save_is_kept_and_any_two_can_be_compared() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    let v2 = with(&moon_fact_check(), "summary", "Second summary.");
    app.save(&edit_path, 1, &v2).await;
    let v3 = with(&v2, "source.1.title", "Renamed source");
    app.save(&edit_path, 2, &v3).await;

    let history = app.get(&format!("{edit_path}/revisions")).await;
    assert_eq!(history.status, StatusCode::OK);
    assert!(history.body.contains("3 (current)"));

    let diff = app.get(&format!("{edit_path}/revisions?from=1&to=3")).await;
    let table = &diff.body[diff.position_of("Changes from version 1 to version 3")..];
    assert!(table.contains("<th scope=\"row\">Summary</th>"));
    assert!(table.contains("Second summary."));
    assert!(table.contains("<th scope=\"row\">Sources</th>"));
    assert!(table.contains("Renamed source"));
    assert!(
        !table.contains("<th scope=\"row\">Headline</th>"),
        "unchanged fields are not listed"
    );

    assert_eq!(
        app.get(&format!("{edit_path}/revisions?from=1&to=99"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("{edit_path}/revisions?from=x&to=1"))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_browser_save_of_text_written_elsewhere_changes_only_what_was_edited() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let explanation = "First paragraph.\n\nSecond paragraph.";
    let imported = with(&moon_fact_check(), "body", explanation);
    let edit_path = app.create_draft(&imported).await;
    // A browser sends a textarea's line breaks as CR LF.
    let from_browser = with(
        &with(&imported, "body", &explanation.replace('\n', "\r\n")),
        "summary",
        "Edited summary.",
    );
    app.save(&edit_path, 1, &from_browser).await;

    let diff = app.get(&format!("{edit_path}/revisions?from=1&to=2")).await;
    let table = &diff.body[diff.position_of("Changes from version 1 to version 2")..];
    assert!(table.contains("<th scope=\"row\">Summary</th>"));
    assert!(
        !table.contains("<th scope=\"row\">Explanation</th>"),
        "the explanation was not edited:\n{table}"
    );
}

#[tokio::test]
async fn restoring_an_old_version_makes_a_new_one() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    app.save(
        &edit_path,
        1,
        &with(&moon_fact_check(), "summary", "A worse summary."),
    )
    .await;

    let restore = app.get(&format!("{edit_path}?restore=1")).await;
    assert!(
        restore
            .body
            .contains("This form holds <strong>version 1</strong>")
    );
    assert!(
        restore
            .body
            .contains("The shadows in Apollo photos are explained by terrain")
    );
    assert!(
        restore.body.contains("name=\"version\" value=\"2\""),
        "saves on top of the current version"
    );
    assert_eq!(
        app.save(&edit_path, 2, &moon_fact_check()).await.status,
        StatusCode::SEE_OTHER
    );

    let history = app.get(&format!("{edit_path}/revisions")).await;
    assert!(
        history.body.contains("3 (current)"),
        "restoring rewrote nothing"
    );
    assert_eq!(app.count("revisions"), 3);
    // History is append-only even for code that tries otherwise.
    let rewrite = app.db.write_blocking(|tx| {
        tx.execute("UPDATE revisions SET snapshot = '{}'", [])?;
        Ok(())
    });
    assert!(rewrite.is_err());
}

#[tokio::test]
async fn a_rating_change_on_a_published_check_must_be_a_public_correction() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = published_moon_check(&app).await;
    let new_rating = with(&moon_fact_check(), "rating", "false");

    let minor = app
        .save(&edit_path, 1, &with(&new_rating, "change_kind", "minor"))
        .await;
    assert_eq!(minor.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        minor
            .body
            .contains("mark this save as a Correction or an Update")
    );
    let no_note = app
        .save(
            &edit_path,
            1,
            &with(&new_rating, "change_kind", "correction"),
        )
        .await;
    assert_eq!(no_note.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_note.body.contains("The public note is required."));

    let mut correction = with(&new_rating, "change_kind", "correction");
    correction = with(
        &correction,
        "change_note",
        "New lab analysis settled the question.",
    );
    assert_eq!(
        app.save(&edit_path, 1, &correction).await.status,
        StatusCode::SEE_OTHER
    );

    let page = app.get(&format!("/fact-checks/{SLUG}")).await;
    let today = chrono::Utc::now().format("%-d %B %Y").to_string();
    let box_html =
        &page.body[page.position_of("Corrections and updates</h2>")..page.position_of("</aside>")];
    assert!(
        box_html.contains("Rating changed from Unproven to False on <time")
            && box_html.contains(&format!(">{today}</time>.")),
        "{box_html}"
    );
    assert!(box_html.contains("New lab analysis settled the question."));

    let corrections = app.get("/corrections").await;
    assert!(
        corrections.body.contains("We correct errors openly."),
        "policy at the top"
    );
    assert!(corrections.body.contains(&format!("/fact-checks/{SLUG}")));
    assert!(
        corrections
            .body
            .contains("Rating changed from Unproven to False.")
    );

    // A typo fix is minor and leaves no note.
    let typo = with(
        &with(&new_rating, "summary", "Teh shadows are fine."),
        "change_kind",
        "minor",
    );
    assert_eq!(
        app.save(&edit_path, 2, &typo).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.count("corrections"), 1);
}

#[tokio::test]
async fn the_corrections_policy_is_editable() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let csrf = app.csrf().await;
    let form = crate::helpers::fields(&[
        ("csrf", &csrf),
        ("corrections_policy", "We fix **everything** within a day."),
    ]);
    assert_eq!(
        app.post_form("/editor/settings", &form).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(
        app.get("/corrections")
            .await
            .body
            .contains("We fix <strong>everything</strong> within a day.")
    );
    let empty = crate::helpers::fields(&[("csrf", &csrf), ("corrections_policy", "")]);
    assert_eq!(
        app.post_form("/editor/settings", &empty).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn the_history_names_ratings_by_their_labels() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    app.save(
        &edit_path,
        1,
        &with(&moon_fact_check(), "rating", "mostly-false"),
    )
    .await;

    let diff = app.get(&format!("{edit_path}/revisions?from=1&to=2")).await;
    let table = &diff.body[diff.position_of("Changes from version 1 to version 2")..];
    assert!(
        table.contains("<pre>False</pre>") && table.contains("<pre>Mostly False</pre>"),
        "{table}"
    );
}
