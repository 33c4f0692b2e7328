//! Sign-in hardening: throttling, idle sessions, disabled accounts, strong passwords,
//! the audit log and protective headers.

use crate::helpers::{
    EDITOR_EMAIL, EDITOR_PASSWORD, TestApp, WRITER_EMAIL, WRITER_PASSWORD, fields,
};
use reqwest::StatusCode;
use std::net::IpAddr;

#[tokio::test]
async fn the_sixth_wrong_password_is_throttled_but_not_for_another_address() {
    let mut app = TestApp::spawn().await;
    for attempt in 1..=5 {
        let page = app.sign_in(EDITOR_EMAIL, "wrong guess number one").await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "attempt {attempt}"
        );
    }

    let sixth = app.sign_in(EDITOR_EMAIL, EDITOR_PASSWORD).await;
    assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        sixth.body.contains("Try again in 15 minutes."),
        "{}",
        sixth.body
    );
    let retry_after: i64 = sixth.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((840..=900).contains(&retry_after));

    let mut elsewhere = app.browser_from(IpAddr::from([127, 0, 0, 2]));
    let page = elsewhere.sign_in(EDITOR_EMAIL, EDITOR_PASSWORD).await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "another address is not locked out"
    );
    assert_eq!(app.count("login_attempts"), 6, "every attempt is recorded");
}

#[tokio::test]
async fn an_idle_session_ends_and_a_new_sign_in_gets_a_new_id() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let first: String = app
        .db
        .read(|c| Ok(c.query_row("SELECT token_hash FROM sessions", [], |r| r.get(0))?))
        .unwrap();

    app.sql("UPDATE sessions SET last_seen_at = '2020-01-01T00:00:00Z'");
    let page = app.get("/editor").await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "idle for years: signed out"
    );

    app.sign_in_as_editor().await;
    let ids: Vec<String> = app
        .db
        .read(|c| {
            let mut stmt = c.prepare("SELECT token_hash FROM sessions")?;
            Ok(stmt
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?)
        })
        .unwrap();
    assert_eq!(ids.len(), 1, "the idle session was cleared away");
    assert_ne!(ids[0], first);
}

#[tokio::test]
async fn disabling_an_account_ends_its_sessions_at_once() {
    let mut admin = TestApp::spawn().await;
    admin.add_writer();
    admin.sign_in_as_editor().await;
    let mut writer = admin.another_browser();
    writer.sign_in(WRITER_EMAIL, WRITER_PASSWORD).await;
    assert_eq!(writer.get("/editor").await.status, StatusCode::OK);

    let users = admin.get("/editor/users").await;
    let id = {
        let marker = "action=\"/editor/users/";
        let rows: Vec<&str> = users
            .body
            .match_indices(marker)
            .map(|(i, _)| &users.body[i + marker.len()..])
            .collect();
        let row = rows.iter().find(|r| r.starts_with('2')).unwrap();
        // Each change has its own address after the id ("2/role"): the id is the digits.
        row[..row.find(|c: char| !c.is_ascii_digit()).unwrap()].to_owned()
    };
    let csrf = users.csrf();
    let disabled = admin
        .post_form(
            &format!("/editor/users/{id}"),
            &fields(&[("csrf", &csrf), ("action", "disable")]),
        )
        .await;
    assert_eq!(disabled.status, StatusCode::SEE_OTHER);

    assert_eq!(writer.get("/editor").await.status, StatusCode::SEE_OTHER);
    let again = writer.sign_in(WRITER_EMAIL, WRITER_PASSWORD).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The last admin cannot lock the newsroom out.
    let myself = admin
        .post_form(
            "/editor/users/1",
            &fields(&[("csrf", &csrf), ("action", "disable")]),
        )
        .await;
    assert_eq!(myself.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(myself.body.contains("only enabled admin"));
}

#[tokio::test]
async fn admins_create_accounts_with_strong_passwords_only() {
    let mut admin = TestApp::spawn().await;
    admin.sign_in_as_editor().await;
    let csrf = admin.csrf().await;
    let weak = fields(&[
        ("csrf", &csrf),
        ("name", "Kim Lee"),
        ("email", "kim@newsroom.example"),
        ("role", "writer"),
        ("password", "password1234"),
    ]);
    let page = admin.post_form("/editor/users", &weak).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("This password is too easy to guess."));
    assert!(
        page.body.contains("value=\"kim@newsroom.example\""),
        "input kept"
    );

    let generated = fields(&[
        ("csrf", &csrf),
        ("name", "Kim Lee"),
        ("email", "kim@newsroom.example"),
        ("role", "writer"),
        ("password", ""),
    ]);
    let page = admin.post_form("/editor/users", &generated).await;
    assert_eq!(page.status, StatusCode::CREATED);
    let marker = "<code class=\"secret\">";
    let start = page.position_of(marker) + marker.len();
    let password = page.body[start..start + page.body[start..].find('<').unwrap()].to_owned();
    let mut kim = admin.another_browser();
    assert_eq!(
        kim.sign_in("kim@newsroom.example", &password).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        kim.get("/editor/users").await.status,
        StatusCode::FORBIDDEN,
        "writers manage no accounts"
    );
}

