//! Tags, as the topics list counts them.

use crate::domain::Moment;
use crate::error::AppError;
use rusqlite::Connection;

/// Every tag on a live fact-check, with how many carry it, alphabetically.
pub fn tags_with_counts(conn: &Connection) -> Result<Vec<(String, i64)>, AppError> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.name, count(*) FROM tags t
         JOIN fact_check_tags x ON x.tag_id = t.id
         JOIN fact_checks f ON f.id = x.fact_check_id
         WHERE f.status = 'published' AND f.published_at <= ?1
         GROUP BY t.id ORDER BY t.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([Moment::now()], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
