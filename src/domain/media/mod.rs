//! Images: what an editor says about one (alt text, caption, credit), how a page shows it,
//! and (in `process`) how an upload is checked and re-encoded.

mod process;

pub use process::{Encoded, ImageFormat, MAX_UPLOAD_BYTES, Refusal, Variant, encode};

use crate::domain::fields::{FieldErrors, bounded_text, required_line};
use crate::domain::ids::ImageId;
use crate::domain::limits;

/// The words that travel with an image, validated: alt text required (a screen-reader
/// user reads nothing else), caption and credit optional.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageWords {
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

impl ImageWords {
    pub fn parse(alt: &str, caption: &str, credit: &str) -> Result<ImageWords, FieldErrors> {
        let mut errors = FieldErrors::new();
        let alt = errors.check(
            "alt",
            required_line("Alt text", alt, limits::IMAGE_ALT).map_err(|e| {
                format!("{e} Describe what the image shows for readers who cannot see it.")
            }),
        );
        let caption = errors.check(
            "caption",
            bounded_text("Caption", caption, limits::IMAGE_CAPTION, false),
        );
        let credit = errors.check(
            "credit",
            bounded_text("Credit", credit, limits::IMAGE_CREDIT, false),
        );
        match (alt, caption, credit) {
            (Some(alt), Some(caption), Some(credit)) if errors.is_empty() => Ok(ImageWords {
                alt,
                caption: caption.unwrap_or_default(),
                credit: credit.unwrap_or_default(),
            }),
            _ => Err(errors),
        }
    }
}

/// An image as a listing's query hands it over (one JSON column, see `db::cards`).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct StoredImage {
    pub id: ImageId,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    pub width: u32,
    pub height: u32,
    /// (width, format, hash) of each variant.
    pub variants: Vec<(u32, String, String)>,
}

impl StoredImage {
    pub fn shown(self) -> Option<ShownImage> {
        let variants = self
            .variants
            .into_iter()
            .filter_map(|(width, format, hash)| {
                ImageFormat::parse(&format).map(|format| VariantLink {
                    width,
                    format,
                    hash,
                })
            })
            .collect();
        let words = ImageWords {
            alt: self.alt,
            caption: self.caption,
            credit: self.credit,
        };
        ShownImage::new(self.id, words, (self.width, self.height), variants)
    }
}

/// One stored variant as a page links to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantLink {
    pub width: u32,
    pub format: ImageFormat,
    pub hash: String,
}

impl VariantLink {
    pub fn url(&self) -> String {
        media_url(&self.hash, self.format)
    }
}

/// The address a variant is served at.
pub fn media_url(hash: &str, format: ImageFormat) -> String {
    format!("/media/{hash}.{}", format.extension())
}

/// An image ready for a page: `<picture>` with a WebP `srcset`, a fallback, and the size
/// that reserves its place before it loads. `templates/partials/picture.html` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownImage {
    pub id: ImageId,
    pub webp_srcset: String,
    pub fallback_srcset: String,
    /// The fallback at about 960 px, for browsers that read only `src`.
    pub fallback_url: String,
    pub fallback_type: &'static str,
    /// The largest fallback (JPEG or PNG): for ClaimReview and social cards.
    pub largest_url: String,
    pub alt: String,
    pub width: u32,
    pub height: u32,
    pub caption: String,
    pub credit: String,
}

