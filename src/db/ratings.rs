//! The rating scale, and how many live fact-checks carry each rating.

use super::cards::{rating_at, rating_columns};
use super::rows;
use crate::domain::ui::RatingWords;
use crate::domain::{Moment, Rating};
use crate::error::AppError;
use rusqlite::{Connection, Transaction, params};

/// Every rating, in scale order (True first).
pub fn all(conn: &Connection) -> Result<Vec<Rating>, AppError> {
    rows::all(
        conn,
        "SELECT slug, label, value, definition, colour FROM ratings ORDER BY position",
        [],
        |row| rating_at(row, 0),
    )
}

/// The newsroom's own wording of its ratings, in every language it gave one (migration
/// 0022): a row per rating and language, so a few hundred at most.
pub fn words(conn: &Connection) -> Result<RatingWords, AppError> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.slug, l.language, l.label, l.definition
         FROM rating_labels l JOIN ratings r ON r.id = l.rating_id",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(((row.get(0)?, row.get(1)?), (row.get(2)?, row.get(3)?)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Sets the wording of `language` (a primary subtag): each rating slug with its label and
/// definition, or `None` to go back to the default wording.
pub fn set_words(
    tx: &Transaction<'_>,
    language: &str,
    words: &[(String, Option<(String, String)>)],
) -> Result<(), AppError> {
    for (slug, wording) in words {
        match wording {
            Some((label, definition)) => tx
                .prepare_cached(
                    "INSERT INTO rating_labels (rating_id, language, label, definition)
                     SELECT id, ?2, ?3, ?4 FROM ratings WHERE slug = ?1
                     ON CONFLICT (rating_id, language)
                     DO UPDATE SET label = excluded.label, definition = excluded.definition",
                )?
                .execute(params![slug, language, label, definition])?,
            None => tx
                .prepare_cached(
                    "DELETE FROM rating_labels WHERE language = ?2
                       AND rating_id = (SELECT id FROM ratings WHERE slug = ?1)",
                )?
                .execute(params![slug, language])?,
        };
    }
    Ok(())
}

/// How many ratings the scale has: the health check's proof that the database answers.
pub fn count(conn: &Connection) -> Result<i64, AppError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM ratings")?
        .query_row([], |row| row.get(0))?)
}

/// The rating scale with how many live fact-checks carry each rating: the kept counts
/// (migration 0015) less the few scheduled ones not live yet (see `tags::tags_with_counts`).
pub fn ratings_with_counts(conn: &Connection) -> Result<Vec<(Rating, i64)>, AppError> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        rating_columns!(),
        ",
                coalesce(k.published, 0)
                - (SELECT count(*) FROM fact_checks f
                    WHERE f.status = 'published' AND f.published_at > ?1 AND f.rating_id = r.id)
         FROM ratings r LEFT JOIN rating_counts k ON k.rating_id = r.id ORDER BY r.position"
    ))?;
    let rows = stmt.query_map([Moment::now()], |row| Ok((rating_at(row, 0)?, row.get(5)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use crate::domain::colour::{AA_CONTRAST, RATING_TEXT, Srgb, ciede2000, contrast};

    /// Ratings as a new database has them: the scale the demo data uses too.
    fn default_scale() -> Vec<crate::domain::Rating> {
        let mut conn = rusqlite::Connection::open_in_memory().expect("a database in memory");
        super::super::migrations()
            .to_latest(&mut conn)
            .expect("migrations apply");
        super::all(&conn).expect("the ratings")
    }

    #[test]
    fn white_text_on_every_rating_passes_wcag_aa() {
        let scale = default_scale();
        assert_eq!(scale.len(), 11, "ten, and not rated on our scale");
        for rating in scale {
            let colour = Srgb::parse(&rating.colour).expect("a #rrggbb colour");
            let ratio = contrast(colour, RATING_TEXT);
            assert!(ratio >= AA_CONTRAST, "{}: {ratio:.2}:1", rating.label);
        }
    }

    #[test]
    fn every_two_ratings_differ_by_a_ciede2000_of_at_least_10() {
        let scale = default_scale();
        for (i, one) in scale.iter().enumerate() {
            for other in &scale[i + 1..] {
                let lab = |r: &crate::domain::Rating| Srgb::parse(&r.colour).expect("colour").lab();
                let difference = ciede2000(lab(one), lab(other));
                assert!(
                    difference >= 10.0,
                    "{} and {}: ΔE2000 {difference:.1}",
                    one.label,
                    other.label
                );
            }
        }
    }
}
