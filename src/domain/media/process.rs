//! An upload checked and re-encoded: its size read from the header before any pixel is
//! decoded, decoding bounded by `image::Limits`, the EXIF orientation applied, then every
//! responsive width written anew as WebP and as JPEG (PNG when it has transparency).
//! Nothing of the uploaded file but its pixels survives, so no metadata can leak.

use image::{DynamicImage, ImageDecoder, ImageReader, Limits, imageops::FilterType};
use sha2::{Digest, Sha256};
use std::io::Cursor;

/// The largest file taken.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
/// More pixels than any camera or screenshot needs; past it decoding costs too much memory.
const MAX_PIXELS: u64 = 40_000_000;
const MAX_SIDE: u32 = 12_000;
/// What the decoder may allocate: the largest image taken, as RGBA, and a little more.
const MAX_ALLOC: u64 = MAX_PIXELS * 4 + 16 * 1024 * 1024;
/// The widths pages ask for (`srcset`); an image narrower than one is kept at its own.
const WIDTHS: [u32; 3] = [480, 960, 1600];
const JPEG_QUALITY: u8 = 82;
const WEBP_QUALITY: f32 = 78.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageFormat {
    WebP,
    Jpeg,
    Png,
}

impl ImageFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            ImageFormat::WebP => "webp",
            ImageFormat::Jpeg => "jpeg",
            ImageFormat::Png => "png",
        }
    }

    pub fn parse(stored: &str) -> Option<ImageFormat> {
        match stored {
            "webp" => Some(ImageFormat::WebP),
            "jpeg" => Some(ImageFormat::Jpeg),
            "png" => Some(ImageFormat::Png),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::WebP => "webp",
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Png => "png",
        }
    }

    pub fn from_extension(extension: &str) -> Option<ImageFormat> {
        match extension {
            "webp" => Some(ImageFormat::WebP),
            "jpg" => Some(ImageFormat::Jpeg),
            "png" => Some(ImageFormat::Png),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ImageFormat::WebP => "image/webp",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Png => "image/png",
        }
    }
}

/// One re-encoded size of an upload.
#[derive(Debug, Clone)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub format: ImageFormat,
    /// SHA-256 of `bytes` in lowercase hex: the variant's address.
    pub hash: String,
    pub bytes: Vec<u8>,
}

/// An upload made safe: its size as shown (orientation applied) and its variants.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    pub variants: Vec<Variant>,
}

/// Why an upload was refused, in words for the form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("The file is larger than 10 MB. Make it smaller and choose it again.")]
    TooLarge,
    #[error("This is not a JPEG, PNG, WebP or GIF image. Choose an image file.")]
    NotAnImage,
    #[error(
        "The image is {width} × {height} pixels; at most 40 megapixels and 12,000 pixels a side are taken. Make it smaller and choose it again."
    )]
    TooManyPixels { width: u32, height: u32 },
    #[error("The image could not be read (the file may be damaged): {0}")]
    Unreadable(String),
    #[error("The image could not be converted: {0}")]
    NotEncoded(String),
}

/// Checks and re-encodes an upload. CPU-bound (a large photo takes a second or more):
/// call it off the async threads.
pub fn encode(upload: &[u8]) -> Result<Encoded, Refusal> {
    if upload.len() > MAX_UPLOAD_BYTES {
        return Err(Refusal::TooLarge);
    }
    let image = decode(upload)?;
    let (width, height) = (image.width(), image.height());
    let transparent = image.color().has_alpha() && image.to_rgba8().pixels().any(|p| p.0[3] < 255);
    let fallback = if transparent {
        ImageFormat::Png
    } else {
        ImageFormat::Jpeg
    };
    let mut variants = Vec::new();
    for target in widths_for(width) {
        let sized = if target == width {
            image.clone()
        } else {
            let target_height = scaled_height(width, height, target);
            image.resize_exact(target, target_height, FilterType::Triangle)
        };
        for format in [ImageFormat::WebP, fallback] {
            let bytes = write(&sized, format)?;
            variants.push(Variant {
                width: sized.width(),
                height: sized.height(),
                format,
                hash: hex(&Sha256::digest(&bytes)),
                bytes,
            });
        }
    }
    Ok(Encoded {
        width,
        height,
        variants,
    })
}

