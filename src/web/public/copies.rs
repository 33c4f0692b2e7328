//! Factdesk's own copy of a cited page: a banner saying what it is, then the captured text
//! as escaped plain text, never the page's own HTML.

use crate::db::{links, snapshots};
use crate::domain::evidence::Snapshot;
use crate::domain::{Moment, Role, SnapshotId};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::web::PathText;
use crate::web::auth::Editor;
use crate::web::meta::Meta;
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use rusqlite::Connection;

#[derive(Template)]
#[template(path = "public/copy.html")]
struct CopyPage {
    meta: Meta,
    copy: Snapshot,
}

fn id_of(text: &str) -> Result<SnapshotId, AppError> {
    text.parse().map_err(|_| AppError::NotFound)
}

fn page(state: &AppState, copy: Snapshot) -> AppResult<Html<String>> {
    let title = format!(
        "Our copy of {}",
        copy.title.as_deref().unwrap_or(copy.url.as_str())
    );
    let description = format!(
        "The page at {} as Factdesk captured it on {}.",
        copy.url,
        copy.captured_at.long_date()
    );
    // The copy is not ours to have listed: the original is the page search engines want.
    let meta = Meta::page(
        &state.site,
        title,
        &description,
        &format!("/copies/{}", copy.id),
    )
    .not_indexed();
    render(&CopyPage { meta, copy })
}

/// The copy `id_text` names, as `read` finds it, on its page; 404 when there is none.
fn show(
    state: &AppState,
    id_text: &str,
    read: impl FnOnce(&Connection, SnapshotId) -> Result<Option<Snapshot>, AppError>,
) -> AppResult<Html<String>> {
    let id = id_of(id_text)?;
    let copy = state
        .db
        .read(|conn| read(conn, id))?
        .ok_or(AppError::NotFound)?;
    page(state, copy)
}

/// `/copies/{id}`, for readers: copies of pages a published fact-check cites.
pub async fn copy(
    State(state): State<AppState>,
    PathText(id): PathText,
) -> AppResult<Html<String>> {
    show(&state, &id, |conn, id| {
        snapshots::public_copy(conn, id, Moment::now())
    })
}

/// `/editor/copies/{id}`: any kept copy, for the editors whose drafts cite it; a writer
/// sees those of their own fact-checks and the public ones.
pub async fn editor_copy(
    Editor(editor): Editor,
    State(state): State<AppState>,
    PathText(id): PathText,
) -> AppResult<Html<String>> {
    show(&state, &id, |conn, id| {
        let Some(copy) = snapshots::by_id(conn, id)?.filter(|copy| copy.error.is_none()) else {
            return Ok(None);
        };
        let writer = editor.role == Role::Writer;
        if writer && !links::writer_may_see(conn, &copy.url, editor.user_id, Moment::now())? {
            return Ok(None);
        }
        Ok(Some(copy))
    })
}
