//! The fact-check form: rendering it new or for editing, and creating and saving from it.

use super::assignment::{self, AssignmentField};
use super::evidence::{Evidence, one_story_of};
use super::{
    Extras, Saved, check_can_open, fetch_details, load, parse_id, readable_diff, saved_of,
};
use crate::db::{claimants, fact_checks, ratings};
use crate::domain::{
    AppearanceInput, ChangeMark, EditableFactCheck, FactCheckDraft, FactCheckId, FactCheckInput,
    FieldChange, FieldErrors, Moment, Rating, SignedIn, SourceInput, Status,
};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::web::PathText;
use crate::web::auth::{Editor, SignedInForm};
use crate::web::form::{FormData, Query};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

#[derive(Template)]
#[template(path = "editor/fact_check_form.html")]
pub(super) struct FormPage {
    editor: SignedIn,
    saved: Option<Saved>,
    input: FactCheckInput,
    pub(super) extras: Extras,
    errors: FieldErrors,
    ratings: Vec<Rating>,
    claimants: Vec<String>,
    pub(super) notice: Option<&'static str>,
    /// Someone saved a newer version while this form was open; these are their changes.
    conflict: Option<Vec<FieldChange>>,
    /// The revision this form was filled from, when restoring.
    restoring: Option<i64>,
    can_save: bool,
    /// Set when every source of the saved fact-check is one story: the warning shown
    /// before publishing.
    one_story: Option<String>,
    /// Each row's copy and link state, by row.
    evidence: Evidence,
    assignment: AssignmentField,
}

impl FormPage {
    pub(super) fn new(
        state: &AppState,
        editor: SignedIn,
        saved: Option<Saved>,
        mut input: FactCheckInput,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        // Empty rows to type into: lists grow without JavaScript, one save at a time.
        let blank_appearances = if input.appearances.is_empty() { 2 } else { 1 };
        input.appearances.extend(std::iter::repeat_n(
            AppearanceInput::default(),
            blank_appearances,
        ));
        let blank_sources = if input.sources.is_empty() { 3 } else { 2 };
        input
            .sources
            .extend(std::iter::repeat_n(SourceInput::default(), blank_sources));
        let saved_id = saved.as_ref().map(|s| s.id);
        let (ratings, claimants, one_story, evidence, assignment) = state.db.read(|conn| {
            let one_story = match saved_id {
                Some(id) => one_story_of(conn, id)?,
                None => None,
            };
            let evidence = Evidence::of(conn, &input)?;
            Ok((
                ratings::all(conn)?,
                claimants::names(conn)?,
                one_story,
                evidence,
                AssignmentField::load(conn, &editor, saved_id)?,
            ))
        })?;
        let can_save = saved
            .as_ref()
            .is_none_or(|s| editor.may_edit(s.author_id, s.status));
        Ok(FormPage {
            editor,
            saved,
            input,
            extras: Extras::default(),
            errors,
            ratings,
            claimants,
            notice: None,
            conflict: None,
            restoring: None,
            can_save,
            one_story,
            evidence,
            assignment,
        })
    }

    fn err(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }

    fn row_err(&self, kind: &str, index: &usize, field: &str) -> Option<&str> {
        self.errors.get(&format!("{kind}.{index}.{field}"))
    }

    fn error_count(&self) -> usize {
        self.errors.len()
    }

    fn anchor(&self, field: &str) -> String {
        FieldErrors::anchor(field)
    }

    fn row_label(&self, field: &str) -> String {
        FieldErrors::row_label(field)
    }

    /// Readers have seen this fact-check, so a save must say what kind of change it is.
    fn is_public(&self) -> bool {
        self.saved.as_ref().is_some_and(|s| s.seen_by_readers)
    }

    /// Published (or scheduled) or retracted: an editor's save changes the claimant record
    /// itself rather than proposing (see `fact_checks::update`).
    fn is_out(&self) -> bool {
        self.saved
            .as_ref()
            .is_some_and(|s| matches!(s.status, Status::Published | Status::Retracted))
    }

    fn change_kind_is(&self, kind: &str) -> bool {
        let chosen = if self.extras.change_kind.is_empty() {
            "minor"
        } else {
            self.extras.change_kind.as_str()
        };
        chosen == kind
    }
}

/// Writers may change only their own drafts; editors and admins any fact-check.
fn check_can_save(editor: &SignedIn, fc: &EditableFactCheck) -> AppResult<()> {
    check_can_open(editor, fc)?;
    if editor.may_edit(fc.author_id, fc.status) {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "This fact-check is {}: only an editor can change it now.",
            fc.status.label().to_lowercase()
        )))
    }
}

pub(super) fn form_response(status: StatusCode, page: &FormPage) -> AppResult<Response> {
    Ok((status, render(page)?).into_response())
}

pub(super) fn edit_page_of(
    state: &AppState,
    editor: SignedIn,
    fc: EditableFactCheck,
    errors: FieldErrors,
) -> AppResult<FormPage> {
    FormPage::new(state, editor, Some(saved_of(&fc)), fc.input, errors)
}

pub async fn new_form(
    State(state): State<AppState>,
    Editor(editor): Editor,
) -> AppResult<Response> {
    let page = FormPage::new(
        &state,
        editor,
        None,
        FactCheckInput::default(),
        FieldErrors::new(),
    )?;
    form_response(StatusCode::OK, &page)
}

