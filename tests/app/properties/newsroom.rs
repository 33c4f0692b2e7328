//! The newsroom each property runs against, and the rules every answer it gives must keep.

use super::fingerprint::{changed_tables, fingerprint};
use crate::helpers::{
    EDITOR_EMAIL, EDITOR_PASSWORD, Page, TestApp, WRITER_EMAIL, moon_fact_check, with,
};
use factdesk::config::BODY_LIMIT;
use factdesk::domain::Role;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use reqwest::StatusCode;

/// An address with a segment that is not UTF-8 once decoded names nothing we serve.
fn names_nothing(path: &str) -> bool {
    let raw = path.split('?').next().unwrap_or_default().as_bytes();
    let mut decoded = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let hex = raw
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (raw[i], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    std::str::from_utf8(&decoded).is_err()
}

/// One newsroom under test: the demo fact-checks, an admin signed in with their CSRF token,
/// a reader, and a draft and a published fact-check of our own to aim at.
pub(super) struct Newsroom {
    runtime: tokio::runtime::Runtime,
    pub(super) editor: TestApp,
    pub(super) reader: TestApp,
    pub(super) csrf: String,
    pub(super) admin_id: i64,
    pub(super) writer_id: i64,
    pub(super) draft_id: i64,
    pub(super) published_id: i64,
}

impl Newsroom {
    pub(super) fn open() -> Newsroom {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let newsroom = runtime.block_on(async {
            let mut editor = TestApp::spawn_with_demo().await;
            editor.add_account(EDITOR_EMAIL, "Erin Editor", EDITOR_PASSWORD, Role::Admin);
            editor.add_writer();
            editor.sign_in_as_editor().await;
            let csrf = editor.csrf().await;
            let draft = editor.create_draft(&moon_fact_check()).await;
            let published = editor
                .create_draft(&with(&moon_fact_check(), "slug", "published-moon"))
                .await;
            assert_eq!(
                editor.publish(&published).await.status,
                StatusCode::SEE_OTHER
            );
            let id = |path: &str| path.rsplit('/').next().unwrap().parse().unwrap();
            let (admin_id, writer_id) = (
                editor.account_id(EDITOR_EMAIL),
                editor.account_id(WRITER_EMAIL),
            );
            let reader = editor.another_browser();
            (
                editor,
                reader,
                csrf,
                admin_id,
                writer_id,
                id(&draft),
                id(&published),
            )
        });
        let (editor, reader, csrf, admin_id, writer_id, draft_id, published_id) = newsroom;
        Newsroom {
            runtime,
            editor,
            reader,
            csrf,
            admin_id,
            writer_id,
            draft_id,
            published_id,
        }
    }

    pub(super) fn version_of(&self, id: i64) -> i64 {
        self.editor
            .db
            .read(|c| {
                Ok(
                    c.query_row("SELECT version FROM fact_checks WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?,
                )
            })
            .unwrap()
    }

    /// A GET must never fail with a 5xx and never change anything.
    pub(super) fn get(&self, who: &TestApp, path: &str) -> Result<Page, TestCaseError> {
        let before = fingerprint(&self.editor.db);
        let page = self.runtime.block_on(who.get(path));
        prop_assert!(
            !page.status.is_server_error(),
            "GET {} answered {}:\n{}",
            path,
            page.status,
            page.body
        );
        let after = fingerprint(&self.editor.db);
        prop_assert!(
            before == after,
            "GET {} ({}) changed {:?}",
            path,
            page.status,
            changed_tables(&before, &after)
        );
        Ok(page)
    }

    /// A POST must never fail with a 5xx, must get 413 when its body is over the limit
    /// and otherwise one of `expected`, and must change nothing when refused.
    pub(super) fn post(
        &self,
        who: &TestApp,
        path: &str,
        body: Vec<u8>,
        expected: &[StatusCode],
    ) -> Result<Page, TestCaseError> {
        let before = fingerprint(&self.editor.db);
        let size = body.len();
        let page = self.runtime.block_on(who.post_raw(path, body, &[]));
        prop_assert!(
            !page.status.is_server_error(),
            "POST {} answered {}:\n{}",
            path,
            page.status,
            page.body
        );
        if size > BODY_LIMIT && names_nothing(path) {
            // Refused for its address before the body is looked at.
            prop_assert!(
                [StatusCode::PAYLOAD_TOO_LARGE, StatusCode::NOT_FOUND].contains(&page.status),
                "{} bytes to {} answered {}",
                size,
                path,
                page.status
            );
        } else if size > BODY_LIMIT {
            prop_assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE, "{} bytes", size);
        } else {
            prop_assert!(
                expected.contains(&page.status),
                "POST {} answered {}, not one of {:?}:\n{}",
                path,
                page.status,
                expected,
                page.body
            );
        }
        if page.status == StatusCode::UNPROCESSABLE_ENTITY {
            prop_assert!(
                page.body.contains("field-error") || page.body.contains("alert-error"),
                "a refused form says why:\n{}",
                page.body
            );
        }
        if page.status.is_client_error() {
            let after = fingerprint(&self.editor.db);
            prop_assert!(
                before == after,
                "POST {} was refused ({}) but changed {:?}",
                path,
                page.status,
                changed_tables(&before, &after)
            );
        }
        Ok(page)
    }

    pub(super) fn with_csrf(&self, pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut form = crate::helpers::fields(pairs);
        form.push(("csrf".to_owned(), self.csrf.clone()));
        form
    }

    /// Runs `property` on random inputs, failing the test with the smallest one that
    /// breaks it.
    pub(super) fn check<S>(
        &self,
        default_cases: u32,
        strategy: S,
        property: impl Fn(S::Value) -> Result<(), TestCaseError>,
    ) where
        S: Strategy,
        S::Value: std::fmt::Debug,
    {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(default_cases);
        let config = Config {
            cases,
            // Each case is a round trip to the server: keep shrinking to a few seconds.
            max_shrink_iters: 200,
            // Cases depend on the server's state, so a saved seed would not replay one.
            failure_persistence: None,
            ..Config::default()
        };
        if let Err(failure) = TestRunner::new(config).run(&strategy, property) {
            panic!("{failure}");
        }
    }
}

pub(super) const SAVED: StatusCode = StatusCode::SEE_OTHER;
pub(super) const REFUSED: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;
