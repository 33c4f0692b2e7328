//! Background work the server runs on a schedule: clearing away sign-in records that can
//! no longer matter, so a flood of sign-ins cannot grow the database without end
//! (here), capturing cited pages (`capture`) and re-checking them (`link_watch`).
//!
//! Each job is a plain function taking "now", which tests call directly; `start` only runs
//! them on a timer.

pub mod capture;
pub mod link_watch;
pub mod tips;

use crate::db::{Db, users};
use crate::domain::{Moment, SignInThrottle};
use crate::error::AppError;

/// How often the purge runs. Between runs login_attempts holds at most this much beyond
/// the throttle window; with emails capped at 254 bytes and hashing bounded (see
/// `state::PasswordChecks`) that is a few megabytes at worst.
pub const PURGE_EVERY: std::time::Duration = std::time::Duration::from_secs(5 * 60);

/// What one purge removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub login_attempts: usize,
    pub sessions: usize,
}

/// Deletes sign-in attempts older than the throttle window and sessions idle for longer
/// than `session_idle` as of `now`, in one transaction.
pub fn purge(db: &Db, now: Moment, session_idle: chrono::Duration) -> Result<Purged, AppError> {
    db.write_blocking(|tx| {
        Ok(Purged {
            login_attempts: users::delete_attempts_before(
                tx,
                Moment(now.0 - SignInThrottle::WINDOW),
            )?,
            sessions: users::delete_idle_sessions(tx, Moment(now.0 - session_idle))?,
        })
    })
}

/// Runs `purge` now and then every `PURGE_EVERY` until the runtime shuts down.
pub fn start(db: Db, session_idle: chrono::Duration) -> tokio::task::JoinHandle<()> {
    on_a_timer(
        PURGE_EVERY,
        "purge",
        move || purge(&db, Moment::now(), session_idle),
        |purged| {
            if purged.login_attempts + purged.sessions > 0 {
                tracing::info!(?purged, "purged old sign-in records");
            }
        },
    )
}

/// Runs `job` on a blocking thread now and then every `period`, handing what it did to
/// `done`. A failed run is logged under `what` and tried again at the next tick; it never
/// stops the server.
pub(crate) fn on_a_timer<T: Send + 'static>(
    period: std::time::Duration,
    what: &'static str,
    job: impl Fn() -> Result<T, AppError> + Send + Sync + 'static,
    done: impl Fn(T) + Send + 'static,
) -> tokio::task::JoinHandle<()> {
    let job = std::sync::Arc::new(job);
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(period);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let job = job.clone();
            match tokio::task::spawn_blocking(move || job()).await {
                Ok(Ok(outcome)) => done(outcome),
                Ok(Err(e)) => tracing::error!(error = %e, "{what} failed"),
                Err(e) => tracing::error!(error = %e, "{what} task failed"),
            }
        }
    })
}
