//! The public, read-only JSON API (`/api/v1`, documented in docs/api.md). Field names here
//! are a promise to other newsrooms: they change only with a new version prefix.

use super::PathText;
use super::form::{PageNumber, Query};
use crate::db::fact_checks::{self, ListFilters};
use crate::db::{claimants, ratings, search};
use crate::domain::{Day, FactCheckCard, FactCheckPage, Moment, Rating, SearchQuery};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// A JSON answer. (axum's `Json` needs a feature this crate does not otherwise use.)
fn json(status: StatusCode, body: &impl Serialize) -> Response {
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

#[derive(Serialize)]
struct RatingView<'a> {
    slug: &'a str,
    label: &'a str,
    /// 1 (worst) to 5 (best); null for ratings off the scale (Satire…).
    value: Option<i64>,
}

impl<'a> From<&'a Rating> for RatingView<'a> {
    fn from(r: &'a Rating) -> Self {
        RatingView {
            slug: &r.slug,
            label: &r.label,
            value: r.value,
        }
    }
}

#[derive(Serialize)]
struct ClaimantRef<'a> {
    name: &'a str,
    slug: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    slug: &'a str,
    url: String,
    headline: &'a str,
    claim: &'a str,
    claimant: ClaimantRef<'a>,
    rating: RatingView<'a>,
    summary: &'a str,
    tags: &'a [String],
    published_at: String,
    updated_at: String,
}

#[derive(Serialize)]
struct ListPage<'a> {
    data: Vec<Item<'a>>,
    page: usize,
    /// The next page's address, or null on the last page.
    next: Option<String>,
}

fn item<'a>(state: &AppState, card: &'a FactCheckCard) -> Item<'a> {
    Item {
        slug: &card.slug,
        url: state.site.url(&format!("/fact-checks/{}", card.slug)),
        headline: &card.headline,
        claim: &card.claim_text,
        claimant: ClaimantRef {
            name: &card.claimant,
            slug: &card.claimant_slug,
        },
        rating: RatingView::from(&card.rating),
        summary: &card.summary,
        tags: &card.tags,
        published_at: card.published_at.rfc3339(),
        updated_at: card.updated_at.rfc3339(),
    }
}

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
        || super::is_deep(page)
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

#[derive(Serialize)]
struct Detail<'a> {
    slug: &'a str,
    url: String,
    /// "published", or "retracted" with `retraction`.
    status: &'a str,
    headline: &'a str,
    claim: ClaimView<'a>,
    rating: RatingView<'a>,
    summary: &'a str,
    /// The explanation as sanitized HTML.
    explanation_html: &'a str,
    sources: Vec<SourceView<'a>>,
    tags: &'a [String],
    author: &'a str,
    published_at: String,
    updated_at: String,
    corrections: Vec<CorrectionView<'a>>,
    retraction: Option<RetractionView<'a>>,
}

#[derive(Serialize)]
struct ClaimView<'a> {
    text: &'a str,
    claimant: ClaimantView<'a>,
    /// YYYY-MM-DD, or null when unknown.
    date: Option<String>,
    appearances: Vec<AppearanceView<'a>>,
}

#[derive(Serialize)]
struct ClaimantView<'a> {
    name: &'a str,
    slug: &'a str,
    /// "person" or "organization".
    kind: &'static str,
    same_as: Option<&'a str>,
}

#[derive(Serialize)]
struct AppearanceView<'a> {
    url: &'a str,
    platform: &'a str,
    date: Option<String>,
    reach: Option<&'a str>,
    archived_url: Option<&'a str>,
}

#[derive(Serialize)]
struct SourceView<'a> {
    outlet: &'a str,
    title: &'a str,
    authors: Option<&'a str>,
    date: Option<String>,
    url: Option<&'a str>,
    archived_url: Option<&'a str>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct CorrectionView<'a> {
    /// "correction" or "update".
    kind: &'a str,
    note: &'a str,
    at: String,
    rating_before: Option<&'a str>,
    rating_after: Option<&'a str>,
}

#[derive(Serialize)]
struct RetractionView<'a> {
    note: &'a str,
    at: Option<String>,
}

fn day(d: Option<Day>) -> Option<String> {
    d.map(|d| d.iso().to_string())
}

fn detail<'a>(state: &AppState, fc: &'a FactCheckPage) -> Detail<'a> {
    Detail {
        slug: &fc.slug,
        url: state.site.url(&format!("/fact-checks/{}", fc.slug)),
        status: fc.status.as_str(),
        headline: &fc.headline,
        claim: ClaimView {
            text: &fc.claim.text,
            claimant: ClaimantView {
                name: &fc.claim.claimant,
                slug: &fc.claim.claimant_slug,
                kind: fc.claim.claimant_kind.as_str(),
                same_as: fc.claim.claimant_url.as_deref(),
            },
            date: day(fc.claim.date),
            appearances: fc
                .claim
                .appearances
                .iter()
                .map(|a| AppearanceView {
                    url: &a.url,
                    platform: &a.platform,
                    date: day(a.date),
                    reach: a.reach.as_deref(),
                    archived_url: a.archived_url.as_deref(),
                })
                .collect(),
        },
        rating: RatingView::from(&fc.rating),
        summary: &fc.summary,
        explanation_html: &fc.body_html,
        sources: fc
            .sources
            .iter()
            .map(|s| SourceView {
                outlet: &s.outlet,
                title: &s.title,
                authors: s.authors.as_deref(),
                date: day(s.date),
                url: s.url.as_deref(),
                archived_url: s.archived_url.as_deref(),
                note: s.note.as_deref(),
            })
            .collect(),
        tags: &fc.tags,
        author: &fc.author,
        published_at: fc.published_at.rfc3339(),
        updated_at: fc.updated_at.rfc3339(),
        corrections: fc
            .corrections
            .iter()
            .map(|c| CorrectionView {
                kind: &c.kind,
                note: &c.note,
                at: c.created_at.rfc3339(),
                rating_before: c.old_rating.as_deref(),
                rating_after: c.new_rating.as_deref(),
            })
            .collect(),
        retraction: fc.retraction_note.as_deref().map(|note| RetractionView {
            note,
            at: fc.retracted_at.map(|m| m.rfc3339()),
        }),
    }
}

/// `GET /api/v1/fact-checks/{slug}`: everything the verdict page shows.
pub async fn fact_check(
    State(state): State<AppState>,
    PathText(slug): PathText,
) -> Result<Response, ApiError> {
    let fc = state
        .db
        .read(|conn| fact_checks::published_page(conn, &slug))?
        .ok_or(AppError::NotFound)?;
    Ok(json(StatusCode::OK, &detail(&state, &fc)))
}

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
    let ratings = state.db.read_slow(ratings::ratings_with_counts).await?;
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

/// Any other address under /api answers in JSON too.
pub async fn not_found() -> ApiError {
    ApiError(AppError::NotFound)
}
