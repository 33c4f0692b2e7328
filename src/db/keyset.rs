//! Live listings a page at a time from a keyset cursor (the fact-check a page starts
//! after), so a page a million rows deep costs what the first page costs.

use crate::db::cards::{
    ListFilters, Listing, card_columns, card_joins, cards_page, list_filters, live_filter_params,
};
use crate::domain::{ListingPosition, Moment, TagLookup};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, params};

/// One page of a newest-first live listing. `$from` is where the candidates come from,
/// newest first by `$at` then `$id`; `$member` what ties them to the filter they are driven
/// by. Parameters: `list_filters!`'s ?1 to ?4, ?5 now, ?6 and ?7 the cursor's time and id,
/// ?8 the limit, ?9 the offset. The cursor is written as `at <= ?6 AND (at < ?6 OR id < ?7)`
/// rather than a row value, which SQLite cannot seek an index by; `since` (?4) bounds the
/// time too, so a list since yesterday stops at yesterday. Older pages read down from the
/// cursor; newer ones read up from it, nearest first, and are turned round by the caller.
macro_rules! keyset_page {
    ($from:literal, $member:literal, $at:literal, $id:literal, older) => {
        concat!(
            "WITH chosen AS MATERIALIZED (SELECT f.id, ",
            $at,
            " AS at ",
            $from,
            " WHERE ",
            $member,
            " AND f.status = 'published' AND ",
            $at,
            " <= ?6 AND (",
            $at,
            " < ?6 OR ",
            $id,
            " < ?7) AND ",
            $at,
            " >= ifnull(?4, '') AND ",
            list_filters!("f"),
            " ORDER BY ",
            $at,
            " DESC, ",
            $id,
            " DESC LIMIT ?8 OFFSET ?9)
             SELECT ",
            card_columns!(),
            " FROM chosen CROSS JOIN fact_checks f ON f.id = chosen.id",
            card_joins!(),
            "ORDER BY chosen.at DESC, chosen.id DESC"
        )
    };
    ($from:literal, $member:literal, $at:literal, $id:literal, newer) => {
        concat!(
            "WITH chosen AS MATERIALIZED (SELECT f.id, ",
            $at,
            " AS at ",
            $from,
            " WHERE ",
            $member,
            " AND f.status = 'published' AND ",
            $at,
            " <= ?5 AND ",
            $at,
            " >= ?6 AND (",
            $at,
            " > ?6 OR ",
            $id,
            " > ?7) AND ",
            $at,
            " >= ifnull(?4, '') AND ",
            list_filters!("f"),
            " ORDER BY ",
            $at,
            ", ",
            $id,
            " LIMIT ?8 OFFSET ?9)
             SELECT ",
            card_columns!(),
            " FROM chosen CROSS JOIN fact_checks f ON f.id = chosen.id",
            card_joins!(),
            "ORDER BY chosen.at, chosen.id"
        )
    };
}

/// Which rows a page is looked for among: each plan reads its candidates newest first from
/// an index, so a page costs its own rows plus those the other filters turn away.
#[derive(Clone, Copy)]
enum Plan {
    /// Every live fact-check, from the `fact_checks_live` index.
    Newest,
    /// The tag's, from `tag_listing` (migration 0016).
    WithTag,
    /// The claimant's, from `claimant_listing`.
    OfClaimant,
    /// The rating's, from `fact_checks_by_rating`.
    WithRating,
}

macro_rules! plan_sql {
    ($plan:expr, $dir:tt) => {
        match $plan {
            Plan::Newest => keyset_page!("FROM fact_checks f", "1", "f.published_at", "f.id", $dir),
            Plan::WithTag => keyset_page!(
                "FROM tag_listing x0 CROSS JOIN fact_checks f ON f.id = x0.fact_check_id",
                "x0.tag_id = (SELECT id FROM tags WHERE key = ?1)",
                "x0.published_at",
                "x0.fact_check_id",
                $dir
            ),
            Plan::OfClaimant => keyset_page!(
                "FROM claimant_listing k0 CROSS JOIN fact_checks f ON f.id = k0.fact_check_id",
                "k0.claimant_id = (SELECT id FROM claimants WHERE slug = ?3)",
                "k0.published_at",
                "k0.fact_check_id",
                $dir
            ),
            Plan::WithRating => keyset_page!(
                "FROM fact_checks f INDEXED BY fact_checks_by_rating",
                "f.rating_id = (SELECT id FROM ratings WHERE slug = ?2)",
                "f.published_at",
                "f.id",
                $dir
            ),
        }
    };
}

/// The narrowest filter drives the page: of the tag, the claimant and the rating asked
/// for, the one with the fewest published fact-checks by the kept counts (migration 0015).
/// Filters that share few rows can still pass over all of the driver's; callers that take
/// several filters from strangers (the API) bound the walk with `search::within_budget`.
fn plan_for(conn: &Connection, filters: &ListFilters) -> Result<Plan, AppError> {
    // One filter (every reader page and feed) needs no counting.
    match (&filters.tag, &filters.claimant, &filters.rating) {
        (None, None, None) => return Ok(Plan::Newest),
        (Some(_), None, None) => return Ok(Plan::WithTag),
        (None, Some(_), None) => return Ok(Plan::OfClaimant),
        (None, None, Some(_)) => return Ok(Plan::WithRating),
        _ => {}
    }
    let published = |sql: &str, key: Option<&str>| -> Result<Option<i64>, AppError> {
        let Some(key) = key else { return Ok(None) };
        Ok(Some(
            conn.prepare_cached(sql)?
                .query_row([key], |row| row.get(0))
                .optional()?
                .unwrap_or(0),
        ))
    };
    let candidates = [
        (
            Plan::WithTag,
            published(
                "SELECT published FROM tag_counts
                  WHERE tag_id = (SELECT id FROM tags WHERE key = ?1)",
                filters.tag.as_ref().map(TagLookup::key),
            )?,
        ),
        (
            Plan::OfClaimant,
            published(
                "SELECT published FROM claimant_counts
                  WHERE claimant_id = (SELECT id FROM claimants WHERE slug = ?1)",
                filters.claimant.as_deref(),
            )?,
        ),
        (
            Plan::WithRating,
            published(
                "SELECT published FROM rating_counts
                  WHERE rating_id = (SELECT id FROM ratings WHERE slug = ?1)",
                filters.rating.as_deref(),
            )?,
        ),
    ];
    Ok(candidates
        .into_iter()
        .filter_map(|(plan, count)| Some((plan, count?)))
        .min_by_key(|(_, count)| *count)
        .map_or(Plan::Newest, |(plan, _)| plan))
}

