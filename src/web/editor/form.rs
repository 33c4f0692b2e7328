//! The fact-check form: rendering it new or for editing, and with another row added.

use super::assignment::AssignmentField;
use super::autosave::{self, AutosaveNote, Restored};
use super::evidence::{Evidence, one_story_of};
use super::fetch_details::RowKind;
use super::{Extras, Saved, check_can_open, load, parse_id, saved_of};
use crate::db::{claimants, fact_checks, ratings, similar};
use crate::domain::{
    AppearanceInput, EditableFactCheck, FactCheckInput, FieldChange, FieldErrors, ImageId, Rating,
    SignedIn, SourceInput, Status,
};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::web::PathText;
use crate::web::auth::Editor;
use crate::web::form::{FormData, Query};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// How many of the latest images the form's picker offers; older ones are in the library.
const IMAGE_CHOICES: usize = 12;

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
    pub(super) conflict: Option<Vec<FieldChange>>,
    /// The revision this form was filled from, when restoring.
    restoring: Option<i64>,
    can_save: bool,
    /// Set when every source of the saved fact-check is one story: the warning shown
    /// before publishing.
    one_story: Option<String>,
    /// Each row's copy and link state, by row.
    evidence: Evidence,
    /// What autosave kept of this editor's form, and how often it keeps it.
    autosave: AutosaveNote,
    /// "Already checked?": fact-checks whose claim is like this one.
    similar: Vec<crate::domain::similar::SimilarMatch>,
    assignment: AssignmentField,
    /// The images the featured-image picker offers.
    image_choices: Vec<crate::domain::media::ShownImage>,
}

