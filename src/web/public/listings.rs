//! Pages of published fact-checks (latest, by tag, rating or claimant, corrections) and the
//! indexes of ratings, tags and claimants.

use crate::db::{claimants, fact_checks, ratings, settings, tags};
use crate::domain::markdown::to_safe_html;
use crate::domain::{FactCheckCard, ListedCorrection, Rating, limits};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::web::form::{Paged, Query};
use crate::web::meta::Meta;
use crate::web::{Pager, PathText, is_deep};
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use rusqlite::Connection;

/// Page `page` of a listing read by `read(conn, page, per_page)`; deep pages go to the slow-read
/// threads (see `is_deep`).
async fn read_listing<T: Send + 'static>(
    state: &AppState,
    page: usize,
    read: impl FnOnce(&Connection, usize, usize) -> Result<T, AppError> + Send + 'static,
) -> AppResult<T> {
    let per_page = state.per_page;
    state
        .db
        .read_maybe_slow(is_deep(page), move |conn| read(conn, page, per_page))
        .await
}

#[derive(Template)]
#[template(path = "public/home.html")]
struct HomePage {
    meta: Meta,
    cards: Vec<FactCheckCard>,
    pager: Pager,
}

pub async fn home(
    State(state): State<AppState>,
    Query(Paged { page }): Query<Paged>,
) -> AppResult<Html<String>> {
    let page = page.0;
    let listing = read_listing(&state, page, fact_checks::latest_published).await?;
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
        pager: Pager::new("/", page, listing.has_more),
    })
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
    Query(Paged { page }): Query<Paged>,
) -> AppResult<Html<String>> {
    let page = page.0;
    let (name, listing) = read_listing(&state, page, move |conn, page, per_page| {
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
        pager: Pager::new(path, page, listing.has_more),
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
    Query(Paged { page }): Query<Paged>,
) -> AppResult<Html<String>> {
    let page = page.0;
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
        pager: Pager::new("/corrections", page, has_more),
    })
}

#[derive(Template)]
#[template(path = "public/ratings.html")]
struct RatingsPage {
    meta: Meta,
    ratings: Vec<(Rating, i64)>,
}

pub async fn ratings(State(state): State<AppState>) -> AppResult<Html<String>> {
    let ratings = state.db.read(ratings::ratings_with_counts)?;
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
    Query(Paged { page }): Query<Paged>,
) -> AppResult<Html<String>> {
    let page = page.0;
    let (rating, listing) = read_listing(&state, page, move |conn, page, per_page| {
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
        pager: Pager::new(path, page, listing.has_more),
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
    let tags = state.db.read(tags::tags_with_counts)?;
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
    /// The name prefix searched for, as typed (trimmed); empty for everyone.
    typed: String,
    claimants: Vec<claimants::ClaimantSummary>,
    /// Whether this page continues a list (an `after` cursor was given).
    continued: bool,
    /// The next page's address, when more follow.
    next: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct ClaimantsQuery {
    q: Option<String>,
    after: Option<String>,
}

/// A claimant's slug as the `after` cursor carries it: lowercase letters, digits and hyphens.
fn cursor_slug(after: &str) -> Option<&str> {
    let fits = !after.is_empty()
        && after.len() <= 2 * limits::CLAIMANT
        && after
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    fits.then_some(after)
}

/// `GET /claimants?q=&after=`: claimants by name, a page at a time (keyset on the name, so
/// every page costs what the first does), narrowed to names that start with `q`.
pub async fn claimants(
    State(state): State<AppState>,
    Query(query): Query<ClaimantsQuery>,
) -> AppResult<Html<String>> {
    let typed = query.q.unwrap_or_default().trim().to_owned();
    if typed.chars().count() > limits::CLAIMANT {
        return Err(AppError::BadRequest(format!(
            "A claimant’s name has at most {} characters: search for fewer.",
            limits::CLAIMANT
        )));
    }
    let after = match query.after.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(after) => Some(cursor_slug(after).ok_or_else(|| {
            AppError::BadRequest("The list cannot continue after that: start again.".into())
        })?),
    };
    let per_page = state.per_page;
    let (list, has_more) = state
        .db
        .read(|conn| claimants::claimants_page(conn, &typed, after, per_page))?
        .ok_or_else(|| {
            AppError::BadRequest("The list cannot continue after that: start again.".into())
        })?;
    let next = match list.last() {
        Some(last) if has_more => {
            let mut query = form_urlencoded::Serializer::new(String::new());
            if !typed.is_empty() {
                query.append_pair("q", &typed);
            }
            query.append_pair("after", &last.slug);
            Some(format!("/claimants?{}", query.finish()))
        }
        _ => None,
    };
    render(&ClaimantsPage {
        meta: Meta::page(
            &state.site,
            "Claimants",
            "Who made the claims we checked, and how many of each one's claims we rated.",
            "/claimants",
        ),
        typed,
        claimants: list,
        continued: after.is_some(),
        next,
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
    Query(Paged { page }): Query<Paged>,
) -> AppResult<Html<String>> {
    let page = page.0;
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
        pager: Pager::new(path, page, listing.has_more),
    })
}
