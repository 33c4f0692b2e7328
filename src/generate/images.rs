//! The generated newsroom's featured images: a dozen pictures drawn here (gradients and
//! shapes, nothing from the web), each kept once through an upload's re-encoding and shared
//! by many fact-checks, as an archive reuses its stock pictures.

use crate::db::media;
use crate::domain::media::{ImageWords, encode};
use crate::domain::{ImageId, Moment, UserId};
use crate::error::AppError;
use image::{Rgb, RgbImage};
use rusqlite::Transaction;
use std::io::Cursor;

/// 960 px wide, so the 960 px JPEG is each image's largest (what the API's `image` names)
/// and only two widths are kept: the database grows by a few megabytes, not more.
const WIDTH: u32 = 960;
const HEIGHT: u32 = 540;

/// One picture: two colours for the background gradient, the shape drawn over it, and the
/// words a screen reader says for it.
struct Drawing {
    from: [u8; 3],
    to: [u8; 3],
    shape: Shape,
    alt: &'static str,
}

#[derive(Clone, Copy)]
enum Shape {
    Circle,
    Stripes,
    Bars,
}

const DRAWINGS: [Drawing; 12] = [
    drawing(
        [20, 60, 120],
        [90, 170, 220],
        Shape::Circle,
        "A pale sun over a blue gradient.",
    ),
    drawing(
        [120, 30, 40],
        [240, 150, 80],
        Shape::Bars,
        "A rising bar chart on a red-orange gradient.",
    ),
    drawing(
        [10, 80, 60],
        [150, 220, 160],
        Shape::Stripes,
        "Diagonal stripes over a green gradient.",
    ),
    drawing(
        [60, 40, 110],
        [200, 160, 230],
        Shape::Circle,
        "A pale disc on a violet gradient.",
    ),
    drawing(
        [30, 30, 30],
        [140, 140, 150],
        Shape::Bars,
        "A grey bar chart on a dark gradient.",
    ),
    drawing(
        [150, 100, 20],
        [250, 220, 120],
        Shape::Stripes,
        "Diagonal stripes over a gold gradient.",
    ),
    drawing(
        [0, 90, 110],
        [120, 210, 200],
        Shape::Bars,
        "A teal bar chart on a sea-green gradient.",
    ),
    drawing(
        [110, 20, 80],
        [240, 140, 190],
        Shape::Circle,
        "A pale disc on a pink gradient.",
    ),
    drawing(
        [40, 70, 40],
        [200, 200, 120],
        Shape::Stripes,
        "Diagonal stripes over an olive gradient.",
    ),
    drawing(
        [20, 40, 80],
        [230, 120, 60],
        Shape::Bars,
        "A bar chart on a dusk gradient, blue to orange.",
    ),
    drawing(
        [90, 60, 40],
        [220, 190, 150],
        Shape::Circle,
        "A pale disc on a sand-brown gradient.",
    ),
    drawing(
        [50, 50, 90],
        [160, 200, 240],
        Shape::Stripes,
        "Diagonal stripes over a slate-blue gradient.",
    ),
];

const fn drawing(from: [u8; 3], to: [u8; 3], shape: Shape, alt: &'static str) -> Drawing {
    Drawing {
        from,
        to,
        shape,
        alt,
    }
}

/// Stores the dozen pictures as uploaded by `by`, in one transaction with the caller's
/// other work, and returns their ids in drawing order.
pub fn store(tx: &Transaction<'_>, by: UserId, at: Moment) -> Result<Vec<ImageId>, AppError> {
    DRAWINGS
        .iter()
        .map(|d| {
            let encoded = encode(&png(d)?)
                .map_err(|e| AppError::Internal(format!("a generated image was refused: {e}")))?;
            let words = ImageWords::parse(d.alt, "", "Drawn by factdesk generate")
                .map_err(|e| AppError::Internal(format!("a generated image's words: {e:?}")))?;
            media::insert(tx, &words, &encoded, by, at)
        })
        .collect()
}

/// The drawing as a PNG, the form an upload arrives in, so `encode` sees what it would see.
fn png(d: &Drawing) -> Result<Vec<u8>, AppError> {
    let mut picture = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let t = (x + y) as f32 / (WIDTH + HEIGHT) as f32;
        let background = mix(d.from, d.to, t);
        if inside(d.shape, x, y) {
            Rgb(mix(background, [250, 250, 245], 0.7))
        } else {
            Rgb(background)
        }
    });
    // A frame, so even the plain parts are not one flat colour that compresses to nothing.
    for x in 0..WIDTH {
        for y in [0, 1, HEIGHT - 2, HEIGHT - 1] {
            picture.put_pixel(x, y, Rgb(d.from));
        }
    }
    let mut bytes = Vec::new();
    picture
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
        .map_err(|e| AppError::Internal(format!("a generated image could not be written: {e}")))?;
    Ok(bytes)
}

fn inside(shape: Shape, x: u32, y: u32) -> bool {
    let (x, y) = (i64::from(x), i64::from(y));
    match shape {
        Shape::Circle => (x - 640).pow(2) + (y - 220).pow(2) < 130 * 130,
        Shape::Stripes => (x + y) % 120 < 40,
        Shape::Bars => {
            let bar = x / 120;
            (x % 120) > 30 && y > 480 - 50 * bar && bar < 8
        }
    }
}

fn mix(from: [u8; 3], to: [u8; 3], t: f32) -> [u8; 3] {
    let channel = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
    [
        channel(from[0], to[0]),
        channel(from[1], to[1]),
        channel(from[2], to[2]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::media::ImageFormat;
    use std::collections::HashSet;

    #[test]
    fn the_dozen_drawings_differ_and_each_keeps_a_960_px_jpeg() {
        let pngs: Vec<Vec<u8>> = DRAWINGS.iter().map(|d| png(d).unwrap()).collect();
        let distinct: HashSet<&Vec<u8>> = pngs.iter().collect();
        assert_eq!(
            distinct.len(),
            DRAWINGS.len(),
            "two drawings are the same picture"
        );
        // The benchmark's media row asks for the largest JPEG, which must be the 960 px one.
        let encoded = encode(&pngs[0]).unwrap();
        let widest_jpeg = encoded
            .variants
            .iter()
            .filter(|v| v.format == ImageFormat::Jpeg)
            .map(|v| v.width)
            .max();
        assert_eq!(widest_jpeg, Some(960));
    }
}
