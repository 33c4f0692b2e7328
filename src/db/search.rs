//! The full-text index (FTS5) and the searches that read it.
//!
//! Ranking cost grows with the number of matches: a word found in nearly all of 1,000,000
//! fact-checks would score every one of them. A reader's search therefore looks at the
//! `SCANNED_MATCHES` fact-checks added most recently that contain the words (highest rowid
//! first, read from the index alone: FTS5 orders its doclists by rowid, not by publication),
//! keeps the `RANKED_WINDOW` last added of them that pass the filters, and orders those:
//! matches in the headline or claim first, then newest first. FTS5's bm25 is not used for
//! it: it weighs each word by reading all of its matches, which for a common word at a
//! million was most of the search's time.
//!
//! Every query reads the index first (`CROSS JOIN` fixes that order): left to itself the
//! planner may walk fact_checks and probe the index once per row, which on 100,000
//! fact-checks took seconds instead of milliseconds. Whether a match is live is read from
//! `fact_checks_visibility` (`INDEXED BY`: the planner prefers the table's own rowid lookup,
//! which reads through the explanation's overflow pages to reach the status).

use super::cards::{CARD_COLUMNS, ListFilters, card_from_row, dashboard_row, live_filter_params};
use super::{page_window, split_page};
use crate::domain::markdown::to_plain_text;
use crate::domain::{
    DashboardRow, FactCheckCard, FactCheckId, MARK_END, MARK_START, Moment, SearchQuery, UserId,
    snippet_parts,
};
use crate::domain::{fold_for_search, unfold_snippet};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use std::borrow::Cow;

/// How many of the matches added most recently are ranked (see the module comment).
pub const RANKED_WINDOW: i64 = 1000;
/// How many of the fact-checks added most recently that contain the words a search looks at
/// before its filters: each filter test reads a row, and 10,000 of them cost a few ms.
pub const SCANNED_MATCHES: i64 = 10_000;
/// The SQLite work a search may do, in virtual-machine steps, before it is stopped and
/// answered as too broad (see `within_budget`). The worst accepted searches on 100,000
/// fact-checks take a small fraction of it; see BENCHMARKS.md / STRESS.md.
pub const DEFAULT_BUDGET: u64 = 50_000_000;
/// The progress handler runs once per this many steps.
const STEPS_PER_CHECK: u64 = 1_000;

/// What a reader is told when a search is stopped for its cost.
pub const TOO_BROAD: &str = "This search matches too many fact-checks to rank quickly. Add another word, type more of each word before *, or choose a rating or topic.";

/// Runs `f` with SQLite's progress handler counting its steps, and interrupts it past
/// `budget`: the statement then fails with `SQLITE_INTERRUPT`, answered as
/// `AppError::TooBroad`. (A single FTS5 step cannot be interrupted, which is why
/// `SearchQuery` bounds word beginnings before a query gets here.)
pub fn within_budget<T>(
    conn: &Connection,
    budget: u64,
    f: impl FnOnce(&Connection) -> Result<T, AppError>,
) -> Result<T, AppError> {
    /// Removes the handler however `f` ends, so the thread's connection is clean for the
    /// next read.
    struct Uninstall<'c>(&'c Connection);
    impl Drop for Uninstall<'_> {
        fn drop(&mut self) {
            let _ = self.0.progress_handler(0, None::<fn() -> bool>);
        }
    }
    // A budget smaller than one period is checked at every step (tests use 0).
    let period = STEPS_PER_CHECK.min(budget.max(1));
    let allowed = budget / period;
    let mut checks = 0u64;
    conn.progress_handler(
        period as i32,
        Some(move || {
            checks += 1;
            checks > allowed
        }),
    )?;
    let _uninstall = Uninstall(conn);
    f(conn).map_err(|e| match e {
        AppError::Database(db)
            if db.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) =>
        {
            AppError::TooBroad(TOO_BROAD.to_owned())
        }
        other => other,
    })
}
/// The editors' search lists this many of the best matches.
pub const EDITOR_RESULTS: i64 = 100;

