//! Every SQL statement lives below this module; this file opens the database and hands out
//! connections.
//!
//! Reads run on a read-only connection owned by the calling thread, so a page costs no pool
//! checkout and no thread hop (measured on one core: ~114k small pages/s this way, ~11k with
//! a pooled connection and `spawn_blocking`, where the checkout and hop dominate a query of
//! a few microseconds). Writes go one at a time through a single writer connection, each in
//! one IMMEDIATE transaction.

pub mod assignments;
pub mod audit;
pub mod authors;
mod cards;
pub mod changes;
pub mod claimants;
mod connection;
mod epoch;
pub mod exchange;
pub mod fact_checks;
pub mod feeds;
mod keyset;
pub mod links;
pub mod media;
mod pool;
pub mod ratings;
pub mod related;
mod rows;
pub mod search;
pub mod settings;
pub mod similar;
pub mod sitemap;
pub mod snapshots;
pub mod tags;
pub mod tips;
mod upgrades;
pub mod users;
mod writer;

pub use connection::Checkpoints;
pub use epoch::WATCH_EVERY;
pub use pool::SlowReadLimits;
pub(crate) use rows::{page_window, split_page};

use crate::error::AppError;
use rusqlite::{Connection, OpenFlags, Transaction};
use rusqlite_migration::{M, Migrations};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Marks a database as ours (`PRAGMA application_id`, set by the first migration).
const APPLICATION_ID: i64 = 0x4644_4B31;

/// Page cache of each read connection (one per worker thread). SQLite's default, 2 MB, is
/// smaller than the index pages a search for a common word reads on 100,000 fact-checks, so
/// every such search read them again from the OS (pread copies were an eighth of its time).
const READER_CACHE: &str = "PRAGMA cache_size = -32768;";

/// How many migrations this build knows.
pub const MIGRATION_COUNT: usize = 22;

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../../migrations/0001_core.sql")),
        M::up(include_str!(
            "../../migrations/0002_editorial_integrity.sql"
        )),
        // The index it creates is filled by 0020's hook, which reads every column it holds
        // (a hook here would read columns later migrations add).
        M::up(include_str!(
            "../../migrations/0003_claimants_search_imports.sql"
        )),
        M::up(include_str!("../../migrations/0004_live_index.sql")),
        M::up(include_str!("../../migrations/0005_visibility_index.sql")),
        M::up(include_str!("../../migrations/0006_claimant_proposals.sql")),
        M::up(include_str!("../../migrations/0007_evidence.sql")),
        M::up(include_str!("../../migrations/0008_slug_redirects.sql")),
        M::up(include_str!("../../migrations/0009_inbox.sql")),
        M::up(include_str!("../../migrations/0010_autosaves.sql")),
        M::up(include_str!("../../migrations/0011_assignments.sql")),
        M::up(include_str!("../../migrations/0012_media.sql")),
        M::up_with_hook(
            include_str!("../../migrations/0013_verdict_page.sql"),
            upgrades::verdict_page,
        ),
        M::up(include_str!("../../migrations/0014_cards.sql")),
        M::up(include_str!("../../migrations/0015_counts.sql")),
        M::up(include_str!("../../migrations/0016_listings.sql")),
        M::up(include_str!("../../migrations/0017_corrections_index.sql")),
        M::up(include_str!("../../migrations/0018_changes.sql")),
        M::up(include_str!("../../migrations/0019_languages.sql")),
        // Every fact-check indexed again: as searches now read it (Arabic letter forms
        // folded), with an imported one's rating in its publisher's words.
        M::up_with_hook(
            include_str!("../../migrations/0020_publisher_verdicts.sql"),
            |tx: &Transaction<'_>| {
                search::reindex_all(tx).map_err(|e| {
                    rusqlite_migration::HookError::Hook(format!(
                        "cannot build the search index: {e}"
                    ))
                })
            },
        ),
        M::up(include_str!("../../migrations/0021_tag_keys.sql")),
        M::up(include_str!("../../migrations/0022_rating_labels.sql")),
    ])
}

