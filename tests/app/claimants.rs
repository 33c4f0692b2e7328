//! Claimants are shared records: a draft that names one already on file with another link or
//! kind only proposes the change, and published pages stay as they are until an editor
//! applies it on publication, with an entry in the audit log.

use crate::claim_review::json_ld;
use crate::helpers::{TestApp, WRITER_EMAIL, WRITER_PASSWORD, moon_fact_check, with};
use reqwest::StatusCode;
use serde_json::Value;

const WRITER: (&str, &str) = (WRITER_EMAIL, WRITER_PASSWORD);
const ALDRIN_WIKI: &str = "https://en.wikipedia.org/wiki/Buzz_Aldrin";
const EVIL: &str = "https://evil.example/aldrin";
const FIRST_SLUG: &str = "aldrin-first-claim";

/// A newsroom whose editor has published a fact-check about Buzz Aldrin, a person with a
/// Wikipedia page, and a writer signed in beside them; with that fact-check's edit path.
async fn newsroom_with_aldrin_published() -> (TestApp, TestApp, String) {
    let mut editor = TestApp::spawn().await;
    editor.add_writer();
    editor.sign_in_as_editor().await;
    let aldrin = aldrin_claim(FIRST_SLUG);
    let aldrin = with(
        &with(&aldrin, "claimant_url", ALDRIN_WIKI),
        "claimant_kind",
        "person",
    );
    let edit_path = editor.create_draft(&aldrin).await;
    assert_eq!(
        editor.publish(&edit_path).await.status,
        StatusCode::SEE_OTHER
    );
    let mut writer = editor.another_browser();
    assert_eq!(
        writer.sign_in(WRITER.0, WRITER.1).await.status,
        StatusCode::SEE_OTHER
    );
    (editor, writer, edit_path)
}

fn aldrin_claim(slug: &str) -> Vec<(String, String)> {
    let form = with(&moon_fact_check(), "claimant", "Buzz Aldrin");
    with(
        &with(&form, "slug", slug),
        "headline",
        &format!("Aldrin claim {slug}"),
    )
}

/// What the public sees of Aldrin: the ClaimReview author of the published verdict, the
/// claimant page, and Aldrin's entry in the API's claimant list.
async fn what_readers_see(app: &TestApp) -> (Value, String, Value) {
    let verdict = app.get(&format!("/fact-checks/{FIRST_SLUG}")).await;
    assert_eq!(verdict.status, StatusCode::OK);
    let author = json_ld(&verdict)[0]["itemReviewed"]["author"].clone();
    let page = app.get("/claimants/buzz-aldrin").await;
    assert_eq!(page.status, StatusCode::OK);
    let api = app.get("/api/v1/claimants").await;
    assert_eq!(api.status, StatusCode::OK);
    let api: Value = serde_json::from_str(&api.body).unwrap();
    let aldrin = api["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Buzz Aldrin")
        .unwrap()
        .clone();
    (author, page.body, aldrin)
}

/// A writer's draft naming Aldrin with a hostile link and kind, sent for review.
async fn writer_proposes_evil_link(writer: &TestApp) -> String {
    let draft = with(
        &with(&aldrin_claim("aldrin-second-claim"), "claimant_url", EVIL),
        "claimant_kind",
        "organization",
    );
    let edit_path = writer.create_draft(&draft).await;
    assert_eq!(
        writer.press(&edit_path, "submit", &[]).await.status,
        StatusCode::SEE_OTHER
    );
    edit_path
}

#[tokio::test]
async fn a_writers_draft_cannot_rewrite_a_claimant_that_published_pages_use() {
    let (editor, writer, _) = newsroom_with_aldrin_published().await;
    let before = what_readers_see(&editor).await;
    assert_eq!(before.0["sameAs"], ALDRIN_WIKI);
    assert_eq!(before.0["@type"], "Person");

    let edit_path = writer_proposes_evil_link(&writer).await;

    // Saving the draft, and saving it again, changes nothing readers or machines see.
    assert_eq!(what_readers_see(&editor).await, before);
    let form = writer.get(&edit_path).await;
    assert!(form.body.contains(&format!(
        "This draft proposes a new link for Buzz Aldrin: <span class=\"proposed\">{EVIL}</span> (on file: <span class=\"on-file\">{ALDRIN_WIKI}</span>)."
    )));
    assert!(form.body.contains(
        "This draft proposes that Buzz Aldrin is an organization or a group (on file: person)."
    ));
    // The draft keeps its proposal in its own fields, so a second save keeps it too.
    assert!(form.body.contains(&format!("value=\"{EVIL}\"")));
    assert_eq!(what_readers_see(&editor).await, before);
}

