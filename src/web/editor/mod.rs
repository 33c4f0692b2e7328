//! Editor pages: the dashboard, the fact-check form (new and edit), the review workflow,
//! publication, and revision history.
//!
//! One file per job: `dashboard` (the desk and its search), `form` (new, edit, another row), `save` (create, save, and the buttons that save first),
//! `workflow` (review and publication buttons), `revisions` (history and compare),
//! `settings` (the corrections policy), `links` (what the link watch found), `fetch_details` (the form's button that fills a row
//! from its link) and `autofill` (the same in JSON, for the form's script), `preview` (the
//! reader page of what is typed) and `autosave`; what they share lives here.

mod account;
mod assignment;
mod autofill;
mod autosave;
mod dashboard;
mod evidence;
mod fetch_details;
mod form;
mod inbox;
mod links;
mod opened;
mod preview;
mod rating_words;
mod revisions;
mod save;
mod settings;
mod similar;
mod workflow;

pub use account::{account_form, profile_form, save_account, save_profile};
pub use autofill::fetch_details_json;
pub use autosave::{autosave, discard as discard_autosave};
pub use dashboard::dashboard;
pub use form::{edit_form, new_form};
pub use inbox::{assign as assign_tip, change_state as change_tip_state, inbox};
pub use links::link_change;
pub use preview::{markdown_preview, preview_edit, preview_new};
pub use rating_words::{rating_words_form, save_rating_words};
pub use revisions::revisions;
pub use save::{create, update};
pub use settings::{save_settings, settings_form};
pub use similar::{add_appearance, similar_json};
pub use workflow::{publish, send_back, submit, unpublish};

use crate::db::{fact_checks, ratings};
use crate::domain::{
    ClaimantKind, ClaimantProposal, EditableFactCheck, FactCheckId, FactCheckInput, FieldChange,
    Moment, SignedIn, Status, UserId, diff,
};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::form::FormData;

/// What the form knows about a fact-check that is already saved.
struct Saved {
    id: FactCheckId,
    author_id: UserId,
    version: i64,
    status: Status,
    slug: String,
    author: String,
    updated_at: Moment,
    published_at: Option<Moment>,
    scheduled: bool,
    /// Live now or retracted: readers have seen it.
    seen_by_readers: bool,
    review_note: Option<String>,
    retraction_note: Option<String>,
    claimant_url_on_file: Option<String>,
    claimant_kind_on_file: ClaimantKind,
    claimant_proposal: Option<ClaimantProposal>,
}

fn saved_of(fc: &EditableFactCheck) -> Saved {
    Saved {
        id: fc.id,
        author_id: fc.author_id,
        version: fc.version,
        status: fc.status,
        slug: fc.input.slug.clone(),
        author: fc.author.clone(),
        updated_at: fc.updated_at,
        published_at: fc.published_at,
        scheduled: fc.is_scheduled(),
        seen_by_readers: fc.seen_by_readers(),
        review_note: fc.review_note.clone(),
        retraction_note: fc.retraction_note.clone(),
        claimant_url_on_file: fc.claimant_url_on_file.clone(),
        claimant_kind_on_file: fc.claimant_kind_on_file,
        claimant_proposal: fc.claimant_proposal.clone(),
    }
}

/// The form's extra fields that are not part of the fact-check itself.
#[derive(Default)]
struct Extras {
    change_kind: String,
    change_note: String,
    review_comment: String,
    retraction_note: String,
    publish_at: String,
    /// "apply" or "decline": the editor's answer to the draft's claimant proposal.
    claimant_proposal: String,
    /// "yes" when the editor publishes knowing every source is one story.
    one_story_ok: String,
    /// The version shown when a workflow button was pressed.
    version: Option<i64>,
    /// The inbox tip a new fact-check is started from (its id as typed in the URL).
    tip: String,
    /// The assignee chosen, as typed (None: the form had no such field).
    assigned_to: Option<String>,
    /// The assignee the form was opened with: a save that leaves the select as it was leaves
    /// the assignment alone, so an older form never undoes a newer hand-over.
    assigned_from: Option<String>,
}

impl Extras {
    fn from_form(form: &FormData) -> Self {
        Extras {
            change_kind: form.text("change_kind"),
            change_note: form.text("change_note"),
            review_comment: form.text("review_comment"),
            retraction_note: form.text("retraction_note"),
            publish_at: form.text("publish_at"),
            claimant_proposal: form.text("claimant_proposal"),
            one_story_ok: form.text("one_story_ok"),
            version: form.get("version").and_then(|v| v.trim().parse().ok()),
            tip: form.text("tip"),
            assigned_to: assignment::typed(form),
            assigned_from: form.get("assigned_from").map(str::to_owned),
        }
    }
}

/// A diff as editors read it: ratings by their labels ("Mostly False"), not their slugs.
fn readable_diff(
    state: &AppState,
    before: &FactCheckInput,
    after: &FactCheckInput,
) -> AppResult<Vec<FieldChange>> {
    let ratings = state.db.read(ratings::all)?;
    let label = |slug: &str| {
        ratings
            .iter()
            .find(|r| r.slug == slug)
            .map_or_else(|| slug.to_owned(), |r| r.label.clone())
    };
    Ok(diff(before, after)
        .into_iter()
        .map(|mut change| {
            if change.field == "Rating" {
                change.before = label(&change.before);
                change.after = label(&change.after);
            }
            change
        })
        .collect())
}

/// Ids in editor URLs are numbers; anything else names nothing.
fn parse_id(raw: &str) -> AppResult<FactCheckId> {
    raw.parse().map_err(|_| AppError::NotFound)
}

fn load(state: &AppState, id: FactCheckId) -> AppResult<EditableFactCheck> {
    state
        .db
        .read(|conn| fact_checks::editable(conn, id))?
        .ok_or(AppError::NotFound)
}

/// Writers may open only their own fact-checks.
fn check_can_open(editor: &SignedIn, fc: &EditableFactCheck) -> AppResult<()> {
    if editor.may_open(fc.author_id) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Writers can open only their own fact-checks.".to_owned(),
        ))
    }
}
