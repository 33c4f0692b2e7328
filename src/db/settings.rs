//! Site text that editors change without a release.

use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

pub const CORRECTIONS_POLICY: &str = "corrections_policy";
/// A BCP 47 tag: the language of the site's pages and of fact-checks saved without one.
pub const SITE_LANGUAGE: &str = "site_language";

pub fn get(conn: &Connection, key: &str) -> Result<String, AppError> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?
        .unwrap_or_default())
}

/// The language of the site's pages and of a fact-check saved without one (migration 0019);
/// English when the setting holds no tag.
pub fn site_language(conn: &Connection) -> Result<crate::domain::Language, AppError> {
    let tag = get(conn, SITE_LANGUAGE)?;
    Ok(crate::domain::Language::parse(&tag).unwrap_or_else(|_| crate::domain::Language::english()))
}

pub fn set(tx: &Transaction<'_>, key: &str, value: &str) -> Result<(), AppError> {
    tx.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}
