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

/// The fact-checks readers can see (live, or retracted: its address keeps answering, with
/// the retraction) with ids in `after + 1..=after + per_file`, by id: one sitemap file,
/// read by the primary key, so file k costs its own size, not the k - 1 files before it.
/// Named: left to itself the planner takes `fact_checks_live` (every live one) for the
/// status and time, and sorts; the id range is the narrow side.
pub fn fact_checks(conn: &Connection, after: i64, per_file: i64) -> Result<Vec<Entry>, AppError> {
    let mut stmt = conn.prepare_cached(
        "SELECT '/fact-checks/' || slug, max(updated_at, published_at) FROM fact_checks INDEXED BY fact_checks_sitemap
         WHERE id > ?2 AND id <= ?2 + ?3
           AND ((status = 'published' AND published_at <= ?1) OR status = 'retracted')
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

/// The fixed listing pages (home and the indexes) and each rating's page, with the time
/// of the newest fact-check each shows: a seek per page on the newest-first indexes.
/// (`lastmod` is the newest publication, not the newest edit: finding that would read every
/// fact-check, and a listing's top is what changes when one comes out.)
pub fn listings(conn: &Connection) -> Result<Vec<Entry>, AppError> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, changed FROM (
             SELECT p.key, (SELECT max(published_at) FROM fact_checks
                             WHERE status = 'published' AND published_at <= ?1) AS changed, p.n
               FROM (SELECT '/' AS key, 0 AS n UNION ALL SELECT '/ratings', 1
                     UNION ALL SELECT '/tags', 2 UNION ALL SELECT '/claimants', 3) p
             UNION ALL
             SELECT '/ratings/' || r.slug,
                    (SELECT f.published_at FROM fact_checks f INDEXED BY fact_checks_by_rating
                      WHERE f.rating_id = r.id AND f.status = 'published' AND f.published_at <= ?1
                      ORDER BY f.published_at DESC LIMIT 1),
                    4 + r.position
               FROM ratings r)
         WHERE changed IS NOT NULL ORDER BY n",
    )?;
    let rows = stmt.query_map([Moment::now()], |row| {
        Ok(Entry {
            path: row.get(0)?,
            last_modified: row.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Which listing pages a sitemap file of sections lists.
#[derive(Clone, Copy)]
pub enum Sections {
    Tags,
    Claimants,
}

/// The highest tag or claimant id: their files split ids as the fact-checks' do.
pub fn last_section_id(conn: &Connection, sections: Sections) -> Result<i64, AppError> {
    let sql = match sections {
        Sections::Tags => "SELECT coalesce(max(id), 0) FROM tags",
        Sections::Claimants => "SELECT coalesce(max(id), 0) FROM claimants",
    };
    Ok(conn.prepare_cached(sql)?.query_row([], |row| row.get(0))?)
}

/// The tag or claimant pages with ids in `after + 1..=after + per_file` that list a live
/// fact-check, each with its newest one's time: one seek in `tag_listing` or
/// `claimant_listing` (migration 0016) per section, so a file costs its own size.
pub fn section_pages(
    conn: &Connection,
    sections: Sections,
    after: i64,
    per_file: i64,
) -> Result<Vec<Entry>, AppError> {
    let sql = match sections {
        Sections::Tags => {
            "SELECT name, changed FROM (
                 SELECT t.id, t.name, (SELECT x.published_at FROM tag_listing x
                         WHERE x.tag_id = t.id AND x.published_at <= ?1
                         ORDER BY x.published_at DESC LIMIT 1) AS changed
                   FROM tags t WHERE t.id > ?2 AND t.id <= ?2 + ?3)
             WHERE changed IS NOT NULL ORDER BY id"
        }
        Sections::Claimants => {
            "SELECT slug, changed FROM (
                 SELECT cl.id, cl.slug, (SELECT k.published_at FROM claimant_listing k
                         WHERE k.claimant_id = cl.id AND k.published_at <= ?1
                         ORDER BY k.published_at DESC LIMIT 1) AS changed
                   FROM claimants cl WHERE cl.id > ?2 AND cl.id <= ?2 + ?3)
             WHERE changed IS NOT NULL ORDER BY id"
        }
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![Moment::now(), after, per_file], |row| {
        let key: String = row.get(0)?;
        Ok(Entry {
            path: match sections {
                Sections::Tags => crate::domain::tag_path(&key),
                Sections::Claimants => format!("/claimants/{key}"),
            },
            last_modified: row.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
