//! Images and their re-encoded variants, and every place that shows one.

mod fact_checks;

pub use fact_checks::{explanation_html, save_images_of, shown_in};

use crate::domain::media::{
    Encoded, ImageFormat, ImageUse, ImageWords, LibraryImage, ShownImage, VariantLink,
};
use crate::domain::{ImageId, Moment, UserId};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// The settings key of the site logo's image id.
pub const SITE_LOGO: &str = "site_logo_image";

pub fn insert(
    tx: &Transaction<'_>,
    words: &ImageWords,
    encoded: &Encoded,
    uploaded_by: UserId,
    at: Moment,
) -> Result<ImageId, AppError> {
    tx.prepare_cached(
        "INSERT INTO images (alt, caption, credit, width, height, uploaded_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        words.alt,
        words.caption,
        words.credit,
        encoded.width,
        encoded.height,
        uploaded_by,
        at
    ])?;
    let id = ImageId(tx.last_insert_rowid());
    let mut variant = tx.prepare_cached(
        "INSERT INTO image_variants (image_id, width, height, format, hash, bytes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for v in &encoded.variants {
        variant.execute(params![
            id,
            v.width,
            v.height,
            v.format.as_str(),
            v.hash,
            v.bytes
        ])?;
    }
    Ok(id)
}

pub fn update_words(tx: &Transaction<'_>, id: ImageId, words: &ImageWords) -> Result<(), AppError> {
    let changed = tx
        .prepare_cached("UPDATE images SET alt = ?2, caption = ?3, credit = ?4 WHERE id = ?1")?
        .execute(params![id, words.alt, words.caption, words.credit])?;
    if changed == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Removes an image no page shows; one in use is refused with the list of its uses.
pub fn remove(tx: &Transaction<'_>, id: ImageId) -> Result<Result<(), Vec<ImageUse>>, AppError> {
    let uses = uses(tx, id)?;
    if !uses.is_empty() {
        return Ok(Err(uses));
    }
    let removed = tx
        .prepare_cached("DELETE FROM images WHERE id = ?1")?
        .execute([id])?;
    if removed == 0 {
        return Err(AppError::NotFound);
    }
    Ok(Ok(()))
}

/// Every place that shows the image, read from the columns and the kept table of
/// explanation references (each indexed by image), never by reading the texts.
/// Whether a fact-check readers can see (live, scheduled or retracted) shows the image:
/// its words are then part of a published page, which only editors change.
pub fn shown_to_readers(conn: &Connection, id: ImageId) -> Result<bool, AppError> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (
               SELECT 1 FROM fact_checks WHERE featured_image_id = ?1 AND status IN ('published', 'retracted')
               UNION ALL
               SELECT 1 FROM appearances a
                 JOIN claims c ON c.id = a.claim_id JOIN fact_checks f ON f.id = c.fact_check_id
                WHERE a.image_id = ?1 AND f.status IN ('published', 'retracted')
               UNION ALL
               SELECT 1 FROM fact_check_body_images b JOIN fact_checks f ON f.id = b.fact_check_id
                WHERE b.image_id = ?1 AND f.status IN ('published', 'retracted'))",
        )?
        .query_row([id], |row| row.get(0))?)
}

pub fn uses(conn: &Connection, id: ImageId) -> Result<Vec<ImageUse>, AppError> {
    let mut found = Vec::new();
    let mut statement = conn.prepare_cached(
        "SELECT 0, headline FROM fact_checks WHERE featured_image_id = ?1
         UNION ALL
         SELECT 1, f.headline FROM appearances a
           JOIN claims c ON c.id = a.claim_id JOIN fact_checks f ON f.id = c.fact_check_id
          WHERE a.image_id = ?1
         UNION ALL
         SELECT 2, f.headline FROM fact_check_body_images b
           JOIN fact_checks f ON f.id = b.fact_check_id WHERE b.image_id = ?1
         UNION ALL
         SELECT 3, name FROM users WHERE photo_media_id = ?1
         UNION ALL
         SELECT 4, '' FROM settings WHERE key = ?2 AND value = CAST(?1 AS TEXT)",
    )?;
    let rows = statement.query_map(params![id, SITE_LOGO], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (kind, text) = row?;
        found.push(match kind {
            0 => ImageUse::Featured { headline: text },
            1 => ImageUse::Screenshot { headline: text },
            2 => ImageUse::Explanation { headline: text },
            3 => ImageUse::AuthorPhoto { name: text },
            _ => ImageUse::SiteLogo,
        });
    }
    Ok(found)
}

