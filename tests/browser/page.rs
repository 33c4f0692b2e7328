//! What every page a browser test visits must hold to (no script of a visitor's ran, nothing
//! a visitor typed became markup), and the steps the tests share: signing in and out,
//! reaching a control with Tab, where screenshots go.

use crate::helpers::{EDITOR_EMAIL, EDITOR_PASSWORD, TestApp};
use crate::webdriver::{Browser, keys};
use serde_json::json;
use std::path::PathBuf;

/// Installed before any page script: records every call a payload would use to prove it ran,
/// and every script the Content-Security-Policy had to block.
const RECORDER: &str = include_str!("recorder.js");

/// Lists markup that only injected text could have produced: event-handler attributes,
/// script URLs, inline or foreign scripts, frames, plugins, `<base>` and refresh tags.
const INJECTED_MARKUP: &str = include_str!("injected_markup.js");

/// A browser whose every page is watched for injected script.
pub async fn watched_browser() -> Browser {
    let browser = Browser::launch().await;
    browser.on_every_page(RECORDER).await;
    browser
}

/// Fails the test if anything ran or was injected on the current page; `context` says
/// which page and which input, for the failure message.
pub async fn assert_clean(browser: &Browser, context: &str) {
    let fired = browser
        .execute(
            "return window.__factdeskFired || ['the recorder did not run'];",
            json!([]),
        )
        .await;
    let injected = browser.execute(INJECTED_MARKUP, json!([])).await;
    let fired = fired.as_array().cloned().unwrap_or_default();
    let injected = injected.as_array().cloned().unwrap_or_default();
    assert!(
        fired.is_empty() && injected.is_empty(),
        "{context} at {}:\n  ran: {fired:?}\n  injected: {injected:?}",
        browser.current_url().await
    );
}

/// Signs in through the login form, typing like a person.
pub async fn sign_in(browser: &Browser, app: &TestApp, email: &str, password: &str) {
    browser.goto(&format!("{}/editor/login", app.address)).await;
    browser
        .type_into(&browser.find("#email").await, email)
        .await;
    browser
        .type_into(&browser.find("#password").await, password)
        .await;
    browser
        .click_through(&browser.find("form[action='/editor/login'] button").await)
        .await;
    assert!(
        browser.current_url().await.contains("/editor"),
        "signed in as {email}"
    );
    assert!(
        browser
            .try_find("form[action='/editor/logout']")
            .await
            .is_some(),
        "{email} is signed in: {}",
        browser.body_text().await
    );
}

pub async fn sign_in_as_editor(browser: &Browser, app: &TestApp) {
    sign_in(browser, app, EDITOR_EMAIL, EDITOR_PASSWORD).await;
}

/// Types each value into the field its CSS selector names.
pub async fn fill(browser: &Browser, fields: &[(&str, &str)]) {
    for (selector, value) in fields {
        browser
            .type_into(&browser.find(selector).await, value)
            .await;
    }
}

/// Presses the button of the form whose action ends with `form_action_ends`, and waits for
/// the page it leads to.
pub async fn press_button(browser: &Browser, form_action_ends: &str) {
    let button = browser
        .find(&format!("form[action$='{form_action_ends}'] button"))
        .await;
    browser.click_through(&button).await;
}

/// Presses one of the fact-check form's workflow buttons (`submit`, `send_back`,
/// `publish`, `unpublish`), which sends the form as typed, and waits for the page it leads to.
pub async fn press_step(browser: &Browser, step: &str) {
    let button = browser
        .find(&format!("button[name=step][value={step}]"))
        .await;
    browser.click_through(&button).await;
}

pub async fn sign_out(browser: &Browser) {
    browser
        .click_through(&browser.find("form[action='/editor/logout'] button").await)
        .await;
}

/// Presses Tab until the element with `id` has the focus, proving the keyboard reaches it.
pub async fn tab_to(browser: &Browser, id: &str) {
    for _ in 0..300 {
        if browser.focused().await == id {
            return;
        }
        browser.press(&[keys::TAB]).await;
    }
    panic!("Tab never reached #{id} on {}", browser.current_url().await);
}

/// Where screenshots go: `target/screenshots/`, for people to look at.
pub fn screenshot_path(name: &str) -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(&tmp).join("screenshots").join(name)
}

/// Screenshots of the current page at 1280 px (`{name}.png`) and 390 px wide, a phone's
/// (`{name}-phone.png`), in `target/screenshots/`. Returns what sticks out past the phone's
/// screen, making it scroll sideways (tables and the header's links scroll in a box of their
/// own): none, on a page that fits.
pub async fn screenshots(browser: &Browser, name: &str) -> Vec<String> {
    browser
        .screenshot(&screenshot_path(&format!("{name}.png")))
        .await;
    browser.resize(390, 844).await;
    browser
        .screenshot(&screenshot_path(&format!("{name}-phone.png")))
        .await;
    let wider = browser
        .execute(
            "const width = document.documentElement.clientWidth;
             const scrollsInABox = e => {
               for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                 if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
               }
               return false;
             };
             return [...document.querySelectorAll('body *')]
               .filter(e => e.getBoundingClientRect().right > width + 1 && !scrollsInABox(e))
               .slice(0, 5)
               .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                 + (e.className ? '.' + e.className : '')
                 + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
               .concat(document.documentElement.scrollWidth > width
                 ? ['the page, ' + document.documentElement.scrollWidth + 'px'] : []);",
            json!([]),
        )
        .await;
    browser.resize(1280, 900).await;
    wider
        .as_array()
        .map(|list| {
            list.iter()
                .map(|v| format!("{name}: {}", v.as_str().unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default()
}
