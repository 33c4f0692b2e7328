//! Autosave: what an editor types is kept in their own slot every ~20 s, offered back when
//! they reopen the form, and never published, never a revision, never over someone's save.

use crate::helpers::{Page, TestApp, fields, moon_fact_check, with};
use factdesk::domain::Role;
use reqwest::StatusCode;

const OTHER_EDITOR: &str = "otto@newsroom.example";
const OTHER_PASSWORD: &str = "another long enough password";
const TYPED_HEADLINE: &str = "Typed but never saved: one Sun, many shadows";

impl TestApp {
    /// What static/autosave.js sends: the whole form, and which fact-check it is for.
    async fn autosave(
        &self,
        fact_check: &str,
        version: Option<i64>,
        form: &[(String, String)],
    ) -> Page {
        let mut form = with(form, "csrf", &self.csrf().await);
        form = with(&form, "fact_check", fact_check);
        if let Some(version) = version {
            form = with(&form, "version", &version.to_string());
        }
        self.post_form("/editor/autosave", &form).await
    }

    async fn discard_autosave(&self, fact_check: &str) -> Page {
        let form = fields(&[("csrf", &self.csrf().await), ("fact_check", fact_check)]);
        self.post_form("/editor/autosave/discard", &form).await
    }

    async fn other_editor(&self) -> TestApp {
        self.add_account(OTHER_EDITOR, "Otto Other", OTHER_PASSWORD, Role::Editor);
        let mut other = self.another_browser();
        other.sign_in(OTHER_EDITOR, OTHER_PASSWORD).await;
        other
    }
}

fn typed() -> Vec<(String, String)> {
    with(&moon_fact_check(), "headline", TYPED_HEADLINE)
}

fn id_of(edit_path: &str) -> &str {
    edit_path.rsplit('/').next().unwrap()
}

#[tokio::test]
async fn an_autosave_publishes_nothing_and_makes_no_revision() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    let (revisions, content) = (app.count("revisions"), app.content_counts());

    let answer = app.autosave(id_of(&edit_path), Some(1), &typed()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let saved_at: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    let saved_at = saved_at["saved_at"].as_str().unwrap();
    assert!(
        factdesk::domain::Moment::parse(saved_at).is_some(),
        "{saved_at}"
    );

    assert_eq!(app.count("autosaves"), 1);
    assert_eq!(app.count("revisions"), revisions, "not a revision");
    assert_eq!(
        app.content_counts(),
        content,
        "the fact-check's rows untouched"
    );
    let form = app.get(&edit_path).await;
    assert_eq!(form.version(), 1);
    assert!(!form.body.contains(&format!("value=\"{TYPED_HEADLINE}\"")));
    let status: String = app
        .db
        .read(|c| Ok(c.query_row("SELECT status FROM fact_checks", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(status, "draft");
}

#[tokio::test]
async fn reopening_the_form_offers_the_autosave_and_restoring_fills_the_form() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    app.autosave(id_of(&edit_path), Some(1), &typed()).await;

    let form = app.get(&edit_path).await;
    assert!(
        form.body.contains("You have unsaved changes from"),
        "{}",
        form.body
    );
    assert!(
        form.body
            .contains(&format!("href=\"{edit_path}?autosave=restore\""))
    );

    let restored = app.get(&format!("{edit_path}?autosave=restore")).await;
    assert_eq!(restored.status, StatusCode::OK);
    assert!(
        restored
            .body
            .contains(&format!("value=\"{TYPED_HEADLINE}\""))
    );
    assert!(restored.body.contains("Nothing is saved until you save."));
    assert!(!restored.body.contains("You have unsaved changes from"));
    assert_eq!(app.count("revisions"), 1, "restoring saves nothing");

    // Saving the restored form saves it for real and empties the slot.
    let saved = app.save(&edit_path, restored.version(), &typed()).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(app.count("autosaves"), 0);
    let form = app.get(&edit_path).await;
    assert!(form.body.contains(&format!("value=\"{TYPED_HEADLINE}\"")));
    assert!(!form.body.contains("You have unsaved changes from"));
}

#[tokio::test]
async fn discarding_empties_the_slot_and_reopens_the_saved_form() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    app.autosave(id_of(&edit_path), Some(1), &typed()).await;

    let answer = app.discard_autosave(id_of(&edit_path)).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.location(), edit_path);
    assert_eq!(app.count("autosaves"), 0);
    let form = app.get(&edit_path).await;
    assert!(!form.body.contains("You have unsaved changes from"));
    let forged = app
        .post_form(
            "/editor/autosave/discard",
            &fields(&[("fact_check", id_of(&edit_path))]),
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "no CSRF token");
}

