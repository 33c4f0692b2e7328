//! The API's change feed: fact-checks readers can see, in the order they last changed on
//! this site (`change_seq`, migration 0018), from a point a client keeps between visits.

use crate::domain::{FactCheckId, FactCheckPage, Moment};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, params};

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
    /// More changes already made follow this page, after `last`.
    pub more: bool,
    /// The number of this page's last change (or where it started, for an empty page).
    pub last: i64,
    /// The change to resume after: this page's last, held back before any scheduled
    /// fact-check that is not live yet (it becomes visible without a write of its own).
    pub resume: i64,
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
                    "SELECT change_seq - 1 FROM fact_checks INDEXED BY fact_checks_changed_at
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
    // Scheduled ones are few (as `tags::tags_with_counts` assumes); the first of them
    // still to go live bounds how far a client may move on.
    let waiting: Option<i64> = conn
        .prepare_cached(
            "SELECT min(change_seq) FROM fact_checks
              WHERE status = 'published' AND published_at > ?1",
        )?
        .query_row([now], |row| row.get(0))?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, change_seq, changed_at FROM fact_checks INDEXED BY fact_checks_change_seq
          WHERE change_seq > ?1
            AND (status = 'retracted' OR (status = 'published' AND published_at <= ?2))
          ORDER BY change_seq LIMIT ?3",
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
    let mut changed = Vec::with_capacity(limit.min(rows.len()));
    for (id, seq, at) in rows.into_iter().take(limit) {
        // None is ever deleted.
        if let Some(page) = crate::db::fact_checks::page_of_any(conn, id)? {
            changed.push((page, seq, at));
        }
    }
    let last = changed.last().map_or(after, |(_, seq, _)| *seq);
    let resume = match waiting {
        Some(first_waiting) if first_waiting <= last => (first_waiting - 1).max(after),
        _ => last,
    };
    Ok(Changes {
        changed,
        more,
        last,
        resume,
    })
}

/// The latest change number: where a client that asks from a future time starts.
fn latest(conn: &Connection) -> Result<i64, AppError> {
    Ok(conn
        .prepare_cached("SELECT max(change_seq) FROM fact_checks")?
        .query_row([], |row| row.get::<_, Option<i64>>(0))
        .optional()?
        .flatten()
        .unwrap_or(0))
}