#[tokio::test]
async fn the_audit_log_records_who_did_what() {
    let mut admin = TestApp::spawn().await;
    admin.sign_in_as_editor().await;
    let edit_path = admin.create_draft(&crate::helpers::moon_fact_check()).await;
    admin.publish(&edit_path).await;
    admin
        .press(
            &edit_path,
            "unpublish",
            &[("retraction_note", "Wrong photos.")],
        )
        .await;

    let log = admin.get("/editor/audit").await;
    assert_eq!(log.status, StatusCode::OK);
    for action in ["sign_in", "publish", "retract"] {
        assert!(
            log.body.contains(&format!("<td>{action}</td>")),
            "{action} missing"
        );
    }
    assert!(
        log.body
            .contains("Erin Editor &#60;ed@newsroom.example&#62;")
    );
}

#[tokio::test]
async fn the_audit_log_still_shows_an_entry_a_newer_version_wrote() {
    let mut admin = TestApp::spawn().await;
    admin.sign_in_as_editor().await;
    admin
        .db
        .write_blocking(|tx| {
            tx.execute(
                "INSERT INTO audit_log (at, actor_id, action, subject, detail)
                 VALUES ('2026-12-01T09:00:00Z', NULL, 'image_added', 'Moon photo', '')",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    let log = admin.get("/editor/audit").await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(log.body.contains("<td>image_added</td>"), "{}", log.body);
}

#[tokio::test]
async fn https_responses_carry_hsts_and_secure_cookies() {
    let app = TestApp::spawn().await;
    let plain = app.get("/").await;
    assert!(plain.headers.get("strict-transport-security").is_none());

    let body = format!(
        "email={EDITOR_EMAIL}&password={}",
        EDITOR_PASSWORD.replace(' ', "+")
    )
    .into_bytes();
    let page = app
        .post_raw("/editor/login", body, &[("x-forwarded-proto", "https")])
        .await;
    assert!(
        page.headers["strict-transport-security"]
            .to_str()
            .unwrap()
            .starts_with("max-age=")
    );
    assert!(
        page.headers["set-cookie"]
            .to_str()
            .unwrap()
            .contains("; Secure")
    );
}

#[tokio::test]
async fn framework_refusals_get_styled_pages_and_control_characters_never_redirect() {
    let mut app = TestApp::spawn().await;
    let wrong_method = app.get("/editor/logout").await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(wrong_method.body.contains("/static/site.css"));

    let body = format!(
        "email={EDITOR_EMAIL}&password={}&next=%2Feditor%0Ax",
        EDITOR_PASSWORD.replace(' ', "+")
    )
    .into_bytes();
    let page = app.post_raw("/editor/login", body, &[]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/editor");
    app.sign_in_as_editor().await;
}

#[tokio::test]
async fn parallel_guesses_cannot_outrun_the_throttle() {
    let app = TestApp::spawn().await;
    let mut guesses = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let mut browser = app.another_browser();
        guesses.spawn(async move {
            browser
                .sign_in(EDITOR_EMAIL, "parallel wrong guess")
                .await
                .status
        });
    }
    let mut checked = 0;
    while let Some(status) = guesses.join_next().await {
        match status.unwrap() {
            StatusCode::UNPROCESSABLE_ENTITY => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(checked, 5, "only five guesses are ever checked");
}
