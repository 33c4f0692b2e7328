//! The media library: every image newest first with its words, size and uses, the upload
//! form, the words edited in place, and removal (refused while the image is in use).

use crate::db::media;
use crate::domain::media::{ImageUse, ImageWords, LibraryImage};
use crate::domain::{FieldErrors, ImageId, SignedIn};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::web::auth::{Editor, Reviewer, SignedInForm};
use crate::web::form::Query;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

const PER_PAGE: usize = 20;

/// The words of the upload form as typed.
#[derive(Debug, Default, Clone)]
pub struct UploadTyped {
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

/// What the library page shows besides the images: a refused form, a notice.
#[derive(Default)]
pub struct LibraryView {
    pub before: Option<ImageId>,
    pub upload: UploadTyped,
    pub upload_errors: FieldErrors,
    /// An image whose edited words were refused: its id, the words as typed, the messages.
    pub editing: Option<(ImageId, UploadTyped, FieldErrors)>,
    /// Why a removal was refused: the image and where it is used.
    pub in_use: Option<(ImageId, Vec<ImageUse>)>,
    pub done: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "editor/media.html")]
struct LibraryPage {
    editor: SignedIn,
    images: Vec<LibraryImage>,
    older: Option<String>,
    first_page: bool,
    view: LibraryView,
    max_upload_mb: usize,
}

impl LibraryPage {
    /// The words shown in an image's edit form: as typed if refused, else as stored.
    fn words_of(&self, image: &LibraryImage) -> UploadTyped {
        match &self.view.editing {
            Some((id, typed, _)) if *id == image.shown.id => typed.clone(),
            _ => UploadTyped {
                alt: image.shown.alt.clone(),
                caption: image.shown.caption.clone(),
                credit: image.shown.credit.clone(),
            },
        }
    }

    fn edit_error(&self, image: &LibraryImage, field: &str) -> Option<&str> {
        match &self.view.editing {
            Some((id, _, errors)) if *id == image.shown.id => errors.get(field),
            _ => None,
        }
    }

    fn uses_refused(&self, image: &LibraryImage) -> Option<&[ImageUse]> {
        match &self.view.in_use {
            Some((id, uses)) if *id == image.shown.id => Some(uses),
            _ => None,
        }
    }
}

pub(super) fn render_library(
    state: &AppState,
    editor: SignedIn,
    view: LibraryView,
    status: StatusCode,
) -> AppResult<Response> {
    let before = view.before;
    let (images, has_more) = state
        .db
        .read(|conn| media::library(conn, before, PER_PAGE))?;
    let older = match (has_more, images.last()) {
        (true, Some(last)) => Some(format!("/editor/media?before={}", last.shown.id)),
        _ => None,
    };
    let page = LibraryPage {
        editor,
        images,
        older,
        first_page: before.is_none(),
        view,
        max_upload_mb: crate::domain::media::MAX_UPLOAD_BYTES / (1024 * 1024),
    };
    Ok((status, render(&page)?).into_response())
}

#[derive(serde::Deserialize)]
pub struct LibraryQuery {
    before: Option<String>,
    done: Option<String>,
}

pub async fn library(
    State(state): State<AppState>,
    Editor(editor): Editor,
    Query(query): Query<LibraryQuery>,
) -> AppResult<Response> {
    let before = match query.before.as_deref() {
        None | Some("") => None,
        Some(id) => Some(id.parse().map_err(|_| AppError::NotFound)?),
    };
    let done = match query.done.as_deref() {
        Some("uploaded") => Some("Uploaded."),
        Some("saved") => Some("Saved."),
        Some("removed") => Some("Removed."),
        _ => None,
    };
    let view = LibraryView {
        before,
        done,
        ..LibraryView::default()
    };
    render_library(&state, editor, view, StatusCode::OK)
}

fn image_id(raw: &str) -> AppResult<ImageId> {
    raw.parse().map_err(|_| AppError::NotFound)
}

/// `POST /editor/media/{id}`: new alt text, caption or credit.
pub async fn edit_image(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedInForm { editor, form, .. }: SignedInForm,
) -> AppResult<Response> {
    let id = image_id(&id)?;
    let typed = UploadTyped {
        alt: form.text("alt"),
        caption: form.text("caption"),
        credit: form.text("credit"),
    };
    match ImageWords::parse(&typed.alt, &typed.caption, &typed.credit) {
        Ok(words) => {
            state
                .db
                .write(move |tx| media::update_words(tx, id, &words))
                .await?;
            Ok(Redirect::to(&format!("/editor/media?done=saved#image-{id}")).into_response())
        }
        Err(errors) => {
            let view = LibraryView {
                editing: Some((id, typed, errors)),
                ..LibraryView::default()
            };
            render_library(&state, editor, view, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

/// `POST /editor/media/{id}/remove`: editors and admins only; an image in use stays, and
/// the page says where it is used.
pub async fn remove_image(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedInForm { editor, .. }: SignedInForm<Reviewer>,
) -> AppResult<Response> {
    let id = image_id(&id)?;
    match state.db.write(move |tx| media::remove(tx, id)).await? {
        Ok(()) => Ok(Redirect::to("/editor/media?done=removed").into_response()),
        Err(uses) => {
            let view = LibraryView {
                in_use: Some((id, uses)),
                ..LibraryView::default()
            };
            render_library(&state, editor, view, StatusCode::CONFLICT)
        }
    }
}
