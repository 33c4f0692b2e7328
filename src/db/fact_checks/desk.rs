//! The editors' desk: one page of fact-checks under the chosen filters, keyset-paged on
//! (updated_at, id), and which of a search's results pass those filters.

use crate::db::cards::{DASHBOARD_COLUMNS, dashboard_columns, dashboard_row};
use crate::db::split_page;
use crate::domain::{Assignee, DashboardRow, DeskCursor, DeskFilter, DeskSort, DeskStatus, Moment};
use crate::error::AppError;
use rusqlite::{Connection, ToSql};
use std::collections::HashSet;

/// The WHERE conditions of `filter`, and the named parameters they use. Only the filters
/// chosen are written into the statement: `(:x IS NULL OR f.col = :x)` would keep SQLite
/// from choosing the index that serves the filter.
fn conditions<'a>(
    filter: &'a DeskFilter,
    now: &'a Moment,
) -> (String, Vec<(&'static str, &'a dyn ToSql)>) {
    let mut sql = String::from(" WHERE 1");
    let mut params: Vec<(&'static str, &'a dyn ToSql)> = Vec::new();
    if let Some(author) = &filter.author {
        sql.push_str(" AND f.author_id = :author");
        params.push((":author", author));
    }
    if let Some(status) = filter.status {
        sql.push_str(match status {
            DeskStatus::Draft => " AND f.status = 'draft'",
            DeskStatus::InReview => " AND f.status = 'in_review'",
            // `+` keeps SQLite off the live listing's index on (status, published_at): it
            // would then sort every published row by last change (4.4 s on 100,000).
            DeskStatus::Scheduled => " AND f.status = 'published' AND +f.published_at > :now",
            DeskStatus::Published => " AND f.status = 'published' AND +f.published_at <= :now",
            DeskStatus::Retracted => " AND f.status = 'retracted'",
        });
        if matches!(status, DeskStatus::Scheduled | DeskStatus::Published) {
            params.push((":now", now));
        }
    }
    if let Some(rating) = &filter.rating {
        sql.push_str(" AND f.rating_id = (SELECT id FROM ratings WHERE slug = :rating)");
        params.push((":rating", rating));
    }
    match &filter.assignee {
        Some(Assignee::Nobody) => sql.push_str(" AND f.assigned_to IS NULL"),
        Some(Assignee::Person(id)) => {
            sql.push_str(" AND f.assigned_to = :assignee");
            params.push((":assignee", id));
        }
        None => {}
    }
    if let Some(tag) = &filter.tag {
        // The tag is looked up once, not joined for every row tested.
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM fact_check_tags x WHERE x.fact_check_id = f.id
                 AND x.tag_id = (SELECT id FROM tags WHERE key = :tag))",
        );
        params.push((":tag", tag));
    }
    (sql, params)
}

/// Drafts sent back to their writer sort first in the writer's own view.
const SENT_BACK_RANK: &str = "(f.review_note IS NULL)";

/// One page of the desk under `filter`, and the cursor of the next page if there is one.
pub fn desk(
    conn: &Connection,
    filter: &DeskFilter,
    per_page: usize,
) -> Result<(Vec<DashboardRow>, Option<DeskCursor>), AppError> {
    let now = Moment::now();
    let (mut sql, mut params) = conditions(filter, &now);
    let rank = if filter.sent_back_first {
        SENT_BACK_RANK
    } else {
        "0"
    };
    let (past, direction) = match filter.sort {
        DeskSort::Newest => ("<", "DESC"),
        DeskSort::Oldest => (">", "ASC"),
    };
    if let Some(after) = &filter.after {
        if filter.sent_back_first {
            sql.push_str(&format!(
                " AND ({rank} > :rank OR ({rank} = :rank AND (f.updated_at, f.id) {past} (:at, :id)))"
            ));
            params.push((":rank", &after.rank));
        } else {
            sql.push_str(&format!(" AND (f.updated_at, f.id) {past} (:at, :id)"));
        }
        params.push((":at", &after.updated_at));
        params.push((":id", &after.id));
    }
    let limit = per_page as i64 + 1;
    params.push((":limit", &limit));
    let order = if filter.sent_back_first {
        format!("{rank}, ")
    } else {
        String::new()
    };
    let statement = format!(
        "SELECT {}, {rank} FROM fact_checks f
         JOIN ratings r ON r.id = f.rating_id
         JOIN users u ON u.id = f.author_id
         LEFT JOIN users a ON a.id = f.assigned_to{sql}
         ORDER BY {order}f.updated_at {direction}, f.id {direction} LIMIT :limit",
        dashboard_columns!()
    );
    let mut stmt = conn.prepare_cached(&statement)?;
    let rows = stmt
        .query_map(params.as_slice(), |row| {
            let listed = dashboard_row(row)?;
            let rank: i64 = row.get(DASHBOARD_COLUMNS)?;
            Ok((listed, rank))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let (rows, has_more) = split_page(rows, per_page);
    let next = match rows.last() {
        Some((last, rank)) if has_more => Some(DeskCursor {
            rank: *rank,
            updated_at: last.updated_at,
            id: last.id.0,
        }),
        _ => None,
    };
    Ok((rows.into_iter().map(|(row, _)| row).collect(), next))
}

/// The ids among `rows` (a search's results) that pass `filter`'s filters; its order and
/// page do not apply to a search, which ranks by relevance.
pub fn passing(
    conn: &Connection,
    filter: &DeskFilter,
    rows: &[DashboardRow],
) -> Result<HashSet<i64>, AppError> {
    let now = Moment::now();
    let (sql, mut params) = conditions(filter, &now);
    let ids = serde_json::to_string(&rows.iter().map(|r| r.id.0).collect::<Vec<_>>())
        .map_err(|e| AppError::Internal(format!("cannot list ids: {e}")))?;
    params.push((":ids", &ids));
    let statement = format!(
        "SELECT f.id FROM fact_checks f{sql} AND f.id IN (SELECT value FROM json_each(:ids))"
    );
    let mut stmt = conn.prepare_cached(&statement)?;
    let ids = stmt
        .query_map(params.as_slice(), |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}
