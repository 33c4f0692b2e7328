//! Images: the editors' library (`library`), uploads (`upload`), and `/media/…`, where
//! every stored variant is served by its content hash.

mod library;
mod upload;

pub use library::{edit_image, library, remove_image, use_as_logo, use_as_photo};
pub use upload::upload;

use crate::db::media;
use crate::domain::media::parse_media_name;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::PathText;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// The name holds the hash of the bytes, so what an address names never changes.
const FOREVER: &str = "public, max-age=31536000, immutable";

/// `GET /media/{hash}.{ext}` (and HEAD): a variant's bytes. One indexed read of a blob of
/// a few hundred KB at most, so it runs on the thread's own read connection like a page.
pub async fn serve(State(state): State<AppState>, PathText(name): PathText) -> AppResult<Response> {
    let (hash, format) = parse_media_name(&name).ok_or(AppError::NotFound)?;
    let hash = hash.to_owned();
    let bytes = state
        .db
        .read(|conn| media::variant_bytes(conn, &hash, format))?
        .ok_or(AppError::NotFound)?;
    let etag = HeaderValue::from_str(&format!("\"{hash}\""))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(format.content_type()),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(FOREVER)),
            (header::ETAG, etag),
        ],
        bytes,
    )
        .into_response())
}
