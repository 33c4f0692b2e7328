//! The link watch's tables: which addresses are due, each check recorded with where the
//! address now stands, an address's history, and the addresses editors should look at.

use super::rows::{self, from_columns};
use crate::domain::evidence::{LinkState, RowEvidence};
use crate::domain::link_watch::{Judged, PastCheck};
use crate::domain::{FactCheckId, Moment, UserId};
use crate::error::AppError;
use rusqlite::{Connection, Transaction, params};

/// How many earlier checks a judgement weighs: only the latest run of failures counts,
/// and three make a link dead.
const RECENT: usize = 8;

/// An address due for a check, with what the check needs.
#[derive(Debug, Clone)]
pub struct Due {
    pub url: String,
    pub state: LinkState,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The text of the copy taken when it was cited, to measure the page now against.
    pub cited_text: Option<String>,
    /// Earlier checks, newest first.
    pub recent: Vec<PastCheck>,
}

/// Up to `limit` addresses whose check is due at `now`, longest overdue first; with
/// `all_after`, every watched address after that one (`""` for the first) in address order,
/// whether due or not, so that rounds walk them all once.
pub fn due(
    conn: &Connection,
    now: Moment,
    limit: usize,
    all_after: Option<&str>,
) -> Result<Vec<Due>, AppError> {
    let columns = "SELECT l.url, l.state, l.etag, l.last_modified,
                (SELECT text FROM snapshots WHERE url = l.url AND error IS NULL ORDER BY id LIMIT 1)
           FROM link_status l";
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let read = |row: &rusqlite::Row<'_>| {
        Ok(Due {
            url: row.get(0)?,
            state: row.get(1)?,
            etag: row.get(2)?,
            last_modified: row.get(3)?,
            cited_text: row.get(4)?,
            recent: Vec::new(),
        })
    };
    let mut due = match all_after {
        Some(after) => rows::all(
            conn,
            &format!("{columns} WHERE l.url > ?1 ORDER BY l.url LIMIT ?2"),
            params![after, limit],
            read,
        )?,
        None => rows::all(
            conn,
            &format!("{columns} WHERE l.next_check_at <= ?1 ORDER BY l.next_check_at LIMIT ?2"),
            params![now, limit],
            read,
        )?,
    };
    for link in &mut due {
        link.recent = rows::all(
            conn,
            "SELECT checked_at, outcome FROM link_checks WHERE url = ?1 ORDER BY id DESC LIMIT ?2",
            params![link.url, i64::try_from(RECENT).unwrap_or(i64::MAX)],
            |row| {
                Ok(PastCheck {
                    checked_at: row.get(0)?,
                    outcome: row.get(1)?,
                })
            },
        )?;
    }
    Ok(due)
}

/// How many addresses `due` would take with no limit, from the first with `all`.
pub fn count_due(conn: &Connection, now: Moment, all: bool) -> Result<usize, AppError> {
    let count: i64 = conn
        .prepare_cached("SELECT count(*) FROM link_status WHERE next_check_at <= ?1 OR ?2")?
        .query_row(params![now, all], |row| row.get(0))?;
    Ok(usize::try_from(count).unwrap_or(0))
}

/// One check as it is recorded.
#[derive(Debug, Clone)]
pub struct Check {
    pub url: String,
    pub checked_at: Moment,
    pub http_status: Option<u16>,
    pub final_url: Option<String>,
    pub judged: Judged,
    pub similarity: Option<f64>,
    /// The page's text now; kept only when the page has changed.
    pub text: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub next_check_at: Moment,
}

/// Adds `check` to the address's history and moves its status on: the state (and since
/// when, if it is new), the validators for the next conditional request, the next check.
pub fn record(tx: &Transaction<'_>, check: &Check) -> Result<(), AppError> {
    let changed = check.judged.outcome == LinkState::Changed;
    tx.prepare_cached(
        "INSERT INTO link_checks (url, checked_at, http_status, final_url, outcome, similarity,
                                  text, error)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        check.url,
        check.checked_at,
        check.http_status,
        check.final_url,
        check.judged.outcome,
        check.similarity,
        check.text.as_deref().filter(|_| changed),
        check.judged.why,
    ])?;
    tx.prepare_cached(
        "UPDATE link_status
            SET since = CASE WHEN state = ?2 THEN since ELSE ?3 END,
                state = ?2, checked_at = ?3, next_check_at = ?4,
                etag = coalesce(?5, etag), last_modified = coalesce(?6, last_modified)
          WHERE url = ?1",
    )?
    .execute(params![
        check.url,
        check.judged.state,
        check.checked_at,
        check.next_check_at,
        check.etag,
        check.last_modified,
    ])?;
    Ok(())
}

