//! Many editors saving one fact-check at the same moment: each save is either acknowledged
//! and then in the revision history, or refused with a 409 and nowhere in it. No update is
//! lost in between.

use crate::helpers::{TestApp, moon_fact_check, with};
use factdesk::domain::Role;
use reqwest::StatusCode;
use std::sync::Arc;
use tokio::sync::Barrier;
use tokio::task::JoinSet;

const EDITORS: usize = 16;
const PASSWORD: &str = "a shared desk passphrase 2026";

/// One editor at their own browser, signed in, with their session's CSRF token.
struct Editor {
    browser: TestApp,
    csrf: String,
}

impl Editor {
    /// Saves the edit form as opened at `version`, with `summary` typed in.
    async fn save(&self, edit_path: &str, version: i64, summary: &str) -> StatusCode {
        let form = with(
            &with(
                &with(&moon_fact_check(), "summary", summary),
                "version",
                &version.to_string(),
            ),
            "csrf",
            &self.csrf,
        );
        self.browser.post_form(edit_path, &form).await.status
    }

    async fn open(&self, edit_path: &str) -> i64 {
        self.browser.get(edit_path).await.version()
    }
}

/// A newsroom with sixteen editors signed in, and the draft they will all work on.
async fn busy_desk() -> (TestApp, Arc<Vec<Editor>>, String) {
    let mut admin = TestApp::spawn().await;
    admin.sign_in_as_editor().await;
    let edit_path = admin.create_draft(&moon_fact_check()).await;
    let mut editors = Vec::new();
    for n in 0..EDITORS {
        let email = format!("editor{n}@newsroom.example");
        admin.add_account(&email, &format!("Editor {n}"), PASSWORD, Role::Editor);
        let mut browser = admin.another_browser();
        assert_eq!(
            browser.sign_in(&email, PASSWORD).await.status,
            StatusCode::SEE_OTHER
        );
        let csrf = browser.csrf().await;
        editors.push(Editor { browser, csrf });
    }
    (admin, Arc::new(editors), edit_path)
}

/// The fact-check's revisions as (version, snapshot), oldest first.
fn history(app: &TestApp, edit_path: &str) -> Vec<(i64, String)> {
    let id: i64 = edit_path.rsplit('/').next().unwrap().parse().unwrap();
    app.db
        .read(|c| {
            let mut statement = c.prepare(
                "SELECT version, snapshot FROM revisions WHERE fact_check_id = ?1 ORDER BY version",
            )?;
            Ok(statement
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?)
        })
        .unwrap()
}

/// Every acknowledged summary is in exactly one revision, in the order acknowledged; no
/// refused one is in any; and there is one revision per acknowledged save plus the first.
fn assert_nothing_lost(
    app: &TestApp,
    edit_path: &str,
    acknowledged: &[String],
    refused: &[String],
) {
    let history = history(app, edit_path);
    assert_eq!(
        history.len(),
        acknowledged.len() + 1,
        "one revision per acknowledged save, plus the draft's first"
    );
    let versions: Vec<i64> = history.iter().map(|(v, _)| *v).collect();
    assert_eq!(
        versions,
        (1..=history.len() as i64).collect::<Vec<_>>(),
        "versions follow each other with no gap"
    );
    for summary in acknowledged {
        let holding = history
            .iter()
            .filter(|(_, snapshot)| snapshot.contains(summary.as_str()))
            .count();
        assert_eq!(
            holding, 1,
            "acknowledged {summary:?} is in the history once"
        );
    }
    for summary in refused {
        assert!(
            history.iter().all(|(_, s)| !s.contains(summary.as_str())),
            "refused {summary:?} was saved anyway"
        );
    }
    let last = acknowledged.last().unwrap();
    let (_, newest) = history.last().unwrap();
    assert!(
        newest.contains(last.as_str()),
        "the fact-check holds the last acknowledged save"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixteen_editors_saving_the_same_version_at_once_get_one_save_and_fifteen_409s_per_round() {
    let (admin, editors, edit_path) = busy_desk().await;
    let mut waiting: Vec<usize> = (0..EDITORS).collect();
    let (mut acknowledged, mut refused) = (Vec::new(), Vec::new());

    // Each round, everyone still waiting reloads the form and saves at the same instant;
    // the one who gets in leaves, the rest try again on top of the new version.
    for round in 1..=EDITORS {
        let mut versions = Vec::new();
        for &n in &waiting {
            versions.push(editors[n].open(&edit_path).await);
        }
        assert!(
            versions.iter().all(|v| *v == round as i64),
            "all opened version {round}: {versions:?}"
        );

        let start = Arc::new(Barrier::new(waiting.len()));
        let mut saves = JoinSet::new();
        for &n in &waiting {
            let (editors, start, edit_path) = (editors.clone(), start.clone(), edit_path.clone());
            saves.spawn(async move {
                let summary = format!("[editor {n}, round {round}]");
                start.wait().await;
                let status = editors[n].save(&edit_path, round as i64, &summary).await;
                (n, summary, status)
            });
        }
        let mut winners = Vec::new();
        while let Some(result) = saves.join_next().await {
            let (n, summary, status) = result.unwrap();
            match status {
                StatusCode::SEE_OTHER => {
                    winners.push(n);
                    acknowledged.push(summary);
                }
                StatusCode::CONFLICT => refused.push(summary),
                other => panic!("editor {n} got {other} in round {round}"),
            }
        }
        assert_eq!(winners.len(), 1, "round {round}: exactly one save gets in");
        waiting.retain(|n| *n != winners[0]);
    }

    assert!(waiting.is_empty());
    assert_eq!(acknowledged.len(), EDITORS);
    assert_eq!(refused.len(), EDITORS * (EDITORS - 1) / 2);
    assert_nothing_lost(&admin, &edit_path, &acknowledged, &refused);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editors_saving_as_fast_as_they_can_lose_no_acknowledged_save() {
    const ATTEMPTS: usize = 8;
    let (admin, editors, edit_path) = busy_desk().await;

    // No turns this time: each editor opens, types and saves as fast as the server lets
    // them, reloading after every answer, so saves race with loads as well as each other.
    let mut desks = JoinSet::new();
    for n in 0..EDITORS {
        let (editors, edit_path) = (editors.clone(), edit_path.clone());
        desks.spawn(async move {
            let mut outcomes = Vec::new();
            for attempt in 1..=ATTEMPTS {
                let version = editors[n].open(&edit_path).await;
                let summary = format!("[editor {n}, attempt {attempt}]");
                let status = editors[n].save(&edit_path, version, &summary).await;
                outcomes.push((summary, status));
            }
            outcomes
        });
    }
    let (mut acknowledged, mut refused) = (Vec::new(), Vec::new());
    while let Some(outcomes) = desks.join_next().await {
        for (summary, status) in outcomes.unwrap() {
            match status {
                StatusCode::SEE_OTHER => acknowledged.push(summary),
                StatusCode::CONFLICT => refused.push(summary),
                other => panic!("{summary} got {other}"),
            }
        }
    }

    assert_eq!(acknowledged.len() + refused.len(), EDITORS * ATTEMPTS);
    assert!(
        !refused.is_empty(),
        "sixteen editors at once collided at least once"
    );
    // The order of acknowledgements across editors is the order of the versions they
    // made: sort them by the revision that holds them before checking.
    let history = history(&admin, &edit_path);
    acknowledged.sort_by_key(|summary| {
        history
            .iter()
            .position(|(_, snapshot)| snapshot.contains(summary.as_str()))
    });
    assert_nothing_lost(&admin, &edit_path, &acknowledged, &refused);
}
