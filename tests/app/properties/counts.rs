//! The kept counts (migration 0015) after any sequence of newsroom work: saves, publishes
//! now, in the past and in the future, retractions and unschedulings, rating, tag and
//! claimant changes, imports and a deletion by hand each equal a full recount over the
//! fact-checks, and so do the counts the ratings, topics and claimants pages show.

use crate::helpers::{EDITOR_EMAIL, EDITOR_PASSWORD, TestApp};
use chrono::Duration;
use factdesk::db::fact_checks::{self, PublishRequest};
use factdesk::db::{Db, claimants, ratings, sitemap, tags};
use factdesk::domain::{
    ChangeMark, FactCheckDraft, FactCheckId, FactCheckInput, Moment, ProposalDecision, Role,
    SignedIn,
};
use factdesk::exchange::{self, Format, Progress};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::collections::BTreeMap;

const RATINGS: [&str; 4] = ["true", "false", "mixture", "satire"];
const TAGS: [&str; 4] = ["Health", "Economy", "Moon", "Elections"];
const CLAIMANTS: [&str; 3] = ["Social media users", "Ada Lovelace", "Vladimir Putin"];

#[derive(Debug, Clone)]
enum Step {
    /// A new draft with this rating, these tags and this claimant.
    Create(usize, Vec<usize>, usize),
    /// Save the n-th fact-check again with other rating, tags and claimant.
    Save(usize, usize, Vec<usize>, usize),
    /// Publish the n-th: an hour ago (kept as first published), now, or in a day.
    Publish(usize, i64),
    /// Retract (seen by readers) or unschedule (not yet live).
    Withdraw(usize),
    /// Set its publication time by hand, in the past or the future.
    Backdate(usize, i64),
    /// Import the demo newsroom's ClaimReview feed.
    Import,
    /// Remove it by hand with SQL. Factdesk never does, and the append-only history refuses
    /// it (revisions hold the fact-check and cannot be deleted); the refusal must roll back.
    Delete(usize),
}

fn step() -> impl Strategy<Value = Step> {
    let tags = proptest::collection::vec(0..TAGS.len(), 0..3);
    prop_oneof![
        3 => (0..RATINGS.len(), tags.clone(), 0..CLAIMANTS.len())
            .prop_map(|(r, t, c)| Step::Create(r, t, c)),
        3 => (0..12usize, 0..RATINGS.len(), tags, 0..CLAIMANTS.len())
            .prop_map(|(n, r, t, c)| Step::Save(n, r, t, c)),
        3 => (0..12usize, prop_oneof![Just(-1i64), Just(0), Just(24)])
            .prop_map(|(n, h)| Step::Publish(n, h)),
        2 => (0..12usize).prop_map(Step::Withdraw),
        1 => (0..12usize, prop_oneof![Just(-48i64), Just(48)]).prop_map(|(n, h)| Step::Backdate(n, h)),
        1 => Just(Step::Import),
        1 => (0..12usize).prop_map(Step::Delete),
    ]
}

fn draft(rating: usize, tags: &[usize], claimant: usize, n: usize) -> FactCheckDraft {
    let tags: Vec<&str> = tags.iter().map(|t| TAGS[*t]).collect();
    let input: FactCheckInput = serde_json::from_value(serde_json::json!({
        "headline": format!("Counted claim number {n}"),
        "rating": RATINGS[rating],
        "summary": "Checked against the record.",
        "body": "What the record says.",
        "tags": tags.join(", "),
        "claim_text": format!("Claim number {n} is true."),
        "claimant": CLAIMANTS[claimant],
        "appearances": [{"url": "https://example.com/post", "platform": "X"}],
        "sources": [{"outlet": "Archive", "title": "The record"}],
    }))
    .expect("a fact-check input");
    FactCheckDraft::try_from(&input).expect("a valid draft")
}

