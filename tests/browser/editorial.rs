//! The newsroom's day in a real browser: a writer drafts a fact-check with two sources and
//! sends it to review, an editor publishes it, and a reader finds it everywhere it belongs.

use crate::helpers::TestApp;
use crate::page::{
    assert_clean, press_button, screenshot_path, sign_in, sign_in_as_editor, sign_out,
    watched_browser,
};
use crate::webdriver::{Browser, keys};
use factdesk::domain::Role;

const WRITER_EMAIL: &str = "wren@newsroom.example";
const WRITER_PASSWORD: &str = "another long enough password";
const HEADLINE: &str = "Apollo photos show shadows consistent with one light source, the Sun";

/// Types each value into the field its CSS selector names.
async fn fill(browser: &Browser, fields: &[(&str, &str)]) {
    for (selector, value) in fields {
        browser
            .type_into(&browser.find(selector).await, value)
            .await;
    }
}

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
    press_button(&browser, "/submit").await;
    assert_eq!(status_label(&browser).await, "In review");
    sign_out(&browser).await;

    // An editor finds it on the dashboard and publishes it.
    sign_in_as_editor(&browser, &app).await;
    browser
        .click_through(&browser.find_link(HEADLINE).await.expect("on the dashboard"))
        .await;
    press_button(&browser, "/publish").await;
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
