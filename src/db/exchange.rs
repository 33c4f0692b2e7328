//! Import, export and backup: the statements the command-line exchange needs beyond the
//! editor's own save path.

use super::fact_checks;
use crate::domain::{
    ChangeKind, FactCheckId, FactCheckPage, Moment, PublisherVerdict, Role, SignedIn, Slug, Status,
};
use crate::error::AppError;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, params};
use std::path::Path;
use std::time::Duration;

/// A fact-check readers can see, as an export writes it.
#[derive(Debug, Clone)]
pub struct ExportedFactCheck {
    pub page: FactCheckPage,
    /// The Markdown the editor wrote (the page only has the rendered HTML).
    pub body_markdown: String,
    pub imported_from: Option<String>,
}

/// Every fact-check readers can see, oldest publication first, read in one snapshot so an
/// export running beside the server is consistent. Retracted ones only when asked for.
pub fn published(
    conn: &Connection,
    include_retracted: bool,
) -> Result<Vec<ExportedFactCheck>, AppError> {
    // One read transaction: every page below sees the same committed state.
    let tx = conn.unchecked_transaction()?;
    let rows: Vec<(String, String, Option<String>)> = tx
        .prepare(
            "SELECT slug, body, imported_from FROM fact_checks
             WHERE (status = 'published' AND published_at <= ?1)
                OR (?2 AND status = 'retracted')
             ORDER BY published_at, id",
        )?
        .query_map(params![Moment::now(), include_retracted], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut exported = Vec::with_capacity(rows.len());
    for (slug, body_markdown, imported_from) in rows {
        if let Some(page) = fact_checks::published_page(&tx, &slug)? {
            exported.push(ExportedFactCheck {
                page,
                body_markdown,
                imported_from,
            });
        }
    }
    Ok(exported)
}

/// Why no account can sign an import.
#[derive(Debug, thiserror::Error)]
pub enum AuthorError {
    #[error(
        "the database has no accounts yet: create one with `factdesk user add --email EMAIL --name NAME`, then import again"
    )]
    NoAccounts,
    #[error("every admin account is disabled: name an editor with --author EMAIL")]
    NoAdmin,
    #[error("no enabled account has the email {0} (see `factdesk user add`)")]
    Unknown(String),
    #[error("{0} is a writer, and an import publishes: choose an editor or admin with --author")]
    Writer(String),
    #[error(transparent)]
    Db(#[from] AppError),
}

/// The account an import is saved under: the one with `email`, or else the first admin.
pub fn import_author(conn: &Connection, email: Option<&str>) -> Result<SignedIn, AuthorError> {
    let found: Option<SignedIn> = conn
        .prepare_cached(
            "SELECT id, name, email, role FROM users
             WHERE disabled_at IS NULL AND (?1 IS NULL AND role = 'admin' OR email = ?1)
             ORDER BY id LIMIT 1",
        )
        .map_err(AppError::from)?
        .query_row([email.map(str::trim)], |row| {
            Ok(SignedIn {
                user_id: row.get(0)?,
                name: row.get(1)?,
                email: row.get(2)?,
                role: row.get(3)?,
                csrf_token: String::new(),
            })
        })
        .optional()
        .map_err(AppError::from)?;
    match (found, email) {
        (Some(user), _) if user.role == Role::Writer => Err(AuthorError::Writer(user.email)),
        (Some(user), _) => Ok(user),
        (None, Some(email)) => Err(AuthorError::Unknown(email.trim().to_owned())),
        (None, None) => {
            let any: bool = conn
                .query_row("SELECT EXISTS (SELECT 1 FROM users)", [], |row| row.get(0))
                .map_err(AppError::from)?;
            if any {
                // Every admin is disabled: name the way out rather than guess someone.
                Err(AuthorError::NoAdmin)
            } else {
                Err(AuthorError::NoAccounts)
            }
        }
    }
}

/// The fact-check imported earlier from this ClaimReview `url`.
pub fn imported(tx: &Transaction<'_>, url: &str) -> Result<Option<FactCheckId>, AppError> {
    Ok(tx
        .prepare_cached("SELECT id FROM fact_checks WHERE imported_from = ?1")?
        .query_row([url], |row| row.get(0))
        .optional()?)
}

