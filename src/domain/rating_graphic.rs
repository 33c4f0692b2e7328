//! Each rating's graphic, drawn as SVG in one place for the verdict page, cards, the ratings
//! page, embeds and the social card: a meter for a rating on the numbered scale, an icon of
//! its own for a label off it.

use super::{Rating, Ui};
use std::fmt::Write;

/// The numbered scale runs from 1 (false) to this (true).
pub const SCALE_TOP: i64 = 5;

/// Unfilled meter segments: 4.8:1 against white, so the meter's shape reads (WCAG 1.4.11).
const SEGMENT_EDGE: &str = "#6b7280";
const SEGMENT_FILL: &str = "#eef0f3";

/// The drawing's own coordinates, its shapes, and what it says.
pub struct Drawing {
    pub width: u32,
    pub height: u32,
    /// SVG elements in the `0 0 width height` box, with no text in them.
    pub shapes: String,
}

impl Rating {
    /// Where the rating sits on the numbered scale, if it does.
    pub fn scale_position(&self) -> Option<i64> {
        self.value.filter(|v| (1..=SCALE_TOP).contains(v))
    }

    pub fn drawing(&self) -> Drawing {
        match self.scale_position() {
            Some(value) => meter(value, &self.colour),
            None => icon(&self.slug, &self.colour),
        }
    }

    /// The graphic beside the verdict page's label, and on embeds; `name` is what a
    /// screen reader says for it (`Ui::graphic_name`, in the page's language).
    pub fn graphic_large(&self, name: &str) -> String {
        self.inline_svg("large", 2, name)
    }

    /// The graphic on a listing's card and on /ratings.
    pub fn graphic_small(&self, name: &str) -> String {
        self.inline_svg("small", 1, name)
    }

    /// Inline SVG for HTML, drawn at `scale` times its own size.
    fn inline_svg(&self, size: &str, scale: u32, name: &str) -> String {
        let drawing = self.drawing();
        let name = escape(name);
        format!(
            "<svg class=\"rating-graphic rating-graphic-{size}\" role=\"img\" aria-label=\"{name}\" \
             width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {vw} {vh}\" xmlns=\"http://www.w3.org/2000/svg\">\
             {shapes}</svg>",
            w = drawing.width * scale / 2,
            h = drawing.height * scale / 2,
            vw = drawing.width,
            vh = drawing.height,
            shapes = drawing.shapes,
        )
    }
}

impl Ui {
    /// What a screen reader says for a rating's graphic: "Rating: Mostly False, 2 of 5
    /// on our scale".
    pub fn graphic_name(&self, rating: &Rating) -> String {
        let label = self.rating_label(rating);
        match rating.scale_position() {
            Some(value) => self.t_with(
                "rating-graphic-scale",
                &[
                    ("label", label.as_str()),
                    ("value", &value.to_string()),
                    ("top", &SCALE_TOP.to_string()),
                ],
            ),
            None => self.t_with("rating-graphic-off", &[("label", label.as_str())]),
        }
    }

    pub fn graphic_large(&self, rating: &Rating) -> String {
        rating.graphic_large(&self.graphic_name(rating))
    }

    pub fn graphic_small(&self, rating: &Rating) -> String {
        rating.graphic_small(&self.graphic_name(rating))
    }
}

/// Five segments from false (left) to true (right); the rating's own is filled in its
/// colour, taller, and pointed at from above.
fn meter(value: i64, colour: &str) -> Drawing {
    let colour = safe_colour(colour);
    let mut shapes = String::with_capacity(600);
    for position in 1..=SCALE_TOP {
        let x = 4 + (position - 1) * 30;
        if position == value {
            let _ = write!(
                shapes,
                "<path d=\"M{l} 2h16l-8 9z\" fill=\"{colour}\"/>\
                 <rect x=\"{x}\" y=\"14\" width=\"26\" height=\"30\" rx=\"5\" fill=\"{colour}\"/>\
                 <circle cx=\"{c}\" cy=\"29\" r=\"5\" fill=\"#fff\"/>",
                l = x + 5,
                c = x + 13,
            );
        } else {
            let _ = write!(
                shapes,
                "<rect x=\"{x}\" y=\"21\" width=\"26\" height=\"16\" rx=\"4\" fill=\"{SEGMENT_FILL}\" \
                 stroke=\"{SEGMENT_EDGE}\" stroke-width=\"2\"/>"
            );
        }
    }
    Drawing {
        width: 156,
        height: 48,
        shapes,
    }
}

