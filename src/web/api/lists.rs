//! `/api/v1/claimants` and `/api/v1/ratings`: the aggregates, with their counts.

use super::{ApiError, json};
use crate::db::{claimants, ratings};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::{ClaimantsQuery, Query};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

/// Claimants a page: a page of names is a few kilobytes of JSON.
const API_CLAIMANTS_PAGE: usize = 100;

#[derive(Serialize)]
struct ClaimantEntry<'a> {
    name: &'a str,
    slug: &'a str,
    kind: &'static str,
    same_as: Option<&'a str>,
    url: String,
    fact_checks: i64,
}

/// `GET /api/v1/claimants?q=&after=`: everyone with a published fact-check, by name, a
/// page at a time (`next` continues after the page's last claimant), narrowed to names
/// starting with `q`.
pub async fn claimants(
    State(state): State<AppState>,
    query: Result<Query<ClaimantsQuery>, AppError>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    let (typed, after) = query.read()?;
    let per_page = API_CLAIMANTS_PAGE;
    let (claimants, has_more) = state
        .db
        .read(|conn| claimants::claimants_page(conn, &typed, after.as_deref(), per_page))?
        .ok_or_else(|| AppError::BadRequest(ClaimantsQuery::LOST.into()))?;
    let next = claimants
        .last()
        .filter(|_| has_more)
        .map(|last| ClaimantsQuery::next("/api/v1/claimants", &typed, &last.slug));
    let data: Vec<ClaimantEntry<'_>> = claimants
        .iter()
        .map(|c| ClaimantEntry {
            name: &c.name,
            slug: &c.slug,
            kind: c.kind.as_str(),
            same_as: c.url.as_deref(),
            url: state.site.url(&format!("/claimants/{}", c.slug)),
            fact_checks: c.checked,
        })
        .collect();
    Ok(json(
        StatusCode::OK,
        &serde_json::json!({ "data": data, "next": next }),
    ))
}

#[derive(Serialize)]
struct RatingEntry<'a> {
    slug: &'a str,
    label: &'a str,
    value: Option<i64>,
    definition: &'a str,
    fact_checks: i64,
}

/// `GET /api/v1/ratings`: the scale, best first, with counts.
pub async fn ratings(State(state): State<AppState>) -> Result<Response, ApiError> {
    let ratings = state.db.read(ratings::ratings_with_counts)?;
    let data: Vec<RatingEntry<'_>> = ratings
        .iter()
        .map(|(r, n)| RatingEntry {
            slug: &r.slug,
            label: &r.label,
            value: r.value,
            definition: &r.definition,
            fact_checks: *n,
        })
        .collect();
    Ok(json(StatusCode::OK, &serde_json::json!({ "data": data })))
}