fn decode(upload: &[u8]) -> Result<DynamicImage, Refusal> {
    let reader = || {
        ImageReader::new(Cursor::new(upload))
            .with_guessed_format()
            .map_err(|e| Refusal::Unreadable(e.to_string()))
    };
    let probe = reader()?;
    if !matches!(
        probe.format(),
        Some(
            image::ImageFormat::Jpeg
                | image::ImageFormat::Png
                | image::ImageFormat::WebP
                | image::ImageFormat::Gif
        )
    ) {
        return Err(Refusal::NotAnImage);
    }
    // The header alone says how large the pixels will be: a small file claiming
    // 100,000 × 100,000 pixels is refused before any of them is decoded.
    let (width, height) = probe
        .into_dimensions()
        .map_err(|e| Refusal::Unreadable(e.to_string()))?;
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Refusal::TooManyPixels { width, height });
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    let mut reader = reader()?;
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| refusal_of(e, width, height))?;
    // Phones store a photo sideways and say so in EXIF; turn it before EXIF is dropped.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image =
        DynamicImage::from_decoder(decoder).map_err(|e| refusal_of(e, width, height))?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn refusal_of(error: image::ImageError, width: u32, height: u32) -> Refusal {
    match error {
        image::ImageError::Limits(_) => Refusal::TooManyPixels { width, height },
        image::ImageError::Unsupported(_) => Refusal::NotAnImage,
        other => Refusal::Unreadable(other.to_string()),
    }
}

/// 480, 960 and 1600 where the image is wider, and the image's own width when it is
/// narrower than 1600: never enlarged.
fn widths_for(width: u32) -> Vec<u32> {
    let mut widths: Vec<u32> = WIDTHS.into_iter().filter(|&w| w < width).collect();
    let widest = width.min(WIDTHS[WIDTHS.len() - 1]);
    if !widths.contains(&widest) {
        widths.push(widest);
    }
    widths
}

fn scaled_height(width: u32, height: u32, target: u32) -> u32 {
    let scaled = (u64::from(height) * u64::from(target) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(scaled.max(1)).unwrap_or(u32::MAX)
}

fn write(image: &DynamicImage, format: ImageFormat) -> Result<Vec<u8>, Refusal> {
    let not_encoded = |e: &dyn std::fmt::Display| Refusal::NotEncoded(e.to_string());
    match format {
        ImageFormat::WebP => {
            let (width, height) = (image.width(), image.height());
            let memory = if image.color().has_alpha() {
                let rgba = image.to_rgba8();
                webp::Encoder::from_rgba(&rgba, width, height)
                    .encode_simple(false, WEBP_QUALITY)
                    .map(|m| m.to_vec())
            } else {
                let rgb = image.to_rgb8();
                webp::Encoder::from_rgb(&rgb, width, height)
                    .encode_simple(false, WEBP_QUALITY)
                    .map(|m| m.to_vec())
            };
            memory.map_err(|e| not_encoded(&format!("{e:?}")))
        }
        ImageFormat::Jpeg => {
            let mut bytes = Vec::new();
            let encoder =
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY);
            image
                .to_rgb8()
                .write_with_encoder(encoder)
                .map_err(|e| not_encoded(&e))?;
            Ok(bytes)
        }
        ImageFormat::Png => {
            let mut bytes = Vec::new();
            let encoder = image::codecs::png::PngEncoder::new(&mut bytes);
            image
                .to_rgba8()
                .write_with_encoder(encoder)
                .map_err(|e| not_encoded(&e))?;
            Ok(bytes)
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_enlarge() {
        assert_eq!(widths_for(4000), vec![480, 960, 1600]);
        assert_eq!(widths_for(1000), vec![480, 960, 1000]);
        assert_eq!(widths_for(960), vec![480, 960]);
        assert_eq!(widths_for(300), vec![300]);
        assert_eq!(scaled_height(4000, 3000, 480), 360);
    }
}