/// Puts `id` in one translation group with each fact-check imported from `urls` (its
/// record's translations); one not imported yet joins when its own record, naming this
/// one, is. Groups keep one centre (migration 0019): `id`'s group moves to the other's.
/// Whether any group changed.
pub fn join_translations(
    tx: &Transaction<'_>,
    id: FactCheckId,
    urls: &[String],
) -> Result<bool, AppError> {
    let centre_of = |of: FactCheckId| -> Result<i64, AppError> {
        Ok(tx
            .prepare_cached("SELECT coalesce(translation_of, id) FROM fact_checks WHERE id = ?1")?
            .query_row([of], |row| row.get(0))?)
    };
    let mut changed = false;
    for url in urls {
        let Some(other) = imported(tx, url)? else {
            continue;
        };
        let (ours, theirs) = (centre_of(id)?, centre_of(other)?);
        if ours != theirs {
            tx.prepare_cached(
                "UPDATE fact_checks SET translation_of = ?1 WHERE id = ?2 OR translation_of = ?2",
            )?
            .execute(params![theirs, ours])?;
            changed = true;
        }
    }
    Ok(changed)
}

/// Whether `slug` is free for the fact-check `except` (or a new one).
pub fn slug_free(
    tx: &Transaction<'_>,
    slug: &Slug,
    except: Option<FactCheckId>,
) -> Result<bool, AppError> {
    Ok(!super::fact_checks::slug_in_use(tx, slug, except)?)
}

