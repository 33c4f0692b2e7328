//! The rating scale, and how many live fact-checks carry each rating.

use super::cards::{rating_at, rating_columns};
use super::rows;
use crate::domain::{Moment, Rating};
use crate::error::AppError;
use rusqlite::Connection;

/// Every rating, in scale order (True first).
pub fn all(conn: &Connection) -> Result<Vec<Rating>, AppError> {
    rows::all(
        conn,
        "SELECT slug, label, value, definition, colour FROM ratings ORDER BY position",
        [],
        |row| rating_at(row, 0),
    )
}

/// How many ratings the scale has: the health check's proof that the database answers.
pub fn count(conn: &Connection) -> Result<i64, AppError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM ratings")?
        .query_row([], |row| row.get(0))?)
}

/// The rating scale with how many live fact-checks carry each rating.
pub fn ratings_with_counts(conn: &Connection) -> Result<Vec<(Rating, i64)>, AppError> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        rating_columns!(),
        ",
                (SELECT count(*) FROM fact_checks f
                  WHERE f.rating_id = r.id AND f.status = 'published' AND f.published_at <= ?1)
         FROM ratings r ORDER BY r.position"
    ))?;
    let rows = stmt.query_map([Moment::now()], |row| Ok((rating_at(row, 0)?, row.get(5)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