/// Why a database could not be opened, in words fit for one line on a terminal.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot open database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "{path} is not a Factdesk database (it holds other data); choose another file with --db"
    )]
    NotFactdesk { path: PathBuf },
    #[error("{path} is not an SQLite database; choose another file with --db")]
    NotSqlite { path: PathBuf },
    #[error(
        "{path} was written by a newer Factdesk (schema version {found}, this build knows {known})"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: usize,
    },
    #[error(
        "{path} is read-only: Factdesk needs to write to it, and to its folder for the -wal file"
    )]
    ReadOnly { path: PathBuf },
    #[error("cannot migrate database {path}: {source}")]
    Migrate {
        path: PathBuf,
        source: rusqlite_migration::Error,
    },
}

static NEXT_DB_ID: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// This thread's read connections, one per open database (tests open many).
    static READERS: RefCell<Vec<(u64, Connection)>> = const { RefCell::new(Vec::new()) };
}

/// A Factdesk database: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Db(Arc<Inner>);

struct Inner {
    id: u64,
    path: PathBuf,
    writer: Mutex<Connection>,
    /// Started on the first slow read, with `slow_limits` as they are then.
    slow: OnceLock<pool::SlowReads>,
    slow_limits: Mutex<SlowReadLimits>,
    /// See `epoch`: moved by the writer and by the watcher thread.
    epoch: AtomicU64,
    watcher: OnceLock<()>,
}

/// What `Db::open` found.
pub struct Opened {
    pub db: Db,
    /// True when the file had no schema yet: the caller may load demo data.
    pub created: bool,
}

fn classify(path: &Path, source: rusqlite::Error) -> OpenError {
    if source.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) {
        OpenError::NotSqlite {
            path: path.to_owned(),
        }
    } else {
        OpenError::Open {
            path: path.to_owned(),
            source,
        }
    }
}

impl Db {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> Result<Opened, OpenError> {
        let mut conn = Connection::open(path).map_err(|e| classify(path, e))?;
        // SQLite quietly opens a file it may not write read-only; every save would then
        // fail, so refuse at once.
        if conn
            .is_readonly(rusqlite::MAIN_DB)
            .map_err(|e| classify(path, e))?
        {
            return Err(OpenError::ReadOnly {
                path: path.to_owned(),
            });
        }
        connection::configure(&conn).map_err(|e| classify(path, e))?;
        let journal: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(|e| classify(path, e))?;
        if !journal.eq_ignore_ascii_case("wal") {
            tracing::warn!(%journal, "database is not in WAL mode; readers may wait for writers");
        }

        let (application_id, user_version, tables): (i64, i64, i64) = conn
            .query_row(
                &format!(
                    "SELECT (SELECT application_id FROM pragma_application_id),
                            (SELECT user_version FROM pragma_user_version),
                            (SELECT count(*) FROM sqlite_schema
                             WHERE type = 'table' AND {})",
                    connection::NOT_LITESTREAM_TABLE
                ),
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .map_err(|e| classify(path, e))?;
        let created = user_version == 0;
        if (created && tables > 0) || (!created && application_id != APPLICATION_ID) {
            return Err(OpenError::NotFactdesk {
                path: path.to_owned(),
            });
        }
        let known = MIGRATION_COUNT;
        if user_version > known as i64 {
            return Err(OpenError::TooNew {
                path: path.to_owned(),
                found: user_version,
                known,
            });
        }
        migrations()
            .to_latest(&mut conn)
            .map_err(|source| OpenError::Migrate {
                path: path.to_owned(),
                source,
            })?;

        let db = Db(Arc::new(Inner {
            id: NEXT_DB_ID.fetch_add(1, Ordering::Relaxed),
            path: path.to_owned(),
            writer: Mutex::new(conn),
            slow: OnceLock::new(),
            slow_limits: Mutex::new(SlowReadLimits::default()),
            epoch: AtomicU64::new(0),
            watcher: OnceLock::new(),
        }));
        Ok(Opened { db, created })
    }

