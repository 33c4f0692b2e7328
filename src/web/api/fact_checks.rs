//! `/api/v1/fact-checks`: the filtered or searched list, and one fact-check in full.

use super::views::{ListPage, detail, item};
use super::{ApiError, json};
use crate::db::fact_checks::{self, ListFilters};
use crate::db::{ratings, search};
use crate::domain::{Day, ListingPosition, Moment, SearchQuery};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::PathText;
use crate::web::form::{PageNumber, Query};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

/// A filtered list that passed over too many rows to fill its page.
const FILTERS_TOO_NARROW: &str = "These filters together match too few of the fact-checks any one of them \
     picks to be listed quickly: drop a filter, or search with `q`.";

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
    page: Option<PageNumber>,
    /// A keyset cursor: the list continues after (older than) this fact-check.
    before: Option<String>,
    tag: Option<String>,
    rating: Option<String>,
    claimant: Option<String>,
    since: Option<String>,
    q: Option<String>,
}

/// `GET /api/v1/fact-checks?tag=&rating=&claimant=&q=&since=&before=`: newest first, a page
/// at a time from the cursor in `next`; or with `q` in the search's order
/// (see `db::search`), by `page`.
pub async fn fact_checks(
    State(state): State<AppState>,
    query: Result<Query<ApiListQuery>, AppError>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    let value = |v: Option<String>| v.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let filters = ListFilters {
        tag: value(query.tag).map(|t| t.trim_start_matches('#').to_owned()),
        rating: value(query.rating),
        claimant: value(query.claimant),
        since: value(query.since).as_deref().map(parse_since).transpose()?,
    };
    // An empty `q=` is a search for nothing, not the whole list (as docs/api.md says).
    if query.q.as_deref().is_some_and(|q| q.trim().is_empty()) {
        return Err(AppError::BadRequest("`q` holds no word to search for.".to_owned()).into());
    }
    let q = value(query.q);
    let searched = match q.as_deref().map(SearchQuery::parse) {
        Some(Ok(None)) => {
            return Err(AppError::BadRequest("`q` holds no word to search for.".to_owned()).into());
        }
        Some(Err(why)) => return Err(AppError::BadRequest(why).into()),
        Some(Ok(Some(q))) => Some(q),
        None => None,
    };
    // A search pages by number within its bounded window; a list by cursor, with page
    // numbers only near the top.
    let position = match (&searched, query.before.as_deref()) {
        (Some(_), Some(_)) => {
            return Err(AppError::BadRequest(
                "`before` continues a list without `q`; a search goes on with `page`.".to_owned(),
            )
            .into());
        }
        (Some(_), None) => ListingPosition::Page(query.page.map_or(1, |p| p.0)),
        (None, before) => ListingPosition::parse(query.page.map(|p| p.0), before, None)
            .map_err(AppError::BadRequest)?,
    };
    let page = position.page();
    let is_search = searched.is_some();
    let (per_page, budget) = (state.per_page, state.search_budget);
    // A search, or a filter that may have to pass over many rows to fill a page.
    let slow = searched.is_some()
        || filters.tag.is_some()
        || filters.rating.is_some()
        || filters.claimant.is_some()
        || filters.since.is_some();
    let several = [&filters.tag, &filters.claimant, &filters.rating]
        .iter()
        .filter(|f| f.is_some())
        .count()
        > 1;
    let read = {
        let filters = filters.clone();
        move |conn: &rusqlite::Connection| {
            let known = match &filters.rating {
                Some(slug) => ratings::all(conn)?.iter().any(|r| &r.slug == slug),
                None => true,
            };
            // Refused before any listing: no rating would match, and the list would pass
            // over every live row finding that out.
            if !known {
                return Ok((false, None));
            }
            let found = match &searched {
                Some(q) => {
                    let page = position.page().unwrap_or(1);
                    Some(search::published(
                        conn, q, &filters, page, per_page, budget,
                    )?)
                }
                // Filters that share few rows could pass over all of one filter's rows
                // (one filter seeks its own): the walk gets the search's budget.
                None if several => search::within_budget(conn, budget, |conn| {
                    fact_checks::live_page(conn, &filters, &position, per_page)
                })
                .map_err(|e| match e {
                    AppError::TooBroad(_) => AppError::TooBroad(FILTERS_TOO_NARROW.to_owned()),
                    other => other,
                })?
                .map(|listing| (listing.cards, listing.has_more)),
                None => fact_checks::live_page(conn, &filters, &position, per_page)?
                    .map(|listing| (listing.cards, listing.has_more)),
            };
            Ok((known, found))
        }
    };
    let (known_rating, found) = state.db.read_maybe_slow(slow, read).await?;
    if !known_rating {
        return Err(AppError::BadRequest(
            "`rating` is not a rating slug; GET /api/v1/ratings lists them.".to_owned(),
        )
        .into());
    }
    // A cursor that names no fact-check readers have seen.
    let (cards, has_more) = found.ok_or(AppError::NotFound)?;
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
        match (is_search, cards.last()) {
            (true, _) | (false, None) => {
                next.append_pair("page", &(page.unwrap_or(1) + 1).to_string())
            }
            (false, Some(last)) => next.append_pair("before", &last.slug),
        };
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
