//! What editors and readers see of the link watch: the desk's "Sources needing attention",
//! a changed page side by side with our copy, and a dead source's citation.

use super::Answer;
use super::TestSite;
use super::link_watch::{as_cited, check_at, citing};
use factdesk::domain::evidence::LinkState;

#[tokio::test]
async fn editors_see_dead_and_changed_sources_and_what_changed_and_readers_our_copy() {
    let site = TestSite::start().await;
    site.set("/library", Answer::html(&as_cited()));
    let (app, link, edit) = citing(&site, "/library").await;
    let published = app.publish(&edit).await;
    assert_eq!(published.status, reqwest::StatusCode::SEE_OTHER);

    let rewritten = r#"<html><body><article><h1>Libraries saved</h1><p>The branch libraries in the outer wards stay open after all.</p><p>The leader of the council said the decision was painful but that visitor numbers at the three branches had fallen by a third since the pandemic and had not recovered.</p></article></body></html>"#;
    site.set("/library", Answer::html(rewritten));
    assert_eq!(check_at(&app, &link, 25).await, LinkState::Changed);

    super::retry_captures_later(&app).await;
    let desk = app.get("/editor").await;
    let attention = &desk.body[desk.position_of("Sources needing attention")..];
    assert!(attention.contains(&link), "{attention}");
    assert!(attention.contains("changed since cited"), "{attention}");
    assert!(
        attention.contains(&format!(r#"<a href="{edit}">"#)),
        "the fact-check citing it links to its edit page: {attention}"
    );
    assert!(
        attention.contains("never captured"),
        "the moon fact-check's other sources could not be fetched: {attention}"
    );
    let start = attention.find("/editor/link-checks/").unwrap();
    let end = start + attention[start..].find('"').unwrap();
    let compared = app.get(&attention[start..end]).await;
    assert_eq!(compared.status, reqwest::StatusCode::OK);
    let body = &compared.body;
    assert!(body.contains("As cited"), "{body}");
    assert!(
        body.contains("<strong class=\"mark\">Removed:</strong> The borough council voted"),
        "{body}"
    );
    assert!(
        body.contains(
            "<strong class=\"mark\">Added:</strong> The branch libraries in the outer wards"
        ),
        "{body}"
    );
    assert!(
        body.contains("<p>The leader of the council said the decision was painful"),
        "a paragraph on both sides is not marked: {body}"
    );

    site.set("/library", Answer::status(reqwest::StatusCode::GONE));
    assert_eq!(check_at(&app, &link, 50).await, LinkState::Dead);
    let desk = app.get("/editor").await;
    assert!(desk.body[desk.position_of("Sources needing attention")..].contains("no longer works"));
    let slug = "apollo-photos-show-shadows-consistent-with-one-light-source-the-sun";
    let verdict = app
        .another_browser()
        .get(&format!("/fact-checks/{slug}"))
        .await;
    let cited = &verdict.body[verdict.position_of("Apollo 11 image library")..];
    assert!(
        cited.contains("(link no longer works — <a href=\"/copies/"),
        "{cited:.600}"
    );
    assert!(
        !cited[..cited.find("</li>").unwrap()].contains(&format!("href=\"{link}\"")),
        "the broken link is not offered: {cited:.600}"
    );
}
