//! Moving a newsroom's fact-checks in and out with the `factdesk` command: export, import
//! (ours and other publishers' ClaimReview), and backups taken while the site is busy.

mod backup;
mod claimreview;
mod exports;
mod other_publishers;
mod publisher_verdicts;

use crate::helpers::{CONTENT_TABLES, ServerProcess, rows_in};
use factdesk::db::{Db, exchange};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const ADMIN_EMAIL: &str = "imports@newsroom.example";

/// What a run of `factdesk` left behind.
pub(crate) struct Run {
    pub(crate) success: bool,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

fn factdesk(db: &Path, args: &[&str], stdin: &str) -> Run {
    let mut all = vec![std::ffi::OsStr::new("--db"), db.as_os_str()];
    all.extend(args.iter().map(std::ffi::OsStr::new));
    let (success, stdout, stderr) = crate::helpers::run_factdesk(&all, stdin);
    Run {
        success,
        stdout,
        stderr,
    }
}

/// A newsroom on disk: a database file in its own directory.
pub(crate) struct Newsroom {
    dir: TempDir,
    pub(crate) db: PathBuf,
}

impl Newsroom {
    /// The demo fact-checks, as a first run of `factdesk` loads them.
    fn with_demo() -> Newsroom {
        let newsroom = Newsroom::empty();
        let opened = Db::open(&newsroom.db).unwrap();
        factdesk::demo::load(&opened.db).unwrap();
        newsroom
    }

    /// A migrated database with one admin, made with `factdesk user add`.
    pub(crate) fn fresh() -> Newsroom {
        let newsroom = Newsroom::empty();
        let run = newsroom.run(
            &[
                "user",
                "add",
                "--email",
                ADMIN_EMAIL,
                "--name",
                "Imogen Importer",
            ],
            "correct horse battery staple 42\n",
        );
        assert!(run.success, "{}", run.stderr);
        newsroom
    }

    fn empty() -> Newsroom {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("factdesk.db");
        Newsroom { dir, db }
    }

    fn run(&self, args: &[&str], stdin: &str) -> Run {
        factdesk(&self.db, args, stdin)
    }

    pub(crate) fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Exports to a file in this newsroom's directory and returns its path.
    pub(crate) fn export(&self, format: &str) -> PathBuf {
        let out = self.file(&format!("export.{format}"));
        let run = self.run(
            &["export", "--format", format, "--out", out.to_str().unwrap()],
            "",
        );
        assert!(run.success, "export failed: {}", run.stderr);
        out
    }

    pub(crate) fn import(&self, file: &Path) -> Run {
        self.run(&["import", file.to_str().unwrap()], "")
    }

    pub(crate) fn db(&self) -> Db {
        Db::open(&self.db).unwrap().db
    }

    fn count(&self, table: &str) -> i64 {
        count(&self.db, table)
    }

    /// Rows of every table an import writes to.
    pub(crate) fn counts(&self) -> Vec<(&'static str, i64)> {
        CONTENT_TABLES
            .into_iter()
            .chain(["corrections", "revisions", "audit_log"])
            .map(|table| (table, self.count(table)))
            .collect()
    }

    /// Slugs of the fact-checks readers can see now.
    fn live_slugs(&self) -> Vec<String> {
        self.db()
            .read(|conn| {
                Ok(exchange::published(conn, false)?
                    .into_iter()
                    .map(|fc| fc.page.slug)
                    .collect())
            })
            .unwrap()
    }

    /// Serves the newsroom with `factdesk serve` until dropped.
    fn serve(&self) -> ServerProcess {
        ServerProcess::start(&self.db)
    }
}

fn count(db: &Path, table: &str) -> i64 {
    rows_in(&rusqlite::Connection::open(db).unwrap(), table).unwrap()
}
