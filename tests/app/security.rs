//! Script injection, sanitized Markdown, forged forms and protective headers.

use crate::helpers::{TestApp, fields, moon_fact_check, with};
use reqwest::StatusCode;

const PAYLOAD: &str = "<script>alert('xss')</script>";

#[tokio::test]
async fn script_typed_into_any_text_field_comes_out_escaped_on_every_page() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let text_fields = [
        "headline",
        "summary",
        "body",
        "claim_text",
        "claimant",
        "appearance.0.platform",
        "appearance.0.reach",
        "source.0.outlet",
        "source.0.title",
        "source.0.authors",
        "source.0.note",
    ];
    let mut form = moon_fact_check();
    for field in text_fields {
        form = with(&form, field, &format!("{field} {PAYLOAD}"));
    }
    let edit_path = app.create_draft(&form).await;
    assert_eq!(app.publish(&edit_path).await.status, StatusCode::SEE_OTHER);
    let edit = app.get(&edit_path).await;
    let slug = {
        let marker = r#"name="slug" maxlength="100" value=""#;
        let start = edit.position_of(marker) + marker.len();
        edit.body[start..start + edit.body[start..].find('"').unwrap()].to_owned()
    };

    let pages = [
        app.get("/").await,
        app.get(&format!("/fact-checks/{slug}")).await,
        app.get("/tags/Space").await,
        app.get("/editor").await,
        edit,
    ];
    for page in &pages {
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            !page.body.contains("<script>alert"),
            "unescaped script on a page:\n{}",
            page.body
        );
    }
    // The text is still there, as text.
    let verdict = &pages[1];
    assert!(
        verdict
            .body
            .contains("claimant &#60;script&#62;alert(&#39;xss&#39;)&#60;/script&#62;"),
        "{}",
        verdict.body
    );

    // A 422 re-render shows the bad input escaped too.
    let page = app.submit_new(&with(&form, "rating", "")).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!page.body.contains("<script>alert"));
}

#[tokio::test]
async fn markdown_is_rendered_then_sanitized() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let body = "**Bold** and [a source](https://example.com/ok).\n\n\
                <script>alert(1)</script>\n\n\
                <img src=x onerror=\"alert(2)\">\n\n\
                [click me](javascript:alert(3))\n\n\
                <a href=\"javascript:alert(4)\">raw link</a> <iframe src=\"https://evil.example\"></iframe>";
    let edit_path = app
        .create_draft(&with(&moon_fact_check(), "body", body))
        .await;
    app.publish(&edit_path).await;

    let page = app
        .get("/fact-checks/apollo-photos-show-shadows-consistent-with-one-light-source-the-sun")
        .await;
    let start = page.position_of("<div class=\"explanation\">");
    let end = start + page.body[start..].find("</div>").unwrap();
    let explanation = &page.body[start..end];
    assert!(explanation.contains("<strong>Bold</strong>"));
    assert!(explanation.contains(
        r#"<a href="https://example.com/ok" rel="noopener noreferrer nofollow">a source</a>"#
    ));
    for forbidden in ["<script", "onerror", "javascript:", "<iframe"] {
        assert!(
            !explanation.contains(forbidden),
            "{forbidden} survived:\n{explanation}"
        );
    }
}

#[tokio::test]
async fn forms_without_this_sessions_token_are_refused() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    let before = app.content_counts();

    let missing = app
        .post_form("/editor/fact-checks", &moon_fact_check())
        .await;
    let forged = app
        .post_form(
            "/editor/fact-checks",
            &with(&moon_fact_check(), "csrf", "0000"),
        )
        .await;
    let publish = app
        .post_form(
            &format!("{edit_path}/publish"),
            &fields(&[("csrf", "nope")]),
        )
        .await;
    let logout = app.post_form("/editor/logout", &[]).await;

    for page in [&missing, &forged, &publish, &logout] {
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert!(
            page.body
                .contains("This form has expired or did not come from this site.")
        );
    }
    assert_eq!(app.content_counts(), before);
    assert_eq!(app.count("sessions"), 1, "a forged logout ends nothing");
}

#[tokio::test]
async fn a_post_from_another_site_is_refused_even_with_a_token() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let csrf = app.csrf().await;
    let body = format!("csrf={csrf}").into_bytes();

    let page = app
        .post_raw(
            "/editor/logout",
            body,
            &[("origin", "https://evil.example")],
        )
        .await;

    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("sessions"), 1);
}

#[tokio::test]
async fn every_page_carries_protective_headers() {
    let mut app = TestApp::spawn_with_demo().await;
    for path in [
        "/",
        "/fact-checks/russia-remains-aligned-with-iran",
        "/no-such-page",
        "/editor/login",
    ] {
        let page = app.get(path).await;
        let csp = page
            .headers
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap();
        assert!(
            csp.contains("default-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(
            page.headers.get("x-content-type-options").unwrap(),
            "nosniff"
        );
        let scripts = page.body.matches("<script").count();
        let data_blocks = page
            .body
            .matches("<script type=\"application/ld+json\">")
            .count();
        // The verdict page's "Copy link" and every page's relative dates are our own
        // files, which the CSP allows.
        let own_files = ["share.js", "time.js"]
            .iter()
            .map(|file| {
                page.body
                    .matches(&format!("<script src=\"/static/{file}\" defer>"))
                    .count()
            })
            .sum::<usize>();
        assert_eq!(
            scripts,
            data_blocks + own_files,
            "{path}: no inline or foreign script, only JSON-LD data and our own files"
        );
    }
    app.sign_in(factdesk::demo::DEMO_EMAIL, "wrong password here")
        .await;
    let login = app.get("/editor/login").await;
    assert_eq!(
        login.headers.get("cache-control").unwrap(),
        "private, no-store"
    );
}
