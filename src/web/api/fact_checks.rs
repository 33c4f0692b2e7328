//! `/api/v1/fact-checks`: the filtered or searched list, and one fact-check in full.

use super::views::{ListPage, detail, item};
use super::{ApiError, json};
use crate::db::fact_checks::{self, ListFilters};
use crate::db::{ratings, search};
use crate::domain::{Day, Moment, SearchQuery};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::PathText;
use crate::web::form::{PageNumber, Query};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

/// `since` as RFC 3339 or a plain date (midnight UTC).
fn parse_since(raw: &str) -> Result<Moment, AppError> {
    Moment::parse(raw)
        .or_else(|| Day::parse(raw).map(Day::start))
        .ok_or_else(|| {
            AppError::BadRequest(
                "`since` must be a date (2025-06-17) or an RFC 3339 time (2025-06-17T08:00:00Z)."
                    .to_owned(),
            )
        })
}

#[derive(serde::Deserialize)]
pub struct ApiListQuery {
    #[serde(default)]
    page: PageNumber,
    tag: Option<String>,
    rating: Option<String>,
    claimant: Option<String>,
    since: Option<String>,
    q: Option<String>,
}

/// `GET /api/v1/fact-checks?tag=&rating=&claimant=&q=&since=&page=`: newest first, or best
/// match first with `q`.
pub async fn fact_checks(
    State(state): State<AppState>,
    query: Result<Query<ApiListQuery>, AppError>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    let page = query.page.0;
    let value = |v: Option<String>| v.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let filters = ListFilters {
        tag: value(query.tag).map(|t| t.trim_start_matches('#').to_owned()),
        rating: value(query.rating),
        claimant: value(query.claimant),
        since: value(query.since).as_deref().map(parse_since).transpose()?,
    };
    let q = value(query.q);
    let searched = match q.as_deref().map(SearchQuery::parse) {
        Some(Ok(None)) => {
            return Err(AppError::BadRequest("`q` holds no word to search for.".to_owned()).into());
        }
        Some(Err(why)) => return Err(AppError::BadRequest(why).into()),
        Some(Ok(Some(q))) => Some(q),
        None => None,
    };
    let (per_page, budget) = (state.per_page, state.search_budget);
    // A filter may have to pass over many rows to fill a page, as may a deep page.
    let slow = searched.is_some()
        || crate::web::is_deep(page)
        || filters.tag.is_some()
        || filters.rating.is_some()
        || filters.claimant.is_some()
        || filters.since.is_some();
    let read = {
        let filters = filters.clone();
        move |conn: &rusqlite::Connection| {
            let known = match &filters.rating {
                Some(slug) => ratings::all(conn)?.iter().any(|r| &r.slug == slug),
                None => true,
            };
            let found = match &searched {
                Some(q) => search::published(conn, q, &filters, page, per_page, budget)?,
                None => {
                    let listing = fact_checks::published_filtered(conn, &filters, page, per_page)?;
                    (listing.cards, listing.has_more)
                }
            };
            Ok((known, found))
        }
    };
    let (known_rating, (cards, has_more)) = state.db.read_maybe_slow(slow, read).await?;
    if !known_rating {
        return Err(AppError::BadRequest(
            "`rating` is not a rating slug; GET /api/v1/ratings lists them.".to_owned(),
        )
        .into());
    }
    let next = has_more.then(|| {
        let mut next = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("tag", &filters.tag),
            ("rating", &filters.rating),
            ("claimant", &filters.claimant),
            ("q", &q),
        ] {
            if let Some(value) = value {
                next.append_pair(name, value);
            }
        }
        if let Some(since) = filters.since {
            next.append_pair("since", &since.rfc3339());
        }
        next.append_pair("page", &(page + 1).to_string());
        format!("/api/v1/fact-checks?{}", next.finish())
    });
    let body = ListPage {
        data: cards.iter().map(|c| item(&state, c)).collect(),
        page,
        next,
    };
    Ok(json(StatusCode::OK, &body))
}

/// `GET /api/v1/fact-checks/{slug}`: everything the verdict page shows.
pub async fn fact_check(
    State(state): State<AppState>,
    PathText(slug): PathText,
) -> Result<Response, ApiError> {
    let found = state
        .db
        .read(|conn| match fact_checks::published_page(conn, &slug)? {
            Some(fc) => Ok(Ok(fc)),
            None => Ok(Err(fact_checks::moved_to(conn, &slug)?)),
        })?;
    match found {
        Ok(fc) => Ok(json(StatusCode::OK, &detail(&state, &fc))),
        Err(Some(moved)) => {
            let to = format!("/api/v1/fact-checks/{moved}");
            Ok(crate::web::moved_permanently(&to))
        }
        Err(None) => Err(AppError::NotFound.into()),
    }
}