/// Runs one step, and says whether it was done: a step the rules refuse (publishing a
/// retraction, …) rolls back whole, which the recount must see as much as the ones done.
fn run(db: &Db, ids: &mut Vec<FactCheckId>, editor: &SignedIn, feed: &[u8], step: &Step) -> bool {
    let now = Moment::now();
    let pick = |n: usize| (!ids.is_empty()).then(|| ids[n % ids.len()]);
    let by = editor.user_id;
    let done = match step.clone() {
        Step::Create(r, t, c) => {
            let draft = draft(r, &t, c, ids.len());
            db.write_blocking(|tx| fact_checks::create(tx, &draft, by, now))
                .map(|id| ids.push(id))
        }
        Step::Save(n, r, t, c) => match pick(n) {
            Some(id) => {
                let draft = draft(r, &t, c, n);
                let mark = ChangeMark::parse("correction", "The rating changed.", true)
                    .expect("a change mark");
                db.write_blocking(|tx| {
                    let version: i64 = tx.query_row(
                        "SELECT version FROM fact_checks WHERE id = ?1",
                        [id],
                        |row| row.get(0),
                    )?;
                    fact_checks::update(tx, id, version, &draft, &mark, editor, now)
                })
            }
            None => Err(factdesk::error::AppError::NotFound),
        },
        Step::Publish(n, hours) => match pick(n) {
            Some(id) => {
                let request = PublishRequest {
                    reviewed_version: None,
                    at: Some(Moment(now.0 + Duration::hours(hours))),
                    claimant_decision: Some(ProposalDecision::Apply),
                };
                db.write_blocking(|tx| fact_checks::publish(tx, id, &request, by, now))
                    .map(|_| ())
            }
            None => Err(factdesk::error::AppError::NotFound),
        },
        Step::Withdraw(n) => match pick(n) {
            Some(id) => db
                .write_blocking(|tx| fact_checks::withdraw(tx, id, Some("Wrong source."), by, now))
                .map(|_| ()),
            None => Err(factdesk::error::AppError::NotFound),
        },
        Step::Backdate(n, hours) => match pick(n) {
            Some(id) => {
                let at = Moment(now.0 + Duration::hours(hours));
                db.write_blocking(|tx| fact_checks::backdate(tx, id, at, at, Some(at)))
            }
            None => Err(factdesk::error::AppError::NotFound),
        },
        Step::Import => {
            exchange::import::run(db, feed, editor, &mut Progress::hidden(), |_, _| {})
                .expect("the demo feed imports");
            Ok(())
        }
        Step::Delete(n) => match pick(n) {
            Some(id) => db
                .write_blocking(|tx| {
                    tx.execute("DELETE FROM fact_checks WHERE id = ?1", [id])?;
                    Ok(())
                })
                .map(|()| ids.retain(|kept| *kept != id)),
            None => Err(factdesk::error::AppError::NotFound),
        },
    };
    done.is_ok()
}

/// Each key (an id, slug or name, as text) with its count.
type Counts = BTreeMap<String, i64>;