/// When readers first saw an imported fact-check, when it last changed, and its status.
pub fn times(
    tx: &Transaction<'_>,
    id: FactCheckId,
) -> Result<(Option<Moment>, Moment, Status), AppError> {
    tx.prepare_cached("SELECT published_at, updated_at, status FROM fact_checks WHERE id = ?1")?
        .query_row([id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .optional()?
        .ok_or(AppError::NotFound)
}

/// Publishes a saved import at the original's publication time and remembers where it came
/// from. A fact-check an editor here has retracted stays retracted. Unlike
/// `fact_checks::publish` no source is required: the original review is the evidence.
pub fn mark_imported(
    tx: &Transaction<'_>,
    id: FactCheckId,
    url: &str,
    published_at: Moment,
    updated_at: Moment,
) -> Result<(), AppError> {
    tx.prepare_cached(
        "UPDATE fact_checks
         SET imported_from = ?2,
             status = CASE WHEN status = 'retracted' THEN status ELSE 'published' END,
             published_at = ?3, updated_at = ?4, review_note = NULL
         WHERE id = ?1",
    )?
    .execute(params![id, url, published_at, updated_at])?;
    Ok(())
}

/// The publisher's verdict kept with an imported fact-check (migration 0020).
pub fn publisher_verdict(
    tx: &Transaction<'_>,
    id: FactCheckId,
) -> Result<PublisherVerdict, AppError> {
    Ok(tx
        .prepare_cached(
            "SELECT publisher_rating, publisher_name, publisher_url FROM fact_checks WHERE id = ?1",
        )?
        .query_row([id], |row| {
            Ok(PublisherVerdict {
                rating: row.get(0)?,
                name: row.get(1)?,
                url: row.get(2)?,
            })
        })?)
}

pub fn set_publisher_verdict(
    tx: &Transaction<'_>,
    id: FactCheckId,
    verdict: &PublisherVerdict,
) -> Result<(), AppError> {
    tx.prepare_cached(
        "UPDATE fact_checks SET publisher_rating = ?2, publisher_name = ?3, publisher_url = ?4
          WHERE id = ?1",
    )?
    .execute(params![id, verdict.rating, verdict.name, verdict.url])?;
    Ok(())
}

/// Whether this public note is already on the fact-check (so a second import adds none).
pub fn has_correction(
    tx: &Transaction<'_>,
    id: FactCheckId,
    kind: ChangeKind,
    note: &str,
    at: Moment,
) -> Result<bool, AppError> {
    Ok(tx
        .prepare_cached(
            "SELECT 1 FROM corrections
             WHERE fact_check_id = ?1 AND kind = ?2 AND note = ?3 AND created_at = ?4",
        )?
        .exists(params![id, kind, note, at])?)
}

/// Pages copied per backup step: small enough to report progress, large enough that a
/// big file is not copied a page at a time.
const BACKUP_PAGES_PER_STEP: i32 = 1024;

/// Why a backup failed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; pass --force to replace it")]
    Exists(String),
    #[error("there is no database at {0} (choose one with --db)")]
    NoDatabase(String),
    #[error("{0} is the database itself; back it up to another file")]
    SameFile(String),
    #[error("{path} is not a Factdesk database")]
    NotFactdesk { path: String },
    #[error("cannot back up {path}: {source}")]
    Sqlite {
        path: String,
        source: rusqlite::Error,
    },
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// Copies the database at `source` into a new file at `target` with SQLite's online
/// backup, while the server may be writing. The copy is the state committed when the
/// backup began: it holds one read transaction throughout, which in WAL mode never blocks
/// writers and keeps the backup from restarting each time they commit. The copy is written
/// beside `target` and renamed into place, so `target` is never half-written.
/// `progress(done, total)` is called with page counts after each step.
pub fn backup(
    source: &Path,
    target: &Path,
    replace: bool,
    mut progress: impl FnMut(i32, i32),
) -> Result<(), BackupError> {
    let shown = |p: &Path| p.display().to_string();
    if target.exists() && !replace {
        return Err(BackupError::Exists(shown(target)));
    }
    // --force onto the live file would replace the database with a copy of itself while
    // the server may hold it open.
    if let (Ok(a), Ok(b)) = (source.canonicalize(), target.canonicalize())
        && a == b
    {
        return Err(BackupError::SameFile(shown(target)));
    }
    let sqlite = |path: &Path| {
        let path = shown(path);
        move |source| BackupError::Sqlite { path, source }
    };
    if !source.is_file() {
        return Err(BackupError::NoDatabase(shown(source)));
    }
    // Read-write but query-only: a read-only connection cannot open a WAL database whose
    // shared-memory file does not exist yet.
    let from = Connection::open_with_flags(
        source,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sqlite(source))?;
    from.busy_timeout(Duration::from_secs(5))
        .map_err(sqlite(source))?;
    from.execute_batch("PRAGMA query_only = ON; BEGIN;")
        .map_err(sqlite(source))?;
    let application_id: i64 = from
        .query_row("PRAGMA application_id", [], |row| row.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => BackupError::NotFactdesk {
                path: shown(source),
            },
            _ => sqlite(source)(e),
        })?;
    if application_id != super::APPLICATION_ID {
        return Err(BackupError::NotFactdesk {
            path: shown(source),
        });
    }

    let partial = target.with_file_name(format!(
        ".{}.partial",
        target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "factdesk-backup".to_owned())
    ));
    let remove_partial = || {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let mut name = partial.clone().into_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(name);
        }
    };
    remove_partial();
    let copied = (|| {
        let mut to = Connection::open(&partial).map_err(sqlite(target))?;
        {
            let backup = rusqlite::backup::Backup::new(&from, &mut to).map_err(sqlite(target))?;
            loop {
                let step = backup.step(BACKUP_PAGES_PER_STEP).map_err(sqlite(source))?;
                let p = backup.progress();
                progress(p.pagecount - p.remaining, p.pagecount);
                match step {
                    rusqlite::backup::StepResult::Done => break,
                    // Busy/Locked: the copy's own file is ours alone, so only a moment's
                    // wait for the source can be the cause.
                    _ => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        }
        // The copy is a standalone file: fold any WAL it has into it before it is moved.
        to.execute_batch("PRAGMA journal_mode = DELETE;")
            .map_err(sqlite(target))?;
        to.close().map_err(|(_, e)| sqlite(target)(e))?;
        Ok(())
    })();
    let _ = from.execute_batch("COMMIT;");
    if let Err(e) = copied {
        remove_partial();
        return Err(e);
    }
    std::fs::rename(&partial, target).map_err(|source| {
        remove_partial();
        BackupError::Io {
            path: shown(target),
            source,
        }
    })
}
