//! Account changes, each at its own address, and typed query strings refusing bad values
//! with our own pages rather than axum's plain text.

use crate::helpers::{TestApp, WRITER_EMAIL, WRITER_PASSWORD, fields};
use reqwest::StatusCode;

/// A signed-in admin, a writer account beside it, and the writer's id.
async fn admin_with_writer() -> (TestApp, String) {
    let mut admin = TestApp::spawn().await;
    admin.add_writer();
    admin.sign_in_as_editor().await;
    let id = admin.account_id(WRITER_EMAIL);
    (admin, id.to_string())
}

#[tokio::test]
async fn the_accounts_page_sends_each_change_to_its_own_address() {
    let (admin, id) = admin_with_writer().await;
    let page = admin.get("/editor/users").await;
    for action in ["role", "disable", "password"] {
        let address = format!("/editor/users/{id}/{action}\"");
        assert!(page.body.contains(&address), "{address}");
    }
    assert!(
        !page.body.contains("name=\"action\""),
        "no action field left"
    );
}

#[tokio::test]
async fn an_admin_changes_a_role_at_its_own_address() {
    let (admin, id) = admin_with_writer().await;
    let csrf = admin.csrf().await;
    let path = format!("/editor/users/{id}/role");
    let changed = admin
        .post_form(&path, &fields(&[("csrf", &csrf), ("role", "editor")]))
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER);
    assert_eq!(changed.location(), "/editor/users");
    let audit = admin.get("/editor/audit").await;
    assert!(audit.body.contains("role_changed"));

    let refused = admin
        .post_form(&path, &fields(&[("csrf", &csrf), ("role", "boss")]))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn an_admin_disables_and_enables_an_account_at_their_own_addresses() {
    let (admin, id) = admin_with_writer().await;
    let csrf = admin.csrf().await;
    let disabled = admin
        .post_form(
            &format!("/editor/users/{id}/disable"),
            &fields(&[("csrf", &csrf)]),
        )
        .await;
    assert_eq!(disabled.status, StatusCode::SEE_OTHER);
    let mut writer = admin.another_browser();
    let refused = writer.sign_in(WRITER_EMAIL, WRITER_PASSWORD).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);

    let enabled = admin
        .post_form(
            &format!("/editor/users/{id}/enable"),
            &fields(&[("csrf", &csrf)]),
        )
        .await;
    assert_eq!(enabled.status, StatusCode::SEE_OTHER);
    let again = writer.sign_in(WRITER_EMAIL, WRITER_PASSWORD).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_reset_password_is_shown_once_on_the_page() {
    let (admin, id) = admin_with_writer().await;
    let csrf = admin.csrf().await;
    let page = admin
        .post_form(
            &format!("/editor/users/{id}/password"),
            &fields(&[("csrf", &csrf)]),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<code class=\"secret\">"));
    assert!(page.body.contains(WRITER_EMAIL));
}

#[tokio::test]
async fn account_changes_need_an_admin_and_the_form_token() {
    let (admin, id) = admin_with_writer().await;
    let csrf = admin.csrf().await;
    for action in ["role", "disable", "enable", "password"] {
        let path = format!("/editor/users/{id}/{action}");
        let forged = admin
            .post_form(&path, &fields(&[("csrf", "forged"), ("role", "admin")]))
            .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "{action}");
        assert!(forged.body.contains("This form has expired"), "{action}");

        let mut writer = admin.another_browser();
        writer.sign_in(WRITER_EMAIL, WRITER_PASSWORD).await;
        let writer_csrf = writer.csrf().await;
        let refused = writer
            .post_form(&path, &fields(&[("csrf", &writer_csrf), ("role", "admin")]))
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{action}");
        assert!(refused.body.contains("Only admins"), "{action}");

        let missing = admin
            .post_form(
                &format!("/editor/users/999999/{action}"),
                &fields(&[("csrf", &csrf)]),
            )
            .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND, "{action}");
    }
}

#[tokio::test]
async fn a_bad_query_value_answers_with_our_own_400() {
    let app = TestApp::spawn().await;
    for path in [
        "/?page=abc",
        "/corrections?page=0",
        "/search?q=moon&page=-1",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(
            page.body
                .contains("The page number must be a whole number from 1."),
            "{path}: {}",
            page.body
        );
        let kind = page.headers.get("content-type").unwrap().to_str().unwrap();
        assert!(kind.starts_with("text/html"), "{path}: {kind}");
    }
    let api = app.get("/api/v1/fact-checks?page=abc").await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST);
    let kind = api.headers.get("content-type").unwrap().to_str().unwrap();
    assert!(kind.starts_with("application/json"), "{kind}");
    assert!(
        api.body
            .contains("The page number must be a whole number from 1.")
    );
}

#[tokio::test]
async fn a_query_keeps_the_first_of_a_repeated_name() {
    let app = TestApp::spawn().await;
    let page = app.get("/?page=1&page=abc&unknown=x").await;
    assert_eq!(page.status, StatusCode::OK);
}
