//! Running a query for its rows and building values from their columns, shared by every table.

use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, Params, Row, ToSql, params_from_iter};

/// Every row of a (cached) statement, each built by `read`.
pub(super) fn all<T>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
    read: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, AppError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, read)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The first row of a (cached) statement built by `read`, or `None` when there is none.
pub(super) fn first<T>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
    read: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Option<T>, AppError> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row(params, read)
        .optional()?)
}

/// One page of a query that ends `LIMIT ?1 OFFSET ?2` (filled from `page_window`), with
/// `rest` bound from ?3 on; and whether more follow.
pub(super) fn page_of<T>(
    conn: &Connection,
    sql: &str,
    (page, per_page): (usize, usize),
    rest: &[&dyn ToSql],
    read: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<(Vec<T>, bool), AppError> {
    let (limit, offset) = page_window(page, per_page);
    let window: [&dyn ToSql; 2] = [&limit, &offset];
    let params = params_from_iter(window.into_iter().chain(rest.iter().copied()));
    Ok(split_page(all(conn, sql, params, read)?, per_page))
}

/// `from_columns!(row[first..] => Type { a, b, c })` builds `Type` from the columns `first`,
/// `first + 1`, … in the order the fields are named, so a field can never be paired with the
/// wrong column number and a reader reads like the SELECT list it follows. A field read by a
/// function of `(row, column)` names it with the columns it takes, `rating: rating_at(5)`;
/// fields that come from no column follow a `;`. Evaluates to a `rusqlite::Result<Type>`.
macro_rules! from_columns {
    ($row:ident[$first:tt..] => $Type:ident {
        $($field:ident $(: $read:ident($width:literal))?),+ $(,)?
        $(; $($set:ident: $value:expr),+ $(,)?)?
    }) => {{
        let mut column: usize = $first;
        // The first column of the next `width`, moving on past them.
        let mut take = |width: usize| {
            column += width;
            column - width
        };
        // Fields are evaluated in the order written, which is the column order.
        Ok::<_, rusqlite::Error>($Type {
            $($field: {
                let at = take($crate::db::rows::from_columns!(@width $($width)?));
                $crate::db::rows::from_columns!(@read $row, at $(, $read)?)?
            },)+
            $($($set: $value,)+)?
        })
    }};
    (@width) => { 1 };
    (@width $width:literal) => { $width };
    (@read $row:ident, $at:ident) => { $row.get($at) };
    (@read $row:ident, $at:ident, $read:ident) => { $read($row, $at) };
}
pub(super) use from_columns;

/// LIMIT and OFFSET for page `page` (from 1): one row more than a page is asked for, so
/// "older" links need no COUNT(*); `split_page` then trims it off.
pub(crate) fn page_window(page: usize, per_page: usize) -> (i64, i64) {
    (per_page as i64 + 1, ((page - 1) * per_page) as i64)
}

/// A page's rows, and whether more follow (see `page_window`).
pub(crate) fn split_page<T>(mut rows: Vec<T>, per_page: usize) -> (Vec<T>, bool) {
    let has_more = rows.len() > per_page;
    rows.truncate(per_page);
    (rows, has_more)
}
