//! The fact-check form's script in a real browser: "Add appearance" puts a row in place,
//! leaving with unsaved changes would ask first, and Ctrl+S saves.

use crate::helpers::TestApp;
use crate::page::{assert_clean, fill, sign_in_as_editor, watched_browser};
use crate::webdriver::{Browser, keys};
use serde_json::json;

async fn value_of(browser: &Browser, id: &str) -> String {
    let value = browser
        .execute(
            "return document.getElementById(arguments[0]).value;",
            json!([id]),
        )
        .await;
    value.as_str().unwrap_or_default().to_owned()
}

/// Whether the page would ask "Leave site?" now. chromedriver answers that question
/// itself, so the test asks the page's own `beforeunload` listeners, as the browser does.
async fn would_ask_before_leaving(browser: &Browser) -> bool {
    let asked = browser
        .execute(
            "const leaving = new Event('beforeunload', { cancelable: true });
             window.dispatchEvent(leaving);
             return leaving.defaultPrevented;",
            json!([]),
        )
        .await;
    asked.as_bool().expect("a yes or no")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_adds_a_row_in_place_is_asked_before_losing_it_and_saves_with_ctrl_s() {
    let app = TestApp::spawn().await;
    let browser = watched_browser().await;
    sign_in_as_editor(&browser, &app).await;
    browser
        .goto(&format!("{}/editor/fact-checks/new", app.address))
        .await;
    assert!(
        !would_ask_before_leaving(&browser).await,
        "nothing typed yet"
    );

    // At 1280 px the menu is one line, and short controls are not stretched to the height
    // of the long hints beside them.
    let heights = browser
        .execute(
            "return ['.site-header nav', '#claimant_kind', '#claim_date', '#claimant']
               .map(s => Math.round(document.querySelector(s).getBoundingClientRect().height));",
            json!([]),
        )
        .await;
    let [nav, kind, date, claimant] = [0, 1, 2, 3].map(|i| heights[i].as_i64().unwrap());
    assert!(nav < 40, "the menu wraps: {nav} px");
    assert!(kind <= claimant && date <= claimant + 4, "{heights}");

    // A second place, in a row added where the first one ends, numbered after it; an
    // empty row is not a change worth asking about.
    browser
        .click(&browser.find("button[name=add_row][value=appearance]").await)
        .await;
    assert_eq!(browser.focused().await, "appearance-1-url");
    let titles = browser.find_all("#appearances .row-title").await;
    assert_eq!(browser.text(&titles[1]).await, "Appearance 2");
    assert!(!would_ask_before_leaving(&browser).await, "an empty row");
    fill(
        &browser,
        &[
            ("#appearance-1-url", "https://example.com/channel/12"),
            ("#appearance-1-platform", "Telegram"),
            (
                "#claim_text",
                "The harbour bridge will close for a whole year.",
            ),
            ("#claimant", "Social media users"),
            ("#appearance-0-url", "https://example.com/post/7"),
            ("#appearance-0-platform", "Facebook"),
            (
                "#headline",
                "The harbour bridge closes for six weekends, not a year",
            ),
            (
                "#summary",
                "The works close the bridge on six weekends only.",
            ),
            ("#body", "The council's notice lists six weekend closures."),
            ("#source-0-outlet", "Harbour Council"),
            ("#source-0-title", "Bridge maintenance notice"),
        ],
    )
    .await;
    browser
        .click(&browser.find("input[name=rating][value=false]").await)
        .await;
    assert!(would_ask_before_leaving(&browser).await, "typed, not saved");

    // Ctrl+S saves it, both places included, and sending the form asks nothing.
    browser.chord_through(&[keys::CONTROL, "s"]).await;
    assert!(
        browser.current_url().await.ends_with("?done=created"),
        "{}",
        browser.body_text().await
    );
    assert_eq!(
        value_of(&browser, "appearance-1-platform").await,
        "Telegram"
    );
    assert_eq!(
        browser
            .words(&browser.find(".page-head .status").await)
            .await,
        "Draft"
    );
    assert_clean(&browser, "the form saved with Ctrl+S").await;

    // Nothing unsaved now: nothing to ask, and the menu leads straight on.
    assert!(!would_ask_before_leaving(&browser).await);
    browser
        .click_through(&browser.find_link("Dashboard").await.unwrap())
        .await;
    assert!(browser.current_url().await.ends_with("/editor"));
}
