//! Accessibility in a real browser: axe-core finds nothing serious on the pages people use
//! most, and a person with only a keyboard can sign in, write, submit and publish.

use crate::helpers::{
    EDITOR_EMAIL, EDITOR_PASSWORD, TestApp, WRITER_EMAIL, WRITER_PASSWORD, moon_fact_check, with,
};
use crate::page::{assert_clean, press_button, press_step, screenshots, tab_to, watched_browser};
use crate::webdriver::{Browser, keys};
use factdesk::domain::Role;
use reqwest::StatusCode;
use serde_json::json;
use std::path::PathBuf;

/// axe-core as npm installed it (`npm ci --prefix tests/browser`), or `AXE_CORE_JS`.
pub(crate) fn axe_source() -> String {
    let path = std::env::var_os("AXE_CORE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/browser/node_modules/axe-core/axe.min.js")
        });
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is missing at {} ({e}): run `npm ci --prefix tests/browser`",
            path.display()
        )
    })
}

/// The serious and critical violations axe-core finds on the current page, one line each.
pub(crate) async fn serious_violations(browser: &Browser, axe: &str) -> Vec<String> {
    browser.execute(axe, json!([])).await;
    let found = browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then(r => done(r.violations
                 .filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => `${v.id} (${v.impact}): ${v.help}: ` +
                   v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', '))))
               .catch(e => done(['axe-core failed: ' + e]));",
            json!([]),
        )
        .await;
    found
        .as_array()
        .map(|list| {
            list.iter()
                .map(|v| v.as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_nothing_serious_on_the_pages_readers_and_editors_use() {
    let app = TestApp::spawn_with_demo().await;
    app.add_account(
        EDITOR_EMAIL,
        "Erin Editor",
        EDITOR_PASSWORD,
        factdesk::domain::Role::Admin,
    );
    let browser = watched_browser().await;
    let axe = axe_source();
    let mut report = Vec::new();
    let mut check = async |name: &str, browser: &Browser| {
        for problem in serious_violations(browser, &axe).await {
            report.push(format!("{name}: {problem}"));
        }
    };

    browser.goto(&app.address).await;
    check("home", &browser).await;
    let first = browser.find(".card a").await;
    browser.click_through(&first).await;
    assert!(browser.current_url().await.contains("/fact-checks/"));
    check("verdict", &browser).await;
    let verdict = browser.current_url().await;
    browser.goto(&format!("{verdict}/embed")).await;
    assert!(browser.try_find(".embed svg[role='img']").await.is_some());
    check("embed", &browser).await;
    browser.goto(&format!("{verdict}/report")).await;
    check("report an error", &browser).await;
    browser.goto(&format!("{}/tips", app.address)).await;
    check("suggest a claim", &browser).await;
    // A refused tip (no claim), with its message beside the field.
    browser
        .click_through(&browser.find("form[action='/tips'] button").await)
        .await;
    assert!(browser.try_find("#claim-error").await.is_some());
    check("suggest a claim with an error", &browser).await;
    let tip = crate::helpers::fields(&[
        ("claim", "Putin said the ceasefire was his idea."),
        ("seen_link", "https://social.example/posts/12"),
        ("contact_email", "reader@mail.example"),
    ]);
    assert_eq!(
        app.post_form("/tips", &tip).await.status,
        StatusCode::SEE_OTHER
    );
    browser
        .goto(&format!("{}/search?q=Putin", app.address))
        .await;
    assert!(
        !browser.find_all(".card").await.is_empty(),
        "the search finds demo fact-checks"
    );
    check("search results", &browser).await;
    for (name, path) in [
        ("tags", "/tags"),
        ("claimants", "/claimants"),
        ("ratings", "/ratings"),
        ("author", "/authors/demo-editor"),
    ] {
        browser.goto(&format!("{}{path}", app.address)).await;
        check(name, &browser).await;
    }
    browser.goto(&format!("{}/editor/login", app.address)).await;
    check("login", &browser).await;
    crate::page::sign_in_as_editor(&browser, &app).await;
    check("dashboard", &browser).await;
    browser
        .goto(&format!("{}/editor/account", app.address))
        .await;
    assert!(browser.try_find("textarea#bio").await.is_some());
    check("account", &browser).await;
    browser.goto(&format!("{}/editor/inbox", app.address)).await;
    assert!(
        browser.try_find(".tip").await.is_some(),
        "the inbox shows the tip"
    );
    check("inbox", &browser).await;
    for (name, path) in [
        ("settings", "/editor/settings"),
        ("rating scale in Arabic", "/editor/ratings?language=ar"),
    ] {
        browser.goto(&format!("{}{path}", app.address)).await;
        check(name, &browser).await;
    }
    browser
        .goto(&format!("{}/editor/fact-checks/new", app.address))
        .await;
    check("new fact-check form", &browser).await;
    // The same form after a rejected save, with its error summary and messages.
    browser
        .click_through(&browser.find(".actions button[type=submit]").await)
        .await;
    assert!(browser.try_find("#error-summary").await.is_some());
    check("fact-check form with errors", &browser).await;
    browser
        .goto(&format!("{}/editor/fact-checks/1", app.address))
        .await;
    check("published fact-check form", &browser).await;
    // Its preview, in this tab rather than a new one, for the check to see it.
    browser
        .execute(
            "document.querySelector('button[formaction$=\"/preview\"]').removeAttribute('formtarget');",
            json!([]),
        )
        .await;
    browser
        .click_through(&browser.find("button[formaction$='/preview']").await)
        .await;
    assert!(
        browser
            .body_text()
            .await
            .contains("Preview — not published")
    );
    check("preview of an edit", &browser).await;
    // The media library, with an image in it.
    let mut uploader = app.another_browser();
    uploader.sign_in_as_editor().await;
    uploader
        .upload_image(
            &crate::helpers::jpeg(640, 480),
            "A test card of colour bars",
        )
        .await;
    browser.goto(&format!("{}/editor/media", app.address)).await;
    assert!(browser.try_find(".media-item").await.is_some());
    check("media library", &browser).await;

    assert!(report.is_empty(), "axe-core found:\n{}", report.join("\n"));

    // The check can fail: an image without a text alternative is reported.
    browser
        .execute(
            "document.querySelector('main').append(document.createElement('img'));",
            json!([]),
        )
        .await;
    let planted = serious_violations(&browser, &axe).await;
    assert!(
        planted
            .iter()
            .any(|v| v.starts_with("image-alt (critical)")),
        "{planted:?}"
    );
}

const ALDRIN_WIKI: &str = "https://en.wikipedia.org/wiki/Buzz_Aldrin";
const EVIL: &str = "https://evil.example/aldrin";

/// The demo newsroom with 60 more fact-checks, so the desk has a second page, and a
/// writer's draft in review that proposes another link and kind for Buzz Aldrin, whose
/// published fact-check has them on file; with that draft's edit path.
async fn newsroom_with_a_full_desk_and_a_proposal() -> (TestApp, String) {
    let app = TestApp::spawn_with_demo().await;
    app.generate_fact_checks(60).await;
    app.add_account(EDITOR_EMAIL, "Erin Editor", EDITOR_PASSWORD, Role::Admin);
    app.add_writer();

    let aldrin = |slug: &str, url: &str, kind: &str| {
        let form = with(&moon_fact_check(), "claimant", "Buzz Aldrin");
        let form = with(&form, "headline", &format!("Aldrin claim {slug}"));
        let form = with(&with(&form, "slug", slug), "claimant_url", url);
        with(&form, "claimant_kind", kind)
    };
    let mut editor = app.another_browser();
    editor.sign_in_as_editor().await;
    let first = editor
        .create_draft(&aldrin("aldrin-first-claim", ALDRIN_WIKI, "person"))
        .await;
    assert_eq!(editor.publish(&first).await.status, StatusCode::SEE_OTHER);
    let mut writer = app.another_browser();
    let signed_in = writer.sign_in(WRITER_EMAIL, WRITER_PASSWORD).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    let draft = writer
        .create_draft(&aldrin("aldrin-second-claim", EVIL, "organization"))
        .await;
    let submitted = writer.press(&draft, "submit", &[]).await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER);
    (app, draft)
}

/// The text of the field error beside the field `id`, which must be marked invalid.
async fn field_error(browser: &Browser, id: &str) -> String {
    let field = browser.find(&format!("#{id}")).await;
    assert_eq!(
        browser.attribute(&field, "aria-invalid").await.as_deref(),
        Some("true"),
        "#{id} on {}",
        browser.current_url().await
    );
    browser
        .words(&browser.find(&format!("#{id}-error")).await)
        .await
}

/// The pages issue 10's limits added or changed: refused searches, the desk in pages,
/// a claimant proposal, refused sign-ins and the page for a host name the site does not
/// answer for. Screenshots of each, at desktop and phone widths, go to `target/screenshots/`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_nothing_serious_on_refusals_the_paged_desk_and_a_claimant_proposal() {
    let (app, draft) = newsroom_with_a_full_desk_and_a_proposal().await;
    let browser = watched_browser().await;
    let axe = axe_source();
    let mut report = Vec::new();
    let mut check = async |name: &str, browser: &Browser| {
        for problem in serious_violations(browser, &axe).await {
            report.push(format!("{name}: {problem}"));
        }
    };
    let mut sideways = Vec::new();
    let url = |path: &str| format!("{}{path}", app.address);
    const TOO_SHORT: &str = "Type at least 3 letters before *";

    browser.goto(&url("/search?q=t*")).await;
    assert!(field_error(&browser, "q").await.starts_with(TOO_SHORT));
    check("refused search", &browser).await;
    sideways.extend(screenshots(&browser, "search-refused").await);
    browser.goto(&url("/search?q=Putin")).await;
    assert!(!browser.find_all(".card").await.is_empty());
    sideways.extend(screenshots(&browser, "search-results").await);

    // A wrong password, then an email too long to look up.
    browser.goto(&url("/editor/login")).await;
    browser
        .type_into(&browser.find("#email").await, EDITOR_EMAIL)
        .await;
    browser
        .type_into(&browser.find("#password").await, "not the password")
        .await;
    press_button(&browser, "/editor/login").await;
    assert!(browser.try_find(".alert-error").await.is_some());
    check("sign-in after a wrong password", &browser).await;
    let long_email = format!("{}@newsroom.example", "a".repeat(250));
    browser
        .enter_text(&browser.find("#email").await, &long_email)
        .await;
    browser
        .type_into(&browser.find("#password").await, EDITOR_PASSWORD)
        .await;
    press_button(&browser, "/editor/login").await;
    assert!(!field_error(&browser, "email").await.is_empty());
    check("sign-in with a refused email", &browser).await;

    crate::page::sign_in_as_editor(&browser, &app).await;
    // Past the editor's landing queue (waiting for review), to every fact-check.
    browser.goto(&url("/editor?status=any")).await;
    assert_eq!(browser.find_all("table.dashboard tbody tr").await.len(), 50);
    assert!(browser.try_find("nav.pager a[rel=next]").await.is_some());
    check("desk with a pager", &browser).await;
    sideways.extend(screenshots(&browser, "desk-pager").await);
    browser
        .goto(&url(
            "/editor?status=published&rating=false&assignee=nobody&sort=oldest",
        ))
        .await;
    assert!(
        !browser
            .find_all("table.dashboard tbody tr")
            .await
            .is_empty()
    );
    check("desk with filters chosen", &browser).await;
    sideways.extend(screenshots(&browser, "desk-filtered").await);
    browser.goto(&url("/editor?q=t*")).await;
    assert!(field_error(&browser, "q").await.starts_with(TOO_SHORT));
    check("desk with a refused search", &browser).await;
    sideways.extend(screenshots(&browser, "desk-refused").await);

    browser.goto(&url(&draft)).await;
    let note = browser
        .words(&browser.find("#claimant-proposal-note").await)
        .await;
    assert!(
        note.starts_with(&format!(
            "This draft proposes a new link for Buzz Aldrin: {EVIL} (on file: {ALDRIN_WIKI})."
        )),
        "{note}"
    );
    assert_eq!(
        browser
            .find_all("#claimant_proposal input[name=claimant_proposal]")
            .await
            .len(),
        2
    );
    check("draft with a claimant proposal", &browser).await;
    sideways.extend(screenshots(&browser, "draft-claimant-proposal").await);
    // Publishing without choosing is refused beside the choice.
    press_step(&browser, "publish").await;
    assert!(
        browser.try_find("#claimant_proposal-error").await.is_some(),
        "{}",
        browser.body_text().await
    );
    check("publish refused without a choice", &browser).await;
    sideways.extend(screenshots(&browser, "draft-claimant-proposal-refused").await);
    drop(browser);

    // The server under a name it does not answer for, as a rebinding attacker's page is.
    let rebinding = "--host-resolver-rules=MAP evil.example 127.0.0.1";
    let foreign = Browser::launch_with(&[rebinding]).await;
    foreign
        .goto(&app.address.replace("127.0.0.1", "evil.example"))
        .await;
    let text = foreign.body_text().await;
    assert!(
        text.contains("This server does not answer for that host name."),
        "{text}"
    );
    check("unknown host", &foreign).await;
    sideways.extend(screenshots(&foreign, "unknown-host").await);

    assert!(report.is_empty(), "axe-core found:\n{}", report.join("\n"));
    assert!(
        sideways.is_empty(),
        "a 390 px phone scrolls sideways:\n{}",
        sideways.join("\n")
    );
}

/// Types text key by key into whatever has the focus.
async fn type_keys(browser: &Browser, text: &str) {
    browser.press(&[text]).await;
}

/// Tabs to a field and types into it.
async fn fill(browser: &Browser, id: &str, text: &str) {
    tab_to(browser, id).await;
    type_keys(browser, text).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_with_only_a_keyboard_signs_in_writes_and_publishes() {
    let app = TestApp::spawn().await;
    let browser = watched_browser().await;
    browser.goto(&format!("{}/editor/login", app.address)).await;

    fill(&browser, "email", EDITOR_EMAIL).await;
    fill(&browser, "password", EDITOR_PASSWORD).await;
    browser.press_through(&[keys::ENTER]).await;
    assert!(
        browser.current_url().await.ends_with("/editor"),
        "signed in"
    );

    tab_to(&browser, "a:New fact-check").await;
    browser.press_through(&[keys::ENTER]).await;
    fill(
        &browser,
        "headline",
        "Tap water in the city meets every national standard",
    )
    .await;
    // Tab enters the group of ratings; the arrow keys choose one.
    tab_to(&browser, "rating=true").await;
    while browser.focused().await != "rating=false" {
        browser.press(&[keys::ARROW_DOWN]).await;
    }
    fill(
        &browser,
        "summary",
        "Every test last year met the national limits.",
    )
    .await;
    fill(
        &browser,
        "body",
        "The utility's published tests show no breach.",
    )
    .await;
    fill(
        &browser,
        "claim_text",
        "The city's tap water fails safety standards.",
    )
    .await;
    fill(&browser, "claimant", "Social media users").await;
    fill(&browser, "appearance-0-url", "https://example.com/post/2").await;
    fill(&browser, "appearance-0-platform", "Facebook").await;
    fill(&browser, "source-0-outlet", "City Water Utility").await;
    fill(&browser, "source-0-title", "Annual water quality report").await;
    tab_to(&browser, "button:Save draft").await;
    browser.press_through(&[keys::ENTER]).await;
    let status = browser
        .words(&browser.find(".page-head .status").await)
        .await;
    assert_eq!(status, "Draft", "{}", browser.body_text().await);

    // Space presses a button, as Enter does.
    tab_to(&browser, "button:Submit for review").await;
    browser.press_through(&[keys::SPACE]).await;
    tab_to(&browser, "button:Publish").await;
    browser.press_through(&[keys::ENTER]).await;
    let status = browser
        .words(&browser.find(".page-head .status").await)
        .await;
    assert_eq!(status, "Published");
    assert_clean(&browser, "the keyboard-published form").await;

    browser.goto(&app.address).await;
    assert!(
        browser
            .find_link("Tap water in the city meets every national standard")
            .await
            .is_some(),
        "readers see it"
    );
    let rating = browser.words(&browser.find(".card .badge").await).await;
    assert_eq!(rating, "False");
}
