//! The review workflow and publication: submit, send back, publish (or schedule), unpublish,
//! pressed on their own routes or as buttons of the main form that save first.

use super::form::{edit_page_of, form_response};
use super::{Extras, check_can_open, load, parse_id};
use crate::db::fact_checks::{self, Publication, PublishRequest, Withdrawal};
use crate::domain::{FactCheckId, Moment, ProposalDecision, UserId, bounded_text, limits};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::PathText;
use crate::web::auth::{Reviewer, RoleNeeded, SignedInForm};
use crate::web::form::FormData;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDateTime, TimeZone, Utc};
use rusqlite::Transaction;

/// A workflow button.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Step {
    Submit,
    SendBack,
    Publish,
    Unpublish,
}

impl Step {
    /// The workflow button of the main form that was pressed (`step=…`); none for Save.
    pub(super) fn pressed(form: &FormData) -> AppResult<Option<Step>> {
        match form.get("step").map(str::trim) {
            None | Some("" | "save") => Ok(None),
            Some("submit") => Ok(Some(Step::Submit)),
            Some("send_back") => Ok(Some(Step::SendBack)),
            Some("publish") => Ok(Some(Step::Publish)),
            Some("unpublish") => Ok(Some(Step::Unpublish)),
            Some(_) => Err(AppError::BadRequest(
                "That button is not one of this form's.".to_owned(),
            )),
        }
    }

    /// Only editors send back, publish and take down; anyone who may edit submits.
    pub(super) fn for_reviewers(self) -> bool {
        self != Step::Submit
    }
}

/// A workflow step's write, given the fact-check it moves; it answers the `done=` word.
pub(super) type StepWrite =
    Box<dyn FnOnce(&Transaction<'_>, FactCheckId, Moment) -> AppResult<&'static str> + Send>;

/// Checks the step's own fields (a comment, a time, a note) and returns its write.
/// `reviewed` is the version a publication must still find, when the caller has not
/// already checked it in the same transaction.
pub(super) fn prepare(
    step: Step,
    user: UserId,
    extras: &Extras,
    reviewed: Option<i64>,
) -> AppResult<StepWrite> {
    Ok(match step {
        Step::Submit => Box::new(move |tx: &Transaction<'_>, id, now| {
            fact_checks::submit_for_review(tx, id, user, now)?;
            Ok("submitted")
        }),
        Step::SendBack => {
            let comment = bounded_text(
                "Your comment",
                &extras.review_comment,
                limits::REVIEW_COMMENT,
                true,
            )
            .map_err(|message| AppError::invalid("review_comment", message))?
            .unwrap_or_default();
            Box::new(move |tx: &Transaction<'_>, id, now| {
                fact_checks::return_to_draft(tx, id, &comment, user, now)?;
                Ok("returned")
            })
        }
        Step::Publish => {
            let at = parse_publish_at(&extras.publish_at)
                .map_err(|message| AppError::invalid("publish_at", message))?;
            let decision = ProposalDecision::parse_optional(&extras.claimant_proposal)
                .map_err(|message| AppError::invalid("claimant_proposal", message))?;
            let request = PublishRequest {
                reviewed_version: reviewed,
                at,
                claimant_decision: decision,
            };
            let one_story_ok = extras.one_story_ok == "yes";
            Box::new(move |tx: &Transaction<'_>, id, now| {
                // Checked inside the publication's own transaction, on the sources it publishes.
                if !one_story_ok && let Some(warning) = super::evidence::one_story_of(tx, id)? {
                    return Err(AppError::invalid("one_story", warning));
                }
                Ok(match fact_checks::publish(tx, id, &request, user, now)? {
                    Publication::Now => "published",
                    Publication::Scheduled => "scheduled",
                })
            })
        }
        Step::Unpublish => {
            let note = bounded_text(
                "The retraction note",
                &extras.retraction_note,
                limits::RETRACTION_NOTE,
                false,
            )
            .map_err(|message| AppError::invalid("retraction_note", message))?;
            Box::new(move |tx: &Transaction<'_>, id, now| {
                Ok(
                    match fact_checks::withdraw(tx, id, note.as_deref(), user, now)? {
                        Withdrawal::Unscheduled => "unscheduled",
                        Withdrawal::Retracted => "retracted",
                    },
                )
            })
        }
    })
}

/// Where a pressed button leads: back to the edit page, saying what was done.
pub(super) fn done(editor_email: &str, id: FactCheckId, done: &str) -> Response {
    if matches!(done, "published" | "scheduled") {
        tracing::info!(editor = %editor_email, %id, done, "publication changed");
    }
    Redirect::to(&format!("/editor/fact-checks/{id}?done={done}")).into_response()
}

/// The one path of the routes' own buttons, which carry only the step's fields: open the
/// fact-check, check the step's fields, move its status, then return to the edit page, or
/// show it again with the problem.
async fn press<R: RoleNeeded>(
    state: &AppState,
    id: &str,
    SignedInForm { editor, form, .. }: SignedInForm<R>,
    step: Step,
) -> AppResult<Response> {
    let id = parse_id(id)?;
    let fc = load(state, id)?;
    check_can_open(&editor, &fc)?;
    let extras = Extras::from_form(&form);
    let result = match prepare(step, editor.user_id, &extras, extras.version) {
        Ok(write) => state.db.write(move |tx| write(tx, id, Moment::now())).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(word) => Ok(done(&editor.email, id, word)),
        Err(AppError::Invalid(errors)) => {
            let fc = load(state, id)?;
            let mut page = edit_page_of(state, editor, fc, errors)?;
            page.extras = extras;
            form_response(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}

pub async fn submit(
    State(state): State<AppState>,
    PathText(id): PathText,
    form: SignedInForm,
) -> AppResult<Response> {
    press(&state, &id, form, Step::Submit).await
}

pub async fn send_back(
    State(state): State<AppState>,
    PathText(id): PathText,
    form: SignedInForm<Reviewer>,
) -> AppResult<Response> {
    press(&state, &id, form, Step::SendBack).await
}

pub async fn publish(
    State(state): State<AppState>,
    PathText(id): PathText,
    form: SignedInForm<Reviewer>,
) -> AppResult<Response> {
    press(&state, &id, form, Step::Publish).await
}

pub async fn unpublish(
    State(state): State<AppState>,
    PathText(id): PathText,
    form: SignedInForm<Reviewer>,
) -> AppResult<Response> {
    press(&state, &id, form, Step::Unpublish).await
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
