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

/// Runs `purge_emails` now and then every `PURGE_EVERY`; a failed run is logged and tried
/// again at the next tick.
pub fn start(db: Db, keep: chrono::Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(PURGE_EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let db = db.clone();
            let run =
                tokio::task::spawn_blocking(move || purge_emails(&db, Moment::now(), keep)).await;
            match run {
                Ok(Ok(0)) => {}
                Ok(Ok(cleared)) => tracing::info!(cleared, "deleted old tip contact emails"),
                Ok(Err(e)) => tracing::error!(error = %e, "tip email purge failed"),
                Err(e) => tracing::error!(error = %e, "tip email purge task failed"),
            }
        }
    })
}
