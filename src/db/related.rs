//! Related fact-checks for a verdict page: live ones sharing its tags or its claimant.

use crate::db::cards::{card_columns, card_from_row, card_joins};
use crate::domain::{FactCheckCard, FactCheckId, Moment};
use crate::error::AppError;
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// How many of each tag's and of the claimant's newest live fact-checks are weighed. Each is
/// read from its listing copy (migration 0016) from the newest end, so a page costs the same
/// on any size of archive and reads no other table for status or time.
const CANDIDATES: i64 = 30;

/// Up to `wanted` live fact-checks related to `id`, never itself: those sharing the most of
/// its tags, one more point for the same claimant, the newer first among equals.
pub fn related(
    conn: &Connection,
    id: FactCheckId,
    wanted: usize,
) -> Result<Vec<FactCheckCard>, AppError> {
    let now = Moment::now();
    // Times compared as stored (RFC 3339 in UTC, one format: text order is time order), so
    // the candidates need no parsing.
    let mut score: HashMap<i64, (usize, String)> = HashMap::new();
    let mut weigh = |found: Vec<(i64, String)>| {
        for (other, at) in found {
            score.entry(other).or_insert((0, at)).0 += 1;
        }
    };
    let tags: Vec<i64> = conn
        .prepare_cached("SELECT tag_id FROM fact_check_tags WHERE fact_check_id = ?1")?
        .query_map([id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let mut with_tag = conn.prepare_cached(
        "SELECT fact_check_id, published_at FROM tag_listing
          WHERE tag_id = ?1 AND published_at <= ?3 AND fact_check_id <> ?2
          ORDER BY published_at DESC, fact_check_id DESC LIMIT ?4",
    )?;
    for tag in tags {
        weigh(
            with_tag
                .query_map(params![tag, id, now, CANDIDATES], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<Result<_, _>>()?,
        );
    }
    weigh(
        conn.prepare_cached(
            "SELECT fact_check_id, published_at FROM claimant_listing
              WHERE claimant_id = (SELECT claimant_id FROM claims WHERE fact_check_id = ?1)
                AND published_at <= ?2 AND fact_check_id <> ?1
              ORDER BY published_at DESC, fact_check_id DESC LIMIT ?3",
        )?
        .query_map(params![id, now, CANDIDATES], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?,
    );
    let mut ranked: Vec<(i64, (usize, String))> = score.into_iter().collect();
    ranked
        .sort_by(|(a, (sa, ta)), (b, (sb, tb))| sb.cmp(sa).then_with(|| tb.cmp(ta)).then(b.cmp(a)));
    ranked.truncate(wanted);
    let mut card = conn.prepare_cached(concat!(
        "SELECT ",
        card_columns!(),
        " FROM fact_checks f",
        card_joins!(),
        "WHERE f.id = ?1"
    ))?;
    ranked
        .into_iter()
        .map(|(other, _)| Ok(card.query_row([other], card_from_row)?))
        .collect()
}