/// One recorded check, as the history shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PastCheckRow {
    pub id: i64,
    pub checked_at: Moment,
    pub http_status: Option<u16>,
    pub final_url: Option<String>,
    pub outcome: LinkState,
    pub similarity: Option<f64>,
    pub text: Option<String>,
    pub error: Option<String>,
}

/// The columns `check_from` reads, in its order.
const CHECK_COLUMNS: &str =
    "url, id, checked_at, http_status, final_url, outcome, similarity, text, error";

fn check_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<(String, PastCheckRow)> {
    let check = from_columns!(row[1..] => PastCheckRow {
        id, checked_at, http_status, final_url, outcome, similarity, text, error,
    })?;
    Ok((row.get(0)?, check))
}

/// The last `limit` checks of `url`, newest first.
pub fn history(conn: &Connection, url: &str, limit: usize) -> Result<Vec<PastCheckRow>, AppError> {
    let checks = rows::all(
        conn,
        &format!(
            "SELECT {CHECK_COLUMNS} FROM link_checks WHERE url = ?1 ORDER BY id DESC LIMIT ?2"
        ),
        params![url, i64::try_from(limit).unwrap_or(i64::MAX)],
        check_from,
    )?;
    Ok(checks.into_iter().map(|(_, check)| check).collect())
}

/// A check by id and the address checked, for the side-by-side page.
pub fn check_by_id(conn: &Connection, id: i64) -> Result<Option<(String, PastCheckRow)>, AppError> {
    rows::first(
        conn,
        &format!("SELECT {CHECK_COLUMNS} FROM link_checks WHERE id = ?1"),
        [id],
        check_from,
    )
}

/// Where the link watch has an address now, for the edit page; `None` when it is not
/// watched (not captured yet).
pub fn state_of(conn: &Connection, url: &str) -> Result<Option<LinkState>, AppError> {
    rows::first(
        conn,
        "SELECT state FROM link_status WHERE url = ?1",
        [url],
        |row| row.get(0),
    )
}

/// Why an address needs an editor's attention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trouble {
    /// Dead or changed, since then; with the check that kept the text now, when changed.
    Watched {
        state: LinkState,
        since: Moment,
        changed_check: Option<i64>,
    },
    /// Cited, never captured: the last try and why it failed.
    NeverCaptured { at: Moment, why: String },
}

/// A cited address that needs attention, and (some of) the fact-checks citing it.
#[derive(Debug, Clone)]
pub struct NeedsAttention {
    pub url: String,
    pub trouble: Trouble,
    pub cited_in: Vec<(FactCheckId, String)>,
}

/// The fact-checks named beside each address: enough to act on, bounded however widely
/// a page is cited.
pub const CITED_IN_SHOWN: usize = 5;

/// Up to `limit` addresses needing attention: dead and changed ones, newest trouble first,
/// then cited addresses that were never captured. Each is a read of an index (the partial
/// `link_status_attention`, `snapshots_by_url`, `sources_by_url`, `appearances_by_url`), so
/// the dashboard stays quick however many fact-checks there are.
/// With `author`, only what that writer's own fact-checks cite, and only those named.
pub fn needing_attention(
    conn: &Connection,
    limit: usize,
    author: Option<UserId>,
) -> Result<Vec<NeedsAttention>, AppError> {
    let cap = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut found = rows::all(
        conn,
        "SELECT url, state, since,
                (SELECT max(id) FROM link_checks c WHERE c.url = l.url AND c.text IS NOT NULL)
           FROM link_status l
          WHERE state IN ('changed', 'dead')
            AND (EXISTS (SELECT 1 FROM sources s WHERE s.url = l.url)
                 OR EXISTS (SELECT 1 FROM appearances a WHERE a.url = l.url))
          ORDER BY since DESC
          LIMIT ?1",
        [cap],
        |row| {
            Ok(NeedsAttention {
                url: row.get(0)?,
                trouble: Trouble::Watched {
                    state: row.get(1)?,
                    since: row.get(2)?,
                    changed_check: row.get(3)?,
                },
                cited_in: Vec::new(),
            })
        },
    )?;
    let room = i64::try_from(limit.saturating_sub(found.len())).unwrap_or(0);
    if room > 0 {
        found.extend(rows::all(
            conn,
            "SELECT n.url, n.captured_at, n.error
               FROM snapshots n
              WHERE n.error IS NOT NULL -- snapshots_failed
                AND n.id = (SELECT max(id) FROM snapshots WHERE url = n.url)
                AND NOT EXISTS (SELECT 1 FROM capture_queue q WHERE q.url = n.url)
                AND (EXISTS (SELECT 1 FROM sources s WHERE s.url = n.url)
                     OR EXISTS (SELECT 1 FROM appearances a WHERE a.url = n.url))
              ORDER BY n.id DESC
              LIMIT ?1",
            [room],
            |row| {
                Ok(NeedsAttention {
                    url: row.get(0)?,
                    trouble: Trouble::NeverCaptured {
                        at: row.get(1)?,
                        why: row.get(2)?,
                    },
                    cited_in: Vec::new(),
                })
            },
        )?);
    }
    for address in &mut found {
        address.cited_in = cited_in(conn, &address.url, CITED_IN_SHOWN, author)?;
    }
    if author.is_some() {
        found.retain(|address| !address.cited_in.is_empty());
    }
    Ok(found)
}

