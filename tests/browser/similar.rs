//! "Already checked?" in a real browser: as an editor types a claim, the fact-checks the
//! desk already wrote on it appear beside it, and one of them takes the appearance typed
//! here. Also the inbox and the public tip form at desktop and phone widths.

use crate::helpers::{TestApp, fields, moon_fact_check, with};
use crate::page::{assert_clean, screenshots, sign_in_as_editor, watched_browser};
use crate::webdriver::Browser;
use serde_json::json;
use std::time::Duration;

/// The headlines listed in the box once it holds `wanted` (the script waits for typing to
/// pause, then asks the server), or as they last were.
async fn listed_when(browser: &Browser, wanted: &str) -> Vec<String> {
    let mut listed = Vec::new();
    for _ in 0..50 {
        let value = browser
            .execute(
                "const box = document.getElementById('similar');
                 return box.hidden ? [] : [...box.querySelectorAll('li > a')].map(a => a.textContent);",
                json!([]),
            )
            .await;
        listed = value
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        if listed.iter().any(|h| h == wanted) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    listed
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_box_follows_the_claim_as_it_is_typed_and_takes_the_appearance_over() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    for (headline, claim) in [
        (
            "The bridge was not built in 1901",
            "The bridge was built in 1901.",
        ),
        (
            "Salmon did return to the river",
            "Salmon never came back to the river.",
        ),
    ] {
        let form = with(
            &with(&moon_fact_check(), "headline", headline),
            "claim_text",
            claim,
        );
        app.create_draft(&form).await;
    }
    let tip = fields(&[
        ("claim", "The old bridge dates from 1901, a post says."),
        ("seen_link", "https://social.example/posts/5"),
        ("contact_email", "reader@mail.example"),
    ]);
    app.post_form("/tips", &tip).await;

    let browser = watched_browser().await;
    browser.goto(&format!("{}/tips", app.address)).await;
    let sideways = screenshots(&browser, "inbox-tips").await;
    sign_in_as_editor(&browser, &app).await;
    browser.goto(&format!("{}/editor/inbox", app.address)).await;
    let mut sideways = [sideways, screenshots(&browser, "inbox-editor").await].concat();
    assert!(
        browser
            .body_text()
            .await
            .contains("The bridge was not built in 1901"),
        "matches by the tip"
    );

    browser
        .goto(&format!("{}/editor/fact-checks/new", app.address))
        .await;
    let claim = browser.find("#claim_text").await;
    browser
        .type_into(&claim, "Was the bridge built in 1901?")
        .await;
    assert_eq!(
        listed_when(&browser, "The bridge was not built in 1901").await,
        ["The bridge was not built in 1901"]
    );
    browser
        .execute(
            "document.getElementById('claim_text').value = '';",
            json!([]),
        )
        .await;
    browser.type_into(&claim, "salmon in the river").await;
    assert_eq!(
        listed_when(&browser, "Salmon did return to the river").await,
        ["Salmon did return to the river"],
        "the box follows what is typed now"
    );
    sideways.extend(screenshots(&browser, "inbox-similar-box").await);
    assert_clean(&browser, "the form with the box filled by script").await;

    browser
        .type_into(
            &browser.find("#appearance-0-url").await,
            "https://video.example/v/7",
        )
        .await;
    let add = browser.find("#similar-list button").await;
    browser.click_through(&add).await;
    assert!(browser.current_url().await.ends_with("/add-appearance"));
    let body = browser.body_text().await;
    assert!(body.contains("save this fact-check to keep them"), "{body}");
    let rows = browser
        .execute(
            "return [...document.querySelectorAll('input[name$=\".url\"][name^=\"appearance\"]')].map(i => i.value);",
            json!([]),
        )
        .await;
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|v| v == "https://video.example/v/7"),
        "the typed appearance is a new row of the salmon fact-check: {rows}"
    );
    assert!(sideways.is_empty(), "wider than a phone: {sideways:?}");
}