impl ShownImage {
    /// Built from the image's words and size and its variants; `None` if none is a fallback
    /// (which the upload never leaves behind).
    pub fn new(
        id: ImageId,
        words: ImageWords,
        (width, height): (u32, u32),
        mut variants: Vec<VariantLink>,
    ) -> Option<ShownImage> {
        variants.sort_by_key(|v| v.width);
        let srcset = |webp: bool| {
            variants
                .iter()
                .filter(|v| (v.format == ImageFormat::WebP) == webp)
                .map(|v| format!("{} {}w", v.url(), v.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let fallbacks: Vec<&VariantLink> = variants
            .iter()
            .filter(|v| v.format != ImageFormat::WebP)
            .collect();
        let largest = fallbacks.last()?;
        let middle = fallbacks.iter().find(|v| v.width >= 960).unwrap_or(largest);
        Some(ShownImage {
            id,
            webp_srcset: srcset(true),
            fallback_srcset: srcset(false),
            fallback_url: middle.url(),
            fallback_type: largest.format.content_type(),
            largest_url: largest.url(),
            alt: words.alt,
            width,
            height,
            caption: words.caption,
            credit: words.credit,
        })
    }

    /// The `<img>` of an explanation's `![alt](media:ID)`, in the words the writer gave
    /// there (the same image may say different things in two texts).
    pub fn explanation_html(&self, alt: &str) -> String {
        let alt = if alt.trim().is_empty() {
            &self.alt
        } else {
            alt
        };
        format!(
            r#"<picture><source type="image/webp" srcset="{}" sizes="(max-width: 46rem) 100vw, 46rem"><img src="{}" srcset="{}" sizes="(max-width: 46rem) 100vw, 46rem" alt="{}" width="{}" height="{}" loading="lazy"></picture>"#,
            self.webp_srcset,
            self.fallback_url,
            self.fallback_srcset,
            escape_attribute(alt),
            self.width,
            self.height
        )
    }
}

/// `"`, `&`, `<` and `>` as entities: enough inside a double-quoted attribute.
fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Where an image is shown: an image in use is not removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageUse {
    Featured { headline: String },
    Screenshot { headline: String },
    Explanation { headline: String },
    AuthorPhoto { name: String },
    SiteLogo,
}

impl std::fmt::Display for ImageUse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImageUse::Featured { headline } => write!(f, "featured image of “{headline}”"),
            ImageUse::Screenshot { headline } => {
                write!(f, "screenshot in the claim of “{headline}”")
            }
            ImageUse::Explanation { headline } => write!(f, "in the explanation of “{headline}”"),
            ImageUse::AuthorPhoto { name } => write!(f, "photo of {name}"),
            ImageUse::SiteLogo => f.write_str("the site logo"),
        }
    }
}

/// A library entry: the image, its stored size, and where it is used.
#[derive(Debug, Clone)]
pub struct LibraryImage {
    pub shown: ShownImage,
    pub thumbnail_url: String,
    pub stored_bytes: i64,
    pub created_at: crate::domain::Moment,
    pub uses: Vec<ImageUse>,
}

impl LibraryImage {
    /// The Markdown that shows this image in an explanation.
    pub fn markdown(&self) -> String {
        let alt: String = self
            .shown
            .alt
            .chars()
            .map(|c| {
                if matches!(c, '[' | ']' | '\\') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        format!("![{alt}](media:{})", self.shown.id)
    }

    pub fn stored_size(&self) -> String {
        let kib = self.stored_bytes as f64 / 1024.0;
        if kib < 1024.0 {
            format!("{kib:.0} KB")
        } else {
            format!("{:.1} MB", kib / 1024.0)
        }
    }
}

/// The image id of a Markdown image address `media:ID`, the only kind an explanation shows.
pub fn media_reference(address: &str) -> Option<ImageId> {
    let digits = address.strip_prefix("media:")?;
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().map(ImageId)
}

/// The name under `/media/`: a 64-digit lowercase hex hash and a known extension.
pub fn parse_media_name(name: &str) -> Option<(&str, ImageFormat)> {
    let (hash, extension) = name.split_once('.')?;
    let format = ImageFormat::from_extension(extension)?;
    let hex = hash.len() == 64
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    hex.then_some((hash, format))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alt_text_is_required_and_bounded() {
        let refused = ImageWords::parse("  ", "", "").unwrap_err();
        assert!(
            refused.get("alt").is_some_and(|m| m.contains("required")),
            "{refused:?}"
        );
        let long = "a".repeat(limits::IMAGE_ALT + 1);
        let refused = ImageWords::parse(&long, "", "").unwrap_err();
        assert!(
            refused
                .get("alt")
                .is_some_and(|m| m.contains("at most 300"))
        );
        let words = ImageWords::parse(" A flooded street ", "", "Staff photo").expect("valid");
        assert_eq!(words.alt, "A flooded street");
        assert_eq!(words.credit, "Staff photo");
    }

    #[test]
    fn only_media_references_and_well_formed_names_are_read() {
        assert_eq!(media_reference("media:42"), Some(ImageId(42)));
        for bad in [
            "media:",
            "media:4a",
            "https://x/media:4",
            "media:-1",
            "Media:3",
        ] {
            assert_eq!(media_reference(bad), None, "{bad}");
        }
        let hash = "ab".repeat(32);
        assert_eq!(
            parse_media_name(&format!("{hash}.webp")),
            Some((hash.as_str(), ImageFormat::WebP))
        );
        for bad in [
            format!("{hash}.gif"),
            format!("{}.jpg", "AB".repeat(32)),
            hash.clone(),
            "../etc.jpg".to_owned(),
        ] {
            assert_eq!(parse_media_name(&bad), None, "{bad}");
        }
    }
}
