//! `/api/v1/fact-checks`: the filtered or searched list, and one fact-check in full.

use super::views::{Detail, Item, detail, item};
use super::{ApiError, ListPage, json, list_page};
use crate::db::fact_checks::{self, ListFilters};
use crate::db::{ratings, search};
use crate::domain::{Day, ListingPosition, Moment, SearchQuery, TagLookup};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::PathText;
use crate::web::form::{ApiPage, Query};
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

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApiListQuery {
    /// Page number: 1 to 5 for the list, further for a search.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100000)]
    page: Option<ApiPage>,
    /// Continue after (older than) the fact-check with this slug: what `next` carries.
    before: Option<String>,
    /// Continue before (newer than) the fact-check with this slug: what `prev` carries.
    after: Option<String>,
    /// Only fact-checks with this topic tag (any letter case, `#` optional).
    tag: Option<String>,
    /// Only this rating, by slug (see /api/v1/ratings).
    rating: Option<String>,
    /// Only claims by this claimant, by slug (see /api/v1/claimants).
    claimant: Option<String>,
    /// Only those published at or after this date (2025-06-17) or RFC 3339 time.
    since: Option<String>,
    /// Words to search for, as on the site's search page.
    q: Option<String>,
    /// Not taken here: the change feed is /api/v1/changes.
    #[param(ignore)]
    updated_since: Option<String>,
}

/// `GET /api/v1/fact-checks`, for the OpenAPI document.
#[utoipa::path(get, path = "/api/v1/fact-checks", params(ApiListQuery),
    responses(
        (status = 200, description = "A page of published fact-checks, newest first", body = ListPage<Item>),
        (status = 400, description = "A malformed parameter", body = super::openapi::ErrorBody),
        (status = 404, description = "A cursor that names no fact-check readers have seen", body = super::openapi::ErrorBody),
        (status = 503, description = "Too many slow reads waiting", body = super::openapi::ErrorBody),
    ))]
#[allow(dead_code)]
pub(super) fn list_operation() {}

/// `GET /api/v1/fact-checks/{slug}`, for the OpenAPI document.
#[utoipa::path(get, path = "/api/v1/fact-checks/{slug}",
    params(("slug" = String, Path, description = "The fact-check's address name")),
    responses(
        (status = 200, description = "The fact-check in full", body = Detail),
        (status = 301, description = "The fact-check moved to a new slug (Location)"),
        (status = 404, description = "No published fact-check at this slug", body = super::openapi::ErrorBody),
    ))]
#[allow(dead_code)]
pub(super) fn detail_operation() {}

/// `GET /api/v1/fact-checks?tag=&rating=&claimant=&q=&since=&before=`: newest first, a page
/// at a time from the cursor in `next`; or with `q` in the search's order
/// (see `db::search`), by `page`.
pub async fn fact_checks(
    State(state): State<AppState>,
    query: Result<Query<ApiListQuery>, AppError>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    if query.updated_since.is_some() {
        return Err(AppError::BadRequest(
            "`updated_since` belongs to the change feed: GET /api/v1/changes?updated_since=…"
                .to_owned(),
        )
        .into());
    }
    let value = |v: Option<String>| v.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let filters = ListFilters {
        tag: value(query.tag).map(|t| TagLookup::new(&t)),
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
        Some(Err(why)) => return Err(AppError::BadRequest(why.to_string()).into()),
        Some(Ok(Some(q))) => Some(q),
        None => None,
    };
    // A search pages by number within its bounded window; a list by cursor, with page
    // numbers only near the top.
    let cursor = query.before.is_some() || query.after.is_some();
    let position = match &searched {
        Some(_) if cursor => {
            return Err(AppError::BadRequest(
                "`before` and `after` continue a list without `q`; a search goes on with `page`."
                    .to_owned(),
            )
            .into());
        }
        Some(_) => ListingPosition::Page(query.page.map_or(1, |p| p.0.0)),
        None => ListingPosition::parse(
            query.page.map(|p| p.0.0),
            query.before.as_deref(),
            query.after.as_deref(),
        )
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
    let several = [
        filters.tag.is_some(),
        filters.claimant.is_some(),
        filters.rating.is_some(),
    ]
    .into_iter()
    .filter(|given| *given)
    .count()
        > 1;
    let read = {
        let filters = filters.clone();
        let position = position.clone();
        move |conn: &rusqlite::Connection| {
            let known = match &filters.rating {
                Some(slug) => ratings::all(conn)?.iter().any(|r| &r.slug == slug),
                None => true,
            };
            // Refused before any listing: no rating would match, and the list would pass
            // over every live row finding that out.
            if !known {
                return Ok((false, None, None));
            }
            let total = match searched {
                Some(_) => None,
                None => fact_checks::live_total(conn, &filters)?,
            };
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
            Ok((known, found, total))
        }
    };
    let (known_rating, found, total) = state.db.read_maybe_slow(slow, read).await?;
    if !known_rating {
        return Err(AppError::BadRequest(
            "`rating` is not a rating slug; GET /api/v1/ratings lists them.".to_owned(),
        )
        .into());
    }
    // A cursor that names no fact-check readers have seen.
    let (cards, has_more) = found.ok_or(AppError::NotFound)?;
    let link = |name: &str, value: &str| {
        let mut to = form_urlencoded::Serializer::new(String::new());
        for (key, kept) in [
            ("tag", &filters.tag.as_ref().map(|t| t.typed().to_owned())),
            ("rating", &filters.rating),
            ("claimant", &filters.claimant),
            ("q", &q),
        ] {
            if let Some(kept) = kept {
                to.append_pair(key, kept);
            }
        }
        if let Some(since) = filters.since {
            to.append_pair("since", &since.rfc3339());
        }
        if !(name == "page" && value == "1") {
            to.append_pair(name, value);
        }
        let query = to.finish();
        let join = if query.is_empty() { "" } else { "?" };
        state.site.url(&format!("/api/v1/fact-checks{join}{query}"))
    };
    let (next, prev) = match (&position, cards.first().zip(cards.last())) {
        // A search, or the numbered pages at the top of a list.
        (ListingPosition::Page(n), ends) => {
            // A list goes on by cursor, a search by number within its window.
            let next = match ends {
                Some((_, last)) if has_more && !is_search => Some(link("before", &last.slug)),
                Some(_) if has_more => Some(link("page", &(n + 1).to_string())),
                _ => None,
            };
            (next, (*n > 1).then(|| link("page", &(n - 1).to_string())))
        }
        (ListingPosition::Before(_), Some((first, last))) => (
            has_more.then(|| link("before", &last.slug)),
            Some(link("after", &first.slug)),
        ),
        (ListingPosition::After(_), Some((first, last))) => (
            Some(link("before", &last.slug)),
            has_more.then(|| link("after", &first.slug)),
        ),
        (_, None) => (None, None),
    };
    let body = ListPage {
        data: cards.iter().map(|c| item(&state, c)).collect(),
        page,
        total,
        next,
        prev,
    };
    Ok(list_page(&body))
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
