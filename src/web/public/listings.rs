//! Pages of published fact-checks (latest, by tag, rating or claimant, corrections) and the
//! indexes of ratings, tags and claimants.

use crate::db::{claimants, fact_checks, ratings, settings, tags};
use crate::domain::markdown::to_safe_html;
use crate::domain::{FactCheckCard, ListedCorrection, ListingPosition, Rating, TagLookup};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::web::form::{ClaimantsQuery, ListingQuery, Paged, Query};
use crate::web::meta::Meta;
use crate::web::{Pager, PathText};
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use rusqlite::Connection;

/// The first and last fact-checks of a page, which its pager's cursors start from.
fn ends(cards: &[FactCheckCard]) -> Option<(&str, &str)> {
    Some((cards.first()?.slug.as_str(), cards.last()?.slug.as_str()))
}

/// A keyset listing's page at `position`, read on this thread's connection (a page costs
/// what the first one costs). A cursor naming nothing readers have seen is a 404, as is an
/// empty page below the top.
fn keyset_listing<T>(
    state: &AppState,
    position: &ListingPosition,
    read: impl FnOnce(&Connection, &ListingPosition, usize) -> Result<Option<T>, AppError>,
    cards: impl Fn(&T) -> &[FactCheckCard],
) -> AppResult<T> {
    let found = state
        .db
        .read(|conn| read(conn, position, state.per_page))?
        .ok_or(AppError::NotFound)?;
    if !position.is_first() && cards(&found).is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(found)
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
    Query(query): Query<ListingQuery>,
) -> AppResult<Html<String>> {
    let position = query.position()?;
    let listing = keyset_listing(&state, &position, fact_checks::latest_published, |l| {
        &l.cards
    })?;
    let ui = state.ui();
    let description = ui.t_with("home-description", &[("site", state.site.name.as_str())]);
    render(&HomePage {
        meta: Meta::listing_at(&state.site, ui.t("latest"), &description, "/", &position),
        pager: Pager::keyset("/", &position, ends(&listing.cards), listing.has_more),
        cards: listing.cards,
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
    Query(query): Query<ListingQuery>,
) -> AppResult<Html<String>> {
    let position = query.position()?;
    let (name, listing) = keyset_listing(
        &state,
        &position,
        |conn, position, per_page| {
            fact_checks::published_with_tag(conn, &TagLookup::new(&tag), position, per_page)
        },
        |(_, l)| &l.cards,
    )?;
    // A tag with nothing published is not something readers can see.
    if listing.cards.is_empty() {
        return Err(AppError::NotFound);
    }
    let path = crate::domain::tag_path(&name);
    let (ui, tag) = (state.ui(), [("tag", name.as_str())]);
    let meta = Meta::listing_at(
        &state.site,
        ui.t_with("tag-title", &tag),
        &ui.t_with("tag-description", &tag),
        &path,
        &position,
    )
    .with_feed(ui.t_with("tag-feed", &tag), format!("{path}/feed.atom"));
    render(&TagPage {
        meta,
        tag: name,
        pager: Pager::keyset(path, &position, ends(&listing.cards), listing.has_more),
        cards: listing.cards,
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
    // A deep page passes over every correction before it (OFFSET): slow reads.
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
    let ui = state.ui();
    render(&CorrectionsPage {
        meta: Meta::listing(
            &state.site,
            ui.t("corrections"),
            &ui.t("corrections-description"),
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
    let ui = state.ui();
    let description = ui.t_with("ratings-description", &[("site", state.site.name.as_str())]);
    render(&RatingsPage {
        meta: Meta::page(&state.site, ui.t("nav-ratings"), &description, "/ratings"),
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
    Query(query): Query<ListingQuery>,
) -> AppResult<Html<String>> {
    let position = query.position()?;
    let (rating, listing) = keyset_listing(
        &state,
        &position,
        |conn, position, per_page| {
            fact_checks::published_with_rating(conn, &slug, position, per_page)
        },
        |(_, l)| &l.cards,
    )?;
    let path = format!("/ratings/{}", rating.slug);
    let ui = state.ui();
    render(&RatingPage {
        meta: Meta::listing_at(
            &state.site,
            ui.t_with(
                "rating-title",
                &[("rating", ui.rating_label(&rating).as_str())],
            ),
            &ui.rating_definition(&rating),
            &path,
            &position,
        ),
        pager: Pager::keyset(path, &position, ends(&listing.cards), listing.has_more),
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
    let ui = state.ui();
    render(&TagsPage {
        meta: Meta::page(
            &state.site,
            ui.t("topics"),
            &ui.t("topics-description"),
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

/// `GET /claimants?q=&after=`: claimants by name, a page at a time (keyset on the name, so
/// every page costs what the first does), narrowed to names that start with `q`.
pub async fn claimants(
    State(state): State<AppState>,
    Query(query): Query<ClaimantsQuery>,
) -> AppResult<Html<String>> {
    let (typed, after) = query.read()?;
    let after = after.as_deref();
    let per_page = state.per_page;
    let (list, has_more) = state
        .db
        .read(|conn| claimants::claimants_page(conn, &typed, after, per_page))?
        .ok_or_else(|| AppError::BadRequest(ClaimantsQuery::LOST.into()))?;
    let next = list
        .last()
        .filter(|_| has_more)
        .map(|last| ClaimantsQuery::next("/claimants", &typed, &last.slug));
    let ui = state.ui();
    render(&ClaimantsPage {
        meta: Meta::page(
            &state.site,
            ui.t("claimants-title"),
            &ui.t("claimants-description"),
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
    Query(query): Query<ListingQuery>,
) -> AppResult<Html<String>> {
    let position = query.position()?;
    let claimants::ClaimantRecord {
        name,
        scorecard,
        listing,
    } = {
        // The scorecard counts every fact-check of the claimant, however many.
        let (slug, per_page, position) = (slug.clone(), state.per_page, position.clone());
        state
            .db
            .read_slow(move |conn| claimants::claimant_page(conn, &slug, &position, per_page))
            .await?
            .ok_or(AppError::NotFound)?
    };
    // Someone with nothing published is not someone readers can look up.
    if listing.cards.is_empty() {
        return Err(AppError::NotFound);
    }
    let path = format!("/claimants/{slug}");
    let ui = state.ui();
    let tally: Vec<String> = scorecard
        .iter()
        .map(|(rating, n)| format!("{n} {}", ui.rating_label(rating)))
        .collect();
    let title = ui.t_with("claims-by", &[("name", name.as_str())]);
    let description = ui.t_with(
        "claimant-description",
        &[
            ("name", name.as_str()),
            ("tally", tally.join(", ").as_str()),
        ],
    );
    let meta = Meta::listing_at(&state.site, title.clone(), &description, &path, &position)
        .with_feed(title, format!("{path}/feed.atom"));
    render(&ClaimantPage {
        meta,
        name,
        scorecard,
        pager: Pager::keyset(path, &position, ends(&listing.cards), listing.has_more),
        cards: listing.cards,
    })
}
