//! Roles and review: a writer drafts and submits, an editor sends back or publishes,
//! schedules and retracts.

use crate::helpers::{TestApp, WRITER_EMAIL, WRITER_PASSWORD, moon_fact_check, with};
use factdesk::domain::Role;
use reqwest::StatusCode;

const WRITER: (&str, &str) = (WRITER_EMAIL, WRITER_PASSWORD);
const SECOND_EDITOR: (&str, &str) = ("eve@newsroom.example", "another editor passphrase 42");
const SLUG: &str = "apollo-photos-show-shadows-consistent-with-one-light-source-the-sun";

async fn newsroom() -> (TestApp, TestApp) {
    let mut editor = TestApp::spawn().await;
    editor.add_writer();
    editor.sign_in_as_editor().await;
    let mut writer = editor.another_browser();
    let page = writer.sign_in(WRITER.0, WRITER.1).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    (editor, writer)
}

#[tokio::test]
async fn a_writer_submits_an_editor_sends_it_back_then_publishes_it() {
    let (editor, writer) = newsroom().await;

    let edit_path = writer.create_draft(&moon_fact_check()).await;
    // A writer cannot publish.
    assert_eq!(
        writer.publish(&edit_path).await.status,
        StatusCode::FORBIDDEN
    );
    let submitted = writer.press(&edit_path, "submit", &[]).await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER);

    // In review: the writer can no longer change it; it waits at the top of the dashboard.
    let locked = writer.save(&edit_path, 1, &moon_fact_check()).await;
    assert_eq!(locked.status, StatusCode::FORBIDDEN);
    let dashboard = editor.get("/editor").await;
    assert!(dashboard.body.contains("status-in_review"));

    // The editor sends it back with a comment, which needs words.
    let empty = editor
        .press(&edit_path, "send-back", &[("review_comment", " ")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Your comment is required."));
    let returned = editor
        .press(
            &edit_path,
            "send-back",
            &[("review_comment", "Add the NASA archive link.")],
        )
        .await;
    assert_eq!(returned.status, StatusCode::SEE_OTHER);

    // The writer sees the comment, fixes, and resubmits; the comment goes away.
    let page = writer.get(&edit_path).await;
    assert!(
        page.body
            .contains("Sent back by an editor:</strong> Add the NASA archive link.")
    );
    let fixed = with(
        &moon_fact_check(),
        "source.0.archived_url",
        "https://archive.example/nasa",
    );
    assert_eq!(
        writer.save(&edit_path, 1, &fixed).await.status,
        StatusCode::SEE_OTHER
    );
    writer.press(&edit_path, "submit", &[]).await;
    assert!(
        !writer
            .get(&edit_path)
            .await
            .body
            .contains("Sent back by an editor")
    );

    // The editor publishes; readers see it.
    assert_eq!(
        editor.publish(&edit_path).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        editor.get(&format!("/fact-checks/{SLUG}")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn writers_work_only_on_their_own_fact_checks() {
    let (editor, writer) = newsroom().await;
    let editors_own = editor.create_draft(&moon_fact_check()).await;

    assert_eq!(writer.get(&editors_own).await.status, StatusCode::FORBIDDEN);
    assert!(!writer.get("/editor").await.body.contains("Apollo photos"));
    for admin_page in ["/editor/users", "/editor/audit", "/editor/settings"] {
        assert_eq!(
            writer.get(admin_page).await.status,
            StatusCode::FORBIDDEN,
            "{admin_page}"
        );
    }
}

#[tokio::test]
async fn a_scheduled_fact_check_appears_only_from_its_time() {
    let (editor, _) = newsroom().await;
    let edit_path = editor.create_draft(&moon_fact_check()).await;

    let bad = editor
        .press(&edit_path, "publish", &[("publish_at", "next tuesday")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body
            .contains("Publication time must be a date and time")
    );

    let later = (chrono::Utc::now() + chrono::Duration::days(2))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let scheduled = editor
        .press(&edit_path, "publish", &[("publish_at", &later)])
        .await;
    assert_eq!(scheduled.location(), format!("{edit_path}?done=scheduled"));
    assert_eq!(
        editor.get(&format!("/fact-checks/{SLUG}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!editor.get("/").await.body.contains(SLUG));
    assert_eq!(
        editor.get("/tags/Space").await.status,
        StatusCode::NOT_FOUND
    );
    let scheduled = editor.get("/editor?status=scheduled").await;
    assert!(
        scheduled
            .body
            .contains(r#"<span class="status status-published">Scheduled</span>"#)
    );

    // Time passes: the moment arrives.
    editor.sql("UPDATE fact_checks SET published_at = '2020-01-01T00:00:00Z'");
    assert_eq!(
        editor.get(&format!("/fact-checks/{SLUG}")).await.status,
        StatusCode::OK
    );
    assert!(editor.get("/").await.body.contains(SLUG));
}

#[tokio::test]
async fn cancelling_a_schedule_needs_no_note_but_a_retraction_does() {
    let (editor, _) = newsroom().await;
    let edit_path = editor.create_draft(&moon_fact_check()).await;
    let later = (chrono::Utc::now() + chrono::Duration::hours(3))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    editor
        .press(&edit_path, "publish", &[("publish_at", &later)])
        .await;

    let cancelled = editor.press(&edit_path, "unpublish", &[]).await;
    assert_eq!(
        cancelled.location(),
        format!("{edit_path}?done=unscheduled")
    );
    assert!(editor.get(&edit_path).await.body.contains("status-draft"));

    editor.publish(&edit_path).await;
    let refused = editor.press(&edit_path, "unpublish", &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let retracted = editor
        .press(
            &edit_path,
            "unpublish",
            &[("retraction_note", "A cited photo was doctored.")],
        )
        .await;
    assert_eq!(retracted.location(), format!("{edit_path}?done=retracted"));
    let page = editor.get(&format!("/fact-checks/{SLUG}")).await;
    assert_eq!(
        page.status,
        StatusCode::OK,
        "a retracted URL keeps answering"
    );
    assert!(page.body.contains("A cited photo was doctored."));
}

#[tokio::test]
async fn two_editors_saving_the_same_version_lose_nothing() {
    let (editor, _) = newsroom().await;
    editor.add_account(SECOND_EDITOR.0, "Eve Editor", SECOND_EDITOR.1, Role::Editor);
    let mut second = editor.another_browser();
    second.sign_in(SECOND_EDITOR.0, SECOND_EDITOR.1).await;
    let edit_path = editor.create_draft(&moon_fact_check()).await;

    // Both open version 1.
    let mine = with(
        &moon_fact_check(),
        "summary",
        "Mine: terrain explains the shadows.",
    );
    let theirs = with(
        &moon_fact_check(),
        "headline",
        "Theirs: lunar shadows are not evidence of a studio",
    );
    assert_eq!(
        editor.save(&edit_path, 1, &mine).await.status,
        StatusCode::SEE_OTHER
    );
    let refused = second.save(&edit_path, 1, &theirs).await;

    assert_eq!(refused.status, StatusCode::CONFLICT);
    // What the second editor typed is all there, and so is what changed under them.
    assert!(
        refused
            .body
            .contains("value=\"Theirs: lunar shadows are not evidence of a studio\"")
    );
    let conflict =
        &refused.body[refused.position_of("id=\"conflict\"")..refused.position_of("</table>")];
    assert!(conflict.contains("Summary"), "{conflict}");
    assert!(
        conflict.contains("Mine: terrain explains the shadows."),
        "{conflict}"
    );
    // The first save stands; the second can now save deliberately, on top of version 2.
    assert!(
        editor
            .get(&edit_path)
            .await
            .body
            .contains("Mine: terrain explains the shadows.")
    );
    let merged = with(&theirs, "summary", "Mine: terrain explains the shadows.");
    assert_eq!(
        second.save(&edit_path, 2, &merged).await.status,
        StatusCode::SEE_OTHER
    );
    let history = editor.get(&format!("{edit_path}/revisions")).await;
    assert_eq!(
        history.body.matches("Draft save").count(),
        3,
        "every acknowledged save is a revision"
    );
}

#[tokio::test]
async fn an_editor_publishes_only_the_version_they_reviewed() {
    let (editor, writer) = newsroom().await;
    let edit_path = writer.create_draft(&moon_fact_check()).await;
    let reviewed = editor.get(&edit_path).await;
    assert!(reviewed.body.contains("name=\"version\" value=\"1\""));

    // The writer saves again after the editor opened it for review.
    let later = with(&moon_fact_check(), "summary", "Changed after review.");
    assert_eq!(
        writer.save(&edit_path, 1, &later).await.status,
        StatusCode::SEE_OTHER
    );

    let stale = editor
        .press(&edit_path, "publish", &[("version", "1")])
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(
        editor.get(&format!("/fact-checks/{SLUG}")).await.status,
        StatusCode::NOT_FOUND
    );
    let fresh = editor
        .press(&edit_path, "publish", &[("version", "2")])
        .await;
    assert_eq!(fresh.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_retraction_is_permanent() {
    let (editor, _) = newsroom().await;
    let edit_path = editor.create_draft(&moon_fact_check()).await;
    editor.publish(&edit_path).await;
    editor
        .press(
            &edit_path,
            "unpublish",
            &[("retraction_note", "Wrong photos.")],
        )
        .await;

    let again = editor.publish(&edit_path).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        again
            .body
            .contains("A retracted fact-check stays retracted")
    );
    assert!(
        editor
            .get(&format!("/fact-checks/{SLUG}"))
            .await
            .body
            .contains("Wrong photos.")
    );
}

#[tokio::test]
async fn a_scheduled_check_is_not_yet_public_so_its_edits_need_no_note() {
    let (editor, _) = newsroom().await;
    let edit_path = editor.create_draft(&moon_fact_check()).await;
    let later = (chrono::Utc::now() + chrono::Duration::days(1))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    editor
        .press(&edit_path, "publish", &[("publish_at", &later)])
        .await;

    let far = editor
        .press(
            &edit_path,
            "publish",
            &[("publish_at", "+10000-01-01T00:00")],
        )
        .await;
    assert_eq!(far.status, StatusCode::UNPROCESSABLE_ENTITY);
    let form = editor.get(&edit_path).await;
    assert!(!form.body.contains("name=\"change_kind\""));
    let new_rating = with(&moon_fact_check(), "rating", "mostly-false");
    assert_eq!(
        editor.save(&edit_path, 1, &new_rating).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(editor.count("corrections"), 0);
}

#[tokio::test]
async fn the_database_refuses_a_writers_save_once_the_draft_has_moved_on() {
    let (editor, writer) = newsroom().await;
    let edit_path = writer.create_draft(&moon_fact_check()).await;
    editor.publish(&edit_path).await;

    // The handler's check could have raced with the publish; the save itself checks again.
    let id = factdesk::domain::FactCheckId(edit_path.rsplit('/').next().unwrap().parse().unwrap());
    let wes = factdesk::domain::SignedIn {
        user_id: factdesk::domain::UserId(2),
        name: "Wes Writer".into(),
        email: WRITER.0.into(),
        role: Role::Writer,
        csrf_token: String::new(),
    };
    let draft = factdesk::domain::FactCheckDraft::try_from(&factdesk::domain::FactCheckInput {
        headline: "Sneaky edit".into(),
        rating: "false".into(),
        summary: "s".into(),
        body: "b".into(),
        claim_text: "c".into(),
        claimant: "d".into(),
        appearances: vec![factdesk::domain::AppearanceInput {
            url: "https://example.com/x".into(),
            platform: "X".into(),
            ..Default::default()
        }],
        ..Default::default()
    })
    .unwrap();
    let mark = factdesk::domain::ChangeMark::DRAFT;
    let refused = editor.db.write_blocking(|tx| {
        factdesk::db::fact_checks::update(
            tx,
            id,
            1,
            &draft,
            &mark,
            &wes,
            factdesk::domain::Moment::now(),
        )
    });
    assert!(matches!(
        refused,
        Err(factdesk::error::AppError::Forbidden(_))
    ));
}
