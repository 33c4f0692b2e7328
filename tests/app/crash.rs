//! Crash safety: the real `factdesk serve`, killed with SIGKILL while editors save and
//! publish, restarts on a database that passes SQLite's integrity check and still holds
//! every save the server acknowledged before it died.

use crate::helpers::{ServerProcess, TestApp, add_editor_account, moon_fact_check, with};
use reqwest::StatusCode;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

const CYCLES: usize = 20;
const WRITERS: usize = 3;

/// Something the server said it had done: a 303 came back for it.
#[derive(Debug)]
enum Acknowledged {
    /// A save of a writer's draft, with this summary.
    Saved(String),
    /// A new fact-check with this headline.
    Created(String),
    /// The new fact-check with this headline, published.
    Published(String),
}

/// One editor's browser, their draft, and the version they last saw it at.
struct Writer {
    browser: TestApp,
    csrf: String,
    edit_path: String,
    version: i64,
}

impl Writer {
    /// Saves and publishes without pause until the server stops answering; returns what it
    /// acknowledged.
    async fn work(&mut self, writer: usize, cycle: usize) -> Vec<Acknowledged> {
        let mut acknowledged = Vec::new();
        for n in 1.. {
            let label = format!("[cycle {cycle}, writer {writer}, n {n}]");
            let done = if n % 4 == 0 {
                self.create_and_publish(&label, &mut acknowledged).await
            } else {
                self.save(&label, &mut acknowledged).await
            };
            if done.is_err() {
                break;
            }
        }
        acknowledged
    }

    async fn save(
        &mut self,
        summary: &str,
        acknowledged: &mut Vec<Acknowledged>,
    ) -> Result<(), ()> {
        let form = with(
            &with(
                &with(&moon_fact_check(), "summary", summary),
                "version",
                &self.version.to_string(),
            ),
            "csrf",
            &self.csrf,
        );
        let page = self
            .browser
            .try_post_form(&self.edit_path, &form)
            .await
            .map_err(drop)?;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        acknowledged.push(Acknowledged::Saved(summary.to_owned()));
        self.version += 1;
        Ok(())
    }

    async fn create_and_publish(
        &mut self,
        headline: &str,
        acknowledged: &mut Vec<Acknowledged>,
    ) -> Result<(), ()> {
        let form = with(
            &with(&moon_fact_check(), "headline", headline),
            "csrf",
            &self.csrf,
        );
        let page = self
            .browser
            .try_post_form("/editor/fact-checks", &form)
            .await
            .map_err(drop)?;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        acknowledged.push(Acknowledged::Created(headline.to_owned()));
        let edit_path = page.location().split('?').next().unwrap().to_owned();
        let publish = with(&[("version".into(), "1".into())], "csrf", &self.csrf);
        let page = self
            .browser
            .try_post_form(&format!("{edit_path}/publish"), &publish)
            .await
            .map_err(drop)?;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        acknowledged.push(Acknowledged::Published(headline.to_owned()));
        Ok(())
    }
}

/// Checks the file as the restarted server sees it, through a connection of our own.
fn assert_intact_and_holding(db: &std::path::Path, acknowledged: &[Acknowledged], cycle: usize) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "after kill {cycle}");
    let dangling: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(dangling, 0, "no row points at nothing after kill {cycle}");
    // Read once, then looked up: every acknowledgement so far is checked after every kill.
    let summaries: HashSet<String> = conn
        .prepare("SELECT json_extract(snapshot, '$.summary') FROM revisions")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let statuses: HashMap<String, String> = conn
        .prepare("SELECT headline, status FROM fact_checks")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for ack in acknowledged {
        let kept = match ack {
            Acknowledged::Saved(summary) => summaries.contains(summary),
            Acknowledged::Created(headline) => statuses.contains_key(headline),
            Acknowledged::Published(headline) => {
                statuses.get(headline).map(String::as_str) == Some("published")
            }
        };
        assert!(
            kept,
            "{ack:?}, acknowledged before a kill, is gone after kill {cycle}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_mid_write_twenty_times_the_server_restarts_whole_with_every_acknowledged_save() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("factdesk.db");
    add_editor_account(&db);

    let mut server = ServerProcess::start(&db);
    let mut writers = Vec::new();
    for _ in 0..WRITERS {
        let mut browser = TestApp::browser_for(&server);
        browser.sign_in_as_editor().await;
        let csrf = browser.csrf().await;
        let edit_path = browser.create_draft(&moon_fact_check()).await;
        writers.push(Writer {
            browser,
            csrf,
            edit_path,
            version: 1,
        });
    }

    let started = Instant::now();
    let mut acknowledged = Vec::new();
    // Saves the kill caught after their commit but before their answer: kept, unacknowledged.
    let mut committed_unanswered = 0;
    for cycle in 1..=CYCLES {
        let mut desks = JoinSet::new();
        for (n, mut writer) in writers.drain(..).enumerate() {
            desks.spawn(async move {
                let done = writer.work(n, cycle).await;
                (n, writer, done)
            });
        }
        // A random moment: sometimes before the first commit, mostly in the thick of it.
        tokio::time::sleep(Duration::from_millis(fastrand::u64(10..400))).await;
        server.kill();

        let mut returned = Vec::new();
        while let Some(result) = desks.join_next().await {
            let (n, writer, done) = result.unwrap();
            acknowledged.extend(done);
            returned.push((n, writer));
        }
        returned.sort_by_key(|(n, _)| *n);

        server = ServerProcess::start(&db);
        assert_intact_and_holding(&db, &acknowledged, cycle);
        // The sessions survived too. A save that committed without its answer getting out
        // moved the version on: each writer reopens their draft, as a person would.
        for (_, mut writer) in returned {
            writer.browser.address = server.address.clone();
            let page = writer.browser.get(&writer.edit_path).await;
            assert_eq!(page.status, StatusCode::OK, "signed in after the restart");
            let version = page.version();
            if version > writer.version {
                committed_unanswered += 1;
            }
            writer.version = version;
            writers.push(writer);
        }
    }

    let saves = acknowledged
        .iter()
        .filter(|a| matches!(a, Acknowledged::Saved(_)))
        .count();
    let publications = acknowledged
        .iter()
        .filter(|a| matches!(a, Acknowledged::Published(_)))
        .count();
    assert!(
        saves >= CYCLES && publications >= 1,
        "the kills landed on a working server ({saves} saves, {publications} publications)"
    );
    eprintln!(
        "{CYCLES} kills: {saves} saves and {publications} publications acknowledged and kept, \
         {committed_unanswered} saves committed but unanswered, in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
