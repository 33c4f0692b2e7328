//! Preview: the reader page of a draft or an unsaved edit, and the live preview of its
//! explanation. The form is saved exactly as a save would save it (the same validation,
//! claimant, sources and slug), the page is read back and rendered by the verdict page's own
//! code, and the transaction is rolled back: a preview keeps nothing.

use super::Extras;
use super::opened::{OpenedEdit, opened_edit};
use super::save::{parse_edit, refill};
use crate::db::{fact_checks, media};
use crate::domain::cited::Compared;
use crate::domain::{
    FactCheckDraft, FactCheckId, FactCheckInput, FactCheckPage, Moment, explanation,
};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::PathText;
use crate::web::auth::SignedInForm;
use crate::web::public::{Showing, compared_texts, verdict_html};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use rusqlite::Transaction;

/// `POST /editor/fact-checks/preview`: the new form as typed.
pub async fn preview_new(
    State(state): State<AppState>,
    SignedInForm { editor, form, .. }: SignedInForm,
) -> AppResult<Response> {
    // The extras (inbox tip, assignee…) ride along, so the form shown for a refused
    // preview is the one that was typed.
    let (input, extras) = (FactCheckInput::from(&form), Extras::from_form(&form));
    let draft = match FactCheckDraft::try_from(&input) {
        Ok(draft) => draft,
        Err(errors) => return refill(&state, editor, None, input, extras, errors),
    };
    let author = editor.user_id;
    let shown = state
        .db
        .write_then_undo(move |tx| {
            let id = fact_checks::create(tx, &draft, author, Moment::now())?;
            page_in(tx, id)
        })
        .await;
    match shown {
        Ok((fc, texts)) => preview_page(&state, fc, &texts),
        Err(AppError::Invalid(errors)) => refill(&state, editor, None, input, extras, errors),
        Err(e) => Err(e),
    }
}

/// `POST /editor/fact-checks/{id}/preview`: an edit as typed, over the saved fact-check.
pub async fn preview_edit(
    State(state): State<AppState>,
    PathText(id): PathText,
    SignedInForm { editor, form, .. }: SignedInForm,
) -> AppResult<Response> {
    let OpenedEdit {
        id,
        current,
        saved,
        input,
        extras,
    } = opened_edit(&state, &editor, &id, &form)?;
    let (draft, mark) = match parse_edit(&input, &extras, current.seen_by_readers()) {
        Ok(parsed) => parsed,
        Err(errors) => return refill(&state, editor, Some(saved), input, extras, errors),
    };
    // Over the version saved now, not the one the form was opened at: a preview shows what
    // was typed, and whether it may be saved is the save's question (409), not the preview's.
    let (by, version) = (editor.clone(), current.version);
    let shown = state
        .db
        .write_then_undo(move |tx| {
            fact_checks::update(tx, id, version, &draft, &mark, &by, Moment::now())?;
            page_in(tx, id)
        })
        .await;
    match shown {
        Ok((fc, texts)) => preview_page(&state, fc, &texts),
        Err(AppError::Invalid(errors)) => {
            refill(&state, editor, Some(saved), input, extras, errors)
        }
        Err(e) => Err(e),
    }
}

/// The page as the save just made it, read by the reader page's own statements.
fn page_in(
    tx: &Transaction<'_>,
    id: FactCheckId,
) -> AppResult<(FactCheckPage, Vec<Option<Compared>>)> {
    let fc = fact_checks::page_of_any(tx, id)?.ok_or(AppError::NotFound)?;
    let texts = compared_texts(tx, &fc)?;
    Ok((fc, texts))
}

fn preview_page(
    state: &AppState,
    fc: FactCheckPage,
    texts: &[Option<Compared>],
) -> AppResult<Response> {
    let html = verdict_html(&state.site, &state.ui(), fc, texts, Showing::Preview)?;
    Ok(Html(html).into_response())
}

/// The explanation rendered, or why it cannot be: a fragment for static/preview.js.
#[derive(Template)]
#[template(
    source = r#"{% if let Some(html) = html %}{{ html|safe }}{% endif %}{% if let Some(m) = problem %}<p class="field-error">{{ m }}</p>{% endif %}"#,
    ext = "html"
)]
struct ExplanationPreview {
    /// Sanitized by the published page's own renderer.
    html: Option<String>,
    problem: Option<String>,
}

/// `POST /editor/markdown-preview` (`body`, with the session's CSRF token): the explanation
/// as readers will see it, through the same renderer and sanitizer as the published page,
/// and held to the same limits (over the body limit, 413 before this runs).
pub async fn markdown_preview(
    State(state): State<AppState>,
    SignedInForm { form, .. }: SignedInForm,
) -> AppResult<Response> {
    let body = form.text("body");
    // Nothing typed yet is nothing to show, not a problem to report while typing.
    let checked = if body.trim().is_empty() {
        Ok(String::new())
    } else {
        explanation(&body)
    };
    let (status, fragment) = match checked {
        Ok(text) => {
            // The library images it names, as the saved page will show them.
            let images = state.db.read(|conn| media::shown_in(conn, &text))?;
            (
                StatusCode::OK,
                ExplanationPreview {
                    html: Some(media::explanation_html(&text, &images)),
                    problem: None,
                },
            )
        }
        Err(problem) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            ExplanationPreview {
                html: None,
                problem: Some(problem),
            },
        ),
    };
    Ok((status, Html(fragment.render()?)).into_response())
}
