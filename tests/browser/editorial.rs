//! The newsroom's day in a real browser: a writer drafts a fact-check with two sources and
//! sends it to review, an editor publishes it, and a reader finds it everywhere it belongs.

use crate::autofill::value_when_filled;
use crate::helpers::TestApp;
use crate::page::{
    assert_clean, fill, press_step, screenshot_path, sign_in, sign_in_as_editor, sign_out,
    watched_browser,
};
use crate::webdriver::{Browser, keys};
use factdesk::domain::Role;

const WRITER_EMAIL: &str = "wren@newsroom.example";
const WRITER_PASSWORD: &str = "another long enough password";
const HEADLINE: &str = "Apollo photos show shadows consistent with one light source, the Sun";

async fn status_label(browser: &Browser) -> String {
    browser
        .words(&browser.find(".page-head .status").await)
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fact_check_goes_from_a_writers_draft_to_every_page_a_reader_looks_at() {
    let app = TestApp::spawn().await;
    app.add_account(WRITER_EMAIL, "Wren Writer", WRITER_PASSWORD, Role::Writer);
    let browser = watched_browser().await;

    // The writer drafts it, with two sources, and sends it to review.
    sign_in(&browser, &app, WRITER_EMAIL, WRITER_PASSWORD).await;
    browser
        .click_through(&browser.find_link("New fact-check").await.unwrap())
        .await;
    fill(
        &browser,
        &[
            ("#headline", HEADLINE),
            (
                "#summary",
                "The shadows in Apollo photos are explained by terrain and perspective.",
            ),
            (
                "#body",
                "A viral post says the shadows prove a studio.\n\nIn sum, *they do not*.",
            ),
            ("#tags", "Space, MoonLanding"),
            (
                "#claim_text",
                "Shadows in Apollo photos prove the landing was staged.",
            ),
            ("#claimant", "Social media users"),
            ("#appearance-0-url", "https://example.com/post/1"),
            ("#appearance-0-platform", "X"),
            ("#appearance-0-reach", "1.2 million views"),
            ("#source-0-outlet", "NASA"),
            ("#source-0-title", "Apollo 11 image library"),
            ("#source-0-url", "https://example.com/nasa/apollo-11"),
        ],
    )
    .await;
    browser
        .click(&browser.find("button[name=add_row][value=source]").await)
        .await;
    fill(
        &browser,
        &[
            ("#source-1-outlet", "Science Desk"),
            ("#source-1-title", "Why shadows look wrong in lunar photos"),
            ("#source-1-authors", "Jane Roe"),
        ],
    )
    .await;
    browser
        .click(&browser.find("input[name=rating][value=false]").await)
        .await;
    browser
        .screenshot(&screenshot_path("editor-form.png"))
        .await;
    browser
        .click_through(&browser.find(".actions button[type=submit]").await)
        .await;
    assert_eq!(
        status_label(&browser).await,
        "Draft",
        "{}",
        browser.body_text().await
    );
    assert_clean(&browser, "the saved draft").await;
    press_step(&browser, "submit").await;
    assert_eq!(status_label(&browser).await, "In review");
    sign_out(&browser).await;

    // An editor finds it on the dashboard and publishes it.
    sign_in_as_editor(&browser, &app).await;
    browser
        .click_through(&browser.find_link(HEADLINE).await.expect("on the dashboard"))
        .await;
    press_step(&browser, "publish").await;
    assert_eq!(
        status_label(&browser).await,
        "Published",
        "{}",
        browser.body_text().await
    );
    assert_clean(&browser, "the published fact-check's form").await;
    sign_out(&browser).await;
    browser.delete_cookies().await;

    // A reader finds it on the home page and reads it.
    browser.goto(&app.address).await;
    browser
        .click_through(&browser.find_link(HEADLINE).await.expect("on the home page"))
        .await;
    let heading = browser.text(&browser.find("h1").await).await;
    assert_eq!(heading, format!("Fact Check: {HEADLINE}"));
    let claim = browser.words(&browser.find(".claim-box").await).await;
    assert!(
        claim.starts_with(
            "Claim: Shadows in Apollo photos prove the landing was staged. \
             Claimed by Social media users."
        ),
        "{claim}"
    );
    let rating = browser.words(&browser.find(".rating-box").await).await;
    assert!(rating.starts_with("Rating: False"), "{rating}");
    let explanation = browser.text(&browser.find(".explanation").await).await;
    assert_eq!(
        explanation,
        "A viral post says the shadows prove a studio.\nIn sum, they do not."
    );
    let sources = browser.find_all(".sources li").await;
    assert_eq!(sources.len(), 2);
    assert_eq!(
        browser.text(&sources[0]).await,
        "NASA. Apollo 11 image library."
    );
    assert_eq!(
        browser.text(&sources[1]).await,
        "Science Desk. Why shadows look wrong in lunar photos. Jane Roe."
    );
    assert_clean(&browser, "the verdict page").await;
    browser.screenshot(&screenshot_path("verdict.png")).await;
    browser.resize(390, 844).await;
    browser
        .screenshot(&screenshot_path("verdict-phone.png"))
        .await;
    browser.resize(1280, 900).await;
    let verdict = browser.current_url().await;

    // From the verdict page to its topic and its claimant, where it is listed too.
    browser
        .click_through(&browser.find("a[href='/tags/Space']").await)
        .await;
    assert!(
        browser.find_link(HEADLINE).await.is_some(),
        "on the tag page"
    );
    assert_clean(&browser, "the tag page").await;
    browser.goto(&verdict).await;
    browser
        .click_through(&browser.find_link("Social media users").await.unwrap())
        .await;
    assert!(browser.current_url().await.contains("/claimants/"));
    assert!(
        browser.find_link(HEADLINE).await.is_some(),
        "on the claimant page"
    );
    assert_clean(&browser, "the claimant page").await;

    // And by searching for two words of its claim.
    browser.goto(&format!("{}/search", app.address)).await;
    let words = browser.find("#q").await;
    browser.type_into(&words, "staged shadows").await;
    browser.press_through(&[keys::ENTER]).await;
    assert!(browser.current_url().await.contains("q=staged+shadows"));
    browser
        .click_through(
            &browser
                .find_link(HEADLINE)
                .await
                .expect("in the search results"),
        )
        .await;
    assert_eq!(browser.current_url().await, verdict);
}

/// What an editor does to publish, counted as issue 13 counts it: each field typed into or
/// chosen, each page the browser loads, each other click (adding a row).
#[derive(Default, Debug)]
struct Effort {
    entries: usize,
    page_loads: usize,
    clicks: usize,
}

impl Effort {
    async fn type_into(&mut self, browser: &Browser, selector: &str, text: &str) {
        browser.type_into(&browser.find(selector).await, text).await;
        self.entries += 1;
    }

    /// Types a link and leaves the field, as after a paste: the row fills from the page.
    async fn give_link(&mut self, browser: &Browser, selector: &str, link: &str) {
        self.type_into(browser, selector, link).await;
        browser.press(&[keys::TAB]).await;
    }

    async fn choose(&mut self, browser: &Browser, selector: &str) {
        browser.click(&browser.find(selector).await).await;
        self.entries += 1;
    }

    async fn click(&mut self, browser: &Browser, selector: &str) {
        browser.click(&browser.find(selector).await).await;
        self.clicks += 1;
    }

    async fn load_by(&mut self, browser: &Browser, element: &crate::webdriver::Element) {
        browser.click_through(element).await;
        self.page_loads += 1;
    }
}

const HARBOUR_NOTICE: &str = r#"<html><head><title>Bridge works | Harbour Council</title>
<meta property="og:site_name" content="Harbour Council">
<meta property="og:title" content="Harbour bridge: six weekend closures for resurfacing">
<meta property="article:published_time" content="2025-03-02T09:00:00Z">
</head><body><p>The bridge closes on six weekends between April and June.</p></body></html>"#;

const HARBOUR_REPORT: &str = r#"<html><head><title>Bridge | Coast Courier</title>
<meta property="og:site_name" content="Coast Courier">
<meta property="og:title" content="No year-long bridge closure, council engineers say">
<meta name="author" content="Tomas Reyes">
<meta property="article:published_time" content="2025-03-04T16:00:00Z">
</head><body><p>Engineers said traffic keeps flowing on weekdays.</p></body></html>"#;

const HARBOUR_POST: &str = r#"<html><head><title>A post</title>
<meta property="article:published_time" content="2025-03-01T20:15:00Z">
</head><body><p>They are shutting the bridge for a year, this post says.</p></body></html>"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_publishes_a_claim_with_two_linked_sources_in_two_page_loads() {
    use axum::routing::get;
    let html = |body: &'static str| {
        (
            [(axum::http::header::CONTENT_TYPE, "text/html; charset=utf-8")],
            body,
        )
    };
    let site = crate::helpers::serve_site(
        axum::Router::new()
            .route("/notice", get(move || async move { html(HARBOUR_NOTICE) }))
            .route("/report", get(move || async move { html(HARBOUR_REPORT) }))
            .route("/status/31", get(move || async move { html(HARBOUR_POST) })),
    )
    .await;
    let app = TestApp::spawn_fetching_locally(factdesk::fetch::FetchLimits::default()).await;
    let browser = watched_browser().await;
    sign_in_as_editor(&browser, &app).await;
    browser.goto(&format!("{}/editor", app.address)).await;

    // From the dashboard: the claim, where it appeared, the verdict, two links.
    let mut effort = Effort::default();
    let new = browser.find_link("New fact-check").await.unwrap();
    effort.load_by(&browser, &new).await;
    let claim = "The harbour bridge will be shut for a whole year.";
    effort.type_into(&browser, "#claim_text", claim).await;
    effort
        .type_into(&browser, "#claimant", "Social media users")
        .await;
    let post = format!("http://x.com:{}/status/31", site.port());
    effort.give_link(&browser, "#appearance-0-url", &post).await;
    let headline = "The harbour bridge closes on six weekends, not for a year";
    effort.type_into(&browser, "#headline", headline).await;
    effort
        .choose(&browser, "input[name=rating][value=false]")
        .await;
    effort
        .type_into(
            &browser,
            "#summary",
            "The council plans six weekend closures for resurfacing.",
        )
        .await;
    effort
        .type_into(
            &browser,
            "#body",
            "The council's notice and engineers' statements list six weekends.",
        )
        .await;
    let notice = format!("http://{site}/notice");
    effort.give_link(&browser, "#source-0-url", &notice).await;
    effort
        .click(&browser, "button[name=add_row][value=source]")
        .await;
    let report = format!("http://{site}/report");
    effort.give_link(&browser, "#source-1-url", &report).await;
    for (field, filled) in [
        ("appearance-0-platform", "X"),
        ("source-0-outlet", "Harbour Council"),
        (
            "source-1-title",
            "No year-long bridge closure, council engineers say",
        ),
    ] {
        assert_eq!(value_when_filled(&browser, field).await, filled);
    }
    let publish = browser.find("button[name=step][value=publish]").await;
    effort.load_by(&browser, &publish).await;
    assert_eq!(
        status_label(&browser).await,
        "Published",
        "{}",
        browser.body_text().await
    );

    // Readers see both sources as their pages describe themselves.
    let slug = "the-harbour-bridge-closes-on-six-weekends-not-for-a-year";
    let verdict = app.get(&format!("/fact-checks/{slug}")).await;
    for cited in [
        "Harbour bridge: six weekend closures for resurfacing",
        "No year-long bridge closure, council engineers say",
        "Tomas Reyes",
    ] {
        assert!(verdict.body.contains(cited), "{cited} on the verdict page");
    }
    eprintln!("from the dashboard to published: {effort:?}");
    assert!(effort.entries <= 12, "{effort:?}");
    assert!(effort.page_loads <= 2, "{effort:?}");
}