/// Rewrites a fact-check's index row from what is saved; call it after every save, in the
/// same transaction.
pub fn refresh(tx: &Transaction<'_>, id: FactCheckId) -> Result<(), AppError> {
    tx.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
        .execute([id])?;
    let Some([headline, claim, claimant, summary, sources, tags, body]) = texts_of(tx, id)? else {
        return Ok(());
    };
    // Folded as searches are (Arabic letter forms and marks; see `fold_for_search`).
    tx.prepare_cached(
        "INSERT INTO search_index (rowid, headline, claim, claimant, summary, body, sources, tags)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id,
        fold_for_search(&headline),
        fold_for_search(&claim),
        fold_for_search(&claimant),
        fold_for_search(&summary),
        fold_for_search(&body),
        fold_for_search(&sources),
        fold_for_search(&tags),
    ])?;
    Ok(())
}

/// The index's columns of fact-check `id` as saved, before folding, the explanation last
/// as plain text.
fn texts_of(conn: &Connection, id: FactCheckId) -> Result<Option<[String; 7]>, AppError> {
    Ok(conn
        .prepare_cached(
            "SELECT f.headline, c.text, cl.name, f.summary,
                    ifnull((SELECT group_concat(concat_ws('. ', s.outlet, s.title, s.authors, s.note), ' · ')
                              FROM sources s WHERE s.fact_check_id = f.id), ''),
                    -- An imported fact-check's rating in its publisher's words, with the tags.
                    ifnull((SELECT group_concat(t.name, ' ')
                              FROM fact_check_tags x JOIN tags t ON t.id = x.tag_id
                             WHERE x.fact_check_id = f.id), '')
                        || ifnull(' ' || f.publisher_rating, ''),
                    f.body
             FROM fact_checks f
             JOIN claims c ON c.fact_check_id = f.id
             JOIN claimants cl ON cl.id = c.claimant_id
             WHERE f.id = ?1",
        )?
        .query_row([id], |row| {
            Ok([
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
                to_plain_text(&row.get::<_, String>(6)?),
            ])
        })
        .optional()?)
}

/// A snippet cut from Arabic text, spelled as saved: the index holds folded text (see
/// `fold_for_search`). One more read for each such card on the page, none for others.
fn spelled_as_saved(conn: &Connection, card: &mut FactCheckCard) -> Result<(), AppError> {
    let folded = card
        .snippet
        .iter()
        .any(|p| matches!(fold_for_search(&p.text), Cow::Owned(_)));
    if !folded {
        return Ok(());
    }
    let Some(columns) = texts_of(conn, card.id)? else {
        return Ok(());
    };
    if let Some(parts) = unfold_snippet(&card.snippet, &columns) {
        card.snippet = parts;
    }
    Ok(())
}

