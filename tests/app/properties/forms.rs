//! Every form, filled in with hostile values: saved, or refused with reasons and no trace.

use super::fingerprint::fingerprint;
use super::inputs::{Typed, changes, escaped, field_name, form_body, typed, typed_up_to};
use super::newsroom::{Newsroom, REFUSED, SAVED};
use crate::helpers::{moon_fact_check, with};
use proptest::prelude::*;
use proptest::sample::select;
use reqwest::StatusCode;

/// Every field of the fact-check form, with rows past the last one shown and at the
/// index limit, and names a crafted request might use for rows.
const FACT_CHECK_FIELDS: &[&str] = &[
    "headline",
    "slug",
    "rating",
    "summary",
    "body",
    "tags",
    "claim_text",
    "claimant",
    "claimant_url",
    "claimant_kind",
    "claim_date",
    "appearance.0.url",
    "appearance.0.platform",
    "appearance.0.date",
    "appearance.0.reach",
    "appearance.0.archived_url",
    "appearance.1.url",
    "appearance.1.platform",
    "source.0.outlet",
    "source.0.title",
    "source.0.authors",
    "source.0.date",
    "source.0.url",
    "source.0.archived_url",
    "source.0.note",
    "source.0.position",
    "source.0.remove",
    "source.1.title",
    "source.1.position",
    "source.1.remove",
    "source.2.outlet",
    "source.2.title",
    "source.200.title",
    "source.201.title",
    "appearance.99999999999999999999.url",
    "source.-1.title",
    "source..title",
    "source.0",
];

/// The edit form also carries the version it was opened at and how a save is marked.
const EDIT_FIELDS: &[&str] = &[
    "headline",
    "rating",
    "summary",
    "body",
    "tags",
    "claim_text",
    "claimant",
    "claimant_url",
    "claim_date",
    "appearance.0.url",
    "appearance.0.date",
    "source.0.title",
    "source.0.date",
    "source.0.url",
    "source.0.position",
    "source.1.remove",
    "version",
    "version",
    "change_kind",
    "change_note",
];

const WORKFLOW_FIELDS: &[&str] = &[
    "review_comment",
    "publish_at",
    "publish_at",
    "version",
    "retraction_note",
    "claimant_proposal",
];

#[test]
fn any_sign_in_form_is_refused_without_a_crash_or_a_trace_beyond_the_attempt() {
    let newsroom = Newsroom::open();
    let fields = &["email", "password", "next"];
    let form = prop::collection::vec((field_name(fields), typed()), 0..4);
    newsroom.check(128, form, |form| {
        let body = form_body(&[], &form);
        // Nobody's credentials are random: every one of these is refused.
        newsroom.post(
            &newsroom.reader,
            "/editor/login",
            body,
            &[REFUSED, StatusCode::TOO_MANY_REQUESTS],
        )?;
        Ok(())
    });
}

#[test]
fn any_new_fact_check_form_is_saved_or_refused_with_reasons() {
    let newsroom = Newsroom::open();
    newsroom.check(256, changes(FACT_CHECK_FIELDS), |changes| {
        let base = with(&moon_fact_check(), "csrf", &newsroom.csrf);
        let body = form_body(&base, &changes);
        newsroom.post(
            &newsroom.editor,
            "/editor/fact-checks",
            body,
            &[SAVED, REFUSED],
        )?;
        Ok(())
    });
}

#[test]
fn any_edit_of_a_published_fact_check_is_saved_refused_or_a_conflict() {
    let newsroom = Newsroom::open();
    let id = newsroom.published_id;
    newsroom.check(256, changes(EDIT_FIELDS), |changes| {
        let version = newsroom.version_of(id).to_string();
        let base = with(
            &with(&moon_fact_check(), "csrf", &newsroom.csrf),
            "version",
            &version,
        );
        let body = form_body(&base, &changes);
        let sent_version = changes
            .iter()
            .rev()
            .find(|(name, _)| name.0 == b"version")
            .map_or(Some(newsroom.version_of(id)), |(_, v)| {
                std::str::from_utf8(&v.0).ok()?.trim().parse().ok()
            });
        let expected: &[StatusCode] = match sent_version {
            // A form without a readable version was not made by our page.
            None => &[StatusCode::BAD_REQUEST],
            Some(v) if v == newsroom.version_of(id) => &[SAVED, REFUSED],
            // An invalid form is refused for its fields before the version is compared.
            Some(_) => &[StatusCode::CONFLICT, REFUSED],
        };
        newsroom.post(
            &newsroom.editor,
            &format!("/editor/fact-checks/{id}"),
            body,
            expected,
        )?;
        Ok(())
    });
}

