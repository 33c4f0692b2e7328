//! Claimants: who made a claim.

use crate::domain::{ClaimantId, ClaimantKind, Moment, Slug, WebUrl};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// The claimant with this name (any letter case), created if new.
pub fn find_or_create(
    tx: &Transaction<'_>,
    name: &str,
    now: Moment,
) -> Result<ClaimantId, AppError> {
    let existing = tx
        .prepare_cached("SELECT id FROM claimants WHERE name = ?1")?
        .query_row([name], |row| row.get(0))
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let base = Slug::from_title(name);
    let mut slug = base.clone();
    let mut n = 2;
    while tx
        .prepare_cached("SELECT 1 FROM claimants WHERE slug = ?1")?
        .exists([slug.as_str()])?
    {
        slug = base.with_suffix(n);
        n += 1;
    }
    tx.prepare_cached("INSERT INTO claimants (name, slug, created_at) VALUES (?1, ?2, ?3)")?
        .execute(params![name, slug.as_str(), now])?;
    Ok(ClaimantId(tx.last_insert_rowid()))
}

/// Sets the claimant's link and kind where the editor gave them; `None` keeps what is on file.
pub fn describe(
    tx: &Transaction<'_>,
    id: ClaimantId,
    url: Option<&WebUrl>,
    kind: Option<ClaimantKind>,
) -> Result<(), AppError> {
    tx.prepare_cached(
        "UPDATE claimants SET url = coalesce(?2, url), kind = coalesce(?3, kind) WHERE id = ?1",
    )?
    .execute(params![
        id,
        url.map(WebUrl::as_str),
        kind.map(ClaimantKind::as_str)
    ])?;
    Ok(())
}

/// Every claimant's name, for the editor's suggestions.
pub fn names(conn: &Connection) -> Result<Vec<String>, AppError> {
    let mut stmt =
        conn.prepare_cached("SELECT name FROM claimants ORDER BY name COLLATE NOCASE")?;
    let rows = stmt.query_map([], |row| row.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