fn counted(conn: &rusqlite::Connection, sql: &str, now: Option<Moment>) -> Counts {
    let mut stmt = conn.prepare(sql).unwrap();
    // The recounts of what is live bind the time; the kept counts need none.
    stmt.query_map(rusqlite::params_from_iter(now), |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// Every kept count beside its recount by GROUP BY over the base tables, and every count a
/// page shows beside the recount of what is live now.
fn assert_counts_match(db: &Db) -> Result<(), TestCaseError> {
    let now = Moment::now();
    db.read(|conn| {
        let kept_and_recounted = [
            (
                "SELECT '' || rating_id, published FROM rating_counts WHERE published != 0",
                "SELECT '' || rating_id, count(*) FROM fact_checks WHERE status = 'published' GROUP BY 1",
            ),
            (
                "SELECT '' || tag_id, published FROM tag_counts WHERE published != 0",
                "SELECT '' || x.tag_id, count(*) FROM fact_check_tags x
                 JOIN fact_checks f ON f.id = x.fact_check_id WHERE f.status = 'published' GROUP BY 1",
            ),
            (
                "SELECT '' || claimant_id, published FROM claimant_counts WHERE published != 0",
                "SELECT '' || c.claimant_id, count(*) FROM claims c
                 JOIN fact_checks f ON f.id = c.fact_check_id WHERE f.status = 'published' GROUP BY 1",
            ),
            (
                "SELECT claimant_id || '×' || rating_id, published FROM claimant_rating_counts
                 WHERE published != 0",
                "SELECT c.claimant_id || '×' || f.rating_id, count(*) FROM claims c
                 JOIN fact_checks f ON f.id = c.fact_check_id WHERE f.status = 'published' GROUP BY 1",
            ),
        ];
        for (kept, recount) in kept_and_recounted {
            assert_eq!(counted(conn, kept, None), counted(conn, recount, None), "{kept}");
        }
        // The listing copies (migration 0016) hold exactly the published fact-checks' times.
        let kept_and_rebuilt = [
            (
                "SELECT tag_id || '/' || fact_check_id || '@' || published_at, 1 FROM tag_listing",
                "SELECT x.tag_id || '/' || f.id || '@' || f.published_at, 1 FROM fact_check_tags x
                 JOIN fact_checks f ON f.id = x.fact_check_id WHERE f.status = 'published'",
            ),
            (
                "SELECT claimant_id || '/' || fact_check_id || '@' || published_at, 1
                 FROM claimant_listing",
                "SELECT c.claimant_id || '/' || f.id || '@' || f.published_at, 1 FROM claims c
                 JOIN fact_checks f ON f.id = c.fact_check_id WHERE f.status = 'published'",
            ),
        ];
        for (kept, rebuilt) in kept_and_rebuilt {
            assert_eq!(counted(conn, kept, None), counted(conn, rebuilt, None), "{kept}");
        }

        let live = "f.status = 'published' AND f.published_at <= ?1";
        let shown_ratings: Counts = ratings::ratings_with_counts(conn)?
            .into_iter()
            .filter(|(_, n)| *n != 0)
            .map(|(r, n)| (r.slug, n))
            .collect();
        let recount = format!(
            "SELECT r.slug, count(*) FROM fact_checks f JOIN ratings r ON r.id = f.rating_id
             WHERE {live} GROUP BY 1"
        );
        assert_eq!(shown_ratings, counted(conn, &recount, Some(now)), "/ratings");

        let shown_tags: Counts = tags::tags_with_counts(conn)?.into_iter().collect();
        let recount = format!(
            "SELECT t.name, count(*) FROM fact_checks f JOIN fact_check_tags x
             ON x.fact_check_id = f.id JOIN tags t ON t.id = x.tag_id WHERE {live} GROUP BY 1"
        );
        assert_eq!(shown_tags, counted(conn, &recount, Some(now)), "/tags");

        let listed = claimants::claimants_with_counts(conn)?;
        let shown_claimants: Counts = listed.iter().map(|c| (c.slug.clone(), c.checked)).collect();
        let recount = format!(
            "SELECT cl.slug, count(*) FROM fact_checks f JOIN claims c ON c.fact_check_id = f.id
             JOIN claimants cl ON cl.id = c.claimant_id WHERE {live} GROUP BY 1"
        );
        assert_eq!(shown_claimants, counted(conn, &recount, Some(now)), "/claimants");
        let paged = claimants::claimants_page(conn, "", None, 1000)?.expect("a first page");
        assert_eq!(paged.0.len(), listed.len(), "the page lists everyone the API does");

        for claimant in &listed {
            let page = claimants::claimant_page(conn, &claimant.slug, &factdesk::domain::ListingPosition::Page(1), 10)?.expect("a page");
            let shown: Counts = page
                .scorecard
                .into_iter()
                .map(|(r, n)| (r.slug, n))
                .collect();
            let recount = format!(
                "SELECT r.slug, count(*) FROM fact_checks f JOIN claims c ON c.fact_check_id = f.id
                 JOIN claimants cl ON cl.id = c.claimant_id JOIN ratings r ON r.id = f.rating_id
                 WHERE {live} AND cl.slug = '{}' GROUP BY 1",
                claimant.slug
            );
            assert_eq!(shown, counted(conn, &recount, Some(now)), "{}", claimant.slug);
        }

        let total: i64 = shown_ratings.values().sum();
        assert_eq!(sitemap::published_count(conn)?, total, "the sitemap's count");
        Ok(())
    })
    .map_err(|e| TestCaseError::fail(e.to_string()))
}

#[test]
fn kept_counts_equal_a_full_recount_after_any_newsroom_work() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let origin = runtime.block_on(TestApp::spawn_with_demo());
    let mut feed = Vec::new();
    exchange::export(
        &origin.db,
        Format::Claimreview,
        false,
        &factdesk::config::Site::new("Origin Desk", "https://origin.example"),
        &mut feed,
        &mut Progress::hidden(),
    )
    .expect("the demo feed exports");

    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    let done = std::cell::RefCell::new(BTreeMap::<String, usize>::new());
    let mut runner = TestRunner::new(Config {
        cases,
        ..Config::default()
    });
    runner
        .run(&proptest::collection::vec(step(), 1..30), |steps| {
            let app = runtime.block_on(TestApp::spawn_with_demo());
            app.add_account(EDITOR_EMAIL, "Erin Editor", EDITOR_PASSWORD, Role::Admin);
            let editor = app
                .db
                .read(|conn| {
                    factdesk::db::exchange::import_author(conn, Some(EDITOR_EMAIL))
                        .map_err(|e| factdesk::error::AppError::Internal(e.to_string()))
                })
                .expect("the editor");
            let mut ids = Vec::new();
            for step in &steps {
                if run(&app.db, &mut ids, &editor, &feed, step) {
                    let kind = format!("{step:?}");
                    let kind = kind.split('(').next().unwrap_or_default().to_owned();
                    *done.borrow_mut().entry(kind).or_insert(0) += 1;
                }
                assert_counts_match(&app.db)?;
            }
            Ok(())
        })
        .unwrap();
    // The sequences did the work they name, not only refused steps (a deletion is always
    // refused, see `Step::Delete`).
    let done = done.into_inner();
    assert!(
        !done.contains_key("Delete"),
        "a fact-check was deleted: {done:?}"
    );
    for kind in [
        "Create", "Save", "Publish", "Withdraw", "Backdate", "Import",
    ] {
        assert!(
            done.get(kind).is_some_and(|n| *n > 0),
            "no {kind} was done: {done:?}"
        );
    }
}