    /// No accounts and no fact-checks: a newsroom that has not started, where demo data
    /// may be loaded. (A demo load that failed half-way left nothing, so it is retried.)
    pub fn is_unused(&self) -> Result<bool, AppError> {
        self.read(|conn| {
            Ok(conn.query_row(
                "SELECT NOT EXISTS (SELECT 1 FROM users) AND NOT EXISTS (SELECT 1 FROM fact_checks)",
                [],
                |row| row.get(0),
            )?)
        })
    }

    fn open_reader(&self) -> rusqlite::Result<Connection> {
        let conn = Connection::open_with_flags(
            &self.0.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        connection::configure(&conn)?;
        // Read connections must never write: every write goes through the single writer.
        conn.execute_batch("PRAGMA query_only = ON;")?;
        conn.execute_batch(READER_CACHE)?;
        Ok(conn)
    }

    /// Runs `f` on this thread's read connection. Each statement sees the latest committed
    /// data; `f` must not call `read` again (the connection is borrowed for its duration).
    pub fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        READERS.with(|readers| {
            let mut readers = readers.borrow_mut();
            let index = match readers.iter().position(|(id, _)| *id == self.0.id) {
                Some(index) => index,
                None => {
                    readers.push((self.0.id, self.open_reader()?));
                    readers.len() - 1
                }
            };
            f(&readers[index].1)
        })
    }

    /// Sets the size of the slow-read pool (see `read_slow`); takes effect only before the
    /// first slow read.
    pub fn set_slow_read_limits(&self, limits: SlowReadLimits) {
        *self
            .0
            .slow_limits
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = limits;
    }

    /// Runs `f` like `read`, but on one of the slow-read threads (see `pool`), so a read
    /// that may take long never holds an async worker thread. Refused at once with
    /// `AppError::Overloaded` when the pool's queue is full; skipped if the request was
    /// dropped while it waited.
    pub async fn read_slow<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, AppError> + Send + 'static,
    {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let db = self.clone();
        self.slow_pool()?
            .submit(Box::new(move || -> pool::Deliver {
                if answer.is_closed() {
                    return Box::new(|| {});
                }
                let read = db.read(f);
                Box::new(move || {
                    let _ = answer.send(read);
                })
            }))?;
        answered
            .await
            .map_err(|_| AppError::Internal("a slow read failed".to_owned()))?
    }

    /// `read_slow` when `slow`, else `read` on this thread: for pages that are cheap in the
    /// common case (a listing's first pages) and costly otherwise.
    pub async fn read_maybe_slow<T, F>(&self, slow: bool, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, AppError> + Send + 'static,
    {
        if slow {
            self.read_slow(f).await
        } else {
            self.read(f)
        }
    }

    fn slow_pool(&self) -> Result<&pool::SlowReads, AppError> {
        if let Some(pool) = self.0.slow.get() {
            return Ok(pool);
        }
        let limits = *self
            .0
            .slow_limits
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let started = pool::SlowReads::start(limits)?;
        // Two first reads at once may both start a pool; the loser's threads end when
        // its (never used) queue is dropped here.
        Ok(self.0.slow.get_or_init(|| started))
    }

    /// Runs `f` in one IMMEDIATE transaction on the writer, committing only if it succeeds.
    /// Blocks: call it from a blocking thread (see `write`) or from the command line.
    pub fn write_blocking<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        self.on_writer(writer::Ending::Commit, f)
    }

    /// `write_blocking` from async code, on tokio's blocking pool.
    pub async fn write<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction<'_>) -> Result<T, AppError> + Send + 'static,
    {
        self.on_writer_off_async(writer::Ending::Commit, f).await
    }
}

/// Turns a UNIQUE violation into a field error the form can show; anything else stays a
/// database error.
pub(crate) fn on_unique(
    error: rusqlite::Error,
    field: &str,
    message: impl Into<String>,
) -> AppError {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => AppError::invalid(field, message),
        _ => AppError::Database(error),
    }
}
