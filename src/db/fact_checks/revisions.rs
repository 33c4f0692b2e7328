//! A fact-check's history: every saved version, kept as a snapshot.

use super::editing::editable;
use crate::db::rows::{self, from_columns};
use crate::domain::{ChangeKind, FactCheckId, FactCheckInput, Moment, RevisionSummary, UserId};
use crate::error::AppError;
use rusqlite::{Connection, Transaction, params};

/// Appends the fact-check as it now stands to its history.
pub(super) fn record_revision(
    tx: &Transaction<'_>,
    id: FactCheckId,
    by: UserId,
    kind: ChangeKind,
    now: Moment,
) -> Result<(), AppError> {
    let saved = editable(tx, id)?.ok_or(AppError::NotFound)?;
    let snapshot = serde_json::to_string(&saved.input)
        .map_err(|e| AppError::Internal(format!("cannot record revision: {e}")))?;
    tx.prepare_cached(
        "INSERT INTO revisions (fact_check_id, version, saved_by, saved_at, change_kind, snapshot)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![id, saved.version, by, now, kind, snapshot])?;
    Ok(())
}

/// Every saved version of a fact-check, newest first.
pub fn revisions(conn: &Connection, id: FactCheckId) -> Result<Vec<RevisionSummary>, AppError> {
    rows::all(
        conn,
        "SELECT v.version, u.name, v.saved_at, v.change_kind
         FROM revisions v JOIN users u ON u.id = v.saved_by
         WHERE v.fact_check_id = ?1 ORDER BY v.version DESC",
        [id],
        |row| from_columns!(row[0..] => RevisionSummary { version, saved_by, saved_at, kind }),
    )
}

/// The fact-check as it was saved at `version`.
pub fn revision(
    conn: &Connection,
    id: FactCheckId,
    version: i64,
) -> Result<Option<FactCheckInput>, AppError> {
    let snapshot: Option<String> = rows::first(
        conn,
        "SELECT snapshot FROM revisions WHERE fact_check_id = ?1 AND version = ?2",
        params![id, version],
        |row| row.get(0),
    )?;
    snapshot
        .map(|text| {
            serde_json::from_str(&text).map_err(|e| {
                AppError::Internal(format!("revision {version} of {id} is unreadable: {e}"))
            })
        })
        .transpose()
}