pub async fn create(
    State(state): State<AppState>,
    SignedInForm { editor, form, .. }: SignedInForm,
) -> AppResult<Response> {
    let (input, extras) = (FactCheckInput::from(&form), Extras::from_form(&form));
    if let Some(button) = fetch_details::pressed(&form) {
        return fetch_details::answer(&state, editor, None, &form, extras, button).await;
    }
    let (draft, to) = match assignment::parse_new(&state, &editor, &input, &extras)? {
        Ok(parsed) => parsed,
        Err(errors) => return refill(&state, editor, None, input, extras, errors),
    };
    let by = editor.clone();
    match state
        .db
        .write(move |tx| {
            let now = Moment::now();
            let id = fact_checks::create(tx, &draft, by.user_id, now)?;
            assignment::save(tx, id, to, &by, now)?;
            Ok(id)
        })
        .await
    {
        Ok(id) => {
            Ok(Redirect::to(&format!("/editor/fact-checks/{id}?done=created")).into_response())
        }
        Err(AppError::Invalid(errors)) => refill(&state, editor, None, input, extras, errors),
        Err(e) => Err(e),
    }
}

fn notice_for(done: Option<&str>) -> Option<&'static str> {
    match done? {
        "created" => {
            Some("Draft saved. Check its sources, then submit it for review or publish it.")
        }
        "saved" => Some("Changes saved."),
        "submitted" => {
            Some("Submitted for review: an editor will publish it or send it back with a comment.")
        }
        "returned" => Some("Sent back to the writer as a draft, with your comment."),
        "published" => Some("Published: readers can now see this fact-check."),
        "scheduled" => Some("Scheduled: readers will see this fact-check from the time set."),
        "unscheduled" => Some("No longer scheduled: this fact-check is a draft again."),
        "retracted" => Some("Retracted: the page now shows your note in place of the verdict."),
        _ => None,
    }
}

/// `?restore=N` fills the form from revision N; `?done=` names what was just done.
#[derive(serde::Deserialize)]
pub struct EditQuery {
    restore: Option<String>,
    done: Option<String>,
}

pub async fn edit_form(
    State(state): State<AppState>,
    Editor(editor): Editor,
    PathText(id): PathText,
    Query(query): Query<EditQuery>,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let mut fc = load(&state, id)?;
    check_can_open(&editor, &fc)?;
    let mut restoring = None;
    if let Some(raw) = query.restore {
        let version: i64 = raw.trim().parse().map_err(|_| AppError::NotFound)?;
        fc.input = state
            .db
            .read(|conn| fact_checks::revision(conn, id, version))?
            .ok_or(AppError::NotFound)?;
        // The claimant's link and kind belong to their shared record, not to this
        // fact-check's history: a restore never brings back what an old draft proposed.
        fc.input.claimant_url.clear();
        fc.input.claimant_kind.clear();
        restoring = Some(version);
    }
    let mut page = edit_page_of(&state, editor, fc, FieldErrors::new())?;
    page.notice = notice_for(query.done.as_deref());
    page.restoring = restoring;
    form_response(StatusCode::OK, &page)
}

pub async fn update(
    State(state): State<AppState>,
    PathText(id): PathText,
    SignedInForm { editor, form, .. }: SignedInForm,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let current = load(&state, id)?;
    check_can_save(&editor, &current)?;
    let opened_version = opened_version(&form)?;
    let (input, extras) = (FactCheckInput::from(&form), Extras::from_form(&form));
    let mut saved = saved_of(&current);
    // Until a conflict is seen, the form keeps the version it was opened at.
    saved.version = opened_version;
    if let Some(button) = fetch_details::pressed(&form) {
        let saved = Some(saved);
        return fetch_details::answer(&state, editor, saved, &form, extras, button).await;
    }
    let (draft, mark) = match parse_edit(&input, &extras, current.seen_by_readers()) {
        Ok(parsed) => parsed,
        Err(mut errors) => {
            let more = state
                .db
                .read(|conn| assignment::problems(conn, &editor, Some(id), &extras))?;
            assignment::merge(&mut errors, &more);
            return refill(&state, editor, Some(saved), input, extras, errors);
        }
    };
    let to = match assignment::asked(&extras) {
        Ok(to) => to,
        Err(errors) => return refill(&state, editor, Some(saved), input, extras, errors),
    };
    // Handing the work to someone else with the text untouched is not an edit: no new
    // version, so no revision and no conflict with anyone else's open form.
    let text_unchanged = opened_version == current.version
        && !mark.kind.is_public()
        && FactCheckDraft::try_from(&current.input).is_ok_and(|stored| draft.same_text_as(&stored));
    let by = editor.clone();
    let result = state
        .db
        .write(move |tx| {
            let now = Moment::now();
            if !text_unchanged {
                fact_checks::update(tx, id, opened_version, &draft, &mark, &by, now)?;
            }
            assignment::save(tx, id, to, &by, now).map(|_| ())
        })
        .await;
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/editor/fact-checks/{id}?done=saved")).into_response()),
        Err(AppError::Invalid(errors)) => {
            refill(&state, editor, Some(saved), input, extras, errors)
        }
        Err(AppError::Conflict) => conflict(&state, editor, id, opened_version, input, extras),
        Err(e) => Err(e),
    }
}

/// The version the form was opened at, which a save must name.
fn opened_version(form: &FormData) -> AppResult<i64> {
    form.get("version")
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| {
            AppError::BadRequest("The form is missing its version; reload the page.".to_owned())
        })
}

/// The edit as domain types, or every problem with it at once.
fn parse_edit(
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
fn refill(
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
