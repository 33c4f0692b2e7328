//! Forgetting readers' contact emails: a tip's email is only for a question while the tip
//! is fresh, so it is cleared once older than the setting (`--tip-email-days`).

use crate::db::{Db, audit, tips};
use crate::domain::{AuditAction, Moment};
use crate::error::AppError;

/// How often the emails are looked at; a day's delay either way does not matter.
pub const PURGE_EVERY: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Clears the contact email of every tip sent more than `keep` before `now`, and records
/// how many in the audit log, in one transaction; how many were cleared.
pub fn purge_emails(db: &Db, now: Moment, keep: chrono::Duration) -> Result<usize, AppError> {
    db.write_blocking(|tx| {
        let cleared = tips::purge_emails(tx, Moment(now.0 - keep), now)?;
        if cleared > 0 {
            let detail = format!(
                "{cleared} contact email(s) older than {} days deleted",
                keep.num_days()
            );
            audit::record(
                tx,
                None,
                AuditAction::TipEmailsPurged,
                "Inbox",
                &detail,
                now,
            )?;
        }
        Ok(cleared)
    })
}

/// Runs `purge_emails` now and then every `PURGE_EVERY`.
pub fn start(db: Db, keep: chrono::Duration) -> tokio::task::JoinHandle<()> {
    super::on_a_timer(
        PURGE_EVERY,
        "tip email purge",
        move || purge_emails(&db, Moment::now(), keep),
        |cleared| {
            if cleared > 0 {
                tracing::info!(cleared, "deleted old tip contact emails");
            }
        },
    )
}
