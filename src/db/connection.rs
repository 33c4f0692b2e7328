//! The options every connection to a Factdesk database is opened with, and why; among them
//! what Litestream (which replicates the file, see README "Running on more than one
//! machine") asks of an application that shares its database.

use rusqlite::Connection;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How long a statement waits for a lock before failing with SQLITE_BUSY. Litestream takes
/// the write lock for a moment at each of its checkpoints and asks applications for at
/// least 5 s, so that a save arriving then waits instead of failing; a save waits behind
/// another of ours the same way.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Enough for every distinct statement the pages use, so none is re-prepared.
const STATEMENT_CACHE: usize = 64;

/// SQLite's own default for `wal_autocheckpoint`, in pages (4 MB with 4 KB pages).
const SQLITE_AUTOCHECKPOINT: i64 = 1000;

/// Who copies the WAL back into the database file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checkpoints {
    /// SQLite, after a commit leaves 1,000 pages or more in the WAL: right when nothing
    /// else reads the file's WAL.
    Sqlite,
    /// Litestream only: it must read every frame of the WAL before the WAL restarts, so it
    /// keeps a read transaction open and checkpoints itself after it has copied them. A
    /// checkpoint of ours racing it could restart the WAL under it, and it would then have
    /// to start a new generation with a full snapshot. The WAL then grows until Litestream
    /// checkpoints, which is why this is only for a process run under Litestream.
    Litestream,
}

/// Set once at start by `--litestream`: a process run beside Litestream must leave
/// checkpoints to it on every connection it opens, whatever the command.
static LEAVE_TO_LITESTREAM: AtomicBool = AtomicBool::new(false);

impl Checkpoints {
    /// Makes every database this process opens from now on leave checkpoints to Litestream.
    pub fn leave_to_litestream() {
        LEAVE_TO_LITESTREAM.store(true, Ordering::Relaxed);
    }

    /// What this process was started with.
    pub fn of_this_process() -> Checkpoints {
        if LEAVE_TO_LITESTREAM.load(Ordering::Relaxed) {
            Checkpoints::Litestream
        } else {
            Checkpoints::Sqlite
        }
    }

    fn autocheckpoint_pages(self) -> i64 {
        match self {
            Checkpoints::Sqlite => SQLITE_AUTOCHECKPOINT,
            Checkpoints::Litestream => 0,
        }
    }
}

/// The options of every connection, the writer's and the readers'.
pub(super) fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    // FULL makes each acknowledged save survive a power cut too; editorial writes are rare
    // enough that its ~1 ms a commit does not matter. (Litestream suggests NORMAL for speed;
    // it replicates either way, and a save it has not yet copied is then still on this disk.)
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")?;
    // SQLite 3.53 reads a bound `LIMIT ?` while planning, so each new value expired the
    // cached statement and it was parsed and planned again: 4 re-prepares and ~21% of a
    // first verdict render, 29% of a home page (bench/NOTES.md, issue 15). With the planner
    // stability guarantee, plans never depend on bound values; none of ours needs them to
    // (no `LIKE ?`; prefix searches are ranges).
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    // Only a connection that commits checkpoints, so this matters on the writer; set on all
    // so that no connection of a process under Litestream ever does.
    conn.pragma_update(
        None,
        "wal_autocheckpoint",
        Checkpoints::of_this_process().autocheckpoint_pages(),
    )
}

/// Tables Litestream adds to a database it replicates (`_litestream_seq`,
/// `_litestream_lock`): not ours, but no sign that a file holds someone else's data either.
pub(super) const NOT_LITESTREAM_TABLE: &str = r"name NOT LIKE '\_litestream\_%' ESCAPE '\'";

#[cfg(test)]
mod tests {
    use super::*;

    fn autocheckpoint(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA wal_autocheckpoint", [], |row| row.get(0))
            .unwrap()
    }

    #[test]
    fn a_process_under_litestream_never_checkpoints_and_others_keep_sqlites_default() {
        let conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(
            None,
            "wal_autocheckpoint",
            Checkpoints::Litestream.autocheckpoint_pages(),
        )
        .unwrap();
        assert_eq!(
            autocheckpoint(&conn),
            0,
            "0 turns automatic checkpoints off"
        );
        conn.pragma_update(
            None,
            "wal_autocheckpoint",
            Checkpoints::Sqlite.autocheckpoint_pages(),
        )
        .unwrap();
        let fresh = Connection::open_in_memory().unwrap();
        assert_eq!(autocheckpoint(&conn), autocheckpoint(&fresh));
    }

    #[test]
    fn litestreams_own_tables_are_told_apart_from_anyone_elses() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE _litestream_seq (id INTEGER PRIMARY KEY, seq INTEGER);
             CREATE TABLE _litestream_lock (id INTEGER);
             CREATE TABLE _litestreamish (id INTEGER);
             CREATE TABLE invoices (id INTEGER);",
        )
        .unwrap();
        let mut statement = conn
            .prepare(&format!(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND {NOT_LITESTREAM_TABLE}
                 ORDER BY name"
            ))
            .unwrap();
        let others: Vec<String> = statement
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(others, ["_litestreamish", "invoices"]);
    }
}