#[test]
fn any_workflow_button_press_is_done_or_refused() {
    let newsroom = Newsroom::open();
    let press = (
        select(&["submit", "send-back", "publish", "unpublish"][..]),
        prop_oneof![
            4 => select(vec![newsroom.draft_id, newsroom.published_id])
                .prop_map(|id| Typed::of(&id.to_string())),
            1 => typed_up_to(1001),
        ],
        prop::collection::vec((field_name(WORKFLOW_FIELDS), typed()), 0..4),
    );
    newsroom.check(256, press, |(button, id, changes)| {
        let number = id.as_number();
        let version = number
            .filter(|n| [newsroom.draft_id, newsroom.published_id].contains(n))
            .map_or(1, |n| newsroom.version_of(n));
        let base = newsroom.with_csrf(&[("version", &version.to_string())]);
        let body = form_body(&base, &changes);
        let path = format!("/editor/fact-checks/{}/{button}", escaped(&id));
        newsroom.post(
            &newsroom.editor,
            &path,
            body,
            &[
                SAVED,
                REFUSED,
                StatusCode::NOT_FOUND,
                // Publishing a version other than the one reviewed.
                StatusCode::CONFLICT,
            ],
        )?;
        Ok(())
    });
}

#[test]
fn any_new_account_form_creates_an_account_or_is_refused() {
    let newsroom = Newsroom::open();
    let fields = &["email", "name", "role", "password", "password"];
    newsroom.check(128, changes(fields), |changes| {
        let base = newsroom.with_csrf(&[
            ("email", "new.person@newsroom.example"),
            ("name", "New Person"),
            ("role", "writer"),
            // Empty: the server generates a strong one.
            ("password", ""),
        ]);
        let body = form_body(&base, &changes);
        newsroom.post(
            &newsroom.editor,
            "/editor/users",
            body,
            &[StatusCode::CREATED, REFUSED],
        )?;
        Ok(())
    });
}

#[test]
fn any_account_change_is_done_or_refused() {
    let newsroom = Newsroom::open();
    let admin_id = newsroom.admin_id;
    let change = (
        prop_oneof![
            3 => Just(Typed::of(&newsroom.writer_id.to_string())),
            1 => Just(Typed::of("999999")),
            2 => typed_up_to(1001),
        ]
        // Locking ourselves out would end the test's session, not find a bug.
        .prop_filter("not the signed-in admin", move |id| {
            id.as_number() != Some(admin_id)
        }),
        prop::collection::vec(
            (
                field_name(&["action", "role"]),
                prop_oneof![
                    1 => select(&["role", "disable", "enable", "password", "writer", "editor", "admin"][..])
                        .prop_map(Typed::of),
                    2 => typed(),
                ],
            ),
            1..3,
        ),
    );
    newsroom.check(128, change, |(id, changes)| {
        let base = newsroom.with_csrf(&[("action", "role"), ("role", "editor")]);
        let body = form_body(&base, &changes);
        newsroom.post(
            &newsroom.editor,
            &format!("/editor/users/{}", escaped(&id)),
            body,
            &[
                SAVED,
                // A reset password is shown once, on the page itself.
                StatusCode::OK,
                REFUSED,
                StatusCode::NOT_FOUND,
                // An action the page never offers.
                StatusCode::BAD_REQUEST,
            ],
        )?;
        Ok(())
    });
}

#[test]
fn any_corrections_policy_is_saved_or_refused() {
    let newsroom = Newsroom::open();
    newsroom.check(128, changes(&["corrections_policy"]), |changes| {
        let base = newsroom.with_csrf(&[("corrections_policy", "We correct errors openly.")]);
        let body = form_body(&base, &changes);
        newsroom.post(
            &newsroom.editor,
            "/editor/settings",
            body,
            &[SAVED, REFUSED],
        )?;
        Ok(())
    });
}

#[test]
fn any_preview_shows_the_page_or_the_form_again_and_keeps_nothing() {
    let newsroom = Newsroom::open();
    let id = newsroom.draft_id;
    let edit_preview = format!("/editor/fact-checks/{id}/preview");
    let paths = vec!["/editor/fact-checks/preview".to_owned(), edit_preview];
    let case = (select(paths), changes(FACT_CHECK_FIELDS));
    newsroom.check(128, case, |(path, changes)| {
        let base = with(
            &with(&moon_fact_check(), "csrf", &newsroom.csrf),
            "version",
            &newsroom.version_of(id).to_string(),
        );
        let before = fingerprint(&newsroom.editor.db);
        let body = form_body(&base, &changes);
        newsroom.post(&newsroom.editor, &path, body, &[StatusCode::OK, REFUSED])?;
        // Shown or refused, a preview is rolled back: not a row of any table differs.
        prop_assert!(
            before == fingerprint(&newsroom.editor.db),
            "{} kept something",
            path
        );
        Ok(())
    });
}

#[test]
fn any_markdown_preview_is_rendered_or_refused_with_its_reason() {
    let newsroom = Newsroom::open();
    newsroom.check(128, typed(), |body| {
        let base = newsroom.with_csrf(&[]);
        let body = form_body(&base, &[(Typed::of("body"), body)]);
        let page = newsroom.post(
            &newsroom.editor,
            "/editor/markdown-preview",
            body,
            &[StatusCode::OK, REFUSED],
        )?;
        // Only a refusal page's own dates script, never one from what was typed.
        let own = r#"<script src="/static/time.js" defer></script>"#;
        prop_assert!(
            page.body.matches("<script").count() == page.body.matches(own).count(),
            "{}",
            page.body
        );
        Ok(())
    });
}
