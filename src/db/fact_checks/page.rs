//! The verdict page readers see, and the same page of any fact-check for its preview.

use super::{appearances_and_sources_json, whole_fact_check_from};
use crate::db::cards::{json_column, rating_at, rating_columns, tags_json};
use crate::domain::{
    Claim, FactCheckId, FactCheckPage, ImageId, Moment, PublisherVerdict, Translation,
};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, Row, params};

/// Everything a verdict page shows, in the order `page_of` reads it. `?2` is now: a
/// fact-check never published (a draft's preview) shows as published at this instant.
macro_rules! page_select {
    () => {
        concat!(
            "SELECT f.id, f.slug, f.headline, f.summary, f.body_html, ",
            rating_columns!(),
            ", u.name, coalesce(f.published_at, ?2), f.updated_at,
                c.text, cl.name, cl.slug, c.claimed_on, ",
            appearances_and_sources_json!(),
            ", ",
            tags_json!(),
            ", f.status, f.retraction_note, f.retracted_at,
                (SELECT json_group_array(json_object(
                        'kind', k.kind, 'note', k.note, 'created_at', k.created_at,
                        'old_rating', ro.label, 'new_rating', rn.label,
                        'old_rating_slug', ro.slug, 'old_rating_value', ro.value,
                        'new_rating_slug', rn.slug, 'new_rating_value', rn.value) ORDER BY k.created_at, k.id)
                   FROM corrections k
                   LEFT JOIN ratings ro ON ro.id = k.old_rating_id
                   LEFT JOIN ratings rn ON rn.id = k.new_rating_id
                  WHERE k.fact_check_id = f.id),
                cl.url, cl.kind, f.featured_image_id, u.slug, f.key_points, f.lang,
                coalesce(f.translation_of, f.id), f.imported_from, f.publisher_rating,
                f.publisher_name, f.publisher_url",
            whole_fact_check_from!()
        )
    };
}

/// The verdict page of a published (and live) or retracted fact-check, in one statement
/// (one consistent snapshot).
pub fn published_page(conn: &Connection, slug: &str) -> Result<Option<FactCheckPage>, AppError> {
    let mut stmt = conn.prepare_cached(concat!(
        page_select!(),
        "WHERE f.slug = ?1
           AND ((f.status = 'published' AND f.published_at <= ?2) OR f.status = 'retracted')"
    ))?;
    let found = stmt
        .query_row(params![slug, Moment::now()], page_of)
        .optional()?;
    with_featured_image(conn, found)
}

/// The page fact-check `id` would have, whatever its status: what a preview shows.
pub fn page_of_any(conn: &Connection, id: FactCheckId) -> Result<Option<FactCheckPage>, AppError> {
    let mut stmt = conn.prepare_cached(concat!(page_select!(), "WHERE f.id = ?1"))?;
    let found = stmt
        .query_row(params![id, Moment::now()], page_of)
        .optional()?;
    with_featured_image(conn, found)
}

/// The page with its featured image, read by the id the page's statement found.
fn with_featured_image(
    conn: &Connection,
    found: Option<(FactCheckPage, Option<ImageId>, i64)>,
) -> Result<Option<FactCheckPage>, AppError> {
    let Some((mut page, image, centre)) = found else {
        return Ok(None);
    };
    page.translations = translations_of(conn, &page, centre)?;
    if let Some(image) = image {
        page.featured_image = crate::db::media::shown(conn, image)?;
    }
    for appearance in &mut page.claim.appearances {
        if let Some(image) = appearance.image {
            appearance.screenshot = crate::db::media::shown(conn, image)?;
        }
    }
    Ok(Some(page))
}

fn page_of(row: &Row<'_>) -> rusqlite::Result<(FactCheckPage, Option<ImageId>, i64)> {
    let page = FactCheckPage {
        id: row.get(0)?,
        language: row.get(29)?,
        translations: Vec::new(),
        publisher: match row.get::<_, Option<String>>(31)? {
            None => None,
            Some(review_url) => Some((
                PublisherVerdict {
                    rating: row.get(32)?,
                    name: row.get(33)?,
                    url: row.get(34)?,
                },
                review_url,
            )),
        },
        status: row.get(20)?,
        retraction_note: row.get(21)?,
        retracted_at: row.get(22)?,
        corrections: json_column(row, 23)?,
        slug: row.get(1)?,
        headline: row.get(2)?,
        summary: row.get(3)?,
        body_html: row.get(4)?,
        rating: rating_at(row, 5)?,
        author: row.get(10)?,
        published_at: row.get(11)?,
        updated_at: row.get(12)?,
        claim: Claim {
            text: row.get(13)?,
            claimant: row.get(14)?,
            claimant_slug: row.get(15)?,
            claimant_url: row.get(24)?,
            claimant_kind: row.get(25)?,
            date: row.get(16)?,
            appearances: json_column(row, 17)?,
        },
        sources: json_column(row, 18)?,
        tags: json_column(row, 19)?,
        featured_image: None,
        author_slug: row.get(27)?,
        key_points: crate::domain::key_points_of(&row.get::<_, String>(28)?),
        related: Vec::new(),
    };
    Ok((page, row.get(26)?, row.get(30)?))
}

/// The other live fact-checks of `page`'s group of translations (migration 0019), by
/// language: the centre, `centre`, and those that point at it. A retracted one is left out:
/// its page no longer offers a verdict to read instead.
fn translations_of(
    conn: &Connection,
    page: &FactCheckPage,
    centre: i64,
) -> Result<Vec<Translation>, AppError> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.lang, t.slug, t.headline FROM fact_checks t
          WHERE (t.id = ?1 OR t.translation_of = ?1) AND t.id != ?2
            AND t.status = 'published' AND t.published_at <= ?3
          ORDER BY t.lang, t.id LIMIT 50",
    )?;
    let rows = stmt.query_map(params![centre, page.id, Moment::now()], |row| {
        Ok(Translation {
            language: row.get(0)?,
            slug: row.get(1)?,
            headline: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