/// Indexes every fact-check again, as `refresh` does one (the hook of migration 0020).
/// A thousand rows at a time, so a large archive is not held in memory at once.
pub fn reindex_all(tx: &Transaction<'_>) -> Result<(), AppError> {
    let mut after = 0_i64;
    loop {
        let ids: Vec<FactCheckId> = tx
            .prepare_cached("SELECT id FROM fact_checks WHERE id > ?1 ORDER BY id LIMIT 1000")?
            .query_map([after], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        let Some(last) = ids.last() else {
            return Ok(());
        };
        after = last.0;
        for id in ids {
            refresh(tx, id)?;
        }
    }
}

/// The WHERE clause of a reader search over index row `$si` and fact-check `$f`: ?1–?4
/// the `ListFilters`, ?5 now, ?6 the MATCH expression.
macro_rules! published_match {
    ($si:literal, $f:literal) => {
        concat!(
            $si,
            ".search_index MATCH ?6
             AND ",
            $f,
            ".status = 'published' AND ",
            $f,
            ".published_at <= ?5 AND ",
            super::cards::list_filters!($f)
        )
    };
}

/// Published fact-checks matching `query` (headline or claim matches first, then newest;
/// among the newest, see the module comment), each card with its highlighted
/// snippet; and whether more follow. Stopped past `budget` steps (see `within_budget`).
pub fn published(
    conn: &Connection,
    query: &SearchQuery,
    filters: &ListFilters,
    page: usize,
    per_page: usize,
    budget: u64,
) -> Result<(Vec<FactCheckCard>, bool), AppError> {
    within_budget(conn, budget, |conn| {
        published_unbounded(conn, query, filters, page, per_page)
    })
}

fn published_unbounded(
    conn: &Connection,
    query: &SearchQuery,
    filters: &ListFilters,
    page: usize,
    per_page: usize,
) -> Result<(Vec<FactCheckCard>, bool), AppError> {
    // `scanned` bounds the walk by the words alone (FTS5 reads rowids from its doclists,
    // no row is visited); the filters then test at most that many rows. `leading` is a
    // second doclist walk over the candidates' range; FTS5's bm25 was not used because it
    // reads every match of each word to weigh it (a million rows for "official").
    // Cards and snippets are built for the page's rows only.
    let mut stmt = conn.prepare_cached(concat!(
        "WITH best AS MATERIALIZED (
             SELECT si.rowid AS id, f.published_at AS at
             FROM search_index si
             CROSS JOIN fact_checks f INDEXED BY fact_checks_visibility ON f.id = si.rowid
             WHERE ",
        published_match!("si", "f"),
        " AND si.rowid >= coalesce((
                   SELECT w.rowid FROM search_index w
                    WHERE w.search_index MATCH ?6
                    ORDER BY w.rowid DESC LIMIT 1 OFFSET ?7), 0)
             ORDER BY si.rowid DESC LIMIT ?12),
         leading AS MATERIALIZED (
             SELECT l.rowid AS id FROM search_index l
              WHERE l.search_index MATCH ?13 AND l.rowid >= (SELECT min(id) FROM best)),
         page AS MATERIALIZED (
             SELECT id, at, id IN leading AS lead FROM best
              ORDER BY lead DESC, at DESC, id DESC LIMIT ?8 OFFSET ?9)
         SELECT ",
        super::cards::card_columns!(),
        ", snippet(si.search_index, -1, ?10, ?11, '…', 24)
         FROM page
         CROSS JOIN search_index si ON si.rowid = page.id
         CROSS JOIN fact_checks f ON f.id = page.id",
        super::cards::card_joins!(),
        "WHERE si.search_index MATCH ?6
         ORDER BY page.lead DESC, page.at DESC, page.id DESC"
    ))?;
    let (limit, offset) = page_window(page, per_page);
    let now = Moment::now();
    let in_headline_or_claim = format!("{{headline claim}} : ({})", query.fts);
    let hits = stmt
        .query_map(
            live_filter_params(
                filters,
                &now,
                [
                    &query.fts,
                    &(SCANNED_MATCHES - 1),
                    &limit,
                    &offset,
                    &MARK_START.to_string(),
                    &MARK_END.to_string(),
                    &RANKED_WINDOW,
                    &in_headline_or_claim,
                ],
            ),
            |row| {
                let mut card = card_from_row(row)?;
                card.snippet = snippet_parts(&row.get::<_, String>(CARD_COLUMNS)?);
                Ok(card)
            },
        )?
        .collect::<Result<Vec<_>, _>>()?;
    let (mut cards, more) = split_page(hits, per_page);
    for card in &mut cards {
        spelled_as_saved(conn, card)?;
    }
    Ok((cards, more))
}

/// The editors' search: every fact-check whatever its status, or only `author`'s, best first
/// (at most one window of the newest matches, see the module comment), within `budget`.
pub fn everything(
    conn: &Connection,
    query: &SearchQuery,
    author: Option<UserId>,
    budget: u64,
) -> Result<Vec<DashboardRow>, AppError> {
    within_budget(conn, budget, |conn| {
        everything_unbounded(conn, query, author)
    })
}

fn everything_unbounded(
    conn: &Connection,
    query: &SearchQuery,
    author: Option<UserId>,
) -> Result<Vec<DashboardRow>, AppError> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        super::cards::dashboard_columns!(),
        " FROM search_index si
         CROSS JOIN fact_checks f ON f.id = si.rowid
         JOIN ratings r ON r.id = f.rating_id
         JOIN users u ON u.id = f.author_id
         LEFT JOIN users a ON a.id = f.assigned_to
         WHERE si.search_index MATCH ?1 AND (?4 IS NULL OR f.author_id = ?4)
           AND si.rowid >= coalesce((
               SELECT w.rowid FROM search_index w CROSS JOIN fact_checks g ON g.id = w.rowid
                WHERE w.search_index MATCH ?1 AND (?4 IS NULL OR g.author_id = ?4)
                ORDER BY w.rowid DESC LIMIT 1 OFFSET ?2), 0)
         ORDER BY si.rank, f.updated_at DESC LIMIT ?3"
    ))?;
    let rows = stmt.query_map(
        params![query.fts, RANKED_WINDOW - 1, EDITOR_RESULTS, author],
        dashboard_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}
