//! The public, read-only JSON API (`/api/v1`, documented in docs/api.md). Field names here
//! are a promise to other newsrooms: they change only with a new version prefix. This file
//! holds the JSON answer and its errors; the handlers and shapes sit beside it.

mod changes;
mod cors;
mod fact_checks;
mod lists;
mod openapi;
mod views;

pub use changes::changes;
pub use cors::answers;
pub use fact_checks::{fact_check, fact_checks};
pub use lists::{claimants, ratings};
pub use openapi::document;

use crate::error::AppError;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// A JSON answer. (axum's `Json` needs a feature this crate does not otherwise use.)
pub(super) fn json(status: StatusCode, body: &impl Serialize) -> Response {
    match serde_json::to_string(body) {
        Ok(text) => (
            status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            text,
        )
            .into_response(),
        Err(e) => ApiError(AppError::Internal(format!("cannot encode JSON: {e}"))).into_response(),
    }
}

/// A page of a list, as every list under `/api/v1` answers. `next` and `prev` are absolute
/// addresses, also sent as a `Link` header (RFC 8288).
#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct ListPage<T> {
    pub data: Vec<T>,
    /// The page number; null on a page read from a cursor.
    pub page: Option<usize>,
    /// How many the whole list holds, where the kept counts say so cheaply; else null.
    pub total: Option<i64>,
    /// The next page's address, or null on the last page.
    pub next: Option<String>,
    /// The previous page's address, or null on the first page.
    pub prev: Option<String>,
}

/// A list's page as JSON with its `Link` header.
pub(super) fn list_page<T: Serialize>(page: &ListPage<T>) -> Response {
    let mut response = json(StatusCode::OK, page);
    let links: Vec<String> = [("next", &page.next), ("prev", &page.prev)]
        .into_iter()
        .filter_map(|(rel, to)| Some(format!("<{}>; rel=\"{rel}\"", to.as_deref()?)))
        .collect();
    if let Ok(value) = header::HeaderValue::from_str(&links.join(", "))
        && !links.is_empty()
    {
        response.headers_mut().insert(header::LINK, value);
    }
    response
}

/// The JSON body of every API error.
pub fn error(status: StatusCode, message: &str) -> Response {
    json(
        status,
        &serde_json::json!({ "error": { "status": status.as_u16(), "message": message } }),
    )
}

/// An API failure as JSON: `{"error": {"status": 400, "message": "…"}}`.
pub struct ApiError(AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut status = self.0.status();
        let message = match &self.0 {
            AppError::NotFound => "Nothing is published at this address.".to_owned(),
            AppError::BadRequest(why) => why.clone(),
            AppError::TooBroad(why) => {
                // A query parameter at fault, like any other bad parameter here.
                status = StatusCode::BAD_REQUEST;
                why.clone()
            }
            busy @ (AppError::Busy | AppError::Overloaded) => busy.public_message().1,
            other => {
                tracing::error!(error = %other, "API request failed");
                "The server could not complete this request.".to_owned()
            }
        };
        let mut response = error(status, &message);
        crate::error::add_retry_after(&self.0, &mut response);
        response
    }
}

/// Any other address under /api answers in JSON too.
pub async fn not_found() -> ApiError {
    ApiError(AppError::NotFound)
}