#[tokio::test]
async fn a_new_form_has_one_slot_that_creating_the_draft_empties() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    app.autosave("", None, &with(&typed(), "headline", "First try"))
        .await;
    app.autosave("", None, &typed()).await;
    assert_eq!(app.count("autosaves"), 1, "one slot for the new form");

    let form = app.get("/editor/fact-checks/new").await;
    assert!(form.body.contains("You have unsaved changes from"));
    let restored = app.get("/editor/fact-checks/new?autosave=restore").await;
    assert!(
        restored
            .body
            .contains(&format!("value=\"{TYPED_HEADLINE}\""))
    );

    app.create_draft(&typed()).await;
    assert_eq!(app.count("autosaves"), 0);
    let form = app.get("/editor/fact-checks/new").await;
    assert!(!form.body.contains("You have unsaved changes from"));
}

#[tokio::test]
async fn restoring_over_a_newer_save_leads_to_the_conflict_page_not_an_overwrite() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    app.autosave(id_of(&edit_path), Some(1), &typed()).await;
    // Someone else saves a second version after that autosave.
    let other = app.other_editor().await;
    let theirs = with(&moon_fact_check(), "summary", "Their newer summary.");
    assert_eq!(
        other.save(&edit_path, 1, &theirs).await.status,
        StatusCode::SEE_OTHER
    );

    let form = app.get(&edit_path).await;
    assert!(
        form.body
            .contains("Someone has saved a newer version since you typed them")
    );
    let restored = app.get(&format!("{edit_path}?autosave=restore")).await;
    assert_eq!(restored.version(), 1, "the version it was typed over");
    assert!(
        restored
            .body
            .contains("Someone saved a newer version after you typed these.")
    );

    let saved = app.save(&edit_path, restored.version(), &typed()).await;
    assert_eq!(saved.status, StatusCode::CONFLICT);
    assert!(
        saved.body.contains("Their newer summary."),
        "their change is shown"
    );
    let now = app.get(&edit_path).await;
    assert!(
        now.body.contains("Their newer summary."),
        "their save still stands"
    );
    assert!(!now.body.contains(&format!("value=\"{TYPED_HEADLINE}\"")));
}

#[tokio::test]
async fn an_editor_never_sees_another_editors_autosave() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    app.autosave(id_of(&edit_path), Some(1), &typed()).await;
    app.autosave("", None, &typed()).await;

    let other = app.other_editor().await;
    for path in [edit_path.clone(), "/editor/fact-checks/new".to_owned()] {
        let form = other.get(&path).await;
        assert!(
            !form.body.contains("You have unsaved changes from"),
            "{path}"
        );
        let restored = other.get(&format!("{path}?autosave=restore")).await;
        assert!(!restored.body.contains(TYPED_HEADLINE), "{path}");
    }
    // Their save of the same fact-check leaves the first editor's slot alone.
    other.save(&edit_path, 1, &moon_fact_check()).await;
    assert_eq!(app.count("autosaves"), 2);
}

#[tokio::test]
async fn a_writer_autosaves_only_what_they_may_change() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    app.add_writer();
    let edit_path = app.create_draft(&moon_fact_check()).await;
    let mut writer = app.another_browser();
    writer
        .sign_in(
            crate::helpers::WRITER_EMAIL,
            crate::helpers::WRITER_PASSWORD,
        )
        .await;
    let refused = writer.autosave(id_of(&edit_path), Some(1), &typed()).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let missing = writer.autosave("999", Some(1), &typed()).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("autosaves"), 0);
}

#[tokio::test]
async fn an_autosave_arriving_after_the_editors_own_save_is_not_kept() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit = app.create_draft(&moon_fact_check()).await;
    let saved = app.save(&edit, 1, &typed()).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);

    // The script's last autosave of the form opened at version 1 lands after that save.
    let late = app.autosave(id_of(&edit), Some(1), &typed()).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(app.count("autosaves"), 0);
    let form = app.get(&edit).await;
    assert!(!form.body.contains("You have unsaved changes from"));
}
