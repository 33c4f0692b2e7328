//! The review workflow and publication: submit, send back, publish (or schedule), unpublish.

use super::form::{edit_page_of, form_response};
use super::{Extras, check_can_open, load, parse_id};
use crate::db::{audit, claimants, fact_checks};
use crate::domain::{
    EditableFactCheck, FactCheckId, Moment, ProposalDecision, SignedIn, bounded_text,
};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::PathText;
use crate::web::auth::Editor;
use crate::web::form::FormData;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDateTime, TimeZone, Utc};

/// The outcome of a workflow button: where to go, or the edit page with the problem.
async fn workflow_result(
    state: &AppState,
    editor: SignedIn,
    id: FactCheckId,
    extras: Extras,
    result: AppResult<&'static str>,
) -> AppResult<Response> {
    match result {
        Ok(done) => {
            Ok(Redirect::to(&format!("/editor/fact-checks/{id}?done={done}")).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let fc = load(state, id)?;
            let mut page = edit_page_of(state, editor, fc, errors)?;
            page.extras = extras;
            form_response(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}

/// The common start of every workflow button: the id, a checked form, the fact-check.
fn workflow_request(
    state: &AppState,
    editor: &Editor,
    id: &str,
    body: &Bytes,
) -> AppResult<(FactCheckId, EditableFactCheck, Extras)> {
    let id = parse_id(id)?;
    let form = FormData::parse(body);
    editor.check_csrf(&form)?;
    let fc = load(state, id)?;
    check_can_open(&editor.0, &fc)?;
    Ok((id, fc, Extras::from_form(&form)))
}

pub async fn submit(
    State(state): State<AppState>,
    editor: Editor,
    PathText(id): PathText,
    body: Bytes,
) -> AppResult<Response> {
    let (id, fc, extras) = workflow_request(&state, &editor, &id, &body)?;
    let (user, headline) = (editor.0.user_id, fc.input.headline.clone());
    let result = state
        .db
        .write(move |tx| {
            let now = Moment::now();
            fact_checks::submit_for_review(tx, id, now)?;
            audit::record(tx, Some(user), "submit_for_review", &headline, "", now)?;
            Ok("submitted")
        })
        .await;
    workflow_result(&state, editor.0, id, extras, result).await
}

pub async fn send_back(
    State(state): State<AppState>,
    editor: Editor,
    PathText(id): PathText,
    body: Bytes,
) -> AppResult<Response> {
    editor.require_reviewer()?;
    let (id, fc, extras) = workflow_request(&state, &editor, &id, &body)?;
    let (user, headline) = (editor.0.user_id, fc.input.headline.clone());
    let result = match bounded_text("Your comment", &extras.review_comment, 2000, true) {
        Err(message) => Err(AppError::invalid("review_comment", message)),
        Ok(comment) => {
            let comment = comment.unwrap_or_default();
            state
                .db
                .write(move |tx| {
                    let now = Moment::now();
                    fact_checks::return_to_draft(tx, id, &comment, now)?;
                    audit::record(tx, Some(user), "return_to_draft", &headline, &comment, now)?;
                    Ok("returned")
                })
                .await
        }
    };
    workflow_result(&state, editor.0, id, extras, result).await
}

/// `<input type="datetime-local">` gives "2025-06-24T09:30" with no zone; the form says UTC.
fn parse_publish_at(raw: &str) -> Result<Option<Moment>, String> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .filter(|naive| (1970..=9999).contains(&chrono::Datelike::year(naive)))
        .map(|naive| Some(Moment(Utc.from_utc_datetime(&naive))))
        .ok_or_else(|| {
            "Publication time must be a date and time, like 2025-06-24T09:30 (UTC).".to_owned()
        })
}

pub async fn publish(
    State(state): State<AppState>,
    editor: Editor,
    PathText(id): PathText,
    body: Bytes,
) -> AppResult<Response> {
    editor.require_reviewer()?;
    let (id, fc, extras) = workflow_request(&state, &editor, &id, &body)?;
    let reviewed_version = extras.version;
    let (user, headline) = (editor.0.user_id, fc.input.headline.clone());
    let parsed = (
        parse_publish_at(&extras.publish_at),
        ProposalDecision::parse_optional(&extras.claimant_proposal),
    );
    let result = match parsed {
        (Err(message), _) => Err(AppError::invalid("publish_at", message)),
        (_, Err(message)) => Err(AppError::invalid("claimant_proposal", message)),
        (Ok(at), Ok(decision)) => {
            state
                .db
                .write(move |tx| {
                    let now = Moment::now();
                    let at = at.filter(|at| *at > now).unwrap_or(now);
                    fact_checks::publish(tx, id, reviewed_version, at, now)?;
                    claimants::settle_proposal(tx, id, decision, user, now)?;
                    let scheduled = at > now;
                    let action = if scheduled { "schedule" } else { "publish" };
                    audit::record(tx, Some(user), action, &headline, &at.rfc3339(), now)?;
                    Ok(if scheduled { "scheduled" } else { "published" })
                })
                .await
        }
    };
    if let Ok(done) = result {
        tracing::info!(editor = %editor.0.email, %id, done, "publication changed");
    }
    workflow_result(&state, editor.0, id, extras, result).await
}

pub async fn unpublish(
    State(state): State<AppState>,
    editor: Editor,
    PathText(id): PathText,
    body: Bytes,
) -> AppResult<Response> {
    editor.require_reviewer()?;
    let (id, fc, extras) = workflow_request(&state, &editor, &id, &body)?;
    let (user, headline) = (editor.0.user_id, fc.input.headline.clone());
    let result = match bounded_text("The retraction note", &extras.retraction_note, 2000, false) {
        Err(message) => Err(AppError::invalid("retraction_note", message)),
        Ok(note) => {
            state
                .db
                .write(move |tx| {
                    let now = Moment::now();
                    Ok(match fact_checks::withdraw(tx, id, note.as_deref(), now)? {
                        fact_checks::Withdrawal::Unscheduled => {
                            audit::record(tx, Some(user), "unschedule", &headline, "", now)?;
                            "unscheduled"
                        }
                        fact_checks::Withdrawal::Retracted => {
                            let note = note.unwrap_or_default();
                            audit::record(tx, Some(user), "retract", &headline, &note, now)?;
                            "retracted"
                        }
                    })
                })
                .await
        }
    };
    workflow_result(&state, editor.0, id, extras, result).await
}

#[cfg(test)]
mod tests {
    use super::parse_publish_at;

    #[test]
    fn publication_times_are_read_as_utc() {
        let at = parse_publish_at("2025-06-24T09:30").unwrap().unwrap();
        assert_eq!(at.rfc3339(), "2025-06-24T09:30:00Z");
        assert_eq!(parse_publish_at("  ").unwrap(), None);
        assert!(parse_publish_at("tomorrow").is_err());
        assert!(parse_publish_at("+10000-01-01T00:00").is_err());
    }
}
