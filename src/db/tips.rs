//! The claim inbox: tips readers send, and what editors do with them.

use super::audit;
use super::rows::from_columns;
use super::{page_window, split_page};
use crate::domain::{AuditAction, FactCheckId, Moment, NewTip, Tip, TipId, TipState, UserId};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

pub fn insert(tx: &Transaction<'_>, tip: &NewTip, now: Moment) -> Result<TipId, AppError> {
    tx.prepare_cached(
        "INSERT INTO tips (kind, claim, seen_link, seen_where, contact_email,
                           reported_fact_check_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?
    .execute(params![
        tip.kind,
        tip.claim,
        tip.seen_link.as_ref().map(|l| l.as_str()),
        tip.seen_where,
        tip.contact_email.as_ref().map(|e| e.as_str()),
        tip.reported,
        now,
    ])?;
    Ok(TipId(tx.last_insert_rowid()))
}

/// Tips kept since `since`, from everyone: what the site-wide cap counts.
pub fn count_since(conn: &Connection, since: Moment) -> Result<i64, AppError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM tips WHERE created_at >= ?1")?
        .query_row([since], |row| row.get(0))?)
}

/// Tips no editor has handled yet, for the dashboard.
pub fn new_count(conn: &Connection) -> Result<i64, AppError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM tips WHERE state = 'new'")?
        .query_row([], |row| row.get(0))?)
}

const TIP_COLUMNS: &str = "t.id, t.kind, t.claim, t.seen_link, t.seen_where, t.contact_email,
     t.email_purged_at IS NOT NULL, t.state, t.created_at,
     t.reported_fact_check_id, r.headline, t.fact_check_id, l.headline, t.assigned_to, u.name";

const TIP_JOINS: &str = "FROM tips t
     LEFT JOIN fact_checks r ON r.id = t.reported_fact_check_id
     LEFT JOIN fact_checks l ON l.id = t.fact_check_id
     LEFT JOIN users u ON u.id = t.assigned_to";

fn pair<A: rusqlite::types::FromSql>(
    row: &Row<'_>,
    at: usize,
) -> rusqlite::Result<Option<(A, String)>> {
    let id: Option<A> = row.get(at)?;
    let name: Option<String> = row.get(at + 1)?;
    Ok(id.zip(name))
}

fn tip_row(row: &Row<'_>) -> rusqlite::Result<Tip> {
    from_columns!(row[0..] => Tip {
        id, kind, claim, seen_link, seen_where, contact_email, email_purged, state, created_at,
        reported: pair(2), linked: pair(2), assigned_to: pair(2)
    })
}

