//! The public listings of live fact-checks (newest first, by filter, tag or rating) and the
//! public list of corrections.

use crate::db::cards::{ListFilters, Listing, card_columns, card_from_row, card_joins, rating_at};
use crate::db::rows::{self, from_columns};
use crate::domain::{
    FactCheckCard, ListedCorrection, ListingPosition, Moment, PublicCorrection, Rating, TagLookup,
};
use crate::error::AppError;
use rusqlite::{Connection, params};

/// Published fact-checks whose publication time has come, newest first, at `position`
/// (None: a cursor naming no fact-check readers have seen).
pub fn latest_published(
    conn: &Connection,
    position: &ListingPosition,
    per_page: usize,
) -> Result<Option<Listing>, AppError> {
    crate::db::keyset::live_page(conn, &ListFilters::default(), position, per_page)
}

/// The newest live fact-checks passing `filters`: a feed. Read by `keyset::live_page`, so a
/// tag's or claimant's feed seeks its own rows however old they are.
pub fn newest_filtered(
    conn: &Connection,
    filters: &ListFilters,
    count: usize,
) -> Result<Listing, AppError> {
    Ok(
        crate::db::keyset::live_page(conn, filters, &ListingPosition::Page(1), count)?.unwrap_or(
            Listing {
                cards: Vec::new(),
                has_more: false,
            },
        ),
    )
}

/// Live fact-checks carrying a tag (any letter case or accents) at `position`, with the tag
/// as it is spelled; None for no such tag or a cursor naming nothing readers have seen.
pub fn published_with_tag(
    conn: &Connection,
    tag: &TagLookup,
    position: &ListingPosition,
    per_page: usize,
) -> Result<Option<(String, Listing)>, AppError> {
    let name: Option<String> = rows::first(
        conn,
        "SELECT name FROM tags WHERE key = ?1",
        [&tag],
        |row| row.get(0),
    )?;
    let Some(name) = name else { return Ok(None) };
    let filters = ListFilters {
        tag: Some(tag.clone()),
        ..Default::default()
    };
    Ok(
        crate::db::keyset::live_page(conn, &filters, position, per_page)?
            .map(|listing| (name, listing)),
    )
}

/// Live fact-checks with one rating at `position`, newest first, with the rating itself;
/// None for no such rating or a cursor naming nothing readers have seen.
pub fn published_with_rating(
    conn: &Connection,
    slug: &str,
    position: &ListingPosition,
    per_page: usize,
) -> Result<Option<(Rating, Listing)>, AppError> {
    let rating = rows::first(
        conn,
        "SELECT slug, label, value, definition, colour FROM ratings WHERE slug = ?1",
        [slug],
        |row| rating_at(row, 0),
    )?;
    let Some(rating) = rating else {
        return Ok(None);
    };
    let filters = ListFilters {
        rating: Some(slug.to_owned()),
        ..Default::default()
    };
    Ok(
        crate::db::keyset::live_page(conn, &filters, position, per_page)?
            .map(|listing| (rating, listing)),
    )
}

/// Corrections and updates of fact-checks readers can see, newest first: read from the
/// newest correction down (migration 0017), so a page costs its rows and those it passes.
pub fn corrections(
    conn: &Connection,
    page: usize,
    per_page: usize,
) -> Result<(Vec<ListedCorrection>, bool), AppError> {
    rows::page_of(
        conn,
        "SELECT f.slug, f.headline, k.kind, k.note, k.created_at, ro.label, rn.label,
                ro.slug, rn.slug
         FROM corrections k INDEXED BY corrections_newest_first
         CROSS JOIN fact_checks f ON f.id = k.fact_check_id
         LEFT JOIN ratings ro ON ro.id = k.old_rating_id
         LEFT JOIN ratings rn ON rn.id = k.new_rating_id
         WHERE (f.status = 'published' AND f.published_at <= ?3) OR f.status = 'retracted'
         ORDER BY k.created_at DESC, k.id DESC LIMIT ?1 OFFSET ?2",
        (page, per_page),
        &[&Moment::now()],
        |row| {
            Ok(ListedCorrection {
                slug: row.get(0)?,
                headline: row.get(1)?,
                correction: from_columns!(row[2..] => PublicCorrection {
                    kind, note, created_at, old_rating, new_rating, old_rating_slug,
                    new_rating_slug;
                    old_rating_value: None, new_rating_value: None
                })?,
            })
        },
    )
}

/// The card of the live fact-check at `slug`: what its social card and embed show.
pub fn published_card(conn: &Connection, slug: &str) -> Result<Option<FactCheckCard>, AppError> {
    use rusqlite::OptionalExtension;
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        card_columns!(),
        " FROM fact_checks f",
        card_joins!(),
        "WHERE f.slug = ?1 AND f.status = 'published' AND f.published_at <= ?2"
    ))?;
    Ok(stmt
        .query_row(params![slug, Moment::now()], card_from_row)
        .optional()?)
}
