//! Script injection: every payload of a public corpus is entered into every text field of
//! every form, and no page a reader or an editor then opens runs it or turns it into markup.
//!
//! `assert_clean` checks both, so a payload the Content-Security-Policy would have blocked
//! still fails the test if it reached the page as markup.

use crate::helpers::TestApp;
use crate::page::{
    assert_clean, press_button, press_step, sign_in_as_editor, sign_out, watched_browser,
};
use crate::webdriver::{Browser, Element, keys};
use serde_json::json;

/// The corpus, one payload per line (see the notes at the top of the file for its origin).
fn payloads() -> Vec<&'static str> {
    let mut seen = std::collections::HashSet::new();
    include_str!("data/xss-payloads.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .filter(|line| seen.insert(*line))
        .collect()
}

/// The text fields of the page's forms: every field a person types into.
async fn text_fields(browser: &Browser, form: &str) -> Vec<Element> {
    browser
        .find_by_script(
            "return [...document.querySelectorAll(arguments[0] + ' :is(input, textarea)')]
               .filter(e => e.tagName === 'TEXTAREA' || ['text', 'url', 'email', 'search', 'password'].includes(e.type));",
            json!([form]),
        )
        .await
}

async fn type_everywhere(browser: &Browser, form: &str, payload: &str) {
    let fields = text_fields(browser, form).await;
    assert!(!fields.is_empty(), "{form} has text fields");
    for field in &fields {
        browser.enter_text(field, payload).await;
    }
}

/// The fields the server marked invalid, with their ids.
async fn invalid_fields(browser: &Browser) -> Vec<(String, Element)> {
    let found = browser
        .execute(
            "return [...document.querySelectorAll('[aria-invalid=true]')].map(e => [e.id, e]);",
            json!([]),
        )
        .await;
    found
        .as_array()
        .map(|pairs| {
            pairs
                .iter()
                .filter_map(|pair| Some((pair[0].as_str()?.to_owned(), Element::from(&pair[1])?)))
                .collect()
        })
        .unwrap_or_default()
}

/// A value the server accepts for a field that a payload is not valid in.
fn valid_value(id: &str, n: usize) -> String {
    if id == "slug" {
        format!("payload-{n}")
    } else if id == "tags" {
        "xss".to_owned()
    } else if id == "language" || id == "site_language" {
        "es".to_owned()
    } else if id == "translation_of" {
        // None: the payload named no fact-check.
        String::new()
    } else if id.ends_with("url") {
        format!("https://example.org/evidence/{n}/{id}")
    } else if id.ends_with("position") {
        // The rows' own order: source-2-position is the third.
        let row: usize = id
            .split('-')
            .nth(1)
            .and_then(|r| r.parse().ok())
            .unwrap_or(0);
        (row + 1).to_string()
    } else if id == "email" {
        format!("writer{n}@newsroom.example")
    } else if id == "password" {
        format!("correct horse battery staple {n}")
    } else {
        format!("Plain words for field {id}, payload {n}")
    }
}

/// Replaces what the server refused with valid values, and submits again.
async fn correct_and_resubmit(browser: &Browser, n: usize, submit: &str) {
    for (id, field) in invalid_fields(browser).await {
        browser.enter_text(&field, &valid_value(&id, n)).await;
    }
    browser.click_through(&browser.find(submit).await).await;
}

#[test]
fn the_corpus_has_over_a_hundred_payloads() {
    assert!(payloads().len() >= 100, "{} payloads", payloads().len());
}

