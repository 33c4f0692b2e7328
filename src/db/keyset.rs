//! Live listings a page at a time from a keyset cursor (the fact-check a page starts
//! after), so a page a million rows deep costs what the first page costs.

use crate::db::cards::{
    ListFilters, Listing, card_columns, card_joins, cards_page, list_filters, live_filter_params,
};
use crate::domain::{ListingPosition, Moment};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, params};

/// A tag or claimant with fewer fact-checks (in any status) than this is listed by sorting
/// its own rows; a larger one by reading the newest-first index and testing each row, which
/// passes over about 21 × (all fact-checks / this) index entries a page at worst. Sorting
/// reads each member's row at random, some 20 times dearer than the next index entry: on
/// 100,000 fact-checks a claimant's 1,835 took 5 ms of CPU that way (0.3 s from a cold
/// disk), against 0.7 ms for reading the index newest first.
const NARROW_MEMBERS: i64 = 1024;

/// One page of a newest-first live listing. `$from` is the table the candidates come from,
/// `$member` what ties them to the filter it is driven by. Parameters: `list_filters!`'s ?1
/// to ?4, ?5 now, ?6 and ?7 the cursor's time and id, ?8 the limit, ?9 the offset. The
/// cursor is written as `at <= ?6 AND (at < ?6 OR id < ?7)` rather than a row value, which
/// SQLite cannot seek an index by. Older pages read down from the cursor; newer ones read
/// up from it, nearest first, and are turned round by the caller.
macro_rules! keyset_page {
    ($from:literal, $member:literal, older) => {
        concat!(
            "WITH chosen AS MATERIALIZED (SELECT f.id, f.published_at AS at ",
            $from,
            " WHERE ",
            $member,
            " AND f.status = 'published' AND f.published_at <= ?6
                AND (f.published_at < ?6 OR f.id < ?7) AND ",
            list_filters!("f"),
            " ORDER BY f.published_at DESC, f.id DESC LIMIT ?8 OFFSET ?9)
             SELECT ",
            card_columns!(),
            " FROM chosen CROSS JOIN fact_checks f ON f.id = chosen.id",
            card_joins!(),
            "ORDER BY chosen.at DESC, chosen.id DESC"
        )
    };
    ($from:literal, $member:literal, newer) => {
        concat!(
            "WITH chosen AS MATERIALIZED (SELECT f.id, f.published_at AS at ",
            $from,
            " WHERE ",
            $member,
            " AND f.status = 'published' AND f.published_at <= ?5
                AND f.published_at >= ?6 AND (f.published_at > ?6 OR f.id > ?7) AND ",
            list_filters!("f"),
            " ORDER BY f.published_at, f.id LIMIT ?8 OFFSET ?9)
             SELECT ",
            card_columns!(),
            " FROM chosen CROSS JOIN fact_checks f ON f.id = chosen.id",
            card_joins!(),
            "ORDER BY chosen.at, chosen.id"
        )
    };
}

/// Which rows a page is looked for among.
#[derive(Clone, Copy)]
enum Plan {
    /// Every live fact-check, newest first from the `fact_checks_live` index.
    Newest,
    /// The few fact-checks carrying the tag, sorted.
    FewWithTag,
    /// The few fact-checks of the claimant, sorted.
    FewOfClaimant,
}

macro_rules! plan_sql {
    ($plan:expr, $dir:tt) => {
        match $plan {
            Plan::Newest => keyset_page!("FROM fact_checks f", "1", $dir),
            Plan::FewWithTag => keyset_page!(
                "FROM fact_check_tags x0
                 CROSS JOIN fact_checks f INDEXED BY fact_checks_visibility ON f.id = x0.fact_check_id",
                "x0.tag_id = (SELECT id FROM tags WHERE name = ?1)",
                $dir
            ),
            Plan::FewOfClaimant => keyset_page!(
                "FROM claims k0
                 CROSS JOIN fact_checks f INDEXED BY fact_checks_visibility ON f.id = k0.fact_check_id",
                "k0.claimant_id = (SELECT id FROM claimants WHERE slug = ?3)",
                $dir
            ),
        }
    };
}

/// How many fact-checks (in any status) the filter's tag and claimant each have, counted
/// no further than `NARROW_MEMBERS`: what chooses the plan.
fn plan_for(conn: &Connection, filters: &ListFilters) -> Result<Plan, AppError> {
    let few = |sql: &str, key: Option<&str>| -> Result<Option<i64>, AppError> {
        let Some(key) = key else { return Ok(None) };
        let n: i64 = conn
            .prepare_cached(sql)?
            .query_row(params![key, NARROW_MEMBERS], |row| row.get(0))?;
        Ok((n < NARROW_MEMBERS).then_some(n))
    };
    let tag = few(
        "SELECT count(*) FROM (SELECT 1 FROM fact_check_tags
          WHERE tag_id = (SELECT id FROM tags WHERE name = ?1) LIMIT ?2)",
        filters.tag.as_deref(),
    )?;
    let claimant = few(
        "SELECT count(*) FROM (SELECT 1 FROM claims
          WHERE claimant_id = (SELECT id FROM claimants WHERE slug = ?1) LIMIT ?2)",
        filters.claimant.as_deref(),
    )?;
    Ok(match (tag, claimant) {
        (Some(t), Some(c)) if c < t => Plan::FewOfClaimant,
        (Some(_), _) => Plan::FewWithTag,
        (None, Some(_)) => Plan::FewOfClaimant,
        (None, None) => Plan::Newest,
    })
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
