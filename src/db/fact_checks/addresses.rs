//! A fact-check's addresses: the slug it has now and the ones readers saw before, which
//! keep leading to it (`slug_redirects`).

use crate::domain::{FactCheckId, Moment, Slug};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// Whether `slug` names a fact-check other than `except`, now or as an old address: an
/// address readers were given is never handed to another fact-check.
pub fn slug_in_use(
    tx: &Transaction<'_>,
    slug: &Slug,
    except: Option<FactCheckId>,
) -> Result<bool, AppError> {
    Ok(tx
        .prepare_cached(
            "SELECT 1 FROM fact_checks WHERE slug = ?1 AND id IS NOT ?2
             UNION ALL
             SELECT 1 FROM slug_redirects WHERE old_slug = ?1 AND fact_check_id IS NOT ?2",
        )?
        .exists(params![slug.as_str(), except])?)
}

/// After a fact-check readers have seen moves from `old` to `new`: `old` now redirects to
/// it, and `new`, should it be an address it had before, is its own page again.
pub fn keep_old_address(
    tx: &Transaction<'_>,
    id: FactCheckId,
    old: &str,
    new: &Slug,
    now: Moment,
) -> Result<(), AppError> {
    if old == new.as_str() {
        return Ok(());
    }
    tx.prepare_cached("DELETE FROM slug_redirects WHERE old_slug = ?1 AND fact_check_id = ?2")?
        .execute(params![new.as_str(), id])?;
    tx.prepare_cached(
        "INSERT INTO slug_redirects (old_slug, fact_check_id, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (old_slug) DO NOTHING",
    )?
    .execute(params![old, id, now])?;
    Ok(())
}

/// The slug a reader who followed an old address should be sent to: that of the
/// fact-check it belonged to, while readers may see that fact-check.
pub fn moved_to(conn: &Connection, old: &str) -> Result<Option<String>, AppError> {
    Ok(conn
        .prepare_cached(
            "SELECT f.slug FROM slug_redirects r JOIN fact_checks f ON f.id = r.fact_check_id
             WHERE r.old_slug = ?1
               AND ((f.status = 'published' AND f.published_at <= ?2) OR f.status = 'retracted')",
        )?
        .query_row(params![old, Moment::now()], |row| row.get(0))
        .optional()?)
}
