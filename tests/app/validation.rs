//! Bad input: every mistake is answered with 422, a message beside its field, the input
//! kept, and nothing saved.

use crate::helpers::{TestApp, fields, moon_fact_check, with};
use reqwest::StatusCode;

/// (field to change, value typed, message expected, why)
const CASES: &[(&str, &str, &str, &str)] = &[
    (
        "headline",
        "   ",
        "Headline is required.",
        "headline missing",
    ),
    (
        "headline",
        "Fact Check:",
        "Headline is required.",
        "only the prefix",
    ),
    ("rating", "", "Choose a rating.", "rating missing"),
    (
        "rating",
        "pants-on-fire",
        "Choose one of the ratings listed.",
        "rating not on the scale",
    ),
    ("summary", "", "Summary is required.", "summary missing"),
    (
        "body",
        "",
        "Explanation is required.",
        "explanation missing",
    ),
    ("claim_text", "", "Claim is required.", "claim missing"),
    ("claimant", "", "Claimant is required.", "claimant missing"),
    (
        "claim_date",
        "2025-02-30",
        "Claim date must be a real date written as YYYY-MM-DD.",
        "impossible date",
    ),
    (
        "claim_date",
        "June 5",
        "Claim date must be a real date written as YYYY-MM-DD.",
        "date in words",
    ),
    (
        "slug",
        "Not A Slug",
        "Slug may contain only lowercase letters",
        "slug with spaces",
    ),
    (
        "tags",
        "two words!",
        "may contain only letters, digits",
        "tag with punctuation",
    ),
    (
        "tags",
        "¿Qué?",
        "may contain only letters, digits",
        "tag with Spanish question marks",
    ),
    (
        "appearance.0.url",
        "javascript:alert(1)",
        "Link must be a web address starting with http:// or https://.",
        "script link",
    ),
    (
        "appearance.0.url",
        "example.com/post",
        "Link must be a full web address starting with https://.",
        "link without scheme",
    ),
    (
        "appearance.0.platform",
        "",
        "Platform or outlet is required.",
        "appearance without platform",
    ),
    (
        "appearance.0.archived_url",
        "ftp://archive.example/x",
        "Archived link must be a web address",
        "archive on ftp",
    ),
    (
        "source.0.outlet",
        "",
        "Outlet is required.",
        "source without outlet",
    ),
    (
        "source.1.title",
        "",
        "Title is required.",
        "source without title",
    ),
    (
        "source.0.date",
        "yesterday",
        "Publication date must be a real date",
        "source date in words",
    ),
    (
        "source.1.url",
        "data:text/html,hi",
        "Link must be a web address",
        "data link",
    ),
    (
        "source.0.position",
        "0",
        "Position must be a whole number from 1 to 40.",
        "position zero",
    ),
    (
        "claimant",
        "Someone\nElse",
        "Claimant must be a single line.",
        "multi-line claimant",
    ),
];

#[tokio::test]
async fn each_bad_field_is_refused_with_a_message_beside_it_and_nothing_is_saved() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let before = app.content_counts();

    for (field, value, message, why) in CASES {
        let form = with(&moon_fact_check(), field, value);
        let page = app.submit_new(&form).await;

        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{why}");
        assert!(
            page.body.contains(message),
            "{why}: no message {message:?} in\n{}",
            page.body
        );
        assert!(
            page.body.contains("class=\"field-error\""),
            "{why}: message not beside a field"
        );
        // Everything else typed is still in the form.
        let untouched = if *field == "claim_text" {
            "Apollo 11 image library"
        } else {
            "Shadows in Apollo photos prove the landing was staged."
        };
        assert!(page.body.contains(untouched), "{why}: input lost");
        assert_eq!(app.content_counts(), before, "{why}: something was saved");
    }
}

