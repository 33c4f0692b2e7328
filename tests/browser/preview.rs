//! Preview and autosave in a real browser: the explanation's preview follows the typing,
//! the form is autosaved while the editor types, and after a reload the form offers the
//! autosave back and restores it; Preview then shows the reader page of what was typed
//! (screenshots `form-autosave-offer`, `form-restored-autosave` and `preview` in
//! `target/screenshots/`).

use crate::accessibility::{axe_source, serious_violations};
use crate::helpers::TestApp;
use crate::page::{assert_clean, screenshots, sign_in_as_editor, watched_browser};
use crate::webdriver::Browser;
use serde_json::json;
use std::time::Duration;

/// The result of `script` once `ready` holds for it (the server takes a moment), or its
/// last reading.
async fn once(browser: &Browser, script: &str, ready: impl Fn(&str) -> bool) -> String {
    let mut reading = String::new();
    for _ in 0..60 {
        let value = browser.execute(script, json!([])).await;
        reading = value.as_str().unwrap_or_default().to_owned();
        if ready(&reading) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    reading
}

const PANEL: &str = "return document.getElementById('body-preview').innerHTML;";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_explanation_previews_as_typed_and_an_autosave_comes_back_after_a_reload() {
    // Autosave every second here, rather than every 20, to keep the test short.
    let app = TestApp::spawn_with(|settings, _| {
        settings.autosave_every = Duration::from_secs(1);
    })
    .await;
    let browser = watched_browser().await;
    sign_in_as_editor(&browser, &app).await;
    let new_form = format!("{}/editor/fact-checks/new", app.address);
    browser.goto(&new_form).await;

    let body = browser.find("#body").await;
    browser
        .type_into(&body, "One Sun, **one** shadow direction")
        .await;
    let shown = once(&browser, PANEL, |html| {
        html.contains("<strong>one</strong>")
    })
    .await;
    assert!(
        shown.contains("<strong>one</strong>"),
        "panel shows: {shown}"
    );
    browser
        .type_into(&body, "One Sun, **one** shadow direction, *bent* by slopes")
        .await;
    let shown = once(&browser, PANEL, |html| html.contains("<em>bent</em>")).await;
    assert!(
        shown.contains("<em>bent</em>"),
        "the panel follows the typing: {shown}"
    );

    let headline = "Shadows in lunar photos fall the way one Sun casts them";
    browser
        .type_into(&browser.find("#headline").await, headline)
        .await;
    // Kept once typing pauses for the interval: wait for the copy that has everything.
    let mut kept = String::new();
    for _ in 0..60 {
        kept = app
            .db
            .read(|c| {
                Ok(
                    c.query_row("SELECT group_concat(fields) FROM autosaves", [], |r| {
                        r.get::<_, Option<String>>(0)
                    })?,
                )
            })
            .unwrap()
            .unwrap_or_default();
        if kept.contains(headline) && kept.contains("bent") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        kept.contains(headline) && kept.contains("bent"),
        "kept: {kept}"
    );
    let status = once(
        &browser,
        "return document.getElementById('autosave-status').textContent;",
        |text| text.starts_with("Autosaved"),
    )
    .await;
    assert!(status.starts_with("Autosaved"), "status line: {status:?}");
    assert_eq!(app.count("autosaves"), 1);
    assert_eq!(
        app.count("fact_checks"),
        0,
        "an autosave saves no fact-check"
    );
    assert_clean(&browser, "the form while previewing and autosaving").await;

    // The tab is reloaded: the form is empty again and offers what was typed.
    browser.goto(&new_form).await;
    let offer = browser.find("#autosave-offer").await;
    assert!(
        browser
            .text(&offer)
            .await
            .contains("You have unsaved changes from"),
        "{}",
        browser.body_text().await
    );
    let axe = axe_source();
    let problems = serious_violations(&browser, &axe).await;
    assert!(problems.is_empty(), "form with the offer: {problems:?}");
    let wider = screenshots(&browser, "form-autosave-offer").await;
    assert!(wider.is_empty(), "sticks out on a phone: {wider:?}");
    browser
        .click_through(&browser.find_link("Restore them").await.unwrap())
        .await;
    let restored = browser
        .execute(
            "return [document.getElementById('headline').value, document.getElementById('body').value];",
            json!([]),
        )
        .await;
    assert_eq!(
        restored,
        json!([
            headline,
            "One Sun, **one** shadow direction, *bent* by slopes"
        ])
    );
    let wider = screenshots(&browser, "form-restored-autosave").await;
    assert!(wider.is_empty(), "sticks out on a phone: {wider:?}");

    // The rest of the form, filled at once, then Preview: it opens a new tab, and here it
    // opens in this one, to be looked at.
    let preview = "button[formaction='/editor/fact-checks/preview']";
    browser
        .execute(
            "const form = document.querySelector(arguments[0]).form;
             for (const [name, value] of Object.entries(arguments[1])) form.elements[name].value = value;
             form.querySelector('input[name=rating][value=false]').checked = true;
             document.querySelector(arguments[0]).removeAttribute('formtarget');",
            json!([preview, {
                "summary": "The shadows point where one light source, the Sun, puts them.",
                "claim_text": "Shadows in moon photos go in two directions, so there were studio lights.",
                "claimant": "A video channel",
                "appearance.0.url": "https://video.example/watch/shadows",
                "appearance.0.platform": "A video site",
                "source.0.outlet": "Planetary Optics Lab",
                "source.0.title": "Why shadows on slopes do not look parallel",
            }]),
        )
        .await;
    browser.click_through(&browser.find(preview).await).await;
    let page = browser.body_text().await;
    assert!(page.contains("Preview — not published"), "{page}");
    assert!(page.contains(headline));
    let wider = screenshots(&browser, "preview").await;
    assert!(wider.is_empty(), "sticks out on a phone: {wider:?}");
}
