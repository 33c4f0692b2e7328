//! The checks before any form is read: a forged CSRF token and a body over the limit.

use super::inputs::{form_body, typed_up_to};
use super::newsroom::{Newsroom, REFUSED};
use crate::helpers::EDITOR_EMAIL;
use factdesk::config::BODY_LIMIT;
use proptest::prelude::*;
use proptest::sample::select;
use reqwest::StatusCode;

/// Every form that changes something, as (path, its fields) with `{draft}`, `{published}`
/// and `{writer}` standing for the ids of the newsroom's own records.
const POST_FORMS: &[(&str, &[(&str, &str)])] = &[
    ("/editor/logout", &[]),
    ("/editor/fact-checks", &[("headline", "A headline")]),
    ("/editor/fact-checks/{draft}", &[("version", "1")]),
    ("/editor/fact-checks/{draft}/submit", &[]),
    (
        "/editor/fact-checks/{published}/send-back",
        &[("review_comment", "Please check the second source.")],
    ),
    ("/editor/fact-checks/{draft}/publish", &[("version", "1")]),
    (
        "/editor/fact-checks/{published}/unpublish",
        &[("retraction_note", "The photos were doctored.")],
    ),
    (
        "/editor/users",
        &[("email", "kim@newsroom.example"), ("name", "Kim Lee")],
    ),
    ("/editor/users/{writer}", &[("action", "disable")]),
    (
        "/editor/settings",
        &[("corrections_policy", "We correct errors.")],
    ),
];

impl Newsroom {
    fn path_of(&self, template: &str) -> String {
        template
            .replace("{draft}", &self.draft_id.to_string())
            .replace("{published}", &self.published_id.to_string())
            .replace("{writer}", &self.writer_id.to_string())
    }
}

#[test]
fn a_form_with_any_token_but_the_sessions_own_is_forbidden_and_changes_nothing() {
    let newsroom = Newsroom::open();
    let forged = (
        select(POST_FORMS),
        prop_oneof![Just(None), typed_up_to(1001).prop_map(Some)],
    );
    newsroom.check(128, forged, |((path, pairs), token)| {
        let mut form = crate::helpers::fields(pairs);
        // No token at all, or anything else in its place.
        if let Some(token) = token {
            prop_assume!(token.0 != newsroom.csrf.as_bytes());
            form.push(("csrf".to_owned(), String::from_utf8_lossy(&token.0).into()));
        }
        let body = form_body(&form, &[]);
        newsroom.post(
            &newsroom.editor,
            &newsroom.path_of(path),
            body,
            &[StatusCode::FORBIDDEN],
        )?;
        Ok(())
    });
}

#[test]
fn a_body_over_the_limit_gets_413_on_every_form_and_changes_nothing() {
    let newsroom = Newsroom::open();
    let oversized = (
        prop_oneof![
            select(POST_FORMS),
            Just(("/editor/login", &[("email", EDITOR_EMAIL)][..])),
        ],
        // Around the limit, a byte either side included.
        prop_oneof![
            Just(BODY_LIMIT),
            Just(BODY_LIMIT + 1),
            (BODY_LIMIT - 4096)..(BODY_LIMIT + 256 * 1024),
        ],
    );
    newsroom.check(64, oversized, |((path, pairs), size)| {
        // A stale token: a body the server reads in full is refused, never acted on.
        let mut body = form_body(
            &[
                crate::helpers::fields(pairs),
                crate::helpers::fields(&[("csrf", "stale")]),
            ]
            .concat(),
            &[],
        );
        body.extend_from_slice(b"&padding=");
        body.resize(size.max(body.len()), b'a');
        let refused_when_read = if path == "/editor/login" {
            REFUSED
        } else {
            StatusCode::FORBIDDEN
        };
        let page = newsroom.post(
            &newsroom.editor,
            &newsroom.path_of(path),
            body,
            &[refused_when_read],
        )?;
        if size > BODY_LIMIT {
            prop_assert!(page.body.contains("too large"), "{}", page.body);
        }
        Ok(())
    });
}
