//! The public, read-only JSON API (`/api/v1`, documented in docs/api.md). Field names here
//! are a promise to other newsrooms: they change only with a new version prefix. This file
//! holds the JSON answer and its errors; the handlers and shapes sit beside it.

mod cors;
mod fact_checks;
mod lists;
mod views;

pub use cors::answers;
pub use fact_checks::{fact_check, fact_checks};
pub use lists::{claimants, ratings};

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