fn variants_of(conn: &Connection, id: ImageId) -> Result<Vec<(VariantLink, i64)>, AppError> {
    let mut statement = conn.prepare_cached(
        "SELECT width, format, hash, length(bytes) FROM image_variants WHERE image_id = ?1",
    )?;
    let rows = statement.query_map([id], |row| {
        Ok((
            row.get::<_, u32>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, i64>(3)?,
        ))
    })?;
    let mut variants = Vec::new();
    for row in rows {
        let (width, format, hash, size) = row?;
        let format = ImageFormat::parse(&format)
            .ok_or_else(|| AppError::Internal(format!("unknown image format {format:?}")))?;
        variants.push((
            VariantLink {
                width,
                format,
                hash,
            },
            size,
        ));
    }
    Ok(variants)
}

/// The image as pages show it; `None` for an unknown id.
pub fn shown(conn: &Connection, id: ImageId) -> Result<Option<ShownImage>, AppError> {
    Ok(with_size(conn, id)?.map(|(shown, _, _)| shown))
}

/// The image, its smallest fallback (a thumbnail) and the bytes all its variants take.
fn with_size(
    conn: &Connection,
    id: ImageId,
) -> Result<Option<(ShownImage, String, i64)>, AppError> {
    let Some((words, size)) = conn
        .prepare_cached("SELECT alt, caption, credit, width, height FROM images WHERE id = ?1")?
        .query_row([id], |row| {
            Ok((
                ImageWords {
                    alt: row.get(0)?,
                    caption: row.get(1)?,
                    credit: row.get(2)?,
                },
                (row.get::<_, u32>(3)?, row.get::<_, u32>(4)?),
            ))
        })
        .optional()?
    else {
        return Ok(None);
    };
    let variants = variants_of(conn, id)?;
    let total = variants.iter().map(|(_, size)| size).sum();
    let thumbnail = variants
        .iter()
        .filter(|(v, _)| v.format != ImageFormat::WebP)
        .min_by_key(|(v, _)| v.width)
        .map(|(v, _)| v.url())
        .unwrap_or_default();
    let links = variants.into_iter().map(|(v, _)| v).collect();
    Ok(ShownImage::new(id, words, size, links).map(|shown| (shown, thumbnail, total)))
}

