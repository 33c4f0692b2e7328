//! What listings and searches share: the card's and the dashboard row's columns, the
//! filters, and the readers that turn those rows into domain types.

use super::rows::from_columns;
use super::split_page;
use crate::domain::{DashboardRow, FactCheckCard, Moment, Rating, TagLookup};
use crate::error::AppError;
use rusqlite::{ParamsFromIter, Row, ToSql, params_from_iter};

/// The five columns of rating `r`, in the order `rating_at` reads them. Macros rather than
/// consts so `concat!` builds each statement at compile time: no allocation per request.
macro_rules! rating_columns {
    () => {
        "r.slug, r.label, r.value, r.definition, r.colour"
    };
}

/// Fact-check `f`'s tag names as a JSON array, by name in any letter case.
macro_rules! tags_json {
    () => {
        "(SELECT json_group_array(t.name ORDER BY t.key)
            FROM fact_check_tags x JOIN tags t ON t.id = x.tag_id
           WHERE x.fact_check_id = f.id)"
    };
}

/// Columns of a listing card, in the order `card_from_row` reads them. The whitespace is
/// kept as the benchmarked statements had it.
macro_rules! card_columns {
    () => {
        concat!(
            "f.slug, f.headline, c.text, cl.name,
         ",
            $crate::db::cards::rating_columns!(),
            ", f.published_at,
         ",
            $crate::db::cards::tags_json!(),
            ",
         cl.slug, f.summary, f.updated_at, f.id, cl.kind, cl.url, c.claimed_on, f.lang, ",
            $crate::db::cards::featured_image_json!()
        )
    };
}

/// The featured image with its variants as one JSON object (NULL for none): a card shows
/// it without a second query, and a fact-check without one costs only the NULL test.
macro_rules! featured_image_json {
    () => {
        "(SELECT json_object('id', i.id, 'alt', i.alt, 'caption', i.caption, 'credit', i.credit,
                'width', i.width, 'height', i.height,
                'variants', (SELECT json_group_array(json_array(v.width, v.format, v.hash))
                               FROM image_variants v WHERE v.image_id = i.id))
            FROM images i WHERE i.id = f.featured_image_id)"
    };
}

macro_rules! card_joins {
    () => {
        " JOIN claims c ON c.fact_check_id = f.id
          JOIN claimants cl ON cl.id = c.claimant_id
          JOIN ratings r ON r.id = f.rating_id "
    };
}
pub(super) use {card_columns, card_joins, featured_image_json, rating_columns, tags_json};
/// How many columns `card_columns!` has: the index of the first column a query adds.
pub(super) const CARD_COLUMNS: usize = 20;

/// Reads a `featured_image_json!` column.
pub(super) fn image_json_at(
    row: &Row<'_>,
    index: usize,
) -> rusqlite::Result<Option<crate::domain::media::ShownImage>> {
    let text: Option<String> = row.get(index)?;
    let Some(text) = text else { return Ok(None) };
    let stored: crate::domain::media::StoredImage = serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(stored.shown())
}

pub(super) fn rating_at(row: &Row<'_>, first: usize) -> rusqlite::Result<Rating> {
    from_columns!(row[first..] => Rating { slug, label, value, definition, colour })
}

/// Decodes a `json_group_array` column built by our own queries.
pub(super) fn json_column<T: serde::de::DeserializeOwned>(
    row: &Row<'_>,
    index: usize,
) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(super) fn card_from_row(row: &Row<'_>) -> rusqlite::Result<FactCheckCard> {
    from_columns!(row[0..] => FactCheckCard {
        slug, headline, claim_text, claimant, rating: rating_at(5), published_at,
        tags: json_column(1), claimant_slug, summary, updated_at, id, claimant_kind,
        claimant_url, claim_date, language;
        snippet: Vec::new(),
        featured_image: image_json_at(row, CARD_COLUMNS - 1)?
    })
}

/// A page of a listing: the cards, and whether an older page follows.
pub struct Listing {
    pub cards: Vec<FactCheckCard>,
    pub has_more: bool,
}

pub(super) fn listing(cards: Vec<FactCheckCard>, per_page: usize) -> Listing {
    let (cards, has_more) = split_page(cards, per_page);
    Listing { cards, has_more }
}

/// Runs a card query and cuts its rows into a page (see `page_window`).
pub(super) fn cards_page(
    stmt: &mut rusqlite::CachedStatement<'_>,
    params: impl rusqlite::Params,
    per_page: usize,
) -> Result<Listing, AppError> {
    let cards = stmt
        .query_map(params, card_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(listing(cards, per_page))
}

/// Narrows a listing or a search; `None` leaves that filter off.
#[derive(Debug, Default, Clone)]
pub struct ListFilters {
    /// A tag, any letter case or accents.
    pub tag: Option<TagLookup>,
    /// A rating slug.
    pub rating: Option<String>,
    /// A claimant slug.
    pub claimant: Option<String>,
    /// Published at or after this moment.
    pub since: Option<Moment>,
}

/// The WHERE conditions of `ListFilters` on fact-check `$f`: ?1 tag, ?2 rating slug,
/// ?3 claimant slug, ?4 since, each NULL when unused.
macro_rules! list_filters {
    ($f:literal) => {
        concat!(
            // The tag is looked up once, not joined for every row tested (a search
            // tests thousands).
            "(?1 IS NULL OR EXISTS (
                SELECT 1 FROM fact_check_tags x
                 WHERE x.fact_check_id = ",
            $f,
            ".id AND x.tag_id = (SELECT id FROM tags WHERE key = ?1)))
             AND (?2 IS NULL OR ",
            $f,
            ".rating_id = (SELECT id FROM ratings WHERE slug = ?2))
             AND (?3 IS NULL OR EXISTS (
                SELECT 1 FROM claims k JOIN claimants kl ON kl.id = k.claimant_id
                 WHERE k.fact_check_id = ",
            $f,
            ".id AND kl.slug = ?3))
             AND (?4 IS NULL OR ",
            $f,
            ".published_at >= ?4)"
        )
    };
}
pub(super) use list_filters;

/// The parameters of a live listing: `list_filters!`'s ?1 to ?4, the moment ?5 that "live"
/// is measured against, then `rest` from ?6 on.
pub(super) fn live_filter_params<'a, const N: usize>(
    filters: &'a ListFilters,
    now: &'a Moment,
    rest: [&'a dyn ToSql; N],
) -> ParamsFromIter<impl Iterator<Item = &'a dyn ToSql>> {
    let fixed: [&'a dyn ToSql; 5] = [
        &filters.tag,
        &filters.rating,
        &filters.claimant,
        &filters.since,
        now,
    ];
    params_from_iter(fixed.into_iter().chain(rest))
}

/// Columns of a dashboard row, in the order `dashboard_row` reads them; the query joins
/// the author as `u` and the assignee (LEFT) as `a`.
macro_rules! dashboard_columns {
    () => {
        concat!(
            "f.id, f.slug, f.headline, f.status,
         ",
            $crate::db::cards::rating_columns!(),
            ", u.name, f.updated_at,
         f.published_at, a.name, f.status = 'draft' AND f.review_note IS NOT NULL"
        )
    };
}
pub(super) use dashboard_columns;
/// How many columns `dashboard_columns!` has: the index of the first one a query adds.
pub(super) const DASHBOARD_COLUMNS: usize = 14;

pub(super) fn dashboard_row(row: &Row<'_>) -> rusqlite::Result<DashboardRow> {
    from_columns!(row[0..] => DashboardRow {
        id, slug, headline, status, rating: rating_at(5), author, updated_at, published_at,
        assignee, sent_back
    })
}
