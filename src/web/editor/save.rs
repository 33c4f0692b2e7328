//! Creating and saving from the fact-check form, and its workflow buttons, which save what
//! was typed and move the status in one transaction, or refuse both.

use super::assignment;
use super::form::{FormPage, add_row_pressed, form_response, with_another_row};
use super::opened::{OpenedEdit, opened_edit};
use super::workflow::{self, Step, StepWrite};
use super::{Extras, Saved, fetch_details, load, readable_diff, saved_of};
use crate::db::fact_checks;
use crate::domain::{
    ChangeMark, FactCheckDraft, FactCheckId, FactCheckInput, FieldErrors, Moment, SignedIn,
};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::PathText;
use crate::web::auth::SignedInForm;
use crate::web::form::FormData;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

/// The workflow button pressed in the form, if this editor may press it.
fn step_of(form: &FormData, editor: &SignedIn) -> AppResult<Option<Step>> {
    let step = Step::pressed(form)?;
    if step.is_some_and(Step::for_reviewers) && !editor.can_review() {
        return Err(AppError::Forbidden(
            "Only an editor can send back, publish or take down a fact-check.".to_owned(),
        ));
    }
    Ok(step)
}

/// The step's write, or its field problems added to the form's.
fn with_step_errors<T>(
    parsed: Result<T, FieldErrors>,
    step: Option<AppResult<StepWrite>>,
) -> AppResult<Result<(T, Option<StepWrite>), FieldErrors>> {
    Ok(match (parsed, step.transpose()) {
        (Ok(parsed), Ok(write)) => Ok((parsed, write)),
        (_, Err(e)) if !matches!(e, AppError::Invalid(_)) => return Err(e),
        (parsed, write) => {
            let mut errors = parsed.err().unwrap_or_default();
            if let Err(AppError::Invalid(more)) = write {
                for (field, message) in more.iter() {
                    errors.add(field, message);
                }
            }
            Err(errors)
        }
    })
}

pub async fn create(
    State(state): State<AppState>,
    SignedInForm { editor, form, .. }: SignedInForm,
) -> AppResult<Response> {
    let (input, extras) = (FactCheckInput::from(&form), Extras::from_form(&form));
    if let Some(button) = fetch_details::pressed(&form) {
        return fetch_details::answer(&state, editor, None, &form, extras, button).await;
    }
    if let Some(kind) = add_row_pressed(&form)? {
        return with_another_row(&state, editor, None, input, extras, kind);
    }
    let step = step_of(&form, &editor)?;
    if matches!(step, Some(Step::SendBack | Step::Unpublish)) {
        return Err(AppError::BadRequest(
            "A fact-check not yet saved can only be saved, submitted or published.".to_owned(),
        ));
    }
    let tip = super::inbox::started_from(&state, &editor, &extras.tip)?.map(|t| t.id);
    let write = step.map(|step| workflow::prepare(step, editor.user_id, &extras, None));
    let parsed = with_step_errors(FactCheckDraft::try_from(&input), write)?;
    let (to, assignee_errors) = assignee(&state, &editor, None, &extras)?;
    let (draft, write) = match with_more_errors(parsed, assignee_errors) {
        Ok(parsed) => parsed,
        Err(errors) => return refill(&state, editor, None, input, extras, errors),
    };
    let (author, by) = (editor.user_id, editor.clone());
    let result = state
        .db
        .write(move |tx| {
            let now = Moment::now();
            let id = fact_checks::create(tx, &draft, author, now)?;
            assignment::save(tx, id, to, &by, now)?;
            // Started from an inbox tip: the tip is linked to it in the same transaction.
            super::inbox::link_started(tx, tip, id, author, now)?;
            // What autosave kept of the new form is now saved for real.
            fact_checks::discard_autosave(tx, author, None)?;
            let done = match write {
                Some(write) => write(tx, id, now)?,
                None => "created",
            };
            Ok((id, done))
        })
        .await;
    match result {
        Ok((id, done)) => Ok(workflow::done(&editor.email, id, done)),
        Err(AppError::Invalid(errors)) => refill(&state, editor, None, input, extras, errors),
        Err(e) => Err(e),
    }
}

