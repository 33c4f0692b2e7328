//! Site text that editors change without a release.

use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

pub const CORRECTIONS_POLICY: &str = "corrections_policy";

pub fn get(conn: &Connection, key: &str) -> Result<String, AppError> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?
        .unwrap_or_default())
}

pub fn set(tx: &Transaction<'_>, key: &str, value: &str) -> Result<(), AppError> {
    tx.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}
