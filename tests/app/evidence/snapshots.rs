//! A copy of every cited page, taken when it is cited: the capture job keeps what the page
//! served, readers open Factdesk's copy from the verdict page, and a copy never changes.

use super::{Answer, TestSite, local_fetcher, newsroom};
use crate::helpers::{WRITER_EMAIL, WRITER_PASSWORD, moon_fact_check, run_factdesk, with};
use factdesk::db::snapshots;
use factdesk::domain::Moment;
use factdesk::domain::evidence::{CaptureState, sha256_hex};
use factdesk::jobs::capture::capture_queued;
use reqwest::StatusCode;

/// A news page as sites serve them: the story inside a cookie banner, a newsletter box and
/// links to other stories.
const STORY: &str = r#"<!doctype html><html><head><title>Harbour cranes idle | Coast Courier</title>
<meta property="og:site_name" content="Coast Courier">
<meta property="og:title" content="Harbour cranes stand idle as dock strike enters third week">
<meta name="author" content="Mira Solberg">
<meta property="article:published_time" content="2025-06-12T07:00:00Z">
</head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience. Accept all cookies?</p><button>Accept</button></div>
<nav><a href="/">Home</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour cranes stand idle as dock strike enters third week</h1>
<p class="byline">By Mira Solberg</p>
<p>Not one container ship has been unloaded at the northern terminal since the first of the month, the port authority said on Thursday, as the strike by crane operators entered its third week.</p>
<p>The operators' union says the dispute is about shift lengths, not pay. A spokesperson for the union said members had worked twelve-hour shifts for most of the spring and would not return until rosters were changed.</p>
<p>The port authority said it had offered ten-hour shifts from September and described the union's position as "a moving target". Talks are due to resume on Monday under a mediator.</p>
<p>Shipping lines have begun sending vessels to the southern terminal, where queues of lorries now stretch past the ring road in the mornings.</p>
</article>
<aside class="newsletter"><h2>Get the morning briefing</h2><p>Sign up for our newsletter and never miss a story.</p></aside>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Ferry fares to rise in autumn</a></li><li><a href="/b">New bridge opens to cyclists</a></li></ul></aside>
<footer><p>© Coast Courier. All rights reserved.</p></footer>
</body></html>"#;

/// The moon fact-check citing `link` as its first source.
fn citing(link: &str) -> Vec<(String, String)> {
    with(&moon_fact_check(), "source.0.url", link)
}

