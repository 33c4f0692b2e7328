//! Autosave slots: one per editor and fact-check (and one per editor for a new form), each
//! holding the form as typed. Never a revision, never the fact-check's own rows.

use crate::domain::{Autosave, FactCheckId, Moment, UserId};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// Keeps `fields` in the editor's slot for `fact_check` (`None`: the new form), replacing
/// what was there. Refused (Conflict) when the editor has themself saved a version newer
/// than the one it was typed over: it is a copy their save already replaced (an autosave
/// that landed after the Save, or another tab of theirs), and kept it would be offered
/// back as unsaved changes.
pub fn keep_autosave(
    tx: &Transaction<'_>,
    user: UserId,
    fact_check: Option<FactCheckId>,
    autosave: &Autosave,
) -> Result<(), AppError> {
    if let (Some(id), Some(based_on)) = (fact_check, autosave.based_on) {
        let saved_since_by_them = tx
            .prepare_cached(
                "SELECT 1 FROM revisions WHERE fact_check_id = ?1 AND version > ?2 AND saved_by = ?3",
            )?
            .exists(params![id, based_on, user])?;
        if saved_since_by_them {
            return Err(AppError::Conflict);
        }
    }
    let fields = serde_json::to_string(&autosave.fields)
        .map_err(|e| AppError::Internal(format!("cannot write an autosave: {e}")))?;
    discard_autosave(tx, user, fact_check)?;
    tx.prepare_cached(
        "INSERT INTO autosaves (user_id, fact_check_id, fields, based_on, saved_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        user,
        fact_check,
        fields,
        autosave.based_on,
        autosave.saved_at
    ])?;
    Ok(())
}

/// The editor's slot for `fact_check` (`None`: the new form), if there is one.
pub fn autosave(
    conn: &Connection,
    user: UserId,
    fact_check: Option<FactCheckId>,
) -> Result<Option<Autosave>, AppError> {
    let row: Option<(String, Option<i64>, Moment)> = conn
        .prepare_cached(
            "SELECT fields, based_on, saved_at FROM autosaves
              WHERE user_id = ?1 AND fact_check_id IS ?2",
        )?
        .query_row(params![user, fact_check], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()?;
    row.map(|(fields, based_on, saved_at)| {
        let fields = serde_json::from_str(&fields)
            .map_err(|e| AppError::Internal(format!("an autosave cannot be read: {e}")))?;
        Ok(Autosave {
            fields,
            based_on,
            saved_at,
        })
    })
    .transpose()
}

/// Empties the editor's slot for `fact_check`: discarded, or saved for real.
pub fn discard_autosave(
    tx: &Transaction<'_>,
    user: UserId,
    fact_check: Option<FactCheckId>,
) -> Result<(), AppError> {
    tx.prepare_cached("DELETE FROM autosaves WHERE user_id = ?1 AND fact_check_id IS ?2")?
        .execute(params![user, fact_check])?;
    Ok(())
}