/// One page of the inbox, newest first, in `state` if given; and whether more follow.
pub fn page(
    conn: &Connection,
    state: Option<TipState>,
    page: usize,
    per_page: usize,
) -> Result<(Vec<Tip>, bool), AppError> {
    let (limit, offset) = page_window(page, per_page);
    let sql = format!(
        "SELECT {TIP_COLUMNS} {TIP_JOINS}
         WHERE ?1 IS NULL OR t.state = ?1 ORDER BY t.id DESC LIMIT ?2 OFFSET ?3"
    );
    let tips = conn
        .prepare_cached(&sql)?
        .query_map(params![state, limit, offset], tip_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(split_page(tips, per_page))
}

pub fn get(conn: &Connection, id: TipId) -> Result<Option<Tip>, AppError> {
    let sql = format!("SELECT {TIP_COLUMNS} {TIP_JOINS} WHERE t.id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], tip_row)
        .optional()?)
}

/// Moves a tip to `state`, linked to `fact_check` (started from it, or the one it repeats)
/// or to none; false when there is no such tip.
pub fn set_state(
    tx: &Transaction<'_>,
    id: TipId,
    state: TipState,
    fact_check: Option<FactCheckId>,
    now: Moment,
) -> Result<bool, AppError> {
    let changed = tx
        .prepare_cached(
            "UPDATE tips SET state = ?2, fact_check_id = coalesce(?3, fact_check_id),
                             updated_at = ?4 WHERE id = ?1",
        )?
        .execute(params![id, state, fact_check, now])?;
    Ok(changed == 1)
}

/// Gives a tip to `person`, or to nobody; false when there is no such tip.
pub fn assign(
    tx: &Transaction<'_>,
    id: TipId,
    person: Option<UserId>,
    now: Moment,
) -> Result<bool, AppError> {
    let changed = tx
        .prepare_cached("UPDATE tips SET assigned_to = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![id, person, now])?;
    Ok(changed == 1)
}

/// Clears the contact email of every tip sent before `cutoff`; how many were cleared.
pub fn purge_emails(tx: &Transaction<'_>, cutoff: Moment, now: Moment) -> Result<usize, AppError> {
    Ok(tx
        .prepare_cached(
            "UPDATE tips SET contact_email = NULL, email_purged_at = ?2
             WHERE created_at < ?1 AND contact_email IS NOT NULL",
        )?
        .execute(params![cutoff, now])?)
}

/// People a tip can be given to: every account that can still sign in and open the inbox
/// (editors and admins), by name.
pub fn assignable(conn: &Connection) -> Result<Vec<(UserId, String)>, AppError> {
    let people = conn
        .prepare_cached(
            "SELECT id, name FROM users WHERE disabled_at IS NULL AND role <> 'writer'
             ORDER BY name COLLATE NOCASE",
        )?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(people)
}

/// A fact-check named by its id or its slug, as an editor types it for "duplicate of".
pub fn fact_check_named(conn: &Connection, name: &str) -> Result<Option<FactCheckId>, AppError> {
    let name = name.trim().trim_start_matches('#');
    let by_slug = name.rsplit('/').next().unwrap_or(name);
    Ok(conn
        .prepare_cached("SELECT id FROM fact_checks WHERE id = ?1 OR slug = ?2")?
        .query_row(params![name.parse::<i64>().ok(), by_slug], |row| row.get(0))
        .optional()?)
}

/// A fact-check readers can see, by slug, for "Report an error": its id and headline.
pub fn reportable(
    conn: &Connection,
    slug: &str,
) -> Result<Option<(FactCheckId, String)>, AppError> {
    Ok(conn
        .prepare_cached(
            "SELECT id, headline FROM fact_checks WHERE slug = ?1
               AND ((status = 'published' AND published_at <= ?2) OR status = 'retracted')",
        )?
        .query_row(params![slug, Moment::now()], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .optional()?)
}

/// Moves tip `id` to `state` (linked to `fact_check` if given) on behalf of `by`, with its
/// audit entry naming the old and new state; false when there is no such tip.
pub fn change_state(
    tx: &Transaction<'_>,
    id: TipId,
    state: TipState,
    fact_check: Option<FactCheckId>,
    by: UserId,
    now: Moment,
) -> Result<bool, AppError> {
    let Some(old): Option<TipState> = tx
        .prepare_cached("SELECT state FROM tips WHERE id = ?1")?
        .query_row([id], |row| row.get(0))
        .optional()?
    else {
        return Ok(false);
    };
    set_state(tx, id, state, fact_check, now)?;
    let mut detail = format!("{} → {}", old.label(), state.label());
    if let Some(fc) = fact_check {
        detail.push_str(&format!(" (fact-check {fc})"));
    }
    audit::record(
        tx,
        Some(by),
        AuditAction::TipState,
        &format!("Tip #{id}"),
        &detail,
        now,
    )?;
    Ok(true)
}

/// Gives tip `id` to `person` (or to nobody) on behalf of `by`, audited.
pub fn change_assignee(
    tx: &Transaction<'_>,
    id: TipId,
    person: Option<UserId>,
    by: UserId,
    now: Moment,
) -> Result<bool, AppError> {
    if !assign(tx, id, person, now)? {
        return Ok(false);
    }
    let name: Option<String> = match person {
        Some(p) => tx
            .prepare_cached("SELECT name FROM users WHERE id = ?1")?
            .query_row([p], |row| row.get(0))
            .optional()?,
        None => None,
    };
    let detail = format!("assigned to {}", name.as_deref().unwrap_or("nobody"));
    audit::record(
        tx,
        Some(by),
        AuditAction::TipAssigned,
        &format!("Tip #{id}"),
        &detail,
        now,
    )?;
    Ok(true)
}
