//! The rating scale.

use crate::domain::Rating;
use crate::error::AppError;
use rusqlite::Connection;

/// Every rating, in scale order (True first).
pub fn all(conn: &Connection) -> Result<Vec<Rating>, AppError> {
    let mut stmt = conn.prepare_cached(
        "SELECT slug, label, value, definition, colour FROM ratings ORDER BY position",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(Rating {
            slug: row.get(0)?,
            label: row.get(1)?,
            value: row.get(2)?,
            definition: row.get(3)?,
            colour: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