/// A page of the library, newest first, after the image `before` (keyset paging: any
/// page costs the same).
pub fn library(
    conn: &Connection,
    before: Option<ImageId>,
    per_page: usize,
) -> Result<(Vec<LibraryImage>, bool), AppError> {
    let ids: Vec<(ImageId, Moment)> = conn
        .prepare_cached(
            "SELECT id, created_at FROM images WHERE id < ?1 ORDER BY id DESC LIMIT ?2",
        )?
        .query_map(
            params![before.map_or(i64::MAX, |b| b.0), per_page as i64 + 1],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?
        .collect::<Result<_, _>>()?;
    let (ids, has_more) = super::split_page(ids, per_page);
    let mut images = Vec::with_capacity(ids.len());
    for (id, created_at) in ids {
        if let Some((shown, thumbnail_url, stored_bytes)) = with_size(conn, id)? {
            images.push(LibraryImage {
                uses: uses(conn, id)?,
                shown,
                thumbnail_url,
                stored_bytes,
                created_at,
            });
        }
    }
    Ok((images, has_more))
}

/// What a picker offers: the latest `count` images, and `chosen` (if any) even when it is
/// older, so a form never loses the image it shows.
pub fn choices(
    conn: &Connection,
    count: usize,
    chosen: &[ImageId],
) -> Result<Vec<ShownImage>, AppError> {
    let mut ids: Vec<ImageId> = conn
        .prepare_cached("SELECT id FROM images ORDER BY id DESC LIMIT ?1")?
        .query_map([count as i64], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    // Every image the form already names stays a choice however old it is, or its select
    // would fall back to "None" and the next save would drop it.
    for &id in chosen {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let mut shown_images = Vec::with_capacity(ids.len());
    for id in ids {
        shown_images.extend(shown(conn, id)?);
    }
    Ok(shown_images)
}

/// A variant's bytes by its address; `None` when no variant has that name.
pub fn variant_bytes(
    conn: &Connection,
    hash: &str,
    format: ImageFormat,
) -> Result<Option<Vec<u8>>, AppError> {
    Ok(conn
        .prepare_cached("SELECT bytes FROM image_variants WHERE hash = ?1 AND format = ?2 LIMIT 1")?
        .query_row(params![hash, format.as_str()], |row| row.get(0))
        .optional()?)
}

/// An image's JPEG or PNG for the social card, where it fills about 540 px: the smallest
/// variant at least 960 px wide, or the largest when the original is smaller.
pub fn card_image_bytes(conn: &Connection, image: ImageId) -> Result<Option<Vec<u8>>, AppError> {
    Ok(conn
        .prepare_cached(
            "SELECT bytes FROM image_variants
              WHERE image_id = ?1 AND format != 'webp'
              ORDER BY width >= 960 DESC, CASE WHEN width >= 960 THEN width ELSE -width END
              LIMIT 1",
        )?
        .query_row([image], |row| row.get(0))
        .optional()?)
}

/// Whether an image exists: a form that names a removed one is refused beside the field.
pub fn exists(conn: &Connection, id: ImageId) -> Result<bool, AppError> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM images WHERE id = ?1)")?
        .query_row([id], |row| row.get(0))?)
}

/// Sets (or clears) a person's photo, shown on their author page.
pub fn set_user_photo(
    tx: &Transaction<'_>,
    user: UserId,
    image: Option<ImageId>,
) -> Result<(), AppError> {
    if let Some(image) = image
        && !exists(tx, image)?
    {
        return Err(AppError::NotFound);
    }
    tx.prepare_cached("UPDATE users SET photo_media_id = ?2 WHERE id = ?1")?
        .execute(params![user, image])?;
    Ok(())
}

/// A person's photo, for their author page.
pub fn user_photo(conn: &Connection, user: UserId) -> Result<Option<ShownImage>, AppError> {
    user_photo_id(conn, user)?.map_or(Ok(None), |id| shown(conn, id))
}

pub fn user_photo_id(conn: &Connection, user: UserId) -> Result<Option<ImageId>, AppError> {
    Ok(conn
        .prepare_cached("SELECT photo_media_id FROM users WHERE id = ?1")?
        .query_row([user], |row| row.get(0))
        .optional()?
        .flatten())
}

/// The site logo, if one was chosen.
pub fn site_logo(conn: &Connection) -> Result<Option<ShownImage>, AppError> {
    site_logo_id(conn)?.map_or(Ok(None), |id| shown(conn, id))
}

pub fn site_logo_id(conn: &Connection) -> Result<Option<ImageId>, AppError> {
    Ok(super::settings::get(conn, SITE_LOGO)?
        .parse()
        .ok()
        .map(ImageId))
}

/// Sets (or, with `None`, clears) the site logo.
pub fn set_site_logo(tx: &Transaction<'_>, image: Option<ImageId>) -> Result<(), AppError> {
    if let Some(image) = image
        && !exists(tx, image)?
    {
        return Err(AppError::NotFound);
    }
    let value = image.map(|id| id.to_string()).unwrap_or_default();
    super::settings::set(tx, SITE_LOGO, &value)
}

/// Refuses a screenshot (of appearance row `row`) that is no longer in the library.
pub fn check_screenshot(
    tx: &Transaction<'_>,
    row: usize,
    image: Option<ImageId>,
) -> Result<(), AppError> {
    match image {
        Some(image) if !exists(tx, image)? => Err(AppError::invalid(
            &format!("appearance.{row}.image"),
            "That image is no longer in the media library; choose another.",
        )),
        _ => Ok(()),
    }
}