impl FormPage {
    pub(super) fn new(
        state: &AppState,
        editor: SignedIn,
        saved: Option<Saved>,
        mut input: FactCheckInput,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        // One row to type into when a list is empty; more come from the "Add" buttons, so
        // a form shown again holds exactly the rows it was sent with.
        if input.appearances.is_empty() {
            input.appearances.push(AppearanceInput::default());
        }
        if input.sources.is_empty() {
            input.sources.push(SourceInput::default());
        }
        let saved_id = saved.as_ref().map(|s| s.id);
        let chosen_images: Vec<ImageId> = std::iter::once(&input.featured_image)
            .chain(input.appearances.iter().map(|a| &a.image))
            .filter_map(|id| id.trim().parse().ok())
            .collect();
        let image_choices = state
            .db
            .read(|conn| crate::db::media::choices(conn, IMAGE_CHOICES, &chosen_images))?;
        let (ratings, claimants, one_story, evidence, similar, assignment) =
            state.db.read(|conn| {
                let one_story = match saved_id {
                    Some(id) => one_story_of(conn, id)?,
                    None => None,
                };
                let evidence = Evidence::of(conn, &input)?;
                let similar = {
                    let own = editor.own_work_only();
                    similar::similar(conn, &input.claim_text, saved_id, own, similar::BUDGET)?
                };
                Ok((
                    ratings::all(conn)?,
                    claimants::names(conn)?,
                    one_story,
                    evidence,
                    similar,
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
            autosave: AutosaveNote::quiet(state),
            similar,
            assignment,
            image_choices,
        })
    }

    fn image_is_chosen(&self, image: &crate::domain::media::ShownImage) -> bool {
        self.input.featured_image.trim() == image.id.to_string()
    }

    /// Says what autosave kept of this form (see `autosave::note`); a restored form takes
    /// its extras and the version it was typed over from the slot.
    fn note_autosave(&mut self, state: &AppState, restored: Restored) -> AppResult<()> {
        let user = self.editor.user_id;
        let (note, extras) =
            autosave::note(state, user, self.saved.as_mut(), self.can_save, restored)?;
        self.autosave = note;
        if let Some(extras) = extras {
            self.extras = extras;
        }
        Ok(())
    }

    /// The saved draft already proposes a claimant change (shown with its Apply/Decline).
    fn has_saved_proposal(&self) -> bool {
        self.saved
            .as_ref()
            .is_some_and(|s| s.claimant_proposal.is_some())
    }

    fn err(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }

    fn row_err(&self, kind: &str, index: &usize, field: &str) -> Option<&str> {
        self.errors.get(&format!("{kind}.{index}.{field}"))
    }

    /// The problems in the order of the fields on the form, claim first, so the summary
    /// reads top to bottom as the form does.
    fn errors_in_form_order(&self) -> Vec<(&str, &str)> {
        const ORDER: [&str; 18] = [
            "claim_text",
            "claimant",
            "claimant_kind",
            "claimant_url",
            "claim_date",
            "appearances",
            "appearance",
            "headline",
            "rating",
            "summary",
            "body",
            "sources",
            "source",
            "tags",
            "slug",
            "language",
            "translation_of",
            "change_",
        ];
        let rank = |field: &str| {
            let name = field.split('.').next().unwrap_or(field);
            ORDER
                .iter()
                .position(|known| {
                    name == *known || (known.ends_with('_') && name.starts_with(known))
                })
                .unwrap_or(ORDER.len())
        };
        let mut errors: Vec<_> = self.errors.iter().collect();
        // Stable: rows keep their own order, and so do fields within a row.
        errors.sort_by_key(|(field, _)| rank(field));
        errors
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

    /// New, or a draft: it can be submitted for review.
    fn is_draft(&self) -> bool {
        self.saved
            .as_ref()
            .is_none_or(|s| s.status == Status::Draft)
    }

    fn is_scheduled(&self) -> bool {
        self.saved.as_ref().is_some_and(|s| s.scheduled)
    }

    /// An editor may publish anything not yet public (or only scheduled), new ones included.
    fn may_publish(&self) -> bool {
        self.editor.can_review()
            && self.saved.as_ref().is_none_or(|s| {
                s.scheduled || !matches!(s.status, Status::Published | Status::Retracted)
            })
    }

    /// A row's link is dead, changed or could not be copied: the side column lists it.
    fn has_link_trouble(&self) -> bool {
        let rows = self.evidence.sources.iter();
        rows.chain(self.evidence.appearances.iter())
            .any(|e| e.link_trouble().is_some())
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

pub(super) fn form_response(status: StatusCode, page: &FormPage) -> AppResult<Response> {
    Ok((status, render(page)?).into_response())
}

/// The "Add appearance" or "Add source" button, when it sent the form: without JavaScript
/// it is a submit button.
pub(super) fn add_row_pressed(form: &FormData) -> AppResult<Option<RowKind>> {
    match form.get("add_row").map(str::trim) {
        None => Ok(None),
        Some("appearance") => Ok(Some(RowKind::Appearance)),
        Some("source") => Ok(Some(RowKind::Source)),
        Some(_) => Err(AppError::BadRequest(
            "The form has no such list of rows.".to_owned(),
        )),
    }
}

/// The form again as typed, with one more empty row at the end of the list; nothing saved.
pub(super) fn with_another_row(
    state: &AppState,
    editor: SignedIn,
    saved: Option<Saved>,
    mut input: FactCheckInput,
    extras: Extras,
    kind: RowKind,
) -> AppResult<Response> {
    match kind {
        RowKind::Appearance => input.appearances.push(AppearanceInput::default()),
        RowKind::Source => input.sources.push(SourceInput::default()),
    }
    let mut page = FormPage::new(state, editor, saved, input, FieldErrors::new())?;
    page.extras = extras;
    form_response(StatusCode::OK, &page)
}

pub(super) fn edit_page_of(
    state: &AppState,
    editor: SignedIn,
    fc: EditableFactCheck,
    errors: FieldErrors,
) -> AppResult<FormPage> {
    FormPage::new(state, editor, Some(saved_of(&fc)), fc.input, errors)
}

/// `?tip=N` starts the fact-check from inbox tip N (see `inbox::started_from`);
/// `?autosave=restore` fills the form from the editor's autosave.
#[derive(serde::Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    tip: String,
    autosave: Option<String>,
}

pub async fn new_form(
    State(state): State<AppState>,
    Editor(editor): Editor,
    Query(query): Query<NewQuery>,
) -> AppResult<Response> {
    let tip = super::inbox::started_from(&state, &editor, &query.tip)?;
    let from_autosave = query.autosave.as_deref() == Some("restore");
    let restored = autosave::to_restore(&state, &editor, None, from_autosave)?;
    let input = autosave::restored_input(&restored)
        .or_else(|| tip.as_ref().map(super::inbox::prefill))
        .unwrap_or_default();
    let mut page = FormPage::new(&state, editor, None, input, FieldErrors::new())?;
    page.note_autosave(&state, restored)?;
    if tip.is_some() {
        page.extras.tip = query.tip.trim().to_owned();
    }
    form_response(StatusCode::OK, &page)
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

/// `?restore=N` fills the form from revision N, `?autosave=restore` from the editor's
/// autosave; `?done=` names what was just done.
#[derive(serde::Deserialize)]
pub struct EditQuery {
    restore: Option<String>,
    done: Option<String>,
    autosave: Option<String>,
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
    let from_autosave = query.autosave.as_deref() == Some("restore");
    let restored = autosave::to_restore(&state, &editor, Some(id), from_autosave)?;
    fc.input = autosave::restored_input(&restored).unwrap_or(fc.input);
    let mut page = edit_page_of(&state, editor, fc, FieldErrors::new())?;
    page.notice = notice_for(query.done.as_deref());
    page.restoring = restoring;
    page.note_autosave(&state, restored)?;
    form_response(StatusCode::OK, &page)
}
