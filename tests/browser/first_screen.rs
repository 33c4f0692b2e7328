//! A reader on a phone knows the verdict before scrolling: on a 390×844 screen the claim and
//! the rating are both in the first screen of the verdict page, however long the headline.

use crate::helpers::{EDITOR_EMAIL, EDITOR_PASSWORD, TestApp, moon_fact_check, with};
use crate::page::screenshot_path;
use crate::webdriver::Browser;
use factdesk::domain::Role;
use serde_json::json;

/// Where the claim box and the rating box end, in CSS pixels from the top of the page, and
/// the size of the window they were measured in.
async fn boxes_bottom(browser: &Browser, slug: &str) -> (f64, f64, f64, f64) {
    let found = browser
        .execute(
            "const bottom = s => { const e = document.querySelector(s);
                                   return e ? e.getBoundingClientRect().bottom + window.scrollY : -1; };
             return [bottom('#claim-heading'), bottom('.claim-box .claim-text'),
                     bottom('.rating-box'), window.innerWidth, window.innerHeight];",
            json!([]),
        )
        .await;
    let n = |i: usize| found[i].as_f64().unwrap();
    assert!(n(0) > 0.0, "{slug}: the page has a claim box");
    (n(1), n(2), n(3), n(4))
}

/// Sizes the window so that the page itself gets 390×844 CSS pixels, a phone's screen,
/// whatever the window's own frame takes.
async fn phone_viewport(browser: &Browser, address: &str) {
    browser.goto(address).await;
    browser.resize(390, 844).await;
    let inner = browser
        .execute("return [window.innerWidth, window.innerHeight];", json!([]))
        .await;
    let frame = |i: usize, want: u32| want + (want - inner[i].as_u64().unwrap() as u32);
    browser.resize(frame(0, 390), frame(1, 844)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_the_claim_and_the_rating_are_in_the_first_screen() {
    let mut app = TestApp::spawn_with_demo().await;
    app.add_account(EDITOR_EMAIL, "Erin Editor", EDITOR_PASSWORD, Role::Admin);
    app.sign_in_as_editor().await;
    // As long a headline and claim as the form allows, in long words that wrap badly.
    let headline = "Internationally coordinated disinformation campaigns misrepresented \
                    the parliamentary subcommittee's preliminary findings on electricity prices";
    let claim = "The subcommittee concluded that electricity prices doubled because \
                 neighbouring countries deliberately withheld interconnector capacity \
                 throughout the winter, according to widely shared posts.";
    let form = with(&moon_fact_check(), "headline", headline);
    let form = with(&form, "claim_text", claim);
    let edit = app.create_draft(&form).await;
    app.publish(&edit).await;
    let long = app
        .db
        .read(|conn| {
            Ok(conn.query_row(
                "SELECT slug FROM fact_checks WHERE headline = ?1",
                [headline],
                |r| r.get::<_, String>(0),
            )?)
        })
        .unwrap();

    let browser = Browser::launch().await;
    phone_viewport(&browser, &app.address).await;
    // The demo's longest headlines, the #RussiaSupport verdict among them, and the long one.
    for slug in [
        "russia-remains-aligned-with-iran",
        "russia-iran-treaty-is-not-a-military-alliance",
        "geneva-us-iran-talks-showed-progress-with-caveats",
        long.as_str(),
    ] {
        browser
            .goto(&format!("{}/fact-checks/{slug}", app.address))
            .await;
        let (claim_bottom, rating_bottom, width, height) = boxes_bottom(&browser, slug).await;
        assert!(
            (width - 390.0).abs() < 1.0 && height <= 844.0,
            "the window is a phone's: {width}×{height}"
        );
        browser
            .screenshot(&screenshot_path(&format!("first-screen-{slug}.png")))
            .await;
        assert!(
            claim_bottom <= height && rating_bottom <= height,
            "{slug}: the claim ends at {claim_bottom} px and the rating box at {rating_bottom} px, \
             past the first {height} px"
        );
        // Room is left for a rating graphic of up to 80 px in place of the label.
        assert!(
            rating_bottom + 80.0 <= height,
            "{slug}: the rating box ends at {rating_bottom} px, too low for a larger graphic"
        );
    }
    // The share box's "Copy link" is there only with JavaScript, and copies the address.
    let button = browser.find("button[data-copies=share-url]").await;
    browser.click(&button).await;
    // The clipboard answers when it will (a loaded machine takes its time): wait for the
    // status line to say something, for up to 5 s.
    let said = browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const status = document.querySelector('.share-copied');
             const started = Date.now();
             (function look() {
               if (status.textContent !== '' || Date.now() - started > 5000) {
                 done(status.textContent);
               } else {
                 setTimeout(look, 50);
               }
             })();",
            json!([]),
        )
        .await;
    assert_eq!(said, "Link copied.");
}
