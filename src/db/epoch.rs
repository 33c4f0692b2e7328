//! The database's commit epoch: a number that changes whenever what readers could see may
//! have changed, read by every request for the price of one atomic load.
//!
//! Three things move it. This server's writer bumps it right after each commit, before the
//! write's caller goes on, so an editor's next page is fresh. A watcher thread, started with
//! the first `Db::epoch`, polls `PRAGMA data_version` on its own connection every
//! `WATCH_EVERY` and bumps it when another process (`factdesk import`, a script) has
//! committed: such a commit is seen within `WATCH_EVERY` plus one read, well under 100 ms.
//! And a scheduled fact-check goes live with no commit at all, at its `published_at`: the
//! watcher reads the earliest such time once per epoch (one seek in `fact_checks_live`) and
//! bumps the epoch when the clock passes it, again within `WATCH_EVERY`.
//!
//! When a scheduled publication falls due (looked for at each change of the epoch, the
//! first included, so also those that fell due while the server was down), it also gives
//! the fact-checks now live a new change number (`changes::publish_due`) through the
//! writer, so the API's change feed reports them.
//!
//! The watcher's connection also sees this server's own commits, so each of them bumps the
//! epoch a second time up to 50 ms later; a page rendered in between is rendered once more.

use super::{Db, Inner};
use crate::domain::Moment;
use rusqlite::Connection;
use std::sync::Weak;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// How often the watcher looks for other processes' commits and for scheduled publications
/// falling due. Its read costs a few microseconds, so 20 polls a second cost nothing.
pub const WATCH_EVERY: Duration = Duration::from_millis(50);

impl Db {
    /// The current epoch: equal numbers mean nothing readers could see has changed in
    /// between (see the module doc for the bound on another process's commits).
    pub fn epoch(&self) -> u64 {
        if self.0.watcher.get().is_none() {
            self.start_watcher();
        }
        self.0.epoch.load(Ordering::Acquire)
    }

    /// Moves the epoch: called by the writer once a transaction has committed, and by
    /// whoever changes what pages show outside the database (the site's logo in memory).
    pub fn mark_changed(&self) {
        self.0.epoch.fetch_add(1, Ordering::AcqRel);
    }

    fn start_watcher(&self) {
        self.0.watcher.get_or_init(|| {
            let inner = std::sync::Arc::downgrade(&self.0);
            // The first version is read before any page is kept, so a commit by another
            // process just after this call is still seen as a change.
            let opened = self.open_reader().and_then(|conn| {
                let version = data_version(&conn)?;
                Ok((conn, version))
            });
            let started = std::thread::Builder::new()
                .name("factdesk-commits".to_owned())
                .spawn(move || match opened {
                    Ok((conn, version)) => watch(&inner, &conn, version),
                    Err(e) => tracing::error!(error = %e, "the commit watcher cannot read"),
                });
            if let Err(e) = started {
                tracing::error!(error = %e, "the commit watcher did not start");
            }
        });
    }
}

/// Polls until the database is dropped. A failed read is logged and counted as a change, so
/// an unreadable moment never leaves old pages standing.
fn watch(inner: &Weak<Inner>, conn: &Connection, first_version: i64) {
    let mut seen_version = Some(first_version);
    let mut seen_epoch = None;
    let mut next_due = None;
    loop {
        std::thread::sleep(WATCH_EVERY);
        let Some(inner) = inner.upgrade() else {
            return;
        };
        let version = data_version(conn);
        if version.as_ref().ok() != seen_version.as_ref() {
            inner.epoch.fetch_add(1, Ordering::AcqRel);
            seen_version = version.ok();
        }
        let due = next_due.is_some_and(|due: Moment| due <= Moment::now());
        if due {
            inner.epoch.fetch_add(1, Ordering::AcqRel);
        }
        let epoch = inner.epoch.load(Ordering::Acquire);
        if seen_epoch != Some(epoch) {
            // After any commit or publication falling due (a look at a table of a few rows;
            // its own write moves the epoch once more, and then finds nothing).
            publish_due(&inner, conn);
            next_due = next_scheduled(conn).unwrap_or_else(|e| {
                tracing::warn!(error = %e, "the next scheduled publication could not be read");
                // Looked for again at the next poll: the epoch moves on below.
                Some(Moment::now())
            });
            seen_epoch = Some(epoch);
        }
    }
}

/// Numbers the fact-checks that went live since the last look; a failure is logged and
/// tried again at the next publication or start (the waiting rows stay).
fn publish_due(inner: &std::sync::Arc<Inner>, conn: &Connection) {
    let waiting = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM scheduled_publications WHERE published_at <= ?1)",
        )
        .and_then(|mut stmt| stmt.query_row([Moment::now()], |row| row.get::<_, bool>(0)));
    // Only a write when one is due: the watcher starts with every server.
    if matches!(waiting, Ok(false)) {
        return;
    }
    if let Err(e) = Db(inner.clone()).write_blocking(super::changes::publish_due) {
        tracing::warn!(error = %e, "scheduled publications could not be numbered for the change feed");
    }
}

fn data_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.prepare_cached("PRAGMA data_version")?
        .query_row([], |row| row.get(0))
}

/// The earliest time a published fact-check is still waiting for.
fn next_scheduled(conn: &Connection) -> rusqlite::Result<Option<Moment>> {
    conn.prepare_cached(
        "SELECT min(published_at) FROM fact_checks
         WHERE status = 'published' AND published_at > ?1",
    )?
    .query_row([Moment::now()], |row| row.get(0))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_commit_by_this_writer_moves_the_epoch_before_the_write_returns() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.db")).unwrap().db;
        let before = db.epoch();
        db.write_blocking(|tx| {
            tx.execute("INSERT INTO tags (name, key) VALUES ('Fresh', 'fresh')", [])?;
            Ok(())
        })
        .unwrap();
        assert_ne!(
            db.epoch(),
            before,
            "the writer's own commit is seen at once"
        );
    }
}
