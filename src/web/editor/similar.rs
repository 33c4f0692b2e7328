//! "Already checked?" on the fact-check form: the fact-checks whose claim or headline is
//! like the one being typed (as JSON for `static/similar.js`, and in the form itself on
//! every render), and "Add this appearance to …", which carries the appearances typed here
//! over to one of them as an unsaved change.

use super::form::{edit_page_of, form_response};
use super::{check_can_open, load, parse_id};
use crate::db::similar;
use crate::domain::{FactCheckInput, FieldErrors};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::PathText;
use crate::web::api::json;
use crate::web::auth::{Editor, SignedInForm};
use crate::web::form::Query;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

#[derive(serde::Deserialize)]
pub struct SimilarQuery {
    #[serde(default)]
    claim: String,
    /// The fact-check being edited, left out of its own matches.
    except: Option<String>,
}

#[derive(serde::Serialize)]
struct Found {
    id: i64,
    headline: String,
    rating: String,
    rating_slug: String,
    status: &'static str,
    edit: String,
    /// Whether this editor may open it, and so add an appearance to it.
    can_open: bool,
}

#[derive(serde::Serialize)]
struct FoundList {
    matches: Vec<Found>,
}

/// `GET /editor/similar?claim=&except=`: up to three fact-checks like `claim`, as JSON.
pub async fn similar_json(
    State(state): State<AppState>,
    Editor(editor): Editor,
    Query(query): Query<SimilarQuery>,
) -> AppResult<Response> {
    let except = query.except.and_then(|raw| raw.trim().parse().ok());
    let found = state.db.read(|conn| {
        let own = editor.own_work_only();
        similar::similar(conn, &query.claim, except, own, similar::BUDGET)
    })?;
    let matches = found
        .into_iter()
        .map(|m| Found {
            id: m.row.id.0,
            can_open: m.opens_for(&editor),
            edit: format!("/editor/fact-checks/{}", m.row.id),
            headline: m.row.headline,
            rating: m.row.rating.label,
            rating_slug: m.row.rating.slug,
            status: m.row.status.label(),
        })
        .collect();
    Ok(json(StatusCode::OK, &FoundList { matches }))
}

/// `POST /editor/fact-checks/{id}/add-appearance`, sent by a match's button with the whole
/// form being written: opens fact-check `id`'s edit form with the appearances typed there
/// added as new rows. Nothing is saved until the editor saves that form.
pub async fn add_appearance(
    State(state): State<AppState>,
    PathText(id): PathText,
    SignedInForm { editor, form, .. }: SignedInForm,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let mut target = load(&state, id)?;
    check_can_open(&editor, &target)?;
    // The form left behind is kept in the editor's autosave slot, so going back to it
    // offers everything typed there ("restore"): moving an appearance loses nothing.
    match super::autosave::keep_typed(&state, &editor, &form).await {
        // Not theirs to change, or already replaced by a save of theirs: nothing to keep.
        Ok(_) | Err(AppError::Forbidden(_) | AppError::Conflict) => {}
        Err(e) => return Err(e),
    }
    let typed = FactCheckInput::from(&form);
    let before = target.input.appearances.len();
    for row in typed.appearances.into_iter().filter(|a| !a.is_blank()) {
        let known = target
            .input
            .appearances
            .iter()
            .any(|a| a.url.trim() == row.url.trim());
        if !known {
            target.input.appearances.push(row);
        }
    }
    let added = target.input.appearances.len() - before;
    let mut page = edit_page_of(&state, editor, target, FieldErrors::new())?;
    page.notice = Some(if added == 0 {
        "The appearances you typed are already on this fact-check (or none was typed): nothing to add."
    } else {
        "The appearances you typed are added below as new rows. Check them, then save this fact-check to keep them."
    });
    form_response(StatusCode::OK, &page)
}
