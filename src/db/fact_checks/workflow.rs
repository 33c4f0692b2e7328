//! The workflow: submit for review, send back, publish, withdraw, and backdating demo data.

use crate::db::audit::{self, Subject};
use crate::db::claimants;
use crate::domain::{
    AuditAction, FactCheckId, Moment, ProposalDecision, Status, UserId, editorial,
};
use crate::error::AppError;
use rusqlite::{OptionalExtension, Transaction, params};

fn status_of(tx: &Transaction<'_>, id: FactCheckId) -> Result<(Status, Option<Moment>), AppError> {
    tx.prepare_cached("SELECT status, published_at FROM fact_checks WHERE id = ?1")?
        .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?
        .ok_or(AppError::NotFound)
}

fn refuse_status(message: &str) -> AppError {
    AppError::invalid("status", message)
}

/// A writer hands a draft to the editors.
pub fn submit_for_review(
    tx: &Transaction<'_>,
    id: FactCheckId,
    by: UserId,
    now: Moment,
) -> Result<(), AppError> {
    if status_of(tx, id)?.0 != Status::Draft {
        return Err(refuse_status("Only a draft can be submitted for review."));
    }
    tx.prepare_cached(
        "UPDATE fact_checks SET status = 'in_review', review_note = NULL, updated_at = ?2 WHERE id = ?1",
    )?
    .execute(params![id, now])?;
    audit::record_about(
        tx,
        by,
        AuditAction::SubmitForReview,
        Subject::FactCheck(id),
        "",
        now,
    )
}

/// An editor sends a fact-check in review back to its writer, saying why.
pub fn return_to_draft(
    tx: &Transaction<'_>,
    id: FactCheckId,
    comment: &str,
    by: UserId,
    now: Moment,
) -> Result<(), AppError> {
    if status_of(tx, id)?.0 != Status::InReview {
        return Err(refuse_status(
            "Only a fact-check in review can be sent back.",
        ));
    }
    tx.prepare_cached(
        "UPDATE fact_checks SET status = 'draft', review_note = ?2, updated_at = ?3 WHERE id = ?1",
    )?
    .execute(params![id, comment, now])?;
    audit::record_about(
        tx,
        by,
        AuditAction::ReturnToDraft,
        Subject::FactCheck(id),
        comment,
        now,
    )
}

/// When a publication takes effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publication {
    Now,
    /// At a later moment, with no further write: listings compare `published_at` to the clock.
    Scheduled,
}

/// What an editor's publish asks for: the version they reviewed, when (a moment still to
/// come schedules it; none or a past one means now), and their answer to the draft's
/// claimant proposal, if it has one.
pub struct PublishRequest {
    pub reviewed_version: Option<i64>,
    pub at: Option<Moment>,
    pub claimant_decision: Option<ProposalDecision>,
}

/// Makes a fact-check public, now or at a scheduled moment, provided it is still the
/// version the editor reviewed; settles its claimant proposal; writes the audit entry.
/// A fact-check readers have already seen keeps its first publication time.
pub fn publish(
    tx: &Transaction<'_>,
    id: FactCheckId,
    request: &PublishRequest,
    by: UserId,
    now: Moment,
) -> Result<Publication, AppError> {
    let at = request.at.filter(|at| *at > now).unwrap_or(now);
    let reviewed_version = request.reviewed_version;
    let (status, version, sources): (Status, i64, i64) = tx
        .prepare_cached(
            "SELECT status, version, (SELECT count(*) FROM sources WHERE fact_check_id = ?1)
             FROM fact_checks WHERE id = ?1",
        )?
        .query_row([id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .optional()?
        .ok_or(AppError::NotFound)?;
    if status == Status::Retracted {
        return Err(refuse_status(
            "A retracted fact-check stays retracted, so readers keep the record. Write a new fact-check instead.",
        ));
    }
    // The editor publishes what they reviewed, not a save that landed after.
    if reviewed_version.is_some_and(|v| v != version) {
        return Err(AppError::Conflict);
    }
    editorial::check_publishable(sources).map_err(AppError::Invalid)?;
    tx.prepare_cached(
        "UPDATE fact_checks
         SET status = 'published',
             published_at = CASE WHEN published_at IS NOT NULL AND published_at <= ?3
                                 THEN published_at ELSE ?2 END,
             review_note = NULL, updated_at = ?3
         WHERE id = ?1",
    )?
    .execute(params![id, at, now])?;
    claimants::settle_proposal(tx, id, request.claimant_decision, by, now)?;
    let (action, publication) = if at > now {
        (AuditAction::Schedule, Publication::Scheduled)
    } else {
        (AuditAction::Publish, Publication::Now)
    };
    let detail = at.rfc3339();
    audit::record_about(tx, by, action, Subject::FactCheck(id), &detail, now)?;
    Ok(publication)
}

/// What taking a fact-check down did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withdrawal {
    /// It was only scheduled: back to draft, no reader saw it.
    Unscheduled,
    /// Readers saw it: the page now carries the retraction note.
    Retracted,
}

/// Takes a published fact-check down, with its audit entry. One that readers have seen is
/// retracted, which needs a public note; one that was only scheduled goes quietly back to
/// draft.
pub fn withdraw(
    tx: &Transaction<'_>,
    id: FactCheckId,
    note: Option<&str>,
    by: UserId,
    now: Moment,
) -> Result<Withdrawal, AppError> {
    let (status, published_at) = status_of(tx, id)?;
    if status != Status::Published {
        return Err(refuse_status(
            "Only a published fact-check can be unpublished.",
        ));
    }
    if status.is_scheduled(published_at, now) {
        tx.prepare_cached(
            "UPDATE fact_checks SET status = 'draft', published_at = NULL, updated_at = ?2 WHERE id = ?1",
        )?
        .execute(params![id, now])?;
        let subject = Subject::FactCheck(id);
        audit::record_about(tx, by, AuditAction::Unschedule, subject, "", now)?;
        return Ok(Withdrawal::Unscheduled);
    }
    let note = note.filter(|n| !n.trim().is_empty()).ok_or_else(|| {
        AppError::invalid(
            "retraction_note",
            "Readers have seen this fact-check: say publicly why it is being retracted.",
        )
    })?;
    tx.prepare_cached(
        "UPDATE fact_checks
         SET status = 'retracted', retraction_note = ?2, retracted_at = ?3, updated_at = ?3
         WHERE id = ?1",
    )?
    .execute(params![id, note, now])?;
    audit::record_about(
        tx,
        by,
        AuditAction::Retract,
        Subject::FactCheck(id),
        note,
        now,
    )?;
    Ok(Withdrawal::Retracted)
}

/// Sets the times of a fact-check loaded from demo data, which happened in the past.
pub fn backdate(
    tx: &Transaction<'_>,
    id: FactCheckId,
    created_at: Moment,
    updated_at: Moment,
    published_at: Option<Moment>,
) -> Result<(), AppError> {
    tx.prepare_cached(
        "UPDATE fact_checks
         SET created_at = ?2, updated_at = ?3, published_at = ?4,
             status = CASE WHEN ?4 IS NULL THEN 'draft' ELSE 'published' END
         WHERE id = ?1",
    )?
    .execute(params![id, created_at, updated_at, published_at])?;
    Ok(())
}
