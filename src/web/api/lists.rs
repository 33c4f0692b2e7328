//! `/api/v1/claimants` and `/api/v1/ratings`: the aggregates, with their counts.

use super::{ApiError, ListPage, list_page};
use crate::db::{claimants, ratings};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::{ApiPage, ClaimantsQuery, Query};
use axum::extract::State;
use axum::response::Response;
use serde::Serialize;
use utoipa::ToSchema;

/// Claimants or ratings a page: a page of names is a few kilobytes of JSON.
const API_LIST_PAGE: usize = 100;

/// A claimant with how many live fact-checks check their claims.
#[derive(Serialize, ToSchema)]
pub(super) struct ClaimantEntry<'a> {
    name: &'a str,
    slug: &'a str,
    /// "person" or "organization".
    #[schema(value_type = String)]
    kind: &'static str,
    same_as: Option<&'a str>,
    /// The claimant's page on the site.
    url: String,
    fact_checks: i64,
}

/// `GET /api/v1/claimants`, for the OpenAPI document.
#[utoipa::path(get, path = "/api/v1/claimants",
    params(
        ("q" = Option<String>, Query, description = "Only claimants whose name begins with this (any case, at most 120 characters)"),
        ("after" = Option<String>, Query, description = "Continue after this claimant (a slug): what `next` carries"),
    ),
    responses(
        (status = 200, description = "A page of claimants by name", body = ListPage<ClaimantEntry>),
        (status = 400, description = "A malformed parameter", body = super::openapi::ErrorBody),
        (status = 503, description = "Too many slow reads waiting", body = super::openapi::ErrorBody),
    ))]
#[allow(dead_code)]
pub(super) fn claimants_operation() {}

/// `GET /api/v1/claimants?q=&after=`: everyone with a published fact-check, by name, a
/// page at a time (`next` continues after the page's last claimant), narrowed to names
/// starting with `q`.
pub async fn claimants(
    State(state): State<AppState>,
    query: Result<Query<ClaimantsQuery>, AppError>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    let (typed, after) = query.read()?;
    let per_page = API_LIST_PAGE;
    let (claimants, has_more) = state
        .db
        .read(|conn| claimants::claimants_page(conn, &typed, after.as_deref(), per_page))?
        .ok_or_else(|| AppError::BadRequest(ClaimantsQuery::LOST.into()))?;
    let next = claimants.last().filter(|_| has_more).map(|last| {
        state.site.url(&ClaimantsQuery::next(
            "/api/v1/claimants",
            &typed,
            &last.slug,
        ))
    });
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
    // Forward only: a client pages a list of names from its start, or from a prefix.
    Ok(list_page(&ListPage {
        data,
        page: None,
        total: None,
        next,
        prev: None,
    }))
}

/// A rating of the scale with how many live fact-checks carry it.
#[derive(Serialize, ToSchema)]
pub(super) struct RatingEntry<'a> {
    slug: &'a str,
    label: &'a str,
    /// 1 (worst) to 5 (best); null off the scale (Satire…).
    value: Option<i64>,
    definition: &'a str,
    fact_checks: i64,
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RatingsQuery {
    /// Page number, from 1 (a scale fits on the first).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100000)]
    page: Option<ApiPage>,
}

/// `GET /api/v1/ratings`, for the OpenAPI document.
#[utoipa::path(get, path = "/api/v1/ratings", params(RatingsQuery),
    responses(
        (status = 200, description = "The rating scale, best first", body = ListPage<RatingEntry>),
        (status = 400, description = "A malformed parameter", body = super::openapi::ErrorBody),
    ))]
#[allow(dead_code)]
pub(super) fn ratings_operation() {}

/// `GET /api/v1/ratings?page=`: the scale, best first, with counts.
pub async fn ratings(
    State(state): State<AppState>,
    query: Result<Query<RatingsQuery>, AppError>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    let page = query.page.map_or(1, |p| p.0.0);
    let ratings = state.db.read(ratings::ratings_with_counts)?;
    let total = ratings.len();
    let start = (page - 1).saturating_mul(API_LIST_PAGE).min(total);
    let end = start.saturating_add(API_LIST_PAGE).min(total);
    let at = |n: usize| state.site.url(&format!("/api/v1/ratings?page={n}"));
    let data: Vec<RatingEntry<'_>> = ratings[start..end]
        .iter()
        .map(|(r, n)| RatingEntry {
            slug: &r.slug,
            label: &r.label,
            value: r.value,
            definition: &r.definition,
            fact_checks: *n,
        })
        .collect();
    Ok(list_page(&ListPage {
        data,
        page: Some(page),
        total: i64::try_from(total).ok(),
        next: (end < total).then(|| at(page + 1)),
        prev: (page > 1).then(|| at(page - 1)),
    }))
}
