//! The API's change feed: fact-checks readers can see, in the order they last changed on
//! this site (`fact_check_changes`, migration 0018), from a point a client keeps.

use crate::domain::{FactCheckId, FactCheckPage, Moment};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// Where a client's feed starts: after a change it has read, and at a time; the later of
/// the two when both are given, the feed's start when neither is.
#[derive(Debug, Clone, Copy, Default)]
pub struct ChangePoint {
    pub since: Option<Moment>,
    pub after: i64,
}

/// A page of the feed.
pub struct Changes {
    /// Fact-checks in full, each with its change number and time, oldest change first.
    pub changed: Vec<(FactCheckPage, i64, Moment)>,
    /// More changes already made follow, after `last`.
    pub more: bool,
    /// The number of the last change this page read (where it started, for an empty
    /// page): where the next page, and the client's next visit, begin.
    pub last: i64,
}

/// The next `limit` changes after `from`, in full.
pub fn changed(conn: &Connection, from: ChangePoint, limit: usize) -> Result<Changes, AppError> {
    // One snapshot for the numbers and the fact-checks they name.
    let tx = conn.unchecked_transaction()?;
    let conn = &*tx;
    let now = Moment::now();
    let after = match from.since {
        None => from.after,
        Some(at) => {
            let first: Option<i64> = conn
                .prepare_cached(
                    "SELECT change_seq - 1 FROM fact_check_changes INDEXED BY fact_check_changes_at
                      WHERE changed_at >= ?1 ORDER BY changed_at, change_seq LIMIT 1",
                )?
                .query_row([at], |row| row.get(0))
                .optional()?;
            let since = match first {
                Some(before_first) => before_first,
                None => latest(conn)?,
            };
            since.max(from.after)
        }
    };
    // A draft's saves take numbers too; the feed passes over them (one row each).
    let mut stmt = conn.prepare_cached(
        "SELECT c.fact_check_id, c.change_seq, c.changed_at
           FROM fact_check_changes c CROSS JOIN fact_checks f ON f.id = c.fact_check_id
          WHERE c.change_seq > ?1
            AND (f.status = 'retracted' OR (f.status = 'published' AND f.published_at <= ?2))
          ORDER BY c.change_seq LIMIT ?3",
    )?;
    let wanted = i64::try_from(limit + 1).unwrap_or(i64::MAX);
    let rows = stmt
        .query_map(params![after, now, wanted], |row| {
            Ok((
                row.get::<_, FactCheckId>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, Moment>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let more = rows.len() > limit;
    let page: Vec<_> = rows.into_iter().take(limit).collect();
    // From the rows read, not the pages found, so a page always moves the client on.
    let last = page.last().map_or(after, |(_, seq, _)| *seq);
    let mut changed = Vec::with_capacity(page.len());
    for (id, seq, at) in page {
        // None is ever deleted.
        if let Some(found) = crate::db::fact_checks::page_of_any(conn, id)? {
            changed.push((found, seq, at));
        }
    }
    Ok(Changes {
        changed,
        more,
        last,
    })
}

/// The latest change number: where a client that asks from a future time starts.
fn latest(conn: &Connection) -> Result<i64, AppError> {
    Ok(conn
        .prepare_cached("SELECT ifnull(max(change_seq), 0) FROM fact_check_changes")?
        .query_row([], |row| row.get(0))?)
}

/// Gives each scheduled fact-check whose time has come a new change number, so a client
/// that read past its last one learns it is live; returns how many. Run by the commit
/// watcher when a publication falls due, and once when the server starts (for those that
/// fell due while it was down).
pub fn publish_due(tx: &Transaction<'_>) -> Result<usize, AppError> {
    let now = Moment::now();
    let due: Vec<i64> = tx
        .prepare_cached(
            "SELECT fact_check_id FROM scheduled_publications
              WHERE published_at <= ?1 ORDER BY published_at, fact_check_id",
        )?
        .query_map([now], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for id in &due {
        tx.prepare_cached(
            "INSERT OR REPLACE INTO fact_check_changes (fact_check_id, change_seq, changed_at)
             VALUES (?1, (SELECT ifnull(max(change_seq), 0) + 1 FROM fact_check_changes), ?2)",
        )?
        .execute(params![id, now])?;
    }
    tx.prepare_cached("DELETE FROM scheduled_publications WHERE published_at <= ?1")?
        .execute([now])?;
    Ok(due.len())
}
