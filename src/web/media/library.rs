//! The media library: every image newest first with its words, size and uses, the upload
//! form, the words edited in place, and removal (refused while the image is in use).

use crate::db::media;
use crate::domain::media::{ImageUse, ImageWords, LibraryImage};
use crate::domain::{FieldErrors, ImageId, SignedIn};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::web::auth::{Admin, Editor, Reviewer, RoleNeeded, SignedInForm};
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
    /// The signed-in person's photo and the site logo, which each image's buttons change.
    my_photo: Option<ImageId>,
    site_logo: Option<ImageId>,
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

    fn is_my_photo(&self, image: &LibraryImage) -> bool {
        self.my_photo == Some(image.shown.id)
    }

    fn is_site_logo(&self, image: &LibraryImage) -> bool {
        self.site_logo == Some(image.shown.id)
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
    let user = editor.user_id;
    let ((images, has_more), my_photo, site_logo) = state.db.read(|conn| {
        Ok((
            media::library(conn, before, PER_PAGE)?,
            media::user_photo_id(conn, user)?,
            media::site_logo_id(conn)?,
        ))
    })?;
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
        my_photo,
        site_logo,
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
            let editor_may = editor.can_review();
            state
                .db
                .write(move |tx| {
                    if !editor_may && media::shown_to_readers(tx, id)? {
                        return Err(AppError::Forbidden(
                            "This image is on a published fact-check: only an editor changes its words.".into(),
                        ));
                    }
                    media::update_words(tx, id, &words)
                })
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

/// `POST /editor/media/{id}/photo`: this image as the signed-in person's photo (their
/// author page shows it); `use=none` stops using it.
pub async fn use_as_photo(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedInForm { editor, form, .. }: SignedInForm,
) -> AppResult<Response> {
    let image = chosen(&id, form.get("use"))?;
    let user = editor.user_id;
    state
        .db
        .write(move |tx| media::set_user_photo(tx, user, image))
        .await?;
    Ok(Redirect::to(&format!("/editor/media?done=saved#image-{id}")).into_response())
}

/// `POST /editor/media/{id}/logo`: this image as the site logo (admins only); `use=none`
/// goes back to the site name alone.
pub async fn use_as_logo(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedInForm { editor, form, .. }: SignedInForm,
) -> AppResult<Response> {
    Admin::check(&editor)?;
    let image = chosen(&id, form.get("use"))?;
    let shown_by = state.clone();
    state
        .db
        .write(move |tx| {
            media::set_site_logo(tx, image)?;
            let logo = image.map_or(Ok(None), |id| media::shown(tx, id))?;
            // Shown from before the commit: a page rendered meanwhile is kept under the
            // data version the commit then replaces, so no kept page keeps the old logo.
            shown_by.set_logo(logo.as_ref());
            Ok(())
        })
        .await?;
    Ok(Redirect::to(&format!("/editor/media?done=saved#image-{id}")).into_response())
}

/// The image to use, or `None` when the button said to stop using it.
fn chosen(id: &str, use_it: Option<&str>) -> AppResult<Option<ImageId>> {
    let id = image_id(id)?;
    Ok((use_it != Some("none")).then_some(id))
}
