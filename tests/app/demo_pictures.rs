//! A new site's demo is complete: every demo verdict has its picture, with alt text, and
//! shares it on its social card.

use crate::helpers::TestApp;

/// The RGBA pixel at `(x, y)` of a PNG.
fn pixel_of(png_bytes: &[u8], x: usize, y: usize) -> [u8; 4] {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png_bytes))
        .read_info()
        .expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let frame = reader.next_frame(&mut pixels).expect("a frame");
    assert_eq!(frame.color_type, png::ColorType::Rgba);
    let at = (y * frame.width as usize + x) * 4;
    [pixels[at], pixels[at + 1], pixels[at + 2], pixels[at + 3]]
}

#[tokio::test]
async fn every_demo_verdict_shows_a_picture_of_ours_with_alt_text_and_shares_it() {
    let app = TestApp::spawn_with_demo().await;
    let home = app.get("/").await;
    let slugs: Vec<String> = home
        .body
        .match_indices("<h2 class=\"card-title\"><a href=\"/fact-checks/")
        .map(|(at, found)| {
            let rest = &home.body[at + found.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect();
    assert_eq!(slugs.len(), 12, "the twelve published demo fact-checks");

    for slug in &slugs {
        let page = app.get(&format!("/fact-checks/{slug}")).await;
        let figure = page
            .body
            .find("<figure class=\"featured-image\"")
            .unwrap_or_else(|| panic!("{slug} has no featured image"));
        let figure = &page.body[figure..];
        let alt_at = figure.find(" alt=\"").expect("alt text") + 6;
        let alt = &figure[alt_at..alt_at + figure[alt_at..].find('"').unwrap()];
        assert!(alt.starts_with("Illustration: "), "{slug}: {alt}");
        let src_at = figure.find("<img src=\"").expect("an img") + 10;
        let src = &figure[src_at..src_at + figure[src_at..].find('"').unwrap()];
        let (image, bytes) = app.get_bytes(src, &[]).await;
        assert_eq!(image.status, 200, "{src}");
        assert_eq!(image.headers["content-type"], "image/jpeg");
        assert_eq!(&bytes[..2], [0xff, 0xd8], "a JPEG");
    }

    // The claim's screenshots: the video still is sensitive and waits to be opened.
    let missiles = app
        .get("/fact-checks/missiles-from-iran-after-ceasefire-unproven")
        .await;
    let details = missiles
        .body
        .find("<details class=\"screenshot sensitive\">")
        .expect("the sensitive screenshot is folded away");
    assert!(missiles.body[details..].contains("alt=\"Reconstruction of the video still"));
    let photo = app
        .get("/fact-checks/lavrov-photo-predates-his-ceasefire-comments")
        .await;
    assert!(photo.body.contains("<figure class=\"screenshot\">"));

    // The social card carries the featured image on its right: the gears' dark blue, not
    // the white behind the claim.
    let (card, png) = app
        .get_bytes(
            "/fact-checks/russia-remains-aligned-with-iran/card.png",
            &[],
        )
        .await;
    assert_eq!(card.status, 200);
    let [r, g, b, _] = pixel_of(&png, 1190, 110);
    assert!(
        r < 0x60 && g < 0x60 && b > r,
        "the featured image's background, not white: {r},{g},{b}"
    );
    assert_eq!(pixel_of(&png, 640, 580), [0xff, 0xff, 0xff, 0xff]);
}
