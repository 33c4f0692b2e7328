//! The audit log: who did what, when.

use super::rows::{self, from_columns};
use crate::domain::{AuditAction, FactCheckId, Moment, UserId};
use crate::error::AppError;
use rusqlite::{Connection, Transaction, params};

/// A line of the log as admins read it.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub at: Moment,
    pub actor: Option<String>,
    /// The action as stored, not parsed: the log must still show an entry that a newer
    /// version of Factdesk wrote, with an action this one does not know.
    pub action: String,
    pub subject: String,
    pub detail: String,
}

pub fn record(
    tx: &Transaction<'_>,
    actor: Option<UserId>,
    action: AuditAction,
    subject: &str,
    detail: &str,
    now: Moment,
) -> Result<(), AppError> {
    tx.prepare_cached(
        "INSERT INTO audit_log (at, actor_id, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![now, actor, action, subject, detail])?;
    Ok(())
}

/// What an entry written by a change is about, named in the log as admins know it.
pub enum Subject {
    /// By its headline.
    FactCheck(FactCheckId),
    /// By its email.
    Account(UserId),
}

/// The entry of a change `by` someone, inside the change's own transaction.
pub fn record_about(
    tx: &Transaction<'_>,
    by: UserId,
    action: AuditAction,
    subject: Subject,
    detail: &str,
    now: Moment,
) -> Result<(), AppError> {
    let (sql, id) = match subject {
        Subject::FactCheck(id) => ("SELECT headline FROM fact_checks WHERE id = ?1", id.0),
        Subject::Account(id) => ("SELECT email FROM users WHERE id = ?1", id.0),
    };
    let name: String = tx.prepare_cached(sql)?.query_row([id], |row| row.get(0))?;
    record(tx, Some(by), action, &name, detail, now)
}

/// Newest first, a page at a time; the flag says whether older entries follow.
pub fn recent(
    conn: &Connection,
    page: usize,
    per_page: usize,
) -> Result<(Vec<AuditEntry>, bool), AppError> {
    rows::page_of(
        conn,
        "SELECT a.at, u.name || ' <' || u.email || '>', a.action, a.subject, a.detail
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
         ORDER BY a.at DESC, a.id DESC LIMIT ?1 OFFSET ?2",
        (page, per_page),
        &[],
        |row| from_columns!(row[0..] => AuditEntry { at, actor, action, subject, detail }),
    )
}
