//! Reader pages: the latest fact-checks, verdict pages and tag listings. No sign-in, and
//! only published fact-checks exist here.
//!
//! One file per job: `verdict` (a fact-check's own page), `listings` (pages of cards and
//! the indexes that lead to them), `search`; the health check and the 404 live here.

mod authors;
mod copies;
mod listings;
mod search;
mod tips;
mod verdict;

pub use authors::author;
pub use copies::{copy, editor_copy};
pub use listings::{claimant, claimants, corrections, home, rating, ratings, tag, tags};
pub use search::search;
pub use tips::{HONEYPOT, report_form, send_report, send_tip, thanks_page, tip_form};
pub use verdict::{Showing, compared_texts, fact_check, verdict_html};

use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.read(crate::db::ratings::count) {
        Ok(_) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}
