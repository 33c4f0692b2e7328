//! The images a fact-check shows, saved with it: its featured image, and those its
//! explanation names, kept as a list so "where is this image used" is one look-up.

use super::{exists, shown};
use crate::domain::markdown::{media_references, to_safe_html_with_images};
use crate::domain::media::ShownImage;
use crate::domain::{FactCheckDraft, FactCheckId};
use crate::error::AppError;
use rusqlite::{Connection, Transaction, params};

/// Part of a fact-check's save, in its transaction: the featured image, the kept list of
/// images its explanation shows, and its HTML with those images in it.
pub fn save_images_of(
    tx: &Transaction<'_>,
    id: FactCheckId,
    draft: &FactCheckDraft,
) -> Result<(), AppError> {
    if let Some(image) = draft.featured_image
        && !exists(tx, image)?
    {
        return Err(AppError::invalid(
            "featured_image",
            "That image is no longer in the media library; choose another.",
        ));
    }
    tx.prepare_cached("UPDATE fact_checks SET featured_image_id = ?2 WHERE id = ?1")?
        .execute(params![id, draft.featured_image])?;
    tx.prepare_cached("DELETE FROM fact_check_body_images WHERE fact_check_id = ?1")?
        .execute([id])?;
    let shown_in_body = shown_in(tx, &draft.body_markdown)?;
    for image in &shown_in_body {
        tx.prepare_cached(
            "INSERT INTO fact_check_body_images (fact_check_id, image_id) VALUES (?1, ?2)",
        )?
        .execute(params![id, image.id])?;
    }
    if !shown_in_body.is_empty() {
        let html = explanation_html(&draft.body_markdown, &shown_in_body);
        tx.prepare_cached("UPDATE fact_checks SET body_html = ?2 WHERE id = ?1")?
            .execute(params![id, html])?;
    }
    Ok(())
}

/// The library images an explanation names (`media:ID`) that are still in the library.
pub fn shown_in(conn: &Connection, markdown: &str) -> Result<Vec<ShownImage>, AppError> {
    let mut found = Vec::new();
    for image in media_references(markdown) {
        found.extend(shown(conn, image)?);
    }
    Ok(found)
}

/// An explanation's HTML with `images` (from `shown_in`) in it.
pub fn explanation_html(markdown: &str, images: &[ShownImage]) -> String {
    to_safe_html_with_images(markdown, &|image, alt| {
        images
            .iter()
            .find(|s| s.id == image)
            .map(|s| s.explanation_html(alt))
    })
}
