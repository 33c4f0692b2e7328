//! Search of published fact-checks, with rating and tag filters.

use crate::db::{fact_checks, ratings, search};
use crate::domain::{FactCheckCard, Rating, SearchQuery, TagLookup, Ui};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::web::Pager;
use crate::web::form::{PageNumber, Query};
use crate::web::meta::Meta;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

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

impl SearchPage {
    /// The results' order in words: a reader should know the ranking is not over the whole
    /// archive (see `db::search`).
    fn order(&self, ui: &Ui) -> String {
        let (ranked, scanned) = (
            ui.thousands(search::RANKED_WINDOW),
            ui.thousands(search::SCANNED_MATCHES),
        );
        ui.t_with(
            "search-order",
            &[("ranked", ranked.as_str()), ("scanned", scanned.as_str())],
        )
    }
}

#[derive(serde::Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    page: PageNumber,
    q: Option<String>,
    rating: Option<String>,
    tag: Option<String>,
}

/// `GET /search?q=&rating=&tag=&page=`: published fact-checks in the order `order` states.
/// Runs on the slow-read pool within the search budget; a search too costly to run answers
/// 422 with the reason beside the box.
pub async fn search(
    State(state): State<AppState>,
    Query(query): Query<SearchParams>,
) -> AppResult<Response> {
    let page = query.page.0;
    let value = |v: Option<String>| v.map(|v| v.trim().to_owned()).unwrap_or_default();
    let (typed, rating, tag) = (value(query.q), value(query.rating), value(query.tag));
    let ui = state.ui();
    let (searched, mut refusal) = match SearchQuery::parse(&typed) {
        Ok(searched) => (searched, None),
        Err(why) => (None, Some(ui.t(why.key()))),
    };
    let filters = fact_checks::ListFilters {
        rating: (!rating.is_empty()).then(|| rating.clone()),
        tag: (!tag.is_empty()).then(|| TagLookup::new(&tag)),
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
                    Err(AppError::TooBroad(_)) => Err(()),
                    found => Ok(found?),
                },
                None => Ok((Vec::new(), false)),
            };
            Ok((ratings, searched, hits))
        })
        .await?;
    let (cards, has_more) = hits.unwrap_or_else(|()| {
        refusal = Some(ui.t("search-too-broad"));
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
            ui.t("search-heading"),
            &ui.t("search-description"),
            "/search",
        )
        .not_indexed(),
        searched: searched.is_some() && refusal.is_none(),
        typed: searched.map(|q| q.text).unwrap_or(typed),
        rating,
        tag,
        ratings,
        cards,
        pager: Pager::new(path, page, has_more),
        refusal,
    })?;
    Ok((status, page).into_response())
}
