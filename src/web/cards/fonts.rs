//! The card's fonts, shipped with the project (assets/fonts, SIL OFL 1.1) and never the
//! machine's: Liberation Sans, and Noto Sans Arabic for the letters it lacks; and line
//! wrapping measured with the fonts' own advance widths.

use resvg::usvg::fontdb;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use std::sync::{Arc, LazyLock};

pub const FAMILY: &str = "Liberation Sans";
pub const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf");
pub const BOLD: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Bold.ttf");
/// usvg falls back to these for a letter Liberation Sans has no glyph for.
const ARABIC_REGULAR: &[u8] = include_bytes!("../../../assets/fonts/NotoSansArabic-Regular.ttf");
const ARABIC_BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSansArabic-Bold.ttf");

/// The fonts usvg may lay text out in: ours alone.
pub static DATABASE: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
    let mut fonts = fontdb::Database::new();
    fonts.load_font_data(REGULAR.to_vec());
    fonts.load_font_data(BOLD.to_vec());
    fonts.load_font_data(ARABIC_REGULAR.to_vec());
    fonts.load_font_data(ARABIC_BOLD.to_vec());
    fonts.set_sans_serif_family(FAMILY);
    Arc::new(fonts)
});

/// The width of `text` set in `font` at `size` px: the sum of its glyphs' advances. usvg
/// also applies kerning, which in Liberation Sans only narrows a line, so a line measured
/// here to fit does fit.
/// A letter Liberation Sans lacks is measured in the Arabic font of the same weight, as
/// usvg draws it. (Arabic's joined forms are near its isolated ones in width.)
pub fn width(font: &[u8], size: f32, text: &str) -> f32 {
    let fallback = if std::ptr::eq(font, BOLD) {
        ARABIC_BOLD
    } else {
        ARABIC_REGULAR
    };
    let (Ok(font), Ok(fallback)) = (FontRef::new(font), FontRef::new(fallback)) else {
        return 0.0;
    };
    let (charmap, other_charmap) = (font.charmap(), fallback.charmap());
    let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
    let other_metrics = fallback.glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .map(|c| match (charmap.map(c), other_charmap.map(c)) {
            (Some(glyph), _) => metrics.advance_width(glyph).unwrap_or(0.0),
            (None, Some(glyph)) => other_metrics.advance_width(glyph).unwrap_or(0.0),
            (None, None) => metrics.advance_width(Default::default()).unwrap_or(0.0),
        })
        .sum()
}

/// `text` in lines no wider than `max_width`, at most `max_lines`; what does not fit ends
/// the last line with "…". Words longer than a line are broken between letters.
pub fn wrap(font: &[u8], size: f32, text: &str, max_width: f32, max_lines: usize) -> Vec<String> {
    let fits = |line: &str| width(font, size, line) <= max_width;
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut cut = false;
    // Control characters cannot be written into SVG; they are spaces here.
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    'words: for word in cleaned.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if fits(&candidate) {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            if lines.len() == max_lines {
                cut = true;
                break;
            }
        }
        for c in word.chars() {
            current.push(c);
            if !fits(&current) {
                current.pop();
                lines.push(std::mem::replace(&mut current, c.to_string()));
                if lines.len() == max_lines {
                    cut = true;
                    break 'words;
                }
            }
        }
    }
    if !current.is_empty() && !cut {
        lines.push(current);
    }
    if cut && let Some(last) = lines.last_mut() {
        while !last.is_empty() && !fits(&format!("{last}…")) {
            last.pop();
        }
        let kept = last.trim_end().trim_end_matches([',', ';', ':', '.', '-']);
        *last = format!("{kept}…");
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_font() {
        // Liberation Sans has Arial's metrics: at 1000 units per em, "i" is 222 and "W" 944.
        assert!((width(REGULAR, 1000.0, "i") - 222.0).abs() < 1.0);
        assert!((width(REGULAR, 1000.0, "W") - 944.0).abs() < 1.0);
        assert!(width(BOLD, 44.0, "Claim") > width(REGULAR, 44.0, "Claim"));
        // Arabic letters have widths of their own, from the Arabic font.
        assert!(width(BOLD, 44.0, "ادعاء") > 44.0);
    }

    #[test]
    fn a_long_claim_is_wrapped_to_the_width_and_cut_with_an_ellipsis() {
        let claim = "A rumour said that every lighthouse on the coast would be switched off \
                     for good next winter, and that ships would be told to find their own way \
                     home by the stars, as sailors did centuries ago before charts were common";
        let lines = wrap(BOLD, 44.0, claim, 540.0, 4);
        assert_eq!(lines.len(), 4);
        for line in &lines {
            assert!(width(BOLD, 44.0, line) <= 540.0, "{line}");
        }
        assert!(lines[3].ends_with('…'), "{lines:?}");
        let short = wrap(BOLD, 44.0, "The moon is made of cheese", 1080.0, 4);
        assert_eq!(short, ["The moon is made of cheese"]);
    }

    #[test]
    fn a_word_longer_than_a_line_is_broken() {
        let lines = wrap(REGULAR, 40.0, &"x".repeat(100), 300.0, 10);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), "x".repeat(100));
    }
}
