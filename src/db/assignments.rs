//! Who is working on a fact-check: the assignee, its checks, and the record of every change.

use super::audit::{self, Subject};
use super::rows::{self, from_columns};
use crate::domain::{AuditAction, FactCheckId, Moment, Role, SignedIn, UserId, desk};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// The form field the assignee is chosen in, for the messages below.
const FIELD: &str = "assigned_to";

/// A change of assignee as the history page lists it.
#[derive(Debug, Clone)]
pub struct AssignmentChange {
    pub at: Moment,
    /// None: left with nobody.
    pub to: Option<String>,
    pub by: String,
}

/// Who the fact-check is assigned to now (None when nobody, or no such fact-check).
pub fn current(conn: &Connection, id: FactCheckId) -> Result<Option<UserId>, AppError> {
    Ok(rows::first(
        conn,
        "SELECT assigned_to FROM fact_checks WHERE id = ?1",
        [id],
        |row| row.get(0),
    )?
    .flatten())
}

/// Who wrote the fact-check (None: no such fact-check).
pub fn author_of(conn: &Connection, id: FactCheckId) -> Result<Option<UserId>, AppError> {
    rows::first(
        conn,
        "SELECT author_id FROM fact_checks WHERE id = ?1",
        [id],
        |row| row.get(0),
    )
}

/// Why `by` may not move the assignment from `from` to `to`, if they may not: the person
/// must have an account that can sign in, and a writer may only take or give back their own.
pub fn problem(
    conn: &Connection,
    by: &SignedIn,
    author: UserId,
    from: Option<UserId>,
    to: Option<UserId>,
) -> Result<Option<String>, AppError> {
    if from == to {
        return Ok(None);
    }
    if let Some(person) = to {
        let role: Option<(bool, Role)> = conn
            .prepare_cached("SELECT disabled_at IS NULL, role FROM users WHERE id = ?1")?
            .query_row([person], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        match role {
            Some((true, role)) if role.can_review() || person == author => {}
            Some((true, _)) => {
                return Ok(Some(
                    "Choose someone from the list: a writer can open only their own fact-checks."
                        .to_owned(),
                ));
            }
            _ => {
                return Ok(Some(
                    "Choose someone from the list: that account is disabled or does not exist."
                        .to_owned(),
                ));
            }
        }
    }
    Ok(desk::may_assign(by, from, to).err().map(str::to_owned))
}

/// Assigns the fact-check to `to` (None: nobody), in the caller's transaction, with its
/// audit entry and its line in the history. Nothing happens when the assignee is the same;
/// the answer says whether it changed. The text's version is left alone: handing work over
/// is not an edit, so it neither makes a revision nor conflicts with an open form.
pub fn assign(
    tx: &Transaction<'_>,
    id: FactCheckId,
    to: Option<UserId>,
    by: &SignedIn,
    now: Moment,
) -> Result<bool, AppError> {
    let from = current(tx, id)?;
    let author = author_of(tx, id)?.ok_or(AppError::NotFound)?;
    if let Some(why) = problem(tx, by, author, from, to)? {
        return Err(AppError::invalid(FIELD, why));
    }
    if from == to {
        return Ok(false);
    }
    tx.prepare_cached("UPDATE fact_checks SET assigned_to = ?2 WHERE id = ?1")?
        .execute(params![id, to])?;
    tx.prepare_cached(
        "INSERT INTO assignments (fact_check_id, assigned_to, assigned_by, at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, to, by.user_id, now])?;
    let name = |person: Option<UserId>| -> Result<String, AppError> {
        Ok(match person {
            Some(person) => tx
                .prepare_cached("SELECT name FROM users WHERE id = ?1")?
                .query_row([person], |row| row.get(0))?,
            None => "nobody".to_owned(),
        })
    };
    let detail = format!("assigned to {} (was {})", name(to)?, name(from)?);
    audit::record_about(
        tx,
        by.user_id,
        AuditAction::Assigned,
        Subject::FactCheck(id),
        &detail,
        now,
    )?;
    Ok(true)
}

/// Every change of the fact-check's assignee, newest first.
pub fn history(conn: &Connection, id: FactCheckId) -> Result<Vec<AssignmentChange>, AppError> {
    rows::all(
        conn,
        "SELECT s.at, t.name, b.name FROM assignments s
         LEFT JOIN users t ON t.id = s.assigned_to
         JOIN users b ON b.id = s.assigned_by
         WHERE s.fact_check_id = ?1 ORDER BY s.at DESC, s.id DESC",
        [id],
        |row| from_columns!(row[0..] => AssignmentChange { at, to, by }),
    )
}
