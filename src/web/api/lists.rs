//! `/api/v1/claimants` and `/api/v1/ratings`: the aggregates, with their counts.

use super::{ApiError, json};
use crate::db::{claimants, ratings};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

#[derive(Serialize)]
struct ClaimantEntry<'a> {
    name: &'a str,
    slug: &'a str,
    kind: &'static str,
    same_as: Option<&'a str>,
    url: String,
    fact_checks: i64,
}

/// `GET /api/v1/claimants`: everyone with a published fact-check, by name.
pub async fn claimants(State(state): State<AppState>) -> Result<Response, ApiError> {
    let claimants = state.db.read_slow(claimants::claimants_with_counts).await?;
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
    Ok(json(StatusCode::OK, &serde_json::json!({ "data": data })))
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
