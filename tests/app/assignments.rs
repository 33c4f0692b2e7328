//! Assignments: chosen in the form and saved with its Save, recorded in the audit log and
//! the history (never as a new version of the text), listed under "Assigned to me", and
//! refused beside the field for someone who cannot take the work.

use crate::helpers::{TestApp, WRITER_EMAIL, WRITER_PASSWORD, moon_fact_check, with};
use reqwest::StatusCode;

/// The writer Wes with a draft of his, which the editor Erin has open.
async fn a_draft_and_a_writer() -> (TestApp, TestApp, String) {
    let mut editor = TestApp::spawn().await;
    editor.add_writer();
    editor.sign_in_as_editor().await;
    let mut writer = editor.another_browser();
    assert_eq!(
        writer.sign_in(WRITER_EMAIL, WRITER_PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    let path = writer.create_draft(&moon_fact_check()).await;
    (editor, writer, path)
}

/// The value an input of the page's form shows.
fn field_value(body: &str, name: &str) -> String {
    let marker = format!(r#"name="{name}""#);
    let input = &body[body.find(&marker).expect("the field is on the page")..];
    let value = &input[input.find("value=\"").unwrap() + 7..];
    value[..value.find('"').unwrap()].to_owned()
}

fn revisions_of(app: &TestApp) -> i64 {
    app.count("revisions")
}

#[tokio::test]
async fn an_editor_assigns_with_the_forms_save_and_it_is_on_record() {
    let (editor, writer, path) = a_draft_and_a_writer().await;
    let wes = editor.account_id(WRITER_EMAIL).to_string();
    let form = editor.get(&path).await;
    assert!(
        form.body
            .contains(r#"<select id="assigned_to" name="assigned_to""#)
    );

    // The headline changes in the same Save: both are kept, nothing typed is lost.
    let typed = with(
        &moon_fact_check(),
        "headline",
        "Apollo shadows fit a single Sun",
    );
    let saved = editor
        .save(&path, form.version(), &with(&typed, "assigned_to", &wes))
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let form = editor.get(&path).await;
    assert!(form.body.contains("Apollo shadows fit a single Sun"));
    assert!(form.body.contains(&format!(
        r#"<option value="{wes}" selected>Wes Writer</option>"#
    )));

    let audit = editor.get("/editor/audit").await;
    assert!(audit.body.contains("<td>assigned</td>"));
    assert!(audit.body.contains("assigned to Wes Writer (was nobody)"));

    let history = editor.get(&format!("{path}/revisions")).await;
    assert!(
        history
            .body
            .contains("Assigned to Wes Writer by Erin Editor")
    );

    // Wes finds it under "Assigned to me"; Erin, who holds nothing, does not.
    let headline = "Apollo shadows fit a single Sun";
    let mine = editor.get("/editor?status=any&assignee=me").await;
    assert!(!mine.body.contains(headline));
    let desk = editor.get("/editor?status=any").await;
    assert!(
        desk.body
            .contains("<td data-label=\"Assigned to\">Wes Writer</td>")
    );
    let assigned = writer.get("/editor?status=any&assignee=me").await;
    assert!(assigned.body.contains(headline));
    assert!(assigned.body.contains(&format!("href=\"{path}\"")));

    // A writer opens only their own fact-checks, so Erin's own draft is not Wes's to take:
    // he is not offered for it, and naming him anyway is refused beside the field.
    let hers = editor.create_draft(&moon_fact_check()).await;
    let form = editor.get(&hers).await;
    assert!(!form.body.contains(&format!(r#"<option value="{wes}""#)));
    let refused = editor
        .save(
            &hers,
            form.version(),
            &with(&moon_fact_check(), "assigned_to", &wes),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("a writer can open only their own fact-checks")
    );
}

#[tokio::test]
async fn a_form_opened_before_a_hand_over_does_not_undo_it() {
    let (editor, _writer, path) = a_draft_and_a_writer().await;
    let wes = editor.account_id(WRITER_EMAIL).to_string();
    // Erin's form was opened while the draft was with nobody…
    let opened = editor.get(&path).await;
    assert_eq!(field_value(&opened.body, "assigned_from"), "");
    // …then, in another tab, she hands it to Wes…
    let handed = editor
        .save(
            &path,
            opened.version(),
            &with(&moon_fact_check(), "assigned_to", &wes),
        )
        .await;
    assert_eq!(handed.status, StatusCode::SEE_OTHER, "{}", handed.body);
    // …and the first form is saved with its select untouched: the hand-over stands.
    let typed = with(
        &moon_fact_check(),
        "headline",
        "Apollo shadows fit a single Sun",
    );
    let typed = with(&with(&typed, "assigned_to", ""), "assigned_from", "");
    let saved = editor.save(&path, opened.version(), &typed).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let now = editor.get(&path).await;
    assert!(now.body.contains("Apollo shadows fit a single Sun"));
    assert!(
        now.body
            .contains(&format!(r#"<option value="{wes}" selected>"#))
    );
    assert_eq!(editor.count("assignments"), 1);
}

#[tokio::test]
async fn an_assignment_alone_makes_no_new_version() {
    let (editor, _writer, path) = a_draft_and_a_writer().await;
    let wes = editor.account_id(WRITER_EMAIL).to_string();
    let form = editor.get(&path).await;
    let (version, revisions) = (form.version(), revisions_of(&editor));

    let saved = editor
        .save(
            &path,
            version,
            &with(&moon_fact_check(), "assigned_to", &wes),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        revisions_of(&editor),
        revisions,
        "no revision for a hand-over"
    );
    assert_eq!(editor.get(&path).await.version(), version);

    // Back to nobody: recorded too, still no revision; an open form of the same version
    // can still save its text afterwards without a conflict.
    let cleared = editor
        .save(&path, version, &with(&moon_fact_check(), "assigned_to", ""))
        .await;
    assert_eq!(cleared.status, StatusCode::SEE_OTHER);
    assert_eq!(revisions_of(&editor), revisions);
    let history = editor.get(&format!("{path}/revisions")).await;
    assert!(history.body.contains("Left with nobody by Erin Editor"));
    assert_eq!(editor.count("assignments"), 2);
    let edited = editor
        .save(
            &path,
            version,
            &with(&moon_fact_check(), "summary", "Terrain explains it."),
        )
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
    assert_eq!(revisions_of(&editor), revisions + 1);
}

#[tokio::test]
async fn someone_who_cannot_take_the_work_is_refused_beside_the_field() {
    let (editor, writer, path) = a_draft_and_a_writer().await;
    let wes = editor.account_id(WRITER_EMAIL);
    editor.sql(&format!(
        "UPDATE users SET disabled_at = '2026-01-01T00:00:00Z' WHERE id = {wes}"
    ));
    let typed = with(&moon_fact_check(), "headline", "Typed before the refusal");
    let version = editor.get(&path).await.version();
    for (assignee, why) in [
        (wes.to_string(), "a disabled account"),
        ("424242".to_owned(), "no such account"),
        ("Wes".to_owned(), "not an account id"),
    ] {
        let before = editor.content_counts();
        let page = editor
            .save(&path, version, &with(&typed, "assigned_to", &assignee))
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{why}");
        assert!(page.body.contains(r#"id="assigned_to-error""#), "{why}");
        assert!(
            page.body.contains("Typed before the refusal"),
            "{why}: input kept"
        );
        assert_eq!(editor.content_counts(), before, "{why}: nothing saved");
    }
    assert_eq!(editor.count("assignments"), 0);
    drop(writer);
}

#[tokio::test]
async fn a_writer_takes_or_gives_back_their_own_draft_only() {
    let (editor, writer, _) = a_draft_and_a_writer().await;
    let (erin, wes) = (
        editor.account_id(crate::helpers::EDITOR_EMAIL).to_string(),
        editor.account_id(WRITER_EMAIL).to_string(),
    );
    let own = writer.create_draft(&moon_fact_check()).await;
    let form = writer.get(&own).await;
    let version = form.version();
    // The form as the browser sends it back: the slug shown (this one is the second of its
    // headline, so it has a suffix) and the tags.
    let typed = with(&moon_fact_check(), "slug", &field_value(&form.body, "slug"));

    let handed = writer
        .save(&own, version, &with(&typed, "assigned_to", &erin))
        .await;
    assert_eq!(handed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        handed
            .body
            .contains("Only an editor can assign this fact-check to someone else.")
    );

    for (to, who) in [(wes.as_str(), "taken"), ("", "given back")] {
        let page = writer
            .save(&own, version, &with(&typed, "assigned_to", to))
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{who}: {}", page.body);
    }
    assert_eq!(editor.count("assignments"), 2);
    assert_eq!(
        writer.get(&own).await.version(),
        version,
        "no new version either time"
    );
}
