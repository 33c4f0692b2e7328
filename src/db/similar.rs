//! "Already checked?": the fact-checks whose headline or claim shares the most significant
//! words with a claim, read from the search index.

use super::cards::dashboard_row;
use super::search::{RANKED_WINDOW, within_budget};
use crate::domain::similar::{SHOWN, SimilarMatch, similar_query};
use crate::domain::{FactCheckId, Moment, UserId};
use crate::error::AppError;
use rusqlite::{Connection, params};

/// SQLite steps one lookup may take. It runs as an editor types, so it gets a tenth of a
/// reader's search; past it the box stays empty rather than slow.
pub const BUDGET: u64 = 5_000_000;

/// Up to `SHOWN` fact-checks similar to `claim`, best first (bm25 over headline and claim,
/// among the `RANKED_WINDOW` newest matches), never `except`; with `own` (a writer), only
/// that author's and those readers can see. Empty when the claim has no significant word or
/// the lookup would cost more than `budget`.
pub fn similar(
    conn: &Connection,
    claim: &str,
    except: Option<FactCheckId>,
    own: Option<UserId>,
    budget: u64,
) -> Result<Vec<SimilarMatch>, AppError> {
    let Some(fts) = similar_query(claim) else {
        return Ok(Vec::new());
    };
    let found = within_budget(conn, budget, |conn| {
        let mut stmt = conn.prepare_cached(concat!(
            "SELECT ",
            super::cards::dashboard_columns!(),
            ", f.author_id
             FROM search_index si
             CROSS JOIN fact_checks f ON f.id = si.rowid
             JOIN ratings r ON r.id = f.rating_id
             JOIN users u ON u.id = f.author_id
             LEFT JOIN users a ON a.id = f.assigned_to
             WHERE si.search_index MATCH ?1 AND si.rowid IS NOT ?2
               AND (?5 IS NULL OR f.author_id = ?5 OR f.status = 'retracted'
                    OR (f.status = 'published' AND f.published_at <= ?6))
               AND si.rowid >= coalesce((
                   SELECT w.rowid FROM search_index w WHERE w.search_index MATCH ?1
                    ORDER BY w.rowid DESC LIMIT 1 OFFSET ?3), 0)
             ORDER BY si.rank, f.updated_at DESC LIMIT ?4"
        ))?;
        let rows = stmt.query_map(
            params![fts, except, RANKED_WINDOW - 1, SHOWN, own, Moment::now()],
            |row| {
                Ok(SimilarMatch {
                    row: dashboard_row(row)?,
                    author_id: row.get(super::cards::DASHBOARD_COLUMNS)?,
                })
            },
        )?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    });
    match found {
        Err(AppError::TooBroad(_)) => Ok(Vec::new()),
        other => other,
    }
}
