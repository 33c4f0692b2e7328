//! The capture job: takes each queued address (every cited address without a copy yet;
//! the schema's triggers queue them however a source was saved), fetches it in the
//! background and keeps a snapshot, so a save never waits on a slow site.

use crate::db::{Db, snapshots};
use crate::domain::Moment;
use crate::domain::link_watch::next_check_at;
use crate::error::AppError;
use crate::fetch::{Fetcher, capture};
use std::time::Duration;

/// How many addresses one round takes; they are fetched side by side, within the
/// fetcher's own limits (a few at once, one per host).
pub const BATCH: usize = 8;

/// How long the job waits between looks at an empty queue.
pub const IDLE: Duration = Duration::from_secs(3);

/// Captures up to `BATCH` queued addresses and keeps what each gave, each in its own
/// transaction. Returns how many were taken; 0 when the queue was empty.
pub async fn capture_queued(
    db: &Db,
    fetcher: &Fetcher,
    now: fn() -> Moment,
) -> Result<usize, AppError> {
    // A read of a few rows by primary key, like a page's: fine on this thread.
    let urls = db.read(|c| snapshots::queued(c, BATCH, now()))?;
    let mut captures = tokio::task::JoinSet::new();
    for url in &urls {
        let (fetcher, url) = (fetcher.clone(), url.clone());
        captures.spawn(async move { capture::capture(&fetcher, &url, now).await });
    }
    let mut kept = Vec::new();
    while let Some(done) = captures.join_next().await {
        kept.push(done.map_err(|e| AppError::Internal(format!("capture task failed: {e}")))?);
    }
    // One commit for the batch: each commit empties every thread's kept verdict pages.
    db.write(move |tx| {
        kept.iter().try_for_each(|snapshot| {
            // First re-checked a day after capture, spread like the watch's own schedule.
            let first = next_check_at(
                &snapshot.url,
                snapshot.captured_at,
                chrono::Duration::days(1),
            );
            snapshots::keep(tx, snapshot, first).map(|_| ())
        })
    })
    .await?;
    Ok(urls.len())
}

/// Runs `capture_queued` until the runtime shuts down: straight on while there is work,
/// every `IDLE` when there is none. A failed round is logged and never stops the server.
pub fn start(db: Db, fetcher: Fetcher) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match capture_queued(&db, &fetcher, Moment::now).await {
                Ok(0) => tokio::time::sleep(IDLE).await,
                Ok(taken) => tracing::info!(taken, "captured cited pages"),
                Err(e) => {
                    tracing::error!(error = %e, "capture failed");
                    tokio::time::sleep(IDLE).await;
                }
            }
        }
    })
}