#[tokio::test]
async fn an_editor_sees_the_proposal_and_must_choose_before_publishing() {
    let (editor, writer, _) = newsroom_with_aldrin_published().await;
    let before = what_readers_see(&editor).await;
    let edit_path = writer_proposes_evil_link(&writer).await;

    let form = editor.get(&edit_path).await;
    assert!(form.body.contains(&format!(
        "This draft proposes a new link for Buzz Aldrin: <span class=\"proposed\">{EVIL}</span>"
    )));
    assert!(form.body.contains(&format!(
        "<p class=\"proposal-change\">This draft proposes a change to Buzz Aldrin: link {ALDRIN_WIKI} → {EVIL}; kind person → organization</p>"
    )));
    assert!(
        form.body
            .contains("name=\"claimant_proposal\" value=\"apply\"")
    );
    assert!(
        form.body
            .contains("name=\"claimant_proposal\" value=\"decline\"")
    );

    // Publishing without an answer is refused beside the choice, and nothing is published.
    let page = editor.publish(&edit_path).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains(
        "<p class=\"field-error\" id=\"claimant_proposal-error\">This draft proposes a change to Buzz Aldrin, shared by all their fact-checks: apply it or keep the claimant as on file.</p>"
    ));
    let page = editor
        .press(&edit_path, "publish", &[("claimant_proposal", "maybe")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("id=\"claimant_proposal-error\""));
    assert_eq!(
        editor.get("/fact-checks/aldrin-second-claim").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(what_readers_see(&editor).await, before);
}

#[tokio::test]
async fn declining_the_proposal_publishes_the_draft_and_keeps_the_claimant() {
    let (editor, writer, _) = newsroom_with_aldrin_published().await;
    let before = what_readers_see(&editor).await;
    let edit_path = writer_proposes_evil_link(&writer).await;

    let page = editor
        .press(&edit_path, "publish", &[("claimant_proposal", "decline")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    let (author, _, aldrin) = what_readers_see(&editor).await;
    assert_eq!(author, before.0);
    assert_eq!(aldrin["same_as"], ALDRIN_WIKI);
    assert_eq!(aldrin["kind"], "person");
    assert_eq!(aldrin["fact_checks"], 2);
    let second = &json_ld(&editor.get("/fact-checks/aldrin-second-claim").await)[0];
    assert_eq!(second["itemReviewed"]["author"]["sameAs"], ALDRIN_WIKI);
    assert_eq!(second["itemReviewed"]["author"]["@type"], "Person");
    // The proposal is settled: the edit page no longer offers it.
    let form = editor.get(&edit_path).await;
    assert!(!form.body.contains("This draft proposes"));
    let log = editor.get("/editor/audit").await;
    assert!(log.body.contains("<td>claimant_change_declined</td>"));
    assert!(log.body.contains(&format!("link {ALDRIN_WIKI} → {EVIL}")));
    assert!(!log.body.contains("<td>claimant_change</td>"));
}

#[tokio::test]
async fn applying_the_proposal_changes_the_claimant_everywhere_with_an_audit_entry() {
    let (editor, writer, _) = newsroom_with_aldrin_published().await;
    let nasa = "https://www.nasa.gov/people/buzz-aldrin/";
    let draft = with(&aldrin_claim("aldrin-second-claim"), "claimant_url", nasa);
    let edit_path = writer.create_draft(&draft).await;

    let page = editor
        .press(&edit_path, "publish", &[("claimant_proposal", "apply")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    // The first, already published verdict follows the record, as the editor chose.
    let (author, _, aldrin) = what_readers_see(&editor).await;
    assert_eq!(author["sameAs"], nasa);
    assert_eq!(author["@type"], "Person");
    assert_eq!(aldrin["same_as"], nasa);
    let log = editor.get("/editor/audit").await;
    assert!(log.body.contains("<td>claimant_change</td>"));
    assert!(log.body.contains("<td>Buzz Aldrin</td>"));
    assert!(log.body.contains(&format!("link {ALDRIN_WIKI} → {nasa}")));
}

#[tokio::test]
async fn an_editors_own_draft_only_proposes_too() {
    let (editor, _, _) = newsroom_with_aldrin_published().await;
    let before = what_readers_see(&editor).await;
    let draft = with(&aldrin_claim("aldrin-second-claim"), "claimant_url", EVIL);
    let edit_path = editor.create_draft(&draft).await;
    let form = editor.get(&edit_path).await;
    assert_eq!(what_readers_see(&editor).await, before);

    // Saving the draft again with the field emptied withdraws the proposal.
    let page = editor
        .save(
            &edit_path,
            form.version(),
            &with(&draft, "claimant_url", ""),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let form = editor.get(&edit_path).await;
    assert!(!form.body.contains("This draft proposes"));
    assert_eq!(
        editor.publish(&edit_path).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(what_readers_see(&editor).await.0, before.0);
}

#[tokio::test]
async fn an_editor_changing_a_published_fact_check_changes_the_claimant_on_the_record() {
    let (editor, _, edit_path) = newsroom_with_aldrin_published().await;
    let form = editor.get(&edit_path).await;
    let nasa = "https://www.nasa.gov/people/buzz-aldrin/";
    let edited = with(&aldrin_claim(FIRST_SLUG), "claimant_url", nasa);
    let page = editor.save(&edit_path, form.version(), &edited).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    assert_eq!(what_readers_see(&editor).await.0["sameAs"], nasa);
    let log = editor.get("/editor/audit").await;
    assert!(log.body.contains("<td>claimant_change</td>"));
    assert!(log.body.contains(&format!("link {ALDRIN_WIKI} → {nasa}")));
}

#[tokio::test]
async fn a_new_claimant_is_simply_created_as_described() {
    let (_, writer, _) = newsroom_with_aldrin_published().await;
    let draft = with(
        &with(
            &with(&moon_fact_check(), "claimant", "Apollo Sceptics Club"),
            "claimant_url",
            "https://sceptics.example/",
        ),
        "claimant_kind",
        "organization",
    );
    let edit_path = writer.create_draft(&draft).await;
    let form = writer.get(&edit_path).await;
    assert!(!form.body.contains("This draft proposes"));
    assert!(form.body.contains(
        "On file for Apollo Sceptics Club: <span class=\"on-file\">https://sceptics.example/</span>"
    ));
    assert!(
        form.body
            .contains("<option value=\"\" selected>As on file (organization)</option>")
    );
}

#[tokio::test]
async fn an_import_publishes_under_an_editor_so_it_changes_the_claimant_on_the_record() {
    let (editor, _, _) = newsroom_with_aldrin_published().await;
    let record = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://other.example/aldrin-moon",
        "datePublished": "2024-03-05",
        "author": {"@type": "Organization", "name": "Other Desk"},
        "claimReviewed": "Aldrin never walked on the Moon.",
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": "Buzz Aldrin", "sameAs": "https://aldrin.example/"}
        },
        "reviewRating": {"@type": "Rating", "alternateName": "False"}
    });
    let file = editor.db_path().with_file_name("aldrin.json");
    std::fs::write(&file, record.to_string()).unwrap();
    let db = editor.db_path();
    let (success, stdout, stderr) = crate::helpers::run_factdesk(
        &[
            "--db",
            db.to_str().unwrap(),
            "import",
            file.to_str().unwrap(),
        ],
        "",
    );
    assert!(success, "{stdout}{stderr}");

    let (author, _, aldrin) = what_readers_see(&editor).await;
    assert_eq!(author["sameAs"], "https://aldrin.example/");
    assert_eq!(author["@type"], "Organization");
    assert_eq!(aldrin["kind"], "organization");
    let log = editor.get("/editor/audit").await;
    assert!(log.body.contains("<td>claimant_change</td>"));
    assert!(log.body.contains(&format!(
        "link {ALDRIN_WIKI} → https://aldrin.example/; kind person → organization"
    )));
}

#[tokio::test]
async fn restoring_an_old_version_does_not_bring_back_a_withdrawn_proposal() {
    let (editor, writer, _) = newsroom_with_aldrin_published().await;
    let draft = with(&aldrin_claim("aldrin-second-claim"), "claimant_url", EVIL);
    let edit_path = writer.create_draft(&draft).await;
    let form = writer.get(&edit_path).await;
    let page = writer
        .save(
            &edit_path,
            form.version(),
            &with(&draft, "claimant_url", ""),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);

    // The history still shows what version 1 proposed; restoring it leaves the link as on file.
    let history = writer
        .get(&format!("{edit_path}/revisions?from=1&to=2"))
        .await;
    assert!(history.body.contains(EVIL));
    let restore = writer.get(&format!("{edit_path}?restore=1")).await;
    assert_eq!(restore.status, StatusCode::OK);
    assert!(!restore.body.contains(&format!("value=\"{EVIL}\"")));
    assert!(!restore.body.contains("This draft proposes"));
    let before = what_readers_see(&editor).await;
    assert_eq!(
        editor
            .press(&edit_path, "publish", &[("claimant_proposal", "apply")])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(what_readers_see(&editor).await.0, before.0);
}