#[tokio::test]
async fn overlong_values_are_refused_with_their_limit() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let cases = [
        ("headline", 161, "Headline must be at most 160 characters"),
        ("summary", 601, "Summary must be at most 600 characters"),
        ("claim_text", 501, "Claim must be at most 500 characters"),
        (
            "source.0.title",
            301,
            "Title must be at most 300 characters",
        ),
    ];
    for (field, length, message) in cases {
        let page = app
            .submit_new(&with(&moon_fact_check(), field, &"é".repeat(length)))
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(page.body.contains(message), "{field}");
    }
    assert_eq!(app.count("fact_checks"), 0);
}

#[tokio::test]
async fn a_pasted_wall_of_tags_is_refused_at_once() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    // 36,000 different tags fit under the body limit; checking each against all the
    // others used to hold a server thread for half a minute (debug build).
    let wall: Vec<String> = (0..36_000).map(|n| format!("t{n}")).collect();
    let started = std::time::Instant::now();
    let page = app
        .submit_new(&with(&moon_fact_check(), "tags", &wall.join(" ")))
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Use at most 10 tags."));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn markdown_nested_thousands_deep_is_refused_at_once() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    // Rendering 50 KB of nested lists or quotes took the HTML sanitizer seconds of a
    // server thread (minutes in a debug build).
    let started = std::time::Instant::now();
    let page = app
        .submit_new(&with(&moon_fact_check(), "body", &"1. ".repeat(16_000)))
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("more than 32 levels deep"),
        "{}",
        page.body
    );

    let csrf = app.csrf().await;
    let policy = fields(&[("csrf", &csrf), ("corrections_policy", &"> ".repeat(2_400))]);
    let page = app.post_form("/editor/settings", &policy).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("more than 32 levels deep"));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(app.count("fact_checks"), 0);
}

#[tokio::test]
async fn a_fact_check_needs_somewhere_the_claim_appeared() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let form: Vec<_> = moon_fact_check()
        .into_iter()
        .filter(|(k, _)| !k.starts_with("appearance."))
        .collect();
    let page = app.submit_new(&form).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("Add at least one place where the claim appeared")
    );
}

#[tokio::test]
async fn a_slug_already_in_use_is_refused_but_a_made_up_one_is_made_unique() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let form = with(&moon_fact_check(), "slug", "moon-shadows");
    app.create_draft(&form).await;

    let taken = app.submit_new(&form).await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        taken
            .body
            .contains("The slug &#34;moon-shadows&#34; is already used by another fact-check")
            || taken.body.contains(
                "The slug &quot;moon-shadows&quot; is already used by another fact-check"
            ),
        "{}",
        taken.body
    );
    assert_eq!(app.count("fact_checks"), 1);

    // Without a slug, the headline makes one, with a suffix when needed.
    app.create_draft(&moon_fact_check()).await;
    let second = app.create_draft(&moon_fact_check()).await;
    let edit = app.get(&second).await;
    assert!(edit.body.contains(
        "value=\"apollo-photos-show-shadows-consistent-with-one-light-source-the-sun-2\""
    ));
}

#[tokio::test]
async fn broken_ids_and_versions_are_client_errors_not_crashes() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let csrf = app.csrf().await;
    for path in [
        "/editor/fact-checks/abc",
        "/editor/fact-checks/99999999999999999999999",
        "/editor/fact-checks/42",
    ] {
        assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    let edit_path = app.create_draft(&moon_fact_check()).await;
    let no_version = with(&moon_fact_check(), "csrf", &csrf);
    assert_eq!(
        app.post_form(&edit_path, &no_version).await.status,
        StatusCode::BAD_REQUEST
    );
    let body = vec![0xff, 0xfe, b'=', 0x00];
    let page = app.post_raw("/editor/fact-checks", body, &[]).await;
    assert_eq!(
        page.status,
        StatusCode::FORBIDDEN,
        "garbage has no CSRF token"
    );
    let huge = vec![b'a'; 300 * 1024];
    let page = app.post_raw("/editor/fact-checks", huge, &[]).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
}
