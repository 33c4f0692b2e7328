//! Watching the evidence: a cited page re-checked over simulated days while the site
//! changes what it serves, each check kept in the address's history.

use super::{Answer, TestSite, local_fetcher, newsroom};
use crate::helpers::{TestApp, moon_fact_check, run_factdesk, with};
use factdesk::db::links;
use factdesk::domain::Moment;
use factdesk::domain::evidence::{LinkState, normalize_text};
use factdesk::domain::independence::similarity;
use factdesk::domain::link_watch::CHANGED_BELOW;
use factdesk::fetch::{Fetched, capture};
use factdesk::jobs::capture::capture_queued;
use factdesk::jobs::link_watch::{DAILY, Round, Tally, check_due, check_round};
use reqwest::StatusCode;

/// A council story in a site's chrome; `{dateline}`, `{second}` and `{footer}` are what the
/// variants below change.
const PAGE: &str = r#"<!doctype html><html><head><title>Library hours cut | Valley Post</title>
<meta property="og:site_name" content="Valley Post"></head><body>
<div class="cookie-banner"><p>This site stores cookies. Accept them all?</p></div>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article>
<h1>Council cuts opening hours at three branch libraries</h1>
<p class="dateline">{dateline}</p>
<p>The borough council voted on Tuesday evening to close three of its branch libraries on Mondays and Wednesdays from October, saving what the finance committee put at a little under two hundred thousand a year.</p>
<p>{second}</p>
<p>Opposition members said the branches in the two outer wards were the only public rooms with free heating and internet for miles, and that the saving was small beside the council's reserves.</p>
<p>The central library keeps its hours. A consultation on weekend opening will run over the summer, the council said, with results expected before the budget meeting in February.</p>
</article>
<footer><p>{footer}</p></footer>
</body></html>"#;

const SECOND: &str = "The leader of the council said the decision was painful but that visitor numbers at the three branches had fallen by a third since the pandemic and had not recovered.";

fn page(dateline: &str, second: &str, footer: &str) -> String {
    PAGE.replace("{dateline}", dateline)
        .replace("{second}", second)
        .replace("{footer}", footer)
}

pub(super) fn as_cited() -> String {
    page("Published 3 June 2025", SECOND, "© Valley Post 2025")
}

/// The text the watch measures, as the capture job reads it.
fn text_of(html: &str) -> String {
    let page = Fetched {
        final_url: url::Url::parse("http://127.0.0.1/story").unwrap(),
        status: 200,
        content_type: "text/html".to_owned(),
        body: html.as_bytes().to_vec(),
        validators: Default::default(),
    };
    normalize_text(&capture::read(page).text)
}

#[test]
fn the_changed_threshold_lies_between_small_corrections_and_lost_text() {
    let cited = text_of(&as_cited());
    let typo = page(
        "Published 3 June 2025",
        &SECOND.replace("painful but", "painful, but"),
        "© Valley Post 2025",
    );
    let cases = [
        (
            "a typo fixed",
            page(
                "Published 3 June 2025",
                &SECOND.replace("had fallen by a third", "had falen by a third"),
                "© Valley Post 2025",
            ),
            true,
        ),
        ("a comma added", typo, true),
        (
            "a new date line and footer",
            page(
                "Published 3 June 2025, updated 5 June 2025",
                SECOND,
                "© Valley Post 2026. Terms apply.",
            ),
            true,
        ),
        (
            "a correction appended",
            page(
                "Published 3 June 2025",
                &format!("{SECOND}</p><p>Correction: an earlier version gave the wrong month for the change."),
                "© Valley Post 2025",
            ),
            true,
        ),
        (
            "the leader's paragraph dropped",
            page("Published 3 June 2025", "", "© Valley Post 2025"),
            false,
        ),
        (
            "rewritten after the vote was reversed",
            page(
                "Published 3 June 2025",
                "Councillors reversed the library decision at an emergency meeting after a petition gathered eleven thousand names in four days.",
                "© Valley Post 2025",
            )
            .replace(
                "The borough council voted on Tuesday evening",
                "An emergency meeting of the borough council voted on Friday",
            )
            .replace("Opposition members said", "Campaigners had argued")
            .replace("The central library keeps its hours.", "All branches keep their hours."),
            false,
        ),
        (
            "replaced by another story",
            r#"<html><body><article><h1>Bus timetable changes</h1><p>New evening services start on the number twelve route next month, with buses every twenty minutes until eleven at night.</p><p>The operator said it had hired nine drivers for the extra runs.</p></article></body></html>"#.to_owned(),
            false,
        ),
    ];
    for (story, html, stays_ok) in cases {
        let share = similarity(&cited, &text_of(&html));
        println!("{story}: {share:.3}");
        assert_eq!(share >= CHANGED_BELOW, stays_ok, "{story}: {share:.3}");
    }
}

