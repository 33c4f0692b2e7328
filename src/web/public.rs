//! Reader pages: the latest fact-checks, verdict pages and tag listings. No sign-in, and
//! only published fact-checks exist here.

use super::meta::Meta;
use super::rendered::{self, RenderedPage};
use super::{Pager, PathText, caching, claim_review, is_deep, page_number};
use crate::app::AppState;
use crate::db::{claimants, fact_checks, ratings, search, settings, tags};
use crate::domain::SearchQuery;
use crate::domain::markdown::to_safe_html;
use crate::domain::{FactCheckCard, FactCheckPage, ListedCorrection, Rating};
use crate::error::{AppError, AppResult, render};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

#[derive(Template)]
#[template(path = "public/home.html")]
struct HomePage {
    meta: Meta,
    cards: Vec<FactCheckCard>,
    pager: Pager,
}

pub async fn home(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> AppResult<Html<String>> {
    let page = page_number(query.as_deref())?;
    let per_page = state.per_page;
    let listing = state
        .db
        .read_maybe_slow(is_deep(page), move |conn| {
            fact_checks::latest_published(conn, page, per_page)
        })
        .await?;
    if page > 1 && listing.cards.is_empty() {
        return Err(AppError::NotFound);
    }
    let description = format!(
        "The latest fact-checks from {}: claims checked against published evidence, every source cited.",
        state.site.name
    );
    render(&HomePage {
        meta: Meta::listing(&state.site, "Latest fact-checks", &description, "/", page),
        cards: listing.cards,
        pager: Pager {
            path: "/".to_owned(),
            page,
            has_more: listing.has_more,
        },
    })
}

#[derive(Template)]
#[template(path = "public/fact_check.html")]
struct VerdictPage {
    meta: Meta,
    fc: FactCheckPage,
    /// ClaimReview JSON-LD; absent for a retracted fact-check, whose verdict no longer stands.
    claim_review: Option<String>,
}

pub async fn fact_check(
    State(state): State<AppState>,
    PathText(slug): PathText,
) -> AppResult<Response> {
    // No await from here on: the copy is looked up and kept on the same thread (see
    // `rendered`).
    let version = state.db.data_version()?;
    if let Some(page) = rendered::verdict(version, &state.site, &slug) {
        return Ok(verdict_response(page));
    }
    let fc = state
        .db
        .read(|conn| fact_checks::published_page(conn, &slug))?
        .ok_or(AppError::NotFound)?;
    let claim_review = (fc.status.is_published()).then(|| claim_review::json_ld(&fc, &state.site));
    let description = match &fc.retraction_note {
        Some(note) if !fc.status.is_published() => format!("Retracted. {note}"),
        _ => format!("Rating: {}. {}", fc.rating.label, fc.summary),
    };
    let meta = Meta::page(
        &state.site,
        format!("Fact Check: {}", fc.headline),
        &description,
        &format!("/fact-checks/{}", fc.slug),
    )
    .article();
    let Html(html) = render(&VerdictPage {
        meta,
        fc,
        claim_review,
    })?;
    let html = Bytes::from(html);
    let page = RenderedPage {
        etag: caching::etag_of(&html),
        html,
    };
    rendered::keep_verdict(version, &state.site, &slug, page.clone());
    Ok(verdict_response(page))
}

/// A verdict page with its ETag already known, so `caching` need not hash it again.
fn verdict_response(page: RenderedPage) -> Response {
    let mut response = Html(page.html).into_response();
    response.headers_mut().insert(header::ETAG, page.etag);
    response
}

#[derive(Template)]
#[template(path = "public/tag.html")]
struct TagPage {
    meta: Meta,
    tag: String,
    cards: Vec<FactCheckCard>,
    pager: Pager,
}

pub async fn tag(
    State(state): State<AppState>,
    PathText(tag): PathText,
    RawQuery(query): RawQuery,
) -> AppResult<Html<String>> {
    let page = page_number(query.as_deref())?;
    let per_page = state.per_page;
    let (name, listing) = state
        .db
        .read_maybe_slow(is_deep(page), move |conn| {
            fact_checks::published_with_tag(conn, &tag, page, per_page)
        })
        .await?;
    // A tag with nothing published is not something readers can see.
    let name = name.ok_or(AppError::NotFound)?;
    let path = crate::domain::tag_path(&name);
    let meta = Meta::listing(
        &state.site,
        format!("Fact-checks tagged #{name}"),
        &format!("Fact-checks about #{name}, newest first."),
        &path,
        page,
    )
    .with_feed(
        format!("#{name}: latest fact-checks"),
        format!("{path}/feed.atom"),
    );
    render(&TagPage {
        meta,
        tag: name,
        cards: listing.cards,
        pager: Pager {
            path,
            page,
            has_more: listing.has_more,
        },
    })
}

#[derive(Template)]
#[template(path = "public/corrections.html")]
struct CorrectionsPage {
    meta: Meta,
    policy_html: String,
    corrections: Vec<ListedCorrection>,
    pager: Pager,
}

pub async fn corrections(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> AppResult<Html<String>> {
    let page = page_number(query.as_deref())?;
    let per_page = state.per_page;
    // Even the first page reads every correction's fact-check (27 ms on 100,000).
    let (policy, (corrections, has_more)) = state
        .db
        .read_slow(move |conn| {
            Ok((
                settings::get(conn, settings::CORRECTIONS_POLICY)?,
                fact_checks::corrections(conn, page, per_page)?,
            ))
        })
        .await?;
    if page > 1 && corrections.is_empty() {
        return Err(AppError::NotFound);
    }
    render(&CorrectionsPage {
        meta: Meta::listing(
            &state.site,
            "Corrections and updates",
            "Every correction and update made to a published fact-check, newest first, and the policy behind them.",
            "/corrections",
            page,
        ),
        policy_html: to_safe_html(&policy),
        corrections,
        pager: Pager {
            path: "/corrections".to_owned(),
            page,
            has_more,
        },
    })
}

#[derive(Template)]
#[template(path = "public/search.html")]
struct SearchPage {
    meta: Meta,
    /// The words as typed, shown back in the box.
    typed: String,
    /// Nothing searchable was typed: show the form alone.
    searched: bool,
    rating: String,
    tag: String,
    ratings: Vec<Rating>,
    cards: Vec<FactCheckCard>,
    pager: Pager,
    /// Why the words typed were not searched (too costly), shown beside the box.
    refusal: Option<String>,
}

/// `GET /search?q=&rating=&tag=&page=`: published fact-checks, best match first. Runs on
/// the slow-read pool within the search budget; a search too costly to run answers 422
/// with the reason beside the box.
pub async fn search(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let raw = query.as_deref();
    let page = page_number(raw)?;
    let value = |name| {
        super::form::query_value(raw, name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let (typed, rating, tag) = (value("q"), value("rating"), value("tag"));
    let (searched, mut refusal) = match SearchQuery::parse(&typed) {
        Ok(searched) => (searched, None),
        Err(why) => (None, Some(why)),
    };
    let filters = fact_checks::ListFilters {
        rating: (!rating.is_empty()).then(|| rating.clone()),
        tag: (!tag.is_empty()).then(|| tag.trim_start_matches('#').to_owned()),
        ..Default::default()
    };
    let (per_page, budget) = (state.per_page, state.search_budget);
    // Only a search goes to the slow-read threads: a refused one, like the empty form,
    // reads the rating list alone and must not take a searcher's place in the queue.
    let (ratings, searched, hits) = state
        .db
        .read_maybe_slow(searched.is_some(), move |conn| {
            let ratings = ratings::all(conn)?;
            let hits = match &searched {
                Some(q) => match search::published(conn, q, &filters, page, per_page, budget) {
                    Err(AppError::TooBroad(why)) => Err(why),
                    found => Ok(found?),
                },
                None => Ok((Vec::new(), false)),
            };
            Ok((ratings, searched, hits))
        })
        .await?;
    let (cards, has_more) = hits.unwrap_or_else(|why| {
        refusal = Some(why);
        (Vec::new(), false)
    });
    if !rating.is_empty() && !ratings.iter().any(|r| r.slug == rating) {
        return Err(AppError::BadRequest(
            "There is no such rating; choose one from the list.".to_owned(),
        ));
    }
    let path = format!(
        "/search?{}",
        form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &typed)
            .append_pair("rating", &rating)
            .append_pair("tag", &tag)
            .finish()
    );
    let status = match refusal {
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
        None => StatusCode::OK,
    };
    let page = render(&SearchPage {
        meta: Meta::page(
            &state.site,
            "Search fact-checks",
            "Search published fact-checks by words, rating and topic.",
            "/search",
        )
        .not_indexed(),
        searched: searched.is_some() && refusal.is_none(),
        typed: searched.map(|q| q.text).unwrap_or(typed),
        rating,
        tag,
        ratings,
        cards,
        pager: Pager {
            path,
            page,
            has_more,
        },
        refusal,
    })?;
    Ok((status, page).into_response())
}

pub async fn healthz(State(state): State<AppState>) -> Response {
    let answer = state.db.read(|conn| {
        Ok(conn
            .prepare_cached("SELECT count(*) FROM ratings")?
            .query_row([], |row| row.get::<_, i64>(0))?)
    });
    match answer {
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

#[derive(Template)]
#[template(path = "public/ratings.html")]
struct RatingsPage {
    meta: Meta,
    ratings: Vec<(Rating, i64)>,
}

pub async fn ratings(State(state): State<AppState>) -> AppResult<Html<String>> {
    let ratings = state.db.read_slow(ratings::ratings_with_counts).await?;
    let description = format!(
        "The {} rating scale: what each rating means and how many fact-checks carry it.",
        state.site.name
    );
    render(&RatingsPage {
        meta: Meta::page(&state.site, "Ratings", &description, "/ratings"),
        ratings,
    })
}

#[derive(Template)]
#[template(path = "public/rating.html")]
struct RatingPage {
    meta: Meta,
    rating: Rating,
    cards: Vec<FactCheckCard>,
    pager: Pager,
}

pub async fn rating(
    State(state): State<AppState>,
    PathText(slug): PathText,
    RawQuery(query): RawQuery,
) -> AppResult<Html<String>> {
    let page = page_number(query.as_deref())?;
    let per_page = state.per_page;
    let (rating, listing) = state
        .db
        .read_maybe_slow(is_deep(page), move |conn| {
            fact_checks::published_with_rating(conn, &slug, page, per_page)
        })
        .await?;
    let rating = rating.ok_or(AppError::NotFound)?;
    if page > 1 && listing.cards.is_empty() {
        return Err(AppError::NotFound);
    }
    let path = format!("/ratings/{}", rating.slug);
    render(&RatingPage {
        meta: Meta::listing(
            &state.site,
            format!("Fact-checks rated {}", rating.label),
            &rating.definition,
            &path,
            page,
        ),
        pager: Pager {
            path,
            page,
            has_more: listing.has_more,
        },
        rating,
        cards: listing.cards,
    })
}

#[derive(Template)]
#[template(path = "public/tags.html")]
struct TagsPage {
    meta: Meta,
    tags: Vec<(String, i64)>,
}

pub async fn tags(State(state): State<AppState>) -> AppResult<Html<String>> {
    let tags = state.db.read_slow(tags::tags_with_counts).await?;
    render(&TagsPage {
        meta: Meta::page(
            &state.site,
            "Topics",
            "Every topic our fact-checks are tagged with, and how many carry each.",
            "/tags",
        ),
        tags,
    })
}

#[derive(Template)]
#[template(path = "public/claimants.html")]
struct ClaimantsPage {
    meta: Meta,
    claimants: Vec<claimants::ClaimantSummary>,
}

pub async fn claimants(State(state): State<AppState>) -> AppResult<Html<String>> {
    let claimants = state.db.read_slow(claimants::claimants_with_counts).await?;
    render(&ClaimantsPage {
        meta: Meta::page(
            &state.site,
            "Claimants",
            "Who made the claims we checked, and how many of each one's claims we rated.",
            "/claimants",
        ),
        claimants,
    })
}

#[derive(Template)]
#[template(path = "public/claimant.html")]
struct ClaimantPage {
    meta: Meta,
    name: String,
    scorecard: Vec<(Rating, i64)>,
    cards: Vec<FactCheckCard>,
    pager: Pager,
}

pub async fn claimant(
    State(state): State<AppState>,
    PathText(slug): PathText,
    RawQuery(query): RawQuery,
) -> AppResult<Html<String>> {
    let page = page_number(query.as_deref())?;
    let claimants::ClaimantRecord {
        name,
        scorecard,
        listing,
    } = {
        // The scorecard counts every fact-check of the claimant, however many.
        let (slug, per_page) = (slug.clone(), state.per_page);
        state
            .db
            .read_slow(move |conn| claimants::claimant_page(conn, &slug, page, per_page))
            .await?
            .ok_or(AppError::NotFound)?
    };
    // Someone with nothing published is not someone readers can look up.
    if listing.cards.is_empty() {
        return Err(AppError::NotFound);
    }
    let path = format!("/claimants/{slug}");
    let tally: Vec<String> = scorecard
        .iter()
        .map(|(rating, n)| format!("{n} {}", rating.label))
        .collect();
    let meta = Meta::listing(
        &state.site,
        format!("Claims by {name}"),
        &format!("Checked claims by {name}: {}.", tally.join(", ")),
        &path,
        page,
    )
    .with_feed(format!("Claims by {name}"), format!("{path}/feed.atom"));
    render(&ClaimantPage {
        meta,
        name,
        scorecard,
        cards: listing.cards,
        pager: Pager {
            path,
            page,
            has_more: listing.has_more,
        },
    })
}
