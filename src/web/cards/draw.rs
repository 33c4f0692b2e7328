//! The social card: a 1200×630 SVG of the rating, the claim and the site name (and the
//! featured image when there is one), drawn to PNG by resvg.

use super::fonts::{self, BOLD, FAMILY, REGULAR};
use crate::domain::Rating;
use crate::domain::rating_graphic::escape;
use resvg::{tiny_skia, usvg};
use std::fmt::Write;
use std::sync::Arc;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

const INK: &str = "#1b1f24";
const MUTED: &str = "#4d5661";
const BRAND: &str = "#1d3557";
const MARGIN: f32 = 60.0;
/// The featured image fills the right part of the card below the site's bar.
const IMAGE_X: f32 = 660.0;
const BAR: f32 = 96.0;
const CLAIM_SIZE: f32 = 44.0;
const CLAIM_LEADING: f32 = 56.0;

/// What a fact-check's card shows.
#[derive(Clone)]
pub struct CardContent<'a> {
    pub site_name: &'a str,
    pub rating: &'a Rating,
    /// The rating's label and the word over the claim, in the fact-check's language.
    pub label: String,
    pub claim_word: String,
    pub claim: &'a str,
    /// A JPEG, PNG, WebP or GIF, placed on the right and cropped to fill it.
    pub image: Option<&'a [u8]>,
    /// A name that changes with the image's bytes (its address names their hash), so the
    /// version is known without reading the bytes; the bytes are hashed when there is none.
    pub image_name: Option<&'a str>,
}

impl CardContent<'_> {
    /// Names everything the card is drawn from: the same for the same picture, another
    /// for any change a reader could see.
    pub fn version(&self) -> String {
        use blake2::Digest;
        let mut hash = blake2::Blake2b256::new();
        for part in [
            self.site_name,
            &self.rating.slug,
            &self.label,
            &self.claim_word,
            &self.rating.colour,
            &self.rating.value.map(|v| v.to_string()).unwrap_or_default(),
            self.claim,
        ] {
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part.as_bytes());
        }
        match (self.image_name, self.image) {
            (Some(name), _) => hash.update(name.as_bytes()),
            (None, Some(image)) => hash.update(image),
            (None, None) => {}
        }
        let mut version = String::with_capacity(16);
        for byte in &hash.finalize()[..8] {
            let _ = write!(version, "{byte:02x}");
        }
        version
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DrawError {
    #[error("the card's SVG did not parse: {0}")]
    Svg(#[from] usvg::Error),
    #[error("the card could not be encoded: {0}")]
    Png(String),
}

/// A fact-check's card as PNG bytes.
pub fn fact_check_card(content: &CardContent<'_>) -> Result<Vec<u8>, DrawError> {
    let rating = content.rating;
    let drawing = rating.drawing();
    let mut svg = open_svg(content.site_name);
    // The rating: its graphic at twice its own size, the label beside it in its colour.
    let graphic_height = 96.0;
    let scale = graphic_height / drawing.height as f32;
    let graphic_width = drawing.width as f32 * scale;
    let top = BAR + 44.0;
    let _ = write!(
        svg,
        "<svg x=\"{MARGIN}\" y=\"{top}\" width=\"{graphic_width}\" height=\"{graphic_height}\" \
         viewBox=\"0 0 {} {}\">{}</svg>",
        drawing.width, drawing.height, drawing.shapes
    );
    let text_right = if content.image.is_some() {
        IMAGE_X - 40.0
    } else {
        WIDTH as f32 - MARGIN
    };
    let label_x = MARGIN + graphic_width + 28.0;
    let label_size = fitted_size(BOLD, &content.label, 64.0, text_right - label_x);
    let _ = write!(
        svg,
        "<text x=\"{label_x}\" y=\"{y}\" font-family=\"{family}\" font-weight=\"700\" \
         font-size=\"{label_size}\" fill=\"{colour}\">{label}</text>",
        family = family_for(&content.label),
        y = top + graphic_height / 2.0 + label_size * 0.36,
        colour = escape(&rating.colour),
        label = escape(&content.label),
    );
    // The claim, wrapped to the room left of the image, at most as many lines as fit.
    let claim_top = top + graphic_height + 70.0;
    let _ = write!(
        svg,
        "<text x=\"{MARGIN}\" y=\"{claim_top}\" font-family=\"{family}\" font-weight=\"700\" \
         font-size=\"26\"{spacing} fill=\"{MUTED}\">{word}</text>",
        family = family_for(&content.claim_word),
        word = escape(&content.claim_word.to_uppercase()),
        // Spaced capitals; a joined script (Arabic) would come apart.
        spacing = if content.claim_word.chars().any(joined_script) {
            ""
        } else {
            " letter-spacing=\"2\""
        },
    );
    let lines = fonts::wrap(
        BOLD,
        CLAIM_SIZE,
        &quoted(content.claim.trim()),
        text_right - MARGIN,
        5,
    );
    for (i, line) in lines.iter().enumerate() {
        let _ = write!(
            svg,
            "<text x=\"{MARGIN}\" y=\"{y}\" font-family=\"{family}\" font-weight=\"700\" \
             font-size=\"{CLAIM_SIZE}\" fill=\"{INK}\">{text}</text>",
            family = family_for(line),
            y = claim_top + 58.0 + i as f32 * CLAIM_LEADING,
            text = escape(line),
        );
    }
    if content.image.is_some() {
        let _ = write!(
            svg,
            "<image href=\"featured\" x=\"{IMAGE_X}\" y=\"{BAR}\" width=\"{w}\" height=\"{h}\" \
             preserveAspectRatio=\"xMidYMid slice\"/>",
            w = WIDTH as f32 - IMAGE_X,
            h = HEIGHT as f32 - BAR - 14.0,
        );
    }
    // A strip in the rating's colour along the foot, for a card seen small.
    let _ = write!(
        svg,
        "<rect y=\"{y}\" width=\"{WIDTH}\" height=\"14\" fill=\"{colour}\"/></svg>",
        y = HEIGHT - 14,
        colour = escape(&rating.colour),
    );
    render(&svg, content.image)
}

/// The card for pages that are not one fact-check: the site's name and `tagline`, what
/// it does, in the site's language.
pub fn site_card(site_name: &str, tagline: &str) -> Result<Vec<u8>, DrawError> {
    let mut svg = open_svg(site_name);
    let name_size = fitted_size(BOLD, site_name, 96.0, WIDTH as f32 - 2.0 * MARGIN);
    let _ = write!(
        svg,
        "<text x=\"{MARGIN}\" y=\"330\" font-family=\"{FAMILY}\" font-weight=\"700\" \
         font-size=\"{name_size}\" fill=\"{BRAND}\">{name}</text>",
        name = escape(site_name),
    );
    for (i, line) in fonts::wrap(REGULAR, 40.0, tagline, WIDTH as f32 - 2.0 * MARGIN, 2)
        .iter()
        .enumerate()
    {
        let _ = write!(
            svg,
            "<text x=\"{MARGIN}\" y=\"{y}\" font-family=\"{family}\" font-size=\"40\" \
             fill=\"{MUTED}\">{text}</text>",
            family = family_for(line),
            y = 410 + i * 52,
            text = escape(line),
        );
    }
    svg.push_str("</svg>");
    render(&svg, None)
}

/// The card's frame: a white page under a bar with the site's name.
fn open_svg(site_name: &str) -> String {
    let mut svg = String::with_capacity(4096);
    let name_size = fitted_size(BOLD, site_name, 36.0, WIDTH as f32 - 2.0 * MARGIN);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         viewBox=\"0 0 {WIDTH} {HEIGHT}\"><rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#fff\"/>\
         <rect width=\"{WIDTH}\" height=\"{BAR}\" fill=\"{BRAND}\"/>\
         <text x=\"{MARGIN}\" y=\"62\" font-family=\"{FAMILY}\" font-weight=\"700\" \
         font-size=\"{name_size}\" fill=\"#fff\">{name}</text>",
        name = escape(site_name),
    );
    svg
}