/// A newsroom citing `path` on the test site as a source, its copy captured now.
pub(super) async fn citing(site: &TestSite, path: &str) -> (TestApp, String, String) {
    let app = newsroom().await;
    let link = site.url(path);
    let edit = app
        .create_draft(&with(&moon_fact_check(), "source.0.url", &link))
        .await;
    capture_queued(&app.db, &local_fetcher(), Moment::now)
        .await
        .unwrap();
    let state = app.db.read(|c| links::state_of(c, &link)).unwrap();
    assert_eq!(state, Some(LinkState::Ok), "watched from its capture");
    (app, link, edit)
}

/// `hours` from now.
fn later(hours: i64) -> Moment {
    Moment(Moment::now().0 + chrono::Duration::hours(hours))
}

/// Checks every watched address `hours` from now, and where `link` stands after it.
pub(super) async fn check_at(app: &TestApp, link: &str, hours: i64) -> LinkState {
    let round = Round {
        now: later(hours),
        limit: 50,
        all: true,
        every: DAILY,
    };
    check_round(&app.db, &local_fetcher(), round).await.unwrap();
    let link = link.to_owned();
    app.db
        .read(move |c| links::state_of(c, &link))
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn a_page_is_ok_until_rewritten_and_its_new_text_is_kept() {
    let site = TestSite::start().await;
    site.set("/library", Answer::html(&as_cited()));
    let (app, link, _) = citing(&site, "/library").await;

    site.set(
        "/library",
        Answer::html(&page(
            "Published 3 June 2025, updated 4 June",
            SECOND,
            "© 2026",
        )),
    );
    assert_eq!(check_at(&app, &link, 25).await, LinkState::Ok);
    let rewritten = r#"<html><body><article><h1>Libraries saved</h1><p>Every branch library stays open six days a week after councillors found the money in the parking budget, the council said on Friday.</p></article></body></html>"#;
    site.set("/library", Answer::html(rewritten));
    assert_eq!(check_at(&app, &link, 50).await, LinkState::Changed);

    let history = app.db.read(|c| links::history(c, &link, 10)).unwrap();
    assert_eq!(history.len(), 2, "each check is kept");
    assert_eq!(history[0].outcome, LinkState::Changed);
    assert!(history[0].similarity.unwrap() < CHANGED_BELOW);
    assert!(
        history[0]
            .text
            .as_deref()
            .unwrap()
            .contains("found the money in the parking budget"),
        "the text now is kept when it changed"
    );
    assert_eq!(history[1].outcome, LinkState::Ok);
    assert_eq!(
        history[1].text, None,
        "an unchanged page's text is not kept again"
    );
}

#[tokio::test]
async fn gone_pages_are_dead_at_once_and_failing_ones_after_three_checks_over_72_hours() {
    let site = TestSite::start().await;
    for path in ["/gone", "/moved-home", "/down", "/flaky"] {
        site.set(path, Answer::html(&as_cited()));
    }
    let (app, gone, _) = citing(&site, "/gone").await;
    let link = |path| site.url(path);
    for path in ["/moved-home", "/down", "/flaky"] {
        app.create_draft(&with(&moon_fact_check(), "source.0.url", &link(path)))
            .await;
    }
    capture_queued(&app.db, &local_fetcher(), Moment::now)
        .await
        .unwrap();

    site.set("/gone", Answer::status(StatusCode::NOT_FOUND));
    site.set("/moved-home", Answer::redirect("/"));
    site.set(
        "/",
        Answer::html("<html><body><p>Welcome to the Valley Post.</p></body></html>"),
    );
    site.set("/down", Answer::status(StatusCode::SERVICE_UNAVAILABLE));
    site.set("/flaky", Answer::status(StatusCode::BAD_GATEWAY));

    assert_eq!(check_at(&app, &gone, 24).await, LinkState::Dead, "404");
    let state = |path: &'static str| {
        let url = link(path);
        app.db
            .read(move |c| links::state_of(c, &url))
            .unwrap()
            .unwrap()
    };
    assert_eq!(
        state("/moved-home"),
        LinkState::Dead,
        "sent to the home page"
    );
    assert_eq!(state("/down"), LinkState::Unreachable, "once is passing");

    check_at(&app, &gone, 48).await;
    assert_eq!(state("/down"), LinkState::Unreachable, "twice is passing");
    site.set("/flaky", Answer::html(&as_cited()));
    check_at(&app, &gone, 60).await;
    assert_eq!(
        state("/down"),
        LinkState::Unreachable,
        "three times in 36 h"
    );
    assert_eq!(state("/flaky"), LinkState::Ok, "it came back");
    site.set("/flaky", Answer::status(StatusCode::BAD_GATEWAY));
    check_at(&app, &gone, 97).await;
    assert_eq!(state("/down"), LinkState::Dead, "four failures over 73 h");
    assert_eq!(
        state("/flaky"),
        LinkState::Unreachable,
        "its count started again"
    );
    assert_eq!(state("/gone"), LinkState::Dead);
}

