//! Tags, as the topics list counts them.

use crate::domain::Moment;
use crate::error::AppError;
use rusqlite::Connection;

/// Every tag on a live fact-check, with how many carry it, alphabetically. Reads the kept
/// counts (migration 0015), less the scheduled fact-checks not live yet: those are assumed
/// few, a newsroom's next days of work, and are found by status and time on `fact_checks_live`.
pub fn tags_with_counts(conn: &Connection) -> Result<Vec<(String, i64)>, AppError> {
    let mut stmt = conn.prepare_cached(
        "WITH scheduled AS MATERIALIZED (
             SELECT x.tag_id, count(*) AS n FROM fact_checks f
             JOIN fact_check_tags x ON x.fact_check_id = f.id
             WHERE f.status = 'published' AND f.published_at > ?1
             GROUP BY x.tag_id)
         SELECT t.name, k.published - coalesce(s.n, 0) AS live FROM tag_counts k
         JOIN tags t ON t.id = k.tag_id
         LEFT JOIN scheduled s ON s.tag_id = k.tag_id
         WHERE live > 0
         ORDER BY t.key",
    )?;
    let rows = stmt.query_map([Moment::now()], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