/// The time and id of the fact-check a cursor names, if readers have seen it (live, or
/// retracted since, so a page read before a retraction still leads on).
fn cursor_row(
    conn: &Connection,
    slug: &str,
    now: &Moment,
) -> Result<Option<(Moment, i64)>, AppError> {
    Ok(conn
        .prepare_cached(
            "SELECT published_at, id FROM fact_checks
              WHERE slug = ?1 AND status IN ('published', 'retracted') AND published_at <= ?2",
        )?
        .query_row(params![slug, now], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?)
}

/// The page of live fact-checks passing `filters` at `position`, newest first; None when
/// the cursor names no fact-check readers have seen.
pub fn live_page(
    conn: &Connection,
    filters: &ListFilters,
    position: &ListingPosition,
    per_page: usize,
) -> Result<Option<Listing>, AppError> {
    let now = Moment::now();
    let (cursor, offset, newer) = match position {
        ListingPosition::Page(n) => {
            let offset = n.saturating_sub(1).saturating_mul(per_page);
            ((now, i64::MAX), offset, false)
        }
        ListingPosition::Before(slug) | ListingPosition::After(slug) => {
            let Some(cursor) = cursor_row(conn, slug.as_str(), &now)? else {
                return Ok(None);
            };
            (cursor, 0, matches!(position, ListingPosition::After(_)))
        }
    };
    let plan = plan_for(conn, filters)?;
    let sql = if newer {
        plan_sql!(plan, newer)
    } else {
        plan_sql!(plan, older)
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let limit = i64::try_from(per_page + 1).unwrap_or(i64::MAX);
    let offset = i64::try_from(offset).unwrap_or(i64::MAX);
    let (at, id) = cursor;
    let mut listing = cards_page(
        &mut stmt,
        live_filter_params(filters, &now, [&at, &id, &limit, &offset]),
        per_page,
    )?;
    if newer {
        listing.cards.reverse();
    }
    Ok(Some(listing))
}

/// How many live fact-checks pass `filters`, when the kept counts (migration 0015) say so
/// in a few rows: with no filter or one of tag, claimant and rating, and no `since`. None
/// otherwise, where counting would cost more than the page.
pub fn live_total(conn: &Connection, filters: &ListFilters) -> Result<Option<i64>, AppError> {
    if filters.since.is_some() {
        return Ok(None);
    }
    // Kept counts include the scheduled ones, assumed few (see `tags::tags_with_counts`).
    let sql = match (&filters.tag, &filters.claimant, &filters.rating) {
        (None, None, None) => {
            "SELECT (SELECT coalesce(sum(published), 0) FROM rating_counts)
                  - (SELECT count(*) FROM fact_checks f
                      WHERE f.status = 'published' AND f.published_at > ?1)"
        }
        (Some(_), None, None) => {
            "SELECT coalesce((SELECT published FROM tag_counts
                               WHERE tag_id = (SELECT id FROM tags WHERE key = ?2)), 0)
                  - (SELECT count(*) FROM fact_checks f
                      JOIN fact_check_tags x ON x.fact_check_id = f.id
                     WHERE f.status = 'published' AND f.published_at > ?1
                       AND x.tag_id = (SELECT id FROM tags WHERE key = ?2))"
        }
        (None, Some(_), None) => {
            "SELECT coalesce((SELECT published FROM claimant_counts
                               WHERE claimant_id = (SELECT id FROM claimants WHERE slug = ?2)), 0)
                  - (SELECT count(*) FROM fact_checks f JOIN claims c ON c.fact_check_id = f.id
                     WHERE f.status = 'published' AND f.published_at > ?1
                       AND c.claimant_id = (SELECT id FROM claimants WHERE slug = ?2))"
        }
        (None, None, Some(_)) => {
            "SELECT coalesce((SELECT published FROM rating_counts
                               WHERE rating_id = (SELECT id FROM ratings WHERE slug = ?2)), 0)
                  - (SELECT count(*) FROM fact_checks f
                     WHERE f.status = 'published' AND f.published_at > ?1
                       AND f.rating_id = (SELECT id FROM ratings WHERE slug = ?2))"
        }
        _ => return Ok(None),
    };
    let key = (filters.tag.as_ref().map(TagLookup::key))
        .or(filters.claimant.as_deref())
        .or(filters.rating.as_deref());
    let mut stmt = conn.prepare_cached(sql)?;
    let now = Moment::now();
    let total: i64 = match key {
        Some(key) => stmt.query_row(params![now, key], |row| row.get(0))?,
        None => stmt.query_row(params![now], |row| row.get(0))?,
    };
    Ok(Some(total.max(0)))
}
