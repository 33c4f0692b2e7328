//! The review workflow and publication: submit, send back, publish (or schedule), unpublish.

use super::form::{edit_page_of, form_response};
use super::{Extras, check_can_open, load, parse_id};
use crate::db::fact_checks::{self, Publication, PublishRequest, Withdrawal};
use crate::domain::{FactCheckId, Moment, ProposalDecision, UserId, bounded_text, limits};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::PathText;
use crate::web::auth::{Reviewer, RoleNeeded, SignedInForm};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDateTime, TimeZone, Utc};
use rusqlite::Transaction;

/// What every button knows once its form is checked and its fact-check opened.
struct Pressed {
    id: FactCheckId,
    user: UserId,
    extras: Extras,
}

/// The one path of every workflow button: open the fact-check, let `step` check the
/// button's own fields and hand back the write it makes (which answers the `done=` word),
/// run that write, then return to the edit page, or show it again with the problem.
async fn press<R, W>(
    state: &AppState,
    id: &str,
    SignedInForm { editor, form, .. }: SignedInForm<R>,
    step: impl FnOnce(&Pressed) -> AppResult<W>,
) -> AppResult<Response>
where
    R: RoleNeeded,
    W: FnOnce(&Transaction<'_>, Moment) -> AppResult<&'static str> + Send + 'static,
{
    let id = parse_id(id)?;
    let fc = load(state, id)?;
    check_can_open(&editor, &fc)?;
    let pressed = Pressed {
        id,
        user: editor.user_id,
        extras: Extras::from_form(&form),
    };
    let result = match step(&pressed) {
        Ok(write) => state.db.write(move |tx| write(tx, Moment::now())).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(done) => {
            if matches!(done, "published" | "scheduled") {
                tracing::info!(editor = %editor.email, %id, done, "publication changed");
            }
            Ok(Redirect::to(&format!("/editor/fact-checks/{id}?done={done}")).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let fc = load(state, id)?;
            let mut page = edit_page_of(state, editor, fc, errors)?;
            page.extras = pressed.extras;
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
    press(&state, &id, form, |pressed| {
        let (id, user) = (pressed.id, pressed.user);
        Ok(move |tx: &Transaction<'_>, now| {
            fact_checks::submit_for_review(tx, id, user, now)?;
            Ok("submitted")
        })
    })
    .await
}

pub async fn send_back(
    State(state): State<AppState>,
    PathText(id): PathText,
    form: SignedInForm<Reviewer>,
) -> AppResult<Response> {
    press(&state, &id, form, |pressed| {
        let comment = bounded_text(
            "Your comment",
            &pressed.extras.review_comment,
            limits::REVIEW_COMMENT,
            true,
        )
        .map_err(|message| AppError::invalid("review_comment", message))?
        .unwrap_or_default();
        let (id, user) = (pressed.id, pressed.user);
        Ok(move |tx: &Transaction<'_>, now| {
            fact_checks::return_to_draft(tx, id, &comment, user, now)?;
            Ok("returned")
        })
    })
    .await
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
    PathText(id): PathText,
    form: SignedInForm<Reviewer>,
) -> AppResult<Response> {
    press(&state, &id, form, |pressed| {
        let extras = &pressed.extras;
        let at = parse_publish_at(&extras.publish_at)
            .map_err(|message| AppError::invalid("publish_at", message))?;
        let decision = ProposalDecision::parse_optional(&extras.claimant_proposal)
            .map_err(|message| AppError::invalid("claimant_proposal", message))?;
        let request = PublishRequest {
            reviewed_version: extras.version,
            at,
            claimant_decision: decision,
        };
        let (id, user) = (pressed.id, pressed.user);
        let one_story_ok = extras.one_story_ok == "yes";
        Ok(move |tx: &Transaction<'_>, now| {
            // Checked inside the publication's own transaction, on the sources it publishes.
            if !one_story_ok && let Some(warning) = super::evidence::one_story_of(tx, id)? {
                return Err(AppError::invalid("one_story", warning));
            }
            Ok(match fact_checks::publish(tx, id, &request, user, now)? {
                Publication::Now => "published",
                Publication::Scheduled => "scheduled",
            })
        })
    })
    .await
}

pub async fn unpublish(
    State(state): State<AppState>,
    PathText(id): PathText,
    form: SignedInForm<Reviewer>,
) -> AppResult<Response> {
    press(&state, &id, form, |pressed| {
        let note = bounded_text(
            "The retraction note",
            &pressed.extras.retraction_note,
            limits::RETRACTION_NOTE,
            false,
        )
        .map_err(|message| AppError::invalid("retraction_note", message))?;
        let (id, user) = (pressed.id, pressed.user);
        Ok(move |tx: &Transaction<'_>, now| {
            Ok(
                match fact_checks::withdraw(tx, id, note.as_deref(), user, now)? {
                    Withdrawal::Unscheduled => "unscheduled",
                    Withdrawal::Retracted => "retracted",
                },
            )
        })
    })
    .await
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
