//! What the sitemap lists: every live fact-check and every listing page, each with the
//! time it last changed.

use crate::domain::Moment;
use crate::error::AppError;
use rusqlite::{Connection, params};

/// One address in a sitemap, as a path on this site.
pub struct Entry {
    pub path: String,
    pub last_modified: Moment,
}

/// The highest fact-check id: the sitemap index splits ids `1..=max` into files of
/// `per_file` each, so a file's contents stay put as new fact-checks arrive.
pub fn last_id(conn: &Connection) -> Result<i64, AppError> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(id), 0) FROM fact_checks")?
        .query_row([], |row| row.get(0))?)
}

/// How many live fact-checks there are: the kept counts (migration 0015), less the few
/// scheduled ones not live yet.
pub fn published_count(conn: &Connection) -> Result<i64, AppError> {
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT coalesce(sum(published), 0) FROM rating_counts)
                  - (SELECT count(*) FROM fact_checks
                      WHERE status = 'published' AND published_at > ?1)",
        )?
        .query_row([Moment::now()], |row| row.get(0))?)
}

/// The live fact-checks with ids in `after + 1..=after + per_file`, by id: one sitemap file,
/// read by the primary key, so file k costs its own size, not the k - 1 files before it.
/// Named: left to itself the planner takes `fact_checks_live` (every live one) for the
/// status and time, and sorts; the id range is the narrow side.
pub fn fact_checks(conn: &Connection, after: i64, per_file: i64) -> Result<Vec<Entry>, AppError> {
    let mut stmt = conn.prepare_cached(
        "SELECT '/fact-checks/' || slug, max(updated_at, published_at) FROM fact_checks INDEXED BY fact_checks_sitemap
         WHERE id > ?2 AND id <= ?2 + ?3 AND status = 'published' AND published_at <= ?1
         ORDER BY id",
    )?;
    let rows = stmt.query_map(params![Moment::now(), after, per_file], |row| {
        Ok(Entry {
            path: row.get(0)?,
            last_modified: row.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The listing pages: home and indexes (changed when any fact-check did), and each tag,
/// rating and claimant page (changed when one of theirs did). Tag names are URL-encoded.
pub fn listings(conn: &Connection) -> Result<Vec<Entry>, AppError> {
    let mut stmt = conn.prepare_cached(
        "WITH live AS (
             SELECT id, rating_id, max(updated_at, published_at) AS changed FROM fact_checks
             WHERE status = 'published' AND published_at <= ?1)
         SELECT kind, key, changed FROM (
             SELECT 0 AS kind, p.path AS key, (SELECT max(changed) FROM live) AS changed
               FROM (SELECT '/' AS path UNION ALL SELECT '/ratings' UNION ALL SELECT '/tags'
                     UNION ALL SELECT '/claimants') p
             UNION ALL
             SELECT 1, t.name, max(l.changed) FROM live l
               JOIN fact_check_tags x ON x.fact_check_id = l.id JOIN tags t ON t.id = x.tag_id
              GROUP BY t.id
             UNION ALL
             SELECT 2, r.slug, max(l.changed) FROM live l JOIN ratings r ON r.id = l.rating_id
              GROUP BY r.id
             UNION ALL
             SELECT 3, cl.slug, max(l.changed) FROM live l
               JOIN claims c ON c.fact_check_id = l.id JOIN claimants cl ON cl.id = c.claimant_id
              GROUP BY cl.id)
         WHERE changed IS NOT NULL
         ORDER BY kind, key",
    )?;
    let rows = stmt.query_map([Moment::now()], |row| {
        let kind: i64 = row.get(0)?;
        let key: String = row.get(1)?;
        let path = match kind {
            0 => key,
            1 => crate::domain::tag_path(&key),
            2 => format!("/ratings/{key}"),
            _ => format!("/claimants/{key}"),
        };
        Ok(Entry {
            path,
            last_modified: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