/// A disc in the rating's colour with a white sign on it, one sign per label we ship and
/// an "i" for a label a newsroom adds.
fn icon(slug: &str, colour: &str) -> Drawing {
    let colour = safe_colour(colour);
    let sign = match slug {
        // A question mark.
        "unproven" => concat!(
            "<path d=\"M17.5 18.5a6.5 6.5 0 1 1 9.5 5.8c-2 1-3 2.5-3 4.7v1.5\"/>",
            "<circle cx=\"24\" cy=\"36\" r=\"2.6\" fill=\"#fff\" stroke=\"none\"/>"
        ),
        // A speech bubble crossed out: the words are not the speaker's.
        "misattributed" => concat!(
            "<path d=\"M12 13h24v17H23l-7 6v-6h-4z\"/>",
            "<path d=\"M20 18l8 7M28 18l-8 7\"/>"
        ),
        // A picture over a caption line that is struck through.
        "miscaptioned" => concat!(
            "<rect x=\"12\" y=\"11\" width=\"24\" height=\"18\" rx=\"2\"/>",
            "<path d=\"M15 26l6-7 5 5 3-3 4 5\"/>",
            "<path d=\"M12 36h24M14 39l20-6\"/>"
        ),
        // A clock.
        "outdated" => concat!(
            "<circle cx=\"24\" cy=\"24\" r=\"12\"/>",
            "<path d=\"M24 17v7l5 4\"/>"
        ),
        // A winking face.
        "satire" => concat!(
            "<circle cx=\"24\" cy=\"24\" r=\"13\"/>",
            "<circle cx=\"19\" cy=\"20\" r=\"2.2\" fill=\"#fff\" stroke=\"none\"/>",
            "<path d=\"M26 20h5\"/>",
            "<path d=\"M17.5 27.5c3.5 4 9.5 4 13 0\"/>"
        ),
        // "i", for information: a label we know nothing of.
        _ => concat!(
            "<circle cx=\"24\" cy=\"15\" r=\"2.8\" fill=\"#fff\" stroke=\"none\"/>",
            "<path d=\"M24 22v13\"/>"
        ),
    };
    Drawing {
        width: 48,
        height: 48,
        shapes: format!(
            "<circle cx=\"24\" cy=\"24\" r=\"23\" fill=\"{colour}\"/>\
             <g fill=\"none\" stroke=\"#fff\" stroke-width=\"3.5\" stroke-linecap=\"round\" \
             stroke-linejoin=\"round\">{sign}</g>"
        ),
    }
}

/// The schema keeps colours as `#` and six hex digits; anything else is drawn in a grey no
/// rating of the default scale uses (so it is not read as Unproven) rather than written
/// into markup.
const FALLBACK_COLOUR: &str = "#6b6f76";

fn safe_colour(colour: &str) -> &str {
    let hex = colour.strip_prefix('#').unwrap_or("");
    if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        colour
    } else {
        FALLBACK_COLOUR
    }
}

/// Text for SVG and HTML alike, attribute values included.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rating(slug: &str, label: &str, value: Option<i64>) -> Rating {
        Rating {
            slug: slug.into(),
            label: label.into(),
            value,
            definition: String::new(),
            colour: "#a4410e".into(),
        }
    }

    #[test]
    fn a_scale_rating_names_its_place_and_fills_one_segment() {
        let mostly_false = rating("mostly-false", "Mostly False", Some(2));
        let svg = mostly_false.graphic_large("Rating: Mostly False, 2 of 5");
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-label=\"Rating: Mostly False, 2 of 5\""));
        assert_eq!(
            svg.matches("fill=\"#a4410e\"").count(),
            2,
            "the segment and its pointer"
        );
        assert_eq!(
            svg.matches(SEGMENT_FILL).count(),
            4,
            "the other four segments"
        );
    }

    #[test]
    fn labels_off_the_scale_each_have_their_own_sign() {
        let signs: Vec<String> = [
            "unproven",
            "misattributed",
            "miscaptioned",
            "outdated",
            "satire",
            "house-label",
        ]
        .iter()
        .map(|slug| rating(slug, "Label", None).drawing().shapes)
        .collect();
        for (i, one) in signs.iter().enumerate() {
            for other in &signs[i + 1..] {
                assert_ne!(one, other);
            }
        }
        assert_eq!(rating("satire", "Satire", None).scale_position(), None);
        assert_eq!(rating("true", "True", Some(5)).scale_position(), Some(5));
    }

    #[test]
    fn a_label_is_escaped_and_a_bad_colour_never_written() {
        let mut odd = rating("odd", "<b>\"Odd\" & co</b>", None);
        odd.colour = "red\"/><script>".into();
        let svg = odd.graphic_small(&odd.label);
        assert!(svg.contains("&lt;b&gt;&quot;Odd&quot; &amp; co&lt;/b&gt;"));
        assert!(!svg.contains("<script>") && !svg.contains("<b>"));
        assert!(svg.contains(FALLBACK_COLOUR));
    }
}
