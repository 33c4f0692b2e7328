//! Preview: an editor sees the reader page of what they typed before anything is saved, and
//! the explanation's Markdown as readers will see it while typing.

use crate::helpers::{Page, TestApp, WRITER_EMAIL, WRITER_PASSWORD, fields, moon_fact_check, with};
use reqwest::StatusCode;

const SLUG: &str = "apollo-photos-show-shadows-consistent-with-one-light-source-the-sun";

/// The `<article class="verdict">` element of a verdict page: the page itself, without the
/// site's frame and the preview's banner. Its `<time>` tags are left bare, as a preview
/// shows a draft as published at the instant it is previewed.
fn article(page: &Page) -> String {
    let start = page.position_of("<article class=\"verdict\"");
    let end = page.body[start..]
        .find("</article>")
        .expect("the article ends")
        + start
        + "</article>".len();
    let mut rest = &page.body[start..end];
    let mut article = String::new();
    while let Some(at) = rest.find("<time ") {
        article.push_str(&rest[..at]);
        article.push_str("<time>");
        let close = rest[at..].find('>').expect("the tag ends") + at + 1;
        rest = &rest[close..];
    }
    article.push_str(rest);
    article
}

impl TestApp {
    /// Presses Preview on the new form as typed.
    async fn preview_new(&self, form: &[(String, String)]) -> Page {
        let form = with(form, "csrf", &self.csrf().await);
        self.post_form("/editor/fact-checks/preview", &form).await
    }

    /// Presses Preview on the edit form of `edit_path`, opened at `version`.
    async fn preview_edit(&self, edit_path: &str, version: i64, form: &[(String, String)]) -> Page {
        let form = with(form, "version", &version.to_string());
        let form = with(&form, "csrf", &self.csrf().await);
        self.post_form(&format!("{edit_path}/preview"), &form).await
    }

    async fn markdown_preview(&self, body: &str) -> Page {
        let form = fields(&[("csrf", &self.csrf().await), ("body", body)]);
        self.post_form("/editor/markdown-preview", &form).await
    }

    /// What a preview could have left behind, were it kept.
    fn kept_rows(&self) -> Vec<i64> {
        [
            "fact_checks",
            "revisions",
            "sources",
            "capture_queue",
            "search_index",
            "audit_log",
            "corrections",
            "claimants",
        ]
        .map(|table| self.count(table))
        .to_vec()
    }
}

#[tokio::test]
async fn the_preview_of_a_new_draft_is_the_page_readers_get_once_it_is_published() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;

    let preview = app.preview_new(&moon_fact_check()).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert_eq!(app.count("fact_checks"), 0, "a preview creates nothing");

    let edit_path = app.create_draft(&moon_fact_check()).await;
    assert_eq!(app.publish(&edit_path).await.status, StatusCode::SEE_OTHER);
    let published = app.get(&format!("/fact-checks/{SLUG}")).await;
    assert_eq!(published.status, StatusCode::OK);

    assert_eq!(
        article(&preview),
        article(&published),
        "the same page, made by the same code"
    );
    assert!(article(&preview).contains("<em>they do not</em>"));
    assert!(preview.body.contains("Preview — not published"));
    assert!(
        preview
            .body
            .contains(r#"<meta name="robots" content="noindex">"#)
    );
    assert!(
        !preview.body.contains("application/ld+json"),
        "no ClaimReview"
    );
    assert!(!published.body.contains("Preview — not published"));
    assert!(!published.body.contains("noindex"));
    assert!(published.body.contains("application/ld+json"));
    let cache = preview.headers["cache-control"].to_str().unwrap();
    assert!(
        cache.contains("no-store"),
        "a preview is never kept: {cache}"
    );
}

