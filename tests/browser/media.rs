//! The media picker in a real browser: an editor puts a library image into the
//! explanation where the cursor is, with the "Insert into explanation" button.

use crate::helpers::{TestApp, jpeg};
use crate::page::{assert_clean, screenshots, sign_in_as_editor, watched_browser};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn insert_into_explanation_puts_the_image_markdown_at_the_cursor() {
    let app = TestApp::editor_signed_in().await;
    let image = app
        .upload_image(&jpeg(1200, 800), "Queue outside a polling station")
        .await;
    let browser = watched_browser().await;
    sign_in_as_editor(&browser, &app).await;
    browser
        .goto(&format!("{}/editor/fact-checks/new", app.address))
        .await;

    let body = browser.find("#body").await;
    browser
        .type_into(&body, "The photo shows it. The line was short.")
        .await;
    // The cursor after the first sentence, as a click there would leave it.
    browser
        .execute(
            "const b = document.getElementById('body'); b.focus(); b.setSelectionRange(20, 20);",
            json!([]),
        )
        .await;
    let buttons = browser
        .find_by_script(
            "return [...document.querySelectorAll('.media-choice button')]
               .filter(b => b.textContent === 'Insert into explanation');",
            json!([]),
        )
        .await;
    assert_eq!(buttons.len(), 1, "one button for the one image");
    browser.click(&buttons[0]).await;

    let value = browser
        .execute("return document.getElementById('body').value;", json!([]))
        .await;
    assert_eq!(
        value.as_str().unwrap(),
        format!(
            "The photo shows it. ![Queue outside a polling station](media:{image})The line was short."
        )
    );
    let focused = browser.focused().await;
    assert_eq!(
        focused, "body",
        "the editor goes on typing in the explanation"
    );
    assert_clean(&browser, "the form after inserting an image").await;
    let wider = screenshots(&browser, "media-picker").await;
    assert!(wider.is_empty(), "nothing sticks out on a phone: {wider:?}");

    browser.goto(&format!("{}/editor/media", app.address)).await;
    let wider = screenshots(&browser, "media-library").await;
    assert!(wider.is_empty(), "nothing sticks out on a phone: {wider:?}");
}
