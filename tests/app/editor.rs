//! What an editor does: sign in, write a fact-check with its sources, publish it.

use crate::helpers::{EDITOR_EMAIL, TestApp, fields, moon_fact_check, with};
use reqwest::StatusCode;

#[tokio::test]
async fn editor_pages_send_you_to_sign_in_and_back() {
    let mut app = TestApp::spawn().await;

    let page = app.get("/editor/fact-checks/new").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.location(),
        "/editor/login?next=%2Feditor%2Ffact-checks%2Fnew"
    );

    let dashboard = app.get("/editor").await;
    assert_eq!(dashboard.status, StatusCode::SEE_OTHER);
    assert!(dashboard.location().starts_with("/editor/login"));

    let login = app
        .get(&format!("/{}", page.location().trim_start_matches('/')))
        .await;
    assert!(
        login
            .body
            .contains(r#"name="next" value="/editor/fact-checks/new""#)
    );
    let signed_in = app
        .post_form(
            "/editor/login",
            &fields(&[
                ("email", EDITOR_EMAIL),
                ("password", crate::helpers::EDITOR_PASSWORD),
                ("next", "/editor/fact-checks/new"),
            ]),
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.location(), "/editor/fact-checks/new");
    let cookie = signed_in
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    app.sign_in_as_editor().await;
    assert_eq!(app.get("/editor").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_generic_refusal() {
    let mut app = TestApp::spawn().await;

    let wrong_password = app.sign_in(EDITOR_EMAIL, "not the password at all").await;
    let unknown_email = app
        .sign_in("nobody@newsroom.example", "not the password at all")
        .await;

    for page in [&wrong_password, &unknown_email] {
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            page.body
                .contains("That email and password do not match an editor account.")
        );
        assert!(page.headers.get("set-cookie").is_none());
    }
    // What was typed stays, except the password.
    assert!(
        unknown_email
            .body
            .contains(r#"value="nobody@newsroom.example""#)
    );
    assert!(!unknown_email.body.contains("not the password at all"));
    assert_eq!(app.get("/editor").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let csrf = app.csrf().await;

    let out = app
        .post_form("/editor/logout", &fields(&[("csrf", &csrf)]))
        .await;

    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("sessions"), 0);
    assert_eq!(app.get("/editor").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_new_fact_check_with_two_sources_goes_public_when_published() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;

    let edit_path = app.create_draft(&moon_fact_check()).await;

    // A draft: on the dashboard, but nowhere for readers.
    let slug = "apollo-photos-show-shadows-consistent-with-one-light-source-the-sun";
    let dashboard = app.get("/editor?status=draft").await;
    assert!(dashboard.body.contains("Apollo photos show shadows"));
    assert!(dashboard.body.contains("status-draft"));
    assert_eq!(
        app.get(&format!("/fact-checks/{slug}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!app.get("/").await.body.contains(slug));
    assert_eq!(app.get("/tags/Space").await.status, StatusCode::NOT_FOUND);

    let published = app.publish(&edit_path).await;
    assert_eq!(published.status, StatusCode::SEE_OTHER);
    assert_eq!(published.location(), format!("{edit_path}?done=published"));

    let page = app.get(&format!("/fact-checks/{slug}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("By <a href=\"/authors/erin-editor\" rel=\"author\">Erin Editor</a>")
    );
    assert!(
        page.body
            .contains("<cite>NASA. <a href=\"https://example.com/nasa/apollo-11\"")
    );
    assert!(page.body.contains("<cite>Science Desk. Why shadows look wrong in lunar photos. <time datetime=\"2025-06-11\">11 June 2025</time>, Jane Roe.</cite>"));
    assert!(page.body.contains("1.2 million views"));
    assert!(page.body.contains("<em>they do not</em>"));
    assert!(
        app.get("/")
            .await
            .body
            .contains(&format!("/fact-checks/{slug}"))
    );
    assert!(
        app.get("/tags/MoonLanding")
            .await
            .body
            .contains(&format!("/fact-checks/{slug}"))
    );

    // Taking it down is a retraction: the page stays, with the note, off the listings.
    let refused = app.press(&edit_path, "unpublish", &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("say publicly why it is being retracted")
    );
    let retracted = app
        .press(
            &edit_path,
            "unpublish",
            &[("retraction_note", "The photos we cited were mislabelled.")],
        )
        .await;
    assert_eq!(retracted.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/fact-checks/{slug}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("This fact-check was retracted on"));
    assert!(page.body.contains("The photos we cited were mislabelled."));
    assert!(!page.body.contains("<div class=\"explanation\">"));
    assert!(!app.get("/").await.body.contains(slug));
}

#[tokio::test]
async fn a_fact_check_without_sources_cannot_be_published() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let form: Vec<_> = moon_fact_check()
        .into_iter()
        .filter(|(k, _)| !k.starts_with("source."))
        .collect();
    let edit_path = app.create_draft(&form).await;

    let page = app.publish(&edit_path).await;

    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("Add at least one source before publishing")
    );
    assert!(
        app.get("/")
            .await
            .body
            .contains("No fact-checks have been published yet.")
    );
}

#[tokio::test]
async fn sources_are_edited_reordered_and_removed_from_the_edit_page() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    let edit = app.get(&edit_path).await;
    assert!(edit.body.contains(
        r#"name="source.1.title" maxlength="300" value="Why shadows look wrong in lunar photos""#
    ));

    // Science Desk moves to the top, NASA is removed, a third source is added.
    let version = "1";
    let mut form = moon_fact_check();
    form = with(&form, "source.0.position", "2");
    form = with(&form, "source.1.position", "1");
    form = with(&form, "source.1.title", "Why lunar shadows look wrong");
    form = with(&form, "source.0.remove", "on");
    form = with(&form, "source.2.outlet", "Archive Weekly");
    form = with(&form, "source.2.title", "The shadow myth");
    form = with(&form, "source.2.position", "3");
    form = with(&form, "version", version);
    form = with(&form, "csrf", &edit.csrf());
    let saved = app.post_form(&edit_path, &form).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    app.publish(&edit_path).await;
    let page = app
        .get("/fact-checks/apollo-photos-show-shadows-consistent-with-one-light-source-the-sun")
        .await;
    assert!(!page.body.contains("<cite>NASA."));
    let first = page.position_of("<cite>Science Desk. Why lunar shadows look wrong.");
    let second = page.position_of("<cite>Archive Weekly. The shadow myth.</cite>");
    assert!(first < second);
    assert_eq!(app.count("sources"), 2);
}

#[tokio::test]
async fn a_stale_save_is_refused_and_keeps_what_the_editor_typed() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    let csrf = app.csrf().await;

    // Two editors open version 1; the first saves.
    let first = with(
        &with(
            &with(&moon_fact_check(), "summary", "First editor's summary."),
            "version",
            "1",
        ),
        "csrf",
        &csrf,
    );
    assert_eq!(
        app.post_form(&edit_path, &first).await.status,
        StatusCode::SEE_OTHER
    );

    // The second saves on top of the version they opened.
    let second = with(
        &with(
            &with(&moon_fact_check(), "summary", "Second editor's summary."),
            "version",
            "1",
        ),
        "csrf",
        &csrf,
    );
    let refused = app.post_form(&edit_path, &second).await;

    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(
        refused
            .body
            .contains("Someone else saved this fact-check while you were editing it.")
    );
    assert!(
        refused.body.contains("Second editor&#39;s summary."),
        "typed text is kept"
    );
    assert!(refused.body.contains(r#"name="version" value="2""#));
    let saved = app.get(&edit_path).await;
    assert!(
        saved.body.contains("First editor&#39;s summary."),
        "the first save survives"
    );
}

#[tokio::test]
async fn a_draft_is_invisible_to_readers_but_listed_for_editors() {
    let mut app = TestApp::spawn_with_demo().await;
    let draft_slug = "israeli-attacks-in-three-waves-after-truce-unverified";
    assert_eq!(
        app.get(&format!("/fact-checks/{draft_slug}")).await.status,
        StatusCode::NOT_FOUND
    );

    let password = app_demo_password(&app);
    let page = app.sign_in(factdesk::demo::DEMO_EMAIL, &password).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let drafts = app.get("/editor?status=draft").await;
    drafts.position_of("three waves");
    assert!(
        !drafts.body.contains("status-published"),
        "the drafts view lists drafts only"
    );
}

/// The demo editor's password is printed once; tests reset it to a known one instead.
fn app_demo_password(app: &TestApp) -> String {
    let password = "demo password for tests".to_owned();
    let hash = factdesk::domain::Password::parse(&password)
        .unwrap()
        .hash()
        .unwrap();
    app.db
        .write_blocking(|tx| {
            tx.execute(
                "UPDATE users SET password_hash = ?1 WHERE email = ?2",
                (&hash, factdesk::demo::DEMO_EMAIL),
            )?;
            Ok(())
        })
        .unwrap();
    password
}