#[tokio::test]
async fn previewing_an_edit_shows_it_and_keeps_nothing() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    let before = app.kept_rows();
    let typed = with(
        &with(
            &moon_fact_check(),
            "headline",
            "Lunar shadows fall as one Sun makes them",
        ),
        "source.2.url",
        "https://example.com/new-evidence",
    );
    let typed = with(&typed, "source.2.outlet", "Optics Weekly");
    let typed = with(&typed, "source.2.title", "How one light casts many shadows");
    let typed = with(&typed, "claimant", "A brand-new claimant");

    let preview = app.preview_edit(&edit_path, 1, &typed).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(article(&preview).contains("Lunar shadows fall as one Sun makes them"));
    assert!(article(&preview).contains("How one light casts many shadows"));
    assert!(article(&preview).contains("A brand-new claimant"));

    assert_eq!(app.kept_rows(), before, "no row kept, none removed");
    let form = app.get(&edit_path).await;
    assert_eq!(form.version(), 1, "still the version it was");
    assert!(form.body.contains("Apollo photos show shadows consistent"));
    assert_eq!(
        app.get(&format!("/fact-checks/{SLUG}")).await.status,
        StatusCode::NOT_FOUND
    );
    // The same typing saved for real does write: the preview ran the real save.
    assert_eq!(
        app.save(&edit_path, 1, &typed).await.status,
        StatusCode::SEE_OTHER
    );
    assert_ne!(app.kept_rows(), before);
}

#[tokio::test]
async fn an_invalid_preview_is_the_form_again_with_its_problems() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let typed = with(
        &with(&moon_fact_check(), "headline", ""),
        "summary",
        "Kept as typed.",
    );

    let page = app.preview_new(&typed).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("id=\"error-summary\""), "{}", page.body);
    assert!(page.body.contains("Kept as typed."));
    assert_eq!(app.count("fact_checks"), 0);

    let edit_path = app.create_draft(&moon_fact_check()).await;
    let page = app
        .preview_edit(&edit_path, 1, &with(&moon_fact_check(), "rating", ""))
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Choose a rating."));
}

#[tokio::test]
async fn a_writer_previews_only_their_own_drafts() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    app.add_writer();
    let edit_path = app.create_draft(&moon_fact_check()).await;
    let mut writer = app.another_browser();
    writer.sign_in(WRITER_EMAIL, WRITER_PASSWORD).await;

    let page = writer.preview_edit(&edit_path, 1, &moon_fact_check()).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let own = writer.preview_new(&moon_fact_check()).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);

    let signed_out = app.another_browser();
    let page = signed_out
        .post_form("/editor/fact-checks/preview", &moon_fact_check())
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "to the sign-in page");
}

#[tokio::test]
async fn the_live_markdown_preview_renders_as_the_page_does_and_strips_script() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;

    let page = app
        .markdown_preview(
            "Shadows **diverge** on uneven ground.\n\n<script>alert(1)</script>\n\n\
             <img src=x onerror=alert(2)> [a link](javascript:alert(3))",
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("<strong>diverge</strong>"),
        "{}",
        page.body
    );
    for trace in ["<script", "onerror", "javascript:"] {
        assert!(!page.body.contains(trace), "{trace} left in: {}", page.body);
    }

    let empty = app.markdown_preview("   ").await;
    assert_eq!((empty.status, empty.body.as_str()), (StatusCode::OK, ""));

    let long = app.markdown_preview(&"a".repeat(50_001)).await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(long.body.contains("at most 50000"), "{}", long.body);

    let huge = app.markdown_preview(&"a".repeat(300 * 1024)).await;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);

    let forged = app
        .post_form("/editor/markdown-preview", &fields(&[("body", "*hi*")]))
        .await;
    assert_eq!(
        forged.status,
        StatusCode::FORBIDDEN,
        "no CSRF token, no preview"
    );
}

#[tokio::test]
async fn readers_never_see_a_previewed_edit_of_a_published_fact_check() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    app.publish(&edit_path).await;
    let public = format!("/fact-checks/{SLUG}");
    let before = app.get(&public).await;
    let version = app.get(&edit_path).await.version();

    let typed = with(
        &moon_fact_check(),
        "summary",
        "A summary only the preview shows.",
    );
    let preview = app
        .preview_edit(&edit_path, version, &with(&typed, "change_kind", "minor"))
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(article(&preview).contains("A summary only the preview shows."));

    // Kept rendered or read afresh, the reader page is the published one.
    let after = app.get(&public).await;
    assert_eq!(after.body, before.body);
    let reader = app.another_browser();
    assert!(
        !reader
            .get(&public)
            .await
            .body
            .contains("only the preview shows")
    );
}
