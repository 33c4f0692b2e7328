//! Authors' pages and profiles: the address each account's page has, its name and
//! biography, and its published fact-checks a page at a time.

use crate::db::cards::{card_columns, card_joins, cards_page};
use crate::domain::author::{AuthorPage, Profile, slug_from_name};
use crate::domain::{Moment, UserId};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// Gives account `id` its author page address, made from `name` and unique. Called once,
/// when the account is made: a later change of name keeps the address.
pub fn give_slug(tx: &Transaction<'_>, id: UserId, name: &str) -> Result<(), AppError> {
    let base = slug_from_name(name);
    let mut slug = base.clone();
    let mut n = 2;
    let mut taken = tx.prepare_cached("SELECT 1 FROM users WHERE slug = ?1 AND id <> ?2")?;
    while taken.exists(params![slug.as_str(), id])? {
        slug = base.with_suffix(n);
        n += 1;
    }
    tx.prepare_cached("UPDATE users SET slug = ?1 WHERE id = ?2")?
        .execute(params![slug.as_str(), id])?;
    Ok(())
}

/// For the migration that added addresses: every account made before it gets one.
pub(super) fn give_missing_slugs(tx: &Transaction<'_>) -> Result<(), AppError> {
    let missing: Vec<(UserId, String)> = tx
        .prepare("SELECT id, name FROM users WHERE slug IS NULL ORDER BY id")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (id, name) in missing {
        give_slug(tx, id, &name)?;
    }
    Ok(())
}

/// The author page at `slug`: `per_page` of their live fact-checks, newest first, from
/// after the one whose slug is `after`. None for no such author, for one who has
/// published nothing (accounts that only edit are nobody's business), and for a cursor
/// that is not one of their live fact-checks.
pub fn author_page(
    conn: &Connection,
    slug: &str,
    after: Option<&str>,
    per_page: usize,
) -> Result<Option<AuthorPage>, AppError> {
    let Some((id, name, bio)) = conn
        .prepare_cached("SELECT id, name, bio FROM users WHERE slug = ?1")?
        .query_row([slug], |row| {
            Ok((row.get::<_, UserId>(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()?
    else {
        return Ok(None);
    };
    let now = Moment::now();
    // The page starts below its cursor, a live fact-check of theirs; the first page below now.
    let (from_at, from_id) = match after {
        None => (now, i64::MAX),
        Some(after) => {
            let cursor = conn
                .prepare_cached(
                    "SELECT published_at, id FROM fact_checks
                      WHERE slug = ?1 AND author_id = ?2 AND status = 'published'
                        AND published_at <= ?3",
                )?
                .query_row(params![after, id, now], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })
                .optional()?;
            let Some(cursor) = cursor else {
                return Ok(None);
            };
            cursor
        }
    };
    let limit = i64::try_from(per_page + 1).unwrap_or(i64::MAX);
    // Reads the author's rows in order from `fact_checks_published_by_author`, starting at
    // the cursor: the cost is the page's, however deep (0.08 ms for a page 20,000 deep,
    // where a cursor given as a row value, which SQLite cannot seek by, took 3 ms).
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        card_columns!(),
        " FROM fact_checks f",
        card_joins!(),
        "WHERE f.author_id = ?1 AND f.status = 'published' AND f.published_at <= ?2
           AND (f.published_at < ?2 OR f.id < ?3)
         ORDER BY f.published_at DESC, f.id DESC LIMIT ?4"
    ))?;
    let listing = cards_page(&mut stmt, params![id, from_at, from_id, limit], per_page)?;
    if listing.cards.is_empty() && !has_published(conn, id, &now)? {
        return Ok(None);
    }
    let older_after = listing
        .has_more
        .then(|| listing.cards.last().map(|c| c.slug.clone()))
        .flatten();
    Ok(Some(AuthorPage {
        name,
        slug: slug.to_owned(),
        bio,
        photo: crate::db::media::user_photo(conn, id)?,
        cards: listing.cards,
        older_after,
    }))
}

fn has_published(conn: &Connection, id: UserId, now: &Moment) -> Result<bool, AppError> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM fact_checks
              WHERE author_id = ?1 AND status = 'published' AND published_at <= ?2",
        )?
        .exists(params![id, now])?)
}

/// The name and biography account `id` shows on its author page, and the page's slug.
pub fn profile(conn: &Connection, id: UserId) -> Result<Option<(Profile, String)>, AppError> {
    Ok(conn
        .prepare_cached("SELECT name, bio, slug FROM users WHERE id = ?1")?
        .query_row([id], |row| {
            Ok((
                Profile {
                    name: row.get(0)?,
                    bio: row.get(1)?,
                },
                row.get(2)?,
            ))
        })
        .optional()?)
}

/// Saves the name and biography of account `id`; its page keeps its address.
pub fn save_profile(tx: &Transaction<'_>, id: UserId, profile: &Profile) -> Result<(), AppError> {
    let changed = tx
        .prepare_cached("UPDATE users SET name = ?1, bio = ?2 WHERE id = ?3")?
        .execute(params![profile.name, profile.bio, id])?;
    if changed == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
