//! `/api/v1/changes`: the change feed a client keeps an exact copy by. Every fact-check
//! readers can see that was published, saved, corrected, updated or retracted since a time
//! (or after a change already read), oldest change first, in full; `resume` is where to
//! ask next time.

use super::views::{Detail, detail};
use super::{ApiError, json};
use crate::db::changes::{self, ChangePoint, Changes};
use crate::domain::{Day, Moment};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Query;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::Serialize;
use utoipa::ToSchema;

/// Fact-checks in full on a page: each is a few kilobytes.
const CHANGES_PAGE: usize = 20;

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesQuery {
    /// A first visit: the changes made on this site at or after this time (RFC 3339) or
    /// date (midnight UTC). Without it and `after_change`, the feed from its start.
    #[param(value_type = Option<String>, format = DateTime)]
    updated_since: Option<String>,
    /// Every later visit: the changes after this change number, exactly; what `next` and
    /// `resume` carry. With `updated_since` too, the later of the two starts.
    #[param(value_type = Option<i64>, minimum = 0)]
    after_change: Option<String>,
}

/// A page of the change feed.
#[derive(Serialize, ToSchema)]
pub(super) struct ChangesPage<'a> {
    /// Fact-checks in full, oldest change first; a retracted one has `status` "retracted"
    /// and its `retraction`.
    data: Vec<ChangedFactCheck<'a>>,
    /// The next page of changes already made, or null when this page holds the last.
    next: Option<String>,
    /// Where to ask next time for the changes made after this page: keep it.
    resume: String,
}

/// A fact-check as the detail gives it, with when it changed for readers.
#[derive(Serialize, ToSchema)]
struct ChangedFactCheck<'a> {
    /// The change's number: the feed's order, and where `after_change` resumes.
    change: i64,
    /// When it changed on this site (an imported fact-check's own dates may be older).
    changed_at: String,
    #[serde(flatten)]
    fact_check: Detail<'a>,
}

/// `GET /api/v1/changes`, for the OpenAPI document.
#[utoipa::path(get, path = "/api/v1/changes", params(ChangesQuery),
    responses(
        (status = 200, description = "The fact-checks that changed since the time, oldest change first", body = ChangesPage),
        (status = 400, description = "A missing or malformed parameter", body = super::openapi::ErrorBody),
        (status = 503, description = "Too many slow reads waiting", body = super::openapi::ErrorBody),
    ))]
#[allow(dead_code)]
pub(super) fn changes_operation() {}

fn parse_time(raw: &str) -> Result<Moment, AppError> {
    Moment::parse(raw.trim())
        .or_else(|| Day::parse(raw.trim()).map(Day::start))
        .ok_or_else(|| {
            AppError::BadRequest(
                "`updated_since` must be a date (2025-06-17) or an RFC 3339 time (2025-06-17T08:00:00Z)."
                    .to_owned(),
            )
        })
}

/// `GET /api/v1/changes?updated_since=&after_change=`.
pub async fn changes(
    State(state): State<AppState>,
    query: Result<Query<ChangesQuery>, AppError>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    let after = match query.after_change.as_deref().map(str::trim) {
        None => 0,
        Some(raw) => raw.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
            AppError::BadRequest(
                "`after_change` is a change number, a whole number from 0.".to_owned(),
            )
        })?,
    };
    let from = ChangePoint {
        since: query.updated_since.as_deref().map(parse_time).transpose()?,
        after,
    };
    let Changes {
        changed,
        more,
        last,
    } = state
        .db
        .read_maybe_slow(true, move |conn| changes::changed(conn, from, CHANGES_PAGE))
        .await?;
    let after = |n: i64| state.site.url(&format!("/api/v1/changes?after_change={n}"));
    let body = ChangesPage {
        data: changed
            .iter()
            .map(|(fc, change, at)| ChangedFactCheck {
                change: *change,
                changed_at: at.rfc3339(),
                fact_check: detail(&state, fc),
            })
            .collect(),
        next: more.then(|| after(last)),
        resume: after(last),
    };
    let mut response = json(StatusCode::OK, &body);
    if let Some(next) = &body.next
        && let Ok(value) = HeaderValue::from_str(&format!("<{next}>; rel=\"next\""))
    {
        response.headers_mut().insert(header::LINK, value);
    }
    Ok(response)
}
