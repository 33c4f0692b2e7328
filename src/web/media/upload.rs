//! An upload: a multipart form with the file, its words and the CSRF token, decoded and
//! re-encoded off the async threads, one image at a time.

use super::library::{LibraryView, UploadTyped, render_library};
use crate::db::media;
use crate::domain::media::{Encoded, ImageWords, Refusal, encode};
use crate::domain::{FieldErrors, Moment};
use crate::error::{AppError, AppResult, RETRY_AFTER_SECONDS, error_page};
use crate::state::AppState;
use crate::web::auth::{Editor, check_csrf_token};
use axum::extract::{Multipart, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Decoding a 40-megapixel photo takes a core for a second or more and ~200 MB: one at a
/// time, so a flood of uploads waits here rather than taking every core and the memory.
static ENCODING: Semaphore = Semaphore::const_new(1);
/// How long an upload waits for its turn before it is told to come back.
const WAIT_FOR_TURN: Duration = Duration::from_secs(10);

/// The multipart body's parts, read whole (the admission layer already holds the body).
struct Posted {
    csrf: String,
    typed: UploadTyped,
    file: Vec<u8>,
}

async fn read_parts(mut multipart: Multipart) -> Result<Posted, Response> {
    let mut posted = Posted {
        csrf: String::new(),
        typed: UploadTyped::default(),
        file: Vec::new(),
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Err(e.status().into_response()),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let target = match name.as_str() {
            "file" => {
                posted.file = field
                    .bytes()
                    .await
                    .map_err(|e| e.status().into_response())?
                    .to_vec();
                continue;
            }
            "csrf" => &mut posted.csrf,
            "alt" => &mut posted.typed.alt,
            "caption" => &mut posted.typed.caption,
            "credit" => &mut posted.typed.credit,
            _ => continue,
        };
        *target = field.text().await.map_err(|e| e.status().into_response())?;
    }
    Ok(posted)
}

/// `POST /editor/media`: stores the image at every width and answers 303 to the library;
/// a refused one comes back with 422, the words kept, the file to be chosen again.
pub async fn upload(
    State(state): State<AppState>,
    Editor(editor): Editor,
    multipart: Multipart,
) -> AppResult<Response> {
    let posted = match read_parts(multipart).await {
        Ok(posted) => posted,
        Err(refusal) => return Ok(refusal),
    };
    check_csrf_token(&editor, &posted.csrf)?;
    let mut errors = FieldErrors::new();
    let words = ImageWords::parse(
        &posted.typed.alt,
        &posted.typed.caption,
        &posted.typed.credit,
    )
    .map_err(|e| errors = e)
    .ok();
    if posted.file.is_empty() {
        errors.add("file", "Choose an image file (JPEG, PNG, WebP or GIF).");
    }
    let (Some(words), true) = (words, errors.is_empty()) else {
        return refused(&state, editor, posted.typed, errors);
    };
    let encoded = match encode_in_turn(posted.file).await {
        Err(AppError::Busy) => return Ok(busy()),
        Err(other) => return Err(other),
        Ok(Ok(encoded)) => encoded,
        Ok(Err(refusal)) => {
            errors.add("file", refusal.to_string());
            return refused(&state, editor, posted.typed, errors);
        }
    };
    let by = editor.user_id;
    state
        .db
        .write(move |tx| media::insert(tx, &words, &encoded, by, Moment::now()))
        .await?;
    Ok(Redirect::to("/editor/media?done=uploaded").into_response())
}

fn refused(
    state: &AppState,
    editor: crate::domain::SignedIn,
    typed: UploadTyped,
    errors: FieldErrors,
) -> AppResult<Response> {
    let view = LibraryView {
        upload: typed,
        upload_errors: errors,
        ..LibraryView::default()
    };
    render_library(state, editor, view, StatusCode::UNPROCESSABLE_ENTITY)
}

/// Encodes on a blocking thread once it is this upload's turn; `AppError::Busy` when the
/// turn did not come in time.
async fn encode_in_turn(file: Vec<u8>) -> AppResult<Result<Encoded, Refusal>> {
    let Ok(Ok(turn)) = tokio::time::timeout(WAIT_FOR_TURN, ENCODING.acquire()).await else {
        return Err(AppError::Busy);
    };
    // The turn goes with the work: an upload whose sender hangs up still holds it until
    // its encoding ends, so aborted uploads never encode side by side.
    tokio::task::spawn_blocking(move || {
        let encoded = encode(&file);
        drop(turn);
        encoded
    })
    .await
    .map_err(|e| AppError::Internal(format!("image encoding failed: {e}")))
}

/// The 503 of a full queue, in words about images rather than sign-ins.
fn busy() -> Response {
    let mut response = error_page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Busy",
        "Other images are being converted right now. Please send this one again in a few seconds.",
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
    response
}