#[tokio::test]
async fn the_second_check_asks_for_changes_only_and_a_304_keeps_the_page_ok() {
    let site = TestSite::start().await;
    site.set("/library", Answer::html(&as_cited()).with_etag("\"v1\""));
    let (app, link, _) = citing(&site, "/library").await;

    let first = check_due(&app.db, &local_fetcher(), later(31), 50)
        .await
        .unwrap();
    assert_eq!(
        first.checked(),
        1,
        "due a day after its capture, give or take six hours"
    );
    let nothing_due = check_due(&app.db, &local_fetcher(), later(32), 50)
        .await
        .unwrap();
    assert_eq!(nothing_due, Tally::default(), "checked a day apart");
    let second = check_due(&app.db, &local_fetcher(), later(62), 50)
        .await
        .unwrap();
    assert_eq!(second.ok, 1);
    assert_eq!(
        site.if_none_match_sent("/library"),
        [None, None, Some("\"v1\"".to_owned())],
        "the capture and the first check ask plainly; the second names the version seen"
    );
    let history = app.db.read(|c| links::history(c, &link, 10)).unwrap();
    assert_eq!(history[0].http_status, Some(304));
    assert_eq!(history[0].outcome, LinkState::Ok);
}

#[tokio::test]
async fn check_links_from_cron_prints_a_summary_line() {
    let site = TestSite::start().await;
    site.set("/library", Answer::html(&as_cited()));
    site.set("/gone", Answer::html(&as_cited()));
    let (app, _, _) = citing(&site, "/library").await;
    app.create_draft(&with(
        &moon_fact_check(),
        "source.0.url",
        &site.url("/gone"),
    ))
    .await;
    capture_queued(&app.db, &local_fetcher(), Moment::now)
        .await
        .unwrap();
    site.set("/gone", Answer::status(StatusCode::GONE));

    let db = app.db_path();
    let db = db.to_str().unwrap().to_owned();
    let (ok, out, err) = tokio::task::spawn_blocking(move || {
        run_factdesk(
            &["--db", &db, "check-links", "--all", "--allow-private-fetch"],
            "",
        )
    })
    .await
    .unwrap();
    assert!(ok, "{err}");
    assert_eq!(
        out.trim(),
        "checked 2: 1 ok, 0 changed, 0 unreachable, 1 dead"
    );

    let db = app.db_path();
    let db = db.to_str().unwrap().to_owned();
    let (ok, out, err) = tokio::task::spawn_blocking(move || {
        run_factdesk(&["--db", &db, "check-links", "--allow-private-fetch"], "")
    })
    .await
    .unwrap();
    assert!(ok, "{err}");
    assert_eq!(
        out.trim(),
        "checked 0: 0 ok, 0 changed, 0 unreachable, 0 dead",
        "none due yet"
    );
}
