//! Related fact-checks for a verdict page: live ones sharing its tags or its claimant.

use crate::db::cards::{card_columns, card_from_row, card_joins};
use crate::domain::{FactCheckCard, FactCheckId, Moment};
use crate::error::AppError;
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// How many of each tag's and of the claimant's newest live fact-checks are weighed. Each is
/// read from an index from its newest end, so a page costs the same on any size of archive.
const CANDIDATES: i64 = 30;

/// Up to `wanted` live fact-checks related to `id`, never itself: those sharing the most of
/// its tags, one more point for the same claimant, the newer first among equals.
pub fn related(
    conn: &Connection,
    id: FactCheckId,
    wanted: usize,
) -> Result<Vec<FactCheckCard>, AppError> {
    let now = Moment::now();
    let mut score: HashMap<i64, (usize, Moment)> = HashMap::new();
    let mut weigh = |found: Vec<(i64, Moment)>| {
        for (other, at) in found {
            score.entry(other).or_insert((0, at)).0 += 1;
        }
    };
    let tags: Vec<i64> = conn
        .prepare_cached("SELECT tag_id FROM fact_check_tags WHERE fact_check_id = ?1")?
        .query_map([id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let mut with_tag = conn.prepare_cached(
        // CROSS JOIN keeps this order: SQLite otherwise may scan every live fact-check
        // for the tag (13 ms on 20,000) instead of the tag's newest few (0.1 ms). The
        // visibility index holds status and time beside the id, so the wide fact-check rows
        // are never read for them (0.32 → 0.14 ms a page on 100,000, bench/NOTES.md).
        "SELECT x.fact_check_id, f.published_at FROM fact_check_tags x
           CROSS JOIN fact_checks f INDEXED BY fact_checks_visibility ON f.id = x.fact_check_id
          WHERE x.tag_id = ?1 AND x.fact_check_id <> ?2
            AND f.status = 'published' AND f.published_at <= ?3
          ORDER BY x.fact_check_id DESC LIMIT ?4",
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
            "SELECT k.fact_check_id, f.published_at FROM claims k
               CROSS JOIN fact_checks f INDEXED BY fact_checks_visibility
                 ON f.id = k.fact_check_id
              WHERE k.claimant_id = (SELECT claimant_id FROM claims WHERE fact_check_id = ?1)
                AND k.fact_check_id <> ?1
                AND f.status = 'published' AND f.published_at <= ?2
              ORDER BY k.fact_check_id DESC LIMIT ?3",
        )?
        .query_map(params![id, now, CANDIDATES], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?,
    );
    let mut ranked: Vec<(i64, (usize, Moment))> = score.into_iter().collect();
    ranked.sort_by(|(a, (sa, ta)), (b, (sb, tb))| {
        sb.cmp(sa).then_with(|| tb.0.cmp(&ta.0)).then(b.cmp(a))
    });
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