pub async fn update(
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
    let opened_version = saved.version;
    if let Some(button) = fetch_details::pressed(&form) {
        let saved = Some(saved);
        return fetch_details::answer(&state, editor, saved, &form, extras, button).await;
    }
    if let Some(kind) = add_row_pressed(&form)? {
        return with_another_row(&state, editor, Some(saved), input, extras, kind);
    }
    let step = step_of(&form, &editor)?;
    let parsed = parse_edit(&input, &extras, current.seen_by_readers());
    // A form whose text is as saved is not an edit: handing it to someone else, or pressing
    // a workflow button, writes no new version (so no revision, and no conflict with anyone
    // else's open form). A button may do so over a newer version with the same text; a
    // publication then names the version whose content the form showed.
    let site_language = state.db.read(crate::db::settings::site_language)?;
    let unchanged = parsed.as_ref().is_ok_and(|(draft, mark)| {
        !mark.kind.is_public()
            && (step.is_some() || opened_version == current.version)
            && FactCheckDraft::try_from(&current.input)
                .is_ok_and(|stored| draft.same_text_as(&stored, &site_language))
    });
    let reviewed = unchanged.then_some(current.version);
    let write = step.map(|step| workflow::prepare(step, editor.user_id, &extras, reviewed));
    let parsed = with_step_errors(parsed, write)?;
    let (to, assignee_errors) = assignee(&state, &editor, Some(id), &extras)?;
    let ((draft, mark), write) = match with_more_errors(parsed, assignee_errors) {
        Ok(parsed) => parsed,
        Err(errors) => return refill(&state, editor, Some(saved), input, extras, errors),
    };
    let by = editor.clone();
    let result = state
        .db
        .write(move |tx| {
            let now = Moment::now();
            if unchanged {
                // Nothing new to save; what autosave kept of the form is saved already.
                fact_checks::discard_autosave(tx, by.user_id, Some(id))?;
            } else {
                fact_checks::update(tx, id, opened_version, &draft, &mark, &by, now)?;
            }
            assignment::save(tx, id, to, &by, now)?;
            match write {
                Some(write) => write(tx, id, now),
                None => Ok("saved"),
            }
        })
        .await;
    match result {
        Ok(done) => Ok(workflow::done(&editor.email, id, done)),
        Err(AppError::Invalid(errors)) => {
            refill(&state, editor, Some(saved), input, extras, errors)
        }
        Err(AppError::Conflict) => conflict(&state, editor, id, opened_version, input, extras),
        Err(e) => Err(e),
    }
}

/// The assignee the form asks for, and why it would be refused (see `assignment`).
fn assignee(
    state: &AppState,
    editor: &SignedIn,
    id: Option<FactCheckId>,
    extras: &Extras,
) -> AppResult<(assignment::Asked, FieldErrors)> {
    let errors = state
        .db
        .read(|conn| assignment::problems(conn, editor, id, extras))?;
    // `problems` has already said why an assignee that cannot be read is refused.
    Ok((assignment::asked(extras).unwrap_or_default(), errors))
}

/// `parsed`, unless `more` holds problems too: then every problem at once.
fn with_more_errors<T>(
    parsed: Result<T, FieldErrors>,
    more: FieldErrors,
) -> Result<T, FieldErrors> {
    match parsed {
        Ok(parsed) if more.is_empty() => Ok(parsed),
        Ok(_) => Err(more),
        Err(mut errors) => {
            assignment::merge(&mut errors, &more);
            Err(errors)
        }
    }
}

/// The edit as domain types, or every problem with it at once.
pub(super) fn parse_edit(
    input: &FactCheckInput,
    extras: &Extras,
    seen_by_readers: bool,
) -> Result<(FactCheckDraft, ChangeMark), FieldErrors> {
    let draft = FactCheckDraft::try_from(input);
    let mark = ChangeMark::parse(&extras.change_kind, &extras.change_note, seen_by_readers);
    match (draft, mark) {
        (Ok(draft), Ok(mark)) => Ok((draft, mark)),
        (draft, mark) => {
            let mut errors = draft.err().unwrap_or_default();
            for (field, message) in mark.err().unwrap_or_default().iter() {
                errors.add(field, message);
            }
            Err(errors)
        }
    }
}

/// The form again with everything typed and the problems beside their fields.
pub(super) fn refill(
    state: &AppState,
    editor: SignedIn,
    saved: Option<Saved>,
    input: FactCheckInput,
    extras: Extras,
    errors: FieldErrors,
) -> AppResult<Response> {
    let mut page = FormPage::new(state, editor, saved, input, errors)?;
    page.extras = extras;
    form_response(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// Someone saved while this form was open: keep everything typed and show what their save
/// changed; the form now carries the newest version, so saving again is a deliberate choice.
fn conflict(
    state: &AppState,
    editor: SignedIn,
    id: FactCheckId,
    opened_version: i64,
    input: FactCheckInput,
    extras: Extras,
) -> AppResult<Response> {
    let latest = load(state, id)?;
    let opened = state
        .db
        .read(|conn| fact_checks::revision(conn, id, opened_version))?
        .unwrap_or_default();
    let changes = readable_diff(state, &opened, &latest.input)?;
    let saved = Some(saved_of(&latest));
    let mut page = FormPage::new(state, editor, saved, input, FieldErrors::new())?;
    page.extras = extras;
    page.conflict = Some(changes);
    form_response(StatusCode::CONFLICT, &page)
}