/// The claim in quotation marks; an Arabic one under its kicker alone, as the Arabic font
/// has no curly quotes and usvg's fallback left the closing one an empty box.
fn quoted(claim: &str) -> String {
    if claim.chars().any(joined_script) {
        claim.to_owned()
    } else {
        format!("“{claim}”")
    }
}

/// The font for a line: Noto Sans Arabic first for one with Arabic letters, so they are
/// set in its weight and shaped together (usvg's fallback for a letter Liberation Sans
/// lacks took the regular weight, and left some lines in empty boxes).
fn family_for(text: &str) -> &'static str {
    if text.chars().any(joined_script) {
        "Noto Sans Arabic, Liberation Sans"
    } else {
        FAMILY
    }
}

/// A letter of a script whose letters join (Arabic and its supplements and forms).
fn joined_script(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// `preferred` px, or smaller so `text` fits in `room`.
fn fitted_size(font: &[u8], text: &str, preferred: f32, room: f32) -> f32 {
    let width = fonts::width(font, preferred, text);
    if width <= room || width == 0.0 {
        preferred
    } else {
        (preferred * room / width).floor().max(8.0)
    }
}

fn render(svg: &str, image: Option<&[u8]>) -> Result<Vec<u8>, DrawError> {
    let image = image.map(|bytes| Arc::new(bytes.to_vec()));
    let mut options = usvg::Options {
        font_family: FAMILY.to_owned(),
        fontdb: Arc::clone(&fonts::DATABASE),
        ..usvg::Options::default()
    };
    // The only picture a card holds is the one handed in; no address in the SVG is ever
    // read from disk or decoded from a data URL.
    options.image_href_resolver = usvg::ImageHrefResolver {
        resolve_data: Box::new(|_, _, _| None),
        resolve_string: Box::new(move |href, _| {
            let bytes = image.as_ref().filter(|_| href == "featured")?;
            image_kind(Arc::clone(bytes))
        }),
    };
    let tree = usvg::Tree::from_str(svg, &options)?;
    let mut pixmap =
        tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or_else(|| DrawError::Png("no pixmap".into()))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| DrawError::Png(e.to_string()))
}

/// The raster formats a card takes, told by their first bytes.
fn image_kind(bytes: Arc<Vec<u8>>) -> Option<usvg::ImageKind> {
    match bytes.as_slice() {
        [0xff, 0xd8, 0xff, ..] => Some(usvg::ImageKind::JPEG(bytes)),
        [0x89, b'P', b'N', b'G', ..] => Some(usvg::ImageKind::PNG(bytes)),
        [b'G', b'I', b'F', ..] => Some(usvg::ImageKind::GIF(bytes)),
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => Some(usvg::ImageKind::WEBP(bytes)),
        _ => None,
    }
}