/// Up to `limit` fact-checks citing `url`, as a source or where the claim appeared.
pub fn cited_in(
    conn: &Connection,
    url: &str,
    limit: usize,
    author: Option<UserId>,
) -> Result<Vec<(FactCheckId, String)>, AppError> {
    rows::all(
        conn,
        "SELECT f.id, f.headline FROM fact_checks f
          WHERE f.id IN (SELECT fact_check_id FROM sources WHERE url = ?1
                         UNION
                         SELECT c.fact_check_id FROM appearances a JOIN claims c ON c.id = a.claim_id
                          WHERE a.url = ?1)
            AND (?3 IS NULL OR f.author_id = ?3)
          ORDER BY f.id DESC
          LIMIT ?2",
        params![url, i64::try_from(limit).unwrap_or(i64::MAX), author],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
}

/// Where the watch found `url`, and its latest check that kept a changed text (for the
/// side-by-side page); `None` when the address is not watched.
pub fn watched(conn: &Connection, url: &str) -> Result<Option<(LinkState, Option<i64>)>, AppError> {
    rows::first(
        conn,
        "SELECT state,
                (SELECT max(id) FROM link_checks c WHERE c.url = l.url AND c.text IS NOT NULL)
           FROM link_status l WHERE url = ?1",
        [url],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
}

/// What the edit page shows beside a row's link `url`.
pub fn row_evidence(conn: &Connection, url: &str) -> Result<RowEvidence, AppError> {
    let (link, changed_check) = watched(conn, url)?.unzip();
    Ok(RowEvidence {
        capture: super::snapshots::capture_state(conn, url)?,
        link,
        changed_check: changed_check.flatten(),
    })
}

/// Stops watching up to `limit` due addresses that nothing cites any more (a source
/// replaced, a fact-check deleted), so the watch does not fetch a third party's page every
/// day for nobody; returns how many. Their checks stay in the history.
pub fn forget_uncited(tx: &Transaction<'_>, now: Moment, limit: usize) -> Result<usize, AppError> {
    Ok(tx
        .prepare_cached(
            "DELETE FROM link_status WHERE url IN (
                 SELECT l.url FROM link_status l
                  WHERE l.next_check_at <= ?1
                    AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.url = l.url)
                    AND NOT EXISTS (SELECT 1 FROM appearances a WHERE a.url = l.url)
                  LIMIT ?2)",
        )?
        .execute(params![now, i64::try_from(limit).unwrap_or(i64::MAX)])?)
}

/// Whether a writer (`author`) may see the evidence kept for `url`: a published or
/// retracted fact-check cites it, or one of their own. Editors and admins see all of it.
pub fn writer_may_see(
    conn: &Connection,
    url: &str,
    author: UserId,
    now: Moment,
) -> Result<bool, AppError> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (
                 SELECT 1 FROM fact_checks f
                  WHERE f.id IN (SELECT fact_check_id FROM sources WHERE url = ?1
                                 UNION
                                 SELECT c.fact_check_id FROM appearances a
                                   JOIN claims c ON c.id = a.claim_id WHERE a.url = ?1)
                    AND (f.author_id = ?2
                         OR (f.status = 'published' AND f.published_at <= ?3)
                         OR f.status = 'retracted'))",
        )?
        .query_row(params![url, author, now], |row| row.get(0))?)
}
