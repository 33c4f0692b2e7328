//! The demo's pictures: illustrations we drew as SVG (`images/`), rasterized and kept
//! through the same re-encoding as an editor's upload, so a new site shows complete pages.

use crate::db::media;
use crate::domain::media::{Encoded, ImageWords, encode};
use crate::domain::{ImageId, Moment, UserId};
use crate::error::AppError;
use resvg::{tiny_skia, usvg};
use rusqlite::Transaction;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

const IMAGES: &str = include_str!("images.json");

/// The drawings by file name. None of them has text, so no font is needed to draw them.
const DRAWINGS: &[(&str, &str)] = &[
    ("gears.svg", include_str!("images/gears.svg")),
    ("podium.svg", include_str!("images/podium.svg")),
    ("treaty.svg", include_str!("images/treaty.svg")),
    ("meeting.svg", include_str!("images/meeting.svg")),
    ("telephone.svg", include_str!("images/telephone.svg")),
    ("scales.svg", include_str!("images/scales.svg")),
    ("radar.svg", include_str!("images/radar.svg")),
    (
        "photo-calendar.svg",
        include_str!("images/photo-calendar.svg"),
    ),
    ("hourglass.svg", include_str!("images/hourglass.svg")),
    ("table.svg", include_str!("images/table.svg")),
    ("magnifier.svg", include_str!("images/magnifier.svg")),
    ("post-lectern.svg", include_str!("images/post-lectern.svg")),
    ("launch-still.svg", include_str!("images/launch-still.svg")),
];

#[derive(Deserialize)]
struct DemoImage {
    file: String,
    alt: String,
    caption: String,
    credit: String,
    /// The fact-check whose featured image this is.
    featured_on: Option<String>,
    screenshot_of: Option<Screenshot>,
}

#[derive(Deserialize)]
struct Screenshot {
    slug: String,
    /// Which of the claim's appearances, counted from 0.
    appearance: usize,
    sensitive: bool,
}

/// Where the stored pictures go on the demo's fact-checks.
#[derive(Default)]
pub struct Placed {
    featured: HashMap<String, ImageId>,
    screenshots: HashMap<(String, usize), (ImageId, bool)>,
}

impl Placed {
    pub fn featured(&self, slug: &str) -> Option<ImageId> {
        self.featured.get(slug).copied()
    }

    /// The screenshot of appearance `index` of `slug`, and whether it is sensitive.
    pub fn screenshot(&self, slug: &str, index: usize) -> Option<(ImageId, bool)> {
        self.screenshots.get(&(slug.to_owned(), index)).copied()
    }
}

/// Stores every demo picture as uploaded by `by`, and says where each goes.
pub fn store(tx: &Transaction<'_>, by: UserId, at: Moment) -> Result<Placed, AppError> {
    let images: Vec<DemoImage> = serde_json::from_str(IMAGES)
        .map_err(|e| AppError::Internal(format!("demo images are malformed: {e}")))?;
    let mut placed = Placed::default();
    for image in images {
        let encoded = encoded(&image.file)?;
        let words = ImageWords::parse(&image.alt, &image.caption, &image.credit)
            .map_err(|e| AppError::Internal(format!("demo image {}: {e:?}", image.file)))?;
        let id = media::insert(tx, &words, encoded, by, at)?;
        if let Some(slug) = image.featured_on {
            placed.featured.insert(slug, id);
        }
        if let Some(shot) = image.screenshot_of {
            placed
                .screenshots
                .insert((shot.slug, shot.appearance), (id, shot.sensitive));
        }
    }
    Ok(placed)
}

/// A drawing re-encoded as an upload is; done once per process, as every new database
/// (each test's, too) gets the same pictures.
fn encoded(file: &str) -> Result<&'static Encoded, AppError> {
    static ENCODED: OnceLock<Result<HashMap<&'static str, Encoded>, String>> = OnceLock::new();
    let all = ENCODED
        .get_or_init(|| {
            DRAWINGS
                .iter()
                .map(|(name, svg)| {
                    let png = rasterize(svg).map_err(|e| format!("{name}: {e}"))?;
                    let encoded = encode(&png).map_err(|e| format!("{name}: {e}"))?;
                    Ok((*name, encoded))
                })
                .collect()
        })
        .as_ref()
        .map_err(|e| AppError::Internal(format!("a demo image could not be drawn: {e}")))?;
    all.get(file)
        .ok_or_else(|| AppError::Internal(format!("no demo drawing is named {file}")))
}

/// The drawing at the size its `viewBox` gives, as a PNG.
fn rasterize(svg: &str) -> Result<Vec<u8>, String> {
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).map_err(|e| e.to_string())?;
    let size = tree.size().to_int_size();
    let mut pixmap =
        tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("the drawing has no size")?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_image_names_a_drawing_and_every_drawing_is_used() {
        let images: Vec<DemoImage> = serde_json::from_str(IMAGES).expect("valid JSON");
        for image in &images {
            assert!(
                DRAWINGS.iter().any(|(name, _)| *name == image.file),
                "{} is not drawn",
                image.file
            );
            assert!(
                !image.alt.trim().is_empty(),
                "{} has no alt text",
                image.file
            );
        }
        for (name, _) in DRAWINGS {
            assert!(images.iter().any(|i| i.file == *name), "{name} is unused");
        }
    }
}