#[tokio::test]
async fn a_cited_page_is_captured_in_the_background_and_readers_open_our_copy() {
    let site = TestSite::start().await;
    site.set("/story", Answer::html(STORY));
    site.set("/short-link", Answer::redirect("/story"));
    let app = newsroom().await;
    let link = site.url("/short-link");

    let edit = app.create_draft(&citing(&link)).await;
    let queued: i64 = app.db.read(|c| snapshot_count(c, "capture_queue")).unwrap();
    assert!(
        queued >= 1,
        "saving queues the cited page, it does not fetch it"
    );
    let state = app.db.read(|c| snapshots::capture_state(c, &link)).unwrap();
    assert_eq!(state, Some(CaptureState::Waiting));
    assert!(
        app.get(&edit)
            .await
            .body
            .contains("Our copy: waiting to be captured."),
        "the edit page says the copy is on its way"
    );

    let taken = capture_queued(&app.db, &local_fetcher(), Moment::now)
        .await
        .unwrap();
    assert!(taken >= 1);
    let copy = app
        .db
        .read(|c| snapshots::citation_copy(c, &link))
        .unwrap()
        .expect("a copy is kept");
    assert_eq!(
        copy.final_url.as_deref(),
        Some(site.url("/story").as_str()),
        "after redirects"
    );
    assert_eq!(copy.http_status, Some(200));
    assert!(
        app.get(&edit).await.body.contains(&format!(
            r#"Our copy: <a href="/editor/copies/{}">captured"#,
            copy.id
        )),
        "the edit page links the copy"
    );
    assert_eq!(copy.content_type.as_deref(), Some("text/html"));
    assert_eq!(
        copy.body_sha256.as_deref(),
        Some(sha256_hex(STORY.as_bytes()).as_str())
    );
    assert_eq!(copy.body_bytes, Some(STORY.len() as i64));
    let body = app
        .db
        .read(|c| snapshots::body(c, copy.id))
        .unwrap()
        .unwrap();
    assert_eq!(body, STORY.as_bytes(), "the raw body comes back as served");
    assert_eq!(copy.outlet.as_deref(), Some("Coast Courier"));
    assert_eq!(copy.published_on.as_deref(), Some("2025-06-12"));
    let text = copy.text.clone().unwrap();
    assert!(
        text.starts_with("Not one container ship has been unloaded"),
        "{text}"
    );
    assert!(text.contains("queues of lorries now stretch past the ring road"));
    for chrome in [
        "cookies",
        "newsletter",
        "Ferry fares",
        "All rights reserved",
        "Sport",
    ] {
        assert!(
            !text.contains(chrome),
            "{chrome} is site chrome, not the article: {text}"
        );
    }
    assert_eq!(
        copy.text_sha256.as_deref(),
        Some(sha256_hex(text.as_bytes()).as_str())
    );

    // A draft's evidence is the newsroom's: readers cannot open it yet, editors can.
    let reader = app.another_browser();
    assert_eq!(
        reader.get(&format!("/copies/{}", copy.id)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/editor/copies/{}", copy.id)).await.status,
        StatusCode::OK
    );

    app.add_writer();
    let mut writer = app.another_browser();
    writer.sign_in(WRITER_EMAIL, WRITER_PASSWORD).await;
    let copy_path = format!("/editor/copies/{}", copy.id);
    assert_eq!(
        writer.get(&copy_path).await.status,
        StatusCode::NOT_FOUND,
        "a writer does not see another's draft's evidence"
    );

    let published = app.publish(&edit).await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.body
    );
    let slug = "apollo-photos-show-shadows-consistent-with-one-light-source-the-sun";
    let verdict = reader.get(&format!("/fact-checks/{slug}")).await;
    let cited = &verdict.body[verdict.position_of("Apollo 11 image library")..];
    assert!(
        cited.contains(&format!(r#"<a href="/copies/{}">our copy, <time"#, copy.id)),
        "the citation links our copy: {cited:.800}"
    );
    assert_eq!(
        writer.get(&copy_path).await.status,
        StatusCode::OK,
        "once it is public"
    );
    let page = reader.get(&format!("/copies/{}", copy.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    for shown in [
        "Factdesk’s copy of a cited page",
        link.as_str(),
        &sha256_hex(STORY.as_bytes()),
        "<p>The operators&#39; union says the dispute is about shift lengths",
        r#"<meta name="robots" content="noindex"#,
    ] {
        assert!(page.body.contains(shown), "{shown} on the copy page");
    }
    assert!(
        !page.body.contains("cookie-banner"),
        "never the page's own HTML"
    );

    // The export's ClaimReview cites it as archivedAt when there is no external archive.
    let db = app.db_path();
    let db = db.to_str().unwrap();
    let (ok, out, err) = run_factdesk(&["--db", db, "export", "--format", "claimreview"], "");
    assert!(ok, "{err}");
    let feed: serde_json::Value = serde_json::from_str(&out).unwrap();
    let citations = &feed["dataFeedElement"][0]["citation"];
    assert!(
        citations[0]["archivedAt"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/copies/{}", copy.id)),
        "{citations}"
    );
    assert!(citations[1].get("archivedAt").is_none(), "no url, no copy");
}

#[tokio::test]
async fn a_page_that_cannot_be_captured_says_why_and_a_copy_never_changes() {
    let site = TestSite::start().await;
    let app = newsroom().await;
    let link = site.url("/missing");
    let edit = app.create_draft(&citing(&link)).await;
    capture_queued(&app.db, &local_fetcher(), Moment::now)
        .await
        .unwrap();
    match app.db.read(|c| snapshots::capture_state(c, &link)).unwrap() {
        Some(CaptureState::Failed { why, .. }) => assert_eq!(why, "the site answered 404"),
        other => panic!("{other:?}"),
    }
    assert!(
        app.db
            .read(|c| snapshots::citation_copy(c, &link))
            .unwrap()
            .is_none()
    );
    let page = app.get(&edit).await;
    let row = &page.body[page.position_of(r#"id="source-0-url""#)..];
    assert!(
        row.contains("Our copy: could not be captured") && row.contains("the site answered 404."),
        "beside the link: {row:.1500}"
    );
    let tries =
        |app: &crate::helpers::TestApp| app.count(&format!("snapshots WHERE url = '{link}'"));
    assert_eq!(tries(&app), 1);
    assert!(
        app.count(&format!("capture_queue WHERE url = '{link}'")) == 1,
        "tried again later"
    );
    super::retry_captures_later(&app).await;
    assert_eq!(tries(&app), 3, "at citation, 1 h and 4 h later");
    assert_eq!(
        app.count(&format!("capture_queue WHERE url = '{link}'")),
        0,
        "then given up"
    );

    let refused = app
        .db
        .write_blocking(|tx| Ok(tx.execute("UPDATE snapshots SET url = 'x'", [])))
        .unwrap();
    assert!(refused.is_err(), "snapshots are append-only");
    let refused = app
        .db
        .write_blocking(|tx| Ok(tx.execute("DELETE FROM snapshots", [])))
        .unwrap();
    assert!(refused.is_err(), "snapshots are append-only");
}

fn snapshot_count(
    conn: &rusqlite::Connection,
    table: &str,
) -> Result<i64, factdesk::error::AppError> {
    Ok(crate::helpers::rows_in(conn, table)?)
}
