//! What an Atom feed shows: the newest live fact-checks with their explanations, and the
//! fact-checks of the same span that were retracted since, as updated entries.

use super::cards::{ListFilters, card_columns, card_from_row, card_joins, list_filters};
use crate::domain::{FactCheckCard, Moment};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter, types::ToSql};

/// One entry of a feed.
pub struct FeedItem {
    pub card: FactCheckCard,
    /// The explanation, sanitized HTML as the verdict page shows it.
    pub body_html: String,
    /// For a retracted fact-check: the public note and when.
    pub retraction: Option<(String, Moment)>,
}

/// The `count` newest live fact-checks passing `filters`, and up to `count` retracted since
/// the start of their span (a feed reader that saw the entry learns it is withdrawn; one
/// published within the span was retracted after it, too), newest published first.
/// Retractions are assumed few, as scheduled fact-checks are: the retracted ones since the
/// span's start are read from `fact_checks_retracted` (migration 0018) and tested.
pub fn feed_items(
    conn: &Connection,
    filters: &ListFilters,
    count: usize,
) -> Result<Vec<FeedItem>, AppError> {
    let live = super::fact_checks::newest_filtered(conn, filters, count)?;
    // A full feed covers the time since its oldest entry; a short one, all time.
    let span_start = match live.cards.last() {
        Some(oldest) if live.cards.len() >= count => oldest.published_at,
        _ => Moment(chrono::DateTime::UNIX_EPOCH),
    };
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        card_columns!(),
        " FROM fact_checks f INDEXED BY fact_checks_retracted",
        card_joins!(),
        "WHERE f.status = 'retracted' AND f.retracted_at >= ?5 AND ",
        list_filters!("f"),
        " ORDER BY f.retracted_at DESC LIMIT ?6"
    ))?;
    let limit = i64::try_from(count).unwrap_or(i64::MAX);
    let fixed: [&dyn ToSql; 6] = [
        &filters.tag,
        &filters.rating,
        &filters.claimant,
        &filters.since,
        &span_start,
        &limit,
    ];
    let retracted = stmt
        .query_map(params_from_iter(fixed), card_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    let mut items = Vec::with_capacity(live.cards.len() + retracted.len());
    for card in live.cards.into_iter().chain(retracted) {
        let extra = conn
            .prepare_cached(
                "SELECT body_html, retraction_note, retracted_at FROM fact_checks WHERE id = ?1",
            )?
            .query_row(params![card.id], |row| {
                let note: Option<String> = row.get(1)?;
                let at: Option<Moment> = row.get(2)?;
                Ok((row.get::<_, String>(0)?, note.zip(at)))
            })
            .optional()?;
        if let Some((body_html, retraction)) = extra {
            items.push(FeedItem {
                card,
                body_html,
                retraction,
            });
        }
    }
    items.sort_by_key(|item| std::cmp::Reverse(item.card.published_at));
    Ok(items)
}
