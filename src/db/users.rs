//! Editor accounts and their sign-in sessions.

use super::on_unique;
use crate::domain::{Moment, SignedIn, UserId};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

pub fn create(
    tx: &Transaction<'_>,
    email: &str,
    name: &str,
    password_hash: &str,
    now: Moment,
) -> Result<UserId, AppError> {
    tx.prepare_cached(
        "INSERT INTO users (email, name, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![email, name, password_hash, now])
    .map_err(|e| on_unique(e, "email", "An account with this email already exists."))?;
    Ok(UserId(tx.last_insert_rowid()))
}

/// The account id and password hash for an email, if there is such an account.
pub fn credentials(conn: &Connection, email: &str) -> Result<Option<(UserId, String)>, AppError> {
    Ok(conn
        .prepare_cached("SELECT id, password_hash FROM users WHERE email = ?1")?
        .query_row([email.trim()], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?)
}

pub fn create_session(
    tx: &Transaction<'_>,
    token_hash: &str,
    user: UserId,
    csrf_token: &str,
    now: Moment,
) -> Result<(), AppError> {
    tx.prepare_cached(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
    )?
    .execute(params![token_hash, user, csrf_token, now])?;
    Ok(())
}

pub fn session(conn: &Connection, token_hash: &str) -> Result<Option<SignedIn>, AppError> {
    Ok(conn
        .prepare_cached(
            "SELECT u.id, u.name, u.email, s.csrf_token
             FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = ?1",
        )?
        .query_row([token_hash], |row| {
            Ok(SignedIn {
                user_id: row.get(0)?,
                name: row.get(1)?,
                email: row.get(2)?,
                csrf_token: row.get(3)?,
            })
        })
        .optional()?)
}

pub fn delete_session(tx: &Transaction<'_>, token_hash: &str) -> Result<(), AppError> {
    tx.prepare_cached("DELETE FROM sessions WHERE token_hash = ?1")?
        .execute([token_hash])?;
    Ok(())
}
