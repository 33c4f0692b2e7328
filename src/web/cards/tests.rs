//! The cards as pictures: their size, what changes them, and the featured image in them.

use super::*;
use crate::domain::Rating;
use resvg::tiny_skia;

fn rating(slug: &str, label: &str, value: Option<i64>, colour: &str) -> Rating {
    Rating {
        slug: slug.into(),
        label: label.into(),
        value,
        definition: String::new(),
        colour: colour.into(),
    }
}

/// Width, height and RGBA pixels of a PNG.
fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .expect("a PNG header");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    assert_eq!(info.color_type, png::ColorType::Rgba);
    pixels.truncate(info.buffer_size());
    (info.width, info.height, pixels)
}

fn pixel(pixels: &[u8], x: u32, y: u32) -> [u8; 4] {
    let at = ((y * WIDTH + x) * 4) as usize;
    [pixels[at], pixels[at + 1], pixels[at + 2], pixels[at + 3]]
}

const TAGLINE: &str = "Claims checked against published evidence.";
const CLAIM: &str = "The town's old clock tower will be turned into a lighthouse by spring";

#[test]
fn a_fact_checks_card_is_1200_by_630_and_changes_with_its_rating() {
    let false_rating = rating("false", "False", Some(1), "#a8141e");
    let content = CardContent {
        site_name: "Harbour Checks",
        rating: &false_rating,
        label: "False".into(),
        claim_word: "Claim".into(),
        claim: CLAIM,
        image: None,
        image_name: None,
    };
    let first = fact_check_card(&content).expect("drawn");
    let (width, height, pixels) = decode(&first);
    assert_eq!((width, height), (1200, 630));
    // The foot strip is in the rating's colour.
    assert_eq!(pixel(&pixels, 600, 625), [0xa8, 0x14, 0x1e, 0xff]);
    assert_eq!(fact_check_card(&content).expect("drawn again"), first);

    let satire = rating("satire", "Satire", None, "#0f5e6e");
    let rerated = CardContent {
        rating: &satire,
        label: "Satire".into(),
        ..content.clone()
    };
    assert_ne!(rerated.version(), content.version());
    let (_, _, repainted) = decode(&fact_check_card(&rerated).expect("drawn"));
    assert_eq!(pixel(&repainted, 600, 625), [0x0f, 0x5e, 0x6e, 0xff]);
}

#[test]
fn a_featured_image_fills_the_right_of_the_card() {
    let mut picture = tiny_skia::Pixmap::new(400, 300).expect("a pixmap");
    picture.fill(tiny_skia::Color::from_rgba8(0x20, 0x90, 0x40, 0xff));
    let png = picture.encode_png().expect("encoded");
    let mostly_true = rating("mostly-true", "Mostly True", Some(4), "#4f7012");
    let content = CardContent {
        site_name: "Harbour Checks",
        rating: &mostly_true,
        label: "Mostly True".into(),
        claim_word: "Claim".into(),
        claim: CLAIM,
        image: Some(&png),
        image_name: None,
    };
    let (_, _, pixels) = decode(&fact_check_card(&content).expect("drawn"));
    // Cropped to fill from the bar to the strip, edge to edge on the right.
    for (x, y) in [(670, 100), (1190, 100), (930, 360), (1190, 610)] {
        assert_eq!(pixel(&pixels, x, y), [0x20, 0x90, 0x40, 0xff], "at {x},{y}");
    }
    // The left half is the page's white behind the text.
    assert_eq!(pixel(&pixels, 640, 360), [0xff, 0xff, 0xff, 0xff]);
    let without = CardContent {
        image: None,
        ..content.clone()
    };
    assert_ne!(without.version(), content.version());
}

#[test]
fn text_that_is_markup_is_drawn_as_text() {
    let odd = rating("odd", "<Odd & \"co\">", None, "#5c5c5c");
    let content = CardContent {
        site_name: "<svg onload=x>",
        rating: &odd,
        label: odd.label.clone(),
        claim_word: "<Claim>".into(),
        claim: "</text><image href=\"/etc/passwd\"/> \u{0}",
        image: None,
        image_name: None,
    };
    let (width, height, _) = decode(&fact_check_card(&content).expect("drawn"));
    assert_eq!((width, height), (1200, 630));
}

#[test]
fn the_site_card_carries_the_site_name() {
    let (width, height, pixels) = decode(&site_card("Harbour Checks", TAGLINE).expect("drawn"));
    assert_eq!((width, height), (1200, 630));
    // The brand's bar across the top.
    assert_eq!(pixel(&pixels, 5, 5), [0x1d, 0x35, 0x57, 0xff]);
    assert_ne!(
        site_card("Harbour Checks", TAGLINE).expect("drawn"),
        site_card("Another Desk", TAGLINE).expect("drawn")
    );
}