// The corpus is split over four newsrooms: cargo's test threads run two at a time, and a
// failure names the quarter of the corpus it was in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_payload_runs_on_any_page_a_reader_or_an_editor_opens_1_of_4() {
    no_payload_runs(0).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_payload_runs_on_any_page_a_reader_or_an_editor_opens_2_of_4() {
    no_payload_runs(1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_payload_runs_on_any_page_a_reader_or_an_editor_opens_3_of_4() {
    no_payload_runs(2).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_payload_runs_on_any_page_a_reader_or_an_editor_opens_4_of_4() {
    no_payload_runs(3).await;
}

/// Types every fourth payload, from `shard` on, into every form of a newsroom of its own.
async fn no_payload_runs(shard: usize) {
    let payloads: Vec<(usize, &str)> = payloads()
        .into_iter()
        .enumerate()
        .skip(shard)
        .step_by(4)
        .collect();
    let app = TestApp::spawn().await;
    let browser = watched_browser().await;
    sign_in_as_editor(&browser, &app).await;
    let url = |path: &str| format!("{}{path}", app.address);
    let mut edit_forms = Vec::new();

    for &(n, payload) in &payloads {
        let at = |page: &str| format!("payload {n} {payload:?} on {page}");

        // Every text field of a new fact-check; the fields that need a link, a number or a
        // slug refuse it, and the form comes back with it in every field.
        browser.goto(&url("/editor/fact-checks/new")).await;
        type_everywhere(&browser, "form.fact-check-form", payload).await;
        browser
            .click(&browser.find("input[name=rating][value=false]").await)
            .await;
        browser
            .click_through(&browser.find(".actions button[type=submit]").await)
            .await;
        assert_clean(&browser, &at("the refused form")).await;
        correct_and_resubmit(&browser, n, ".actions button[type=submit]").await;
        let edit = browser.current_url().await;
        assert!(
            invalid_fields(&browser).await.is_empty(),
            "{}: {}",
            at("the corrected form"),
            browser.body_text().await
        );
        assert_clean(&browser, &at("the saved draft")).await;
        edit_forms.push(edit.clone());

        // The review: sent back with the payload as the comment, then published.
        press_step(&browser, "submit").await;
        browser
            .enter_text(&browser.find("#review_comment").await, payload)
            .await;
        press_step(&browser, "send_back").await;
        assert_clean(&browser, &at("the draft sent back")).await;
        press_step(&browser, "submit").await;
        press_step(&browser, "publish").await;
        assert_clean(&browser, &at("the published form")).await;

        // A public update note, then the pages readers and editors see.
        browser
            .click(&browser.find("input[name=change_kind][value=update]").await)
            .await;
        browser
            .enter_text(&browser.find("#change_note").await, payload)
            .await;
        browser
            .click_through(&browser.find(".actions button[type=submit]").await)
            .await;
        assert!(
            invalid_fields(&browser).await.is_empty(),
            "{}",
            at("the update")
        );
        assert_clean(&browser, &at("the updated form")).await;
        browser.goto(&format!("{edit}/revisions")).await;
        assert_clean(&browser, &at("the history")).await;
        browser
            .goto(&url(&format!("/fact-checks/payload-{n}")))
            .await;
        assert_clean(&browser, &at("the verdict page")).await;
        let claimant = browser.find(".claimant a").await;
        browser.click_through(&claimant).await;
        assert_clean(&browser, &at("the claimant page")).await;

        // The search boxes, the reader's and the desk's.
        browser.goto(&url("/search")).await;
        type_everywhere(&browser, "form.search-form", payload).await;
        browser.press_through(&[keys::ENTER]).await;
        assert_clean(&browser, &at("the search page")).await;
        browser.goto(&url("/editor")).await;
        type_everywhere(&browser, "form.desk-search", payload).await;
        browser.press_through(&[keys::ENTER]).await;
        assert_clean(&browser, &at("the desk search")).await;

        // The newsroom's settings and accounts.
        browser.goto(&url("/editor/settings")).await;
        type_everywhere(&browser, "form[action='/editor/settings']", payload).await;
        press_button(&browser, "/editor/settings").await;
        assert_clean(&browser, &at("the settings")).await;
        browser.goto(&url("/corrections")).await;
        assert_clean(&browser, &at("the corrections page")).await;
        browser.goto(&url("/editor/users")).await;
        type_everywhere(&browser, "form[action='/editor/users']", payload).await;
        browser
            .click(&browser.find("input[name=role][value=writer]").await)
            .await;
        press_button(&browser, "/editor/users").await;
        assert_clean(&browser, &at("the refused account")).await;
        correct_and_resubmit(&browser, n, "form[action='/editor/users'] button").await;
        assert_clean(&browser, &at("the accounts page")).await;
    }

    // Every listing, with all of them on it.
    let listings = [
        "/",
        "/tags",
        "/tags/xss",
        "/claimants",
        "/ratings",
        "/ratings/false",
        "/search?q=alert",
        "/editor",
        "/editor/audit",
    ];
    for path in listings {
        let mut next = Some(url(path));
        while let Some(page) = next {
            browser.goto(&page).await;
            assert_clean(&browser, &format!("the listing {page}")).await;
            if path == "/tags/xss" {
                assert!(
                    !browser.find_all(".card").await.is_empty(),
                    "{page} lists them"
                );
            }
            next = match browser.try_find("a[rel=next]").await {
                Some(link) => browser
                    .attribute(&link, "href")
                    .await
                    .map(|href| url(&href)),
                None => None,
            };
        }
    }

    // Retracted, each with the payload as the note readers see in place of the verdict.
    for (&(n, payload), edit) in payloads.iter().zip(&edit_forms) {
        browser.goto(edit).await;
        browser
            .enter_text(&browser.find("#retraction_note").await, payload)
            .await;
        press_step(&browser, "unpublish").await;
        assert_clean(&browser, &format!("payload {n} on the retracted form")).await;
        browser
            .goto(&url(&format!("/fact-checks/payload-{n}")))
            .await;
        assert_clean(&browser, &format!("payload {n} on the retracted verdict")).await;
    }

    // The sign-in form, typed into by someone signed out.
    browser.goto(&url("/editor")).await;
    sign_out(&browser).await;
    for &(n, payload) in &payloads {
        browser.goto(&url("/editor/login")).await;
        type_everywhere(&browser, "form[action='/editor/login']", payload).await;
        press_button(&browser, "/editor/login").await;
        assert_clean(&browser, &format!("payload {n} on the refused sign-in")).await;
    }
}
