//! An editor uploads images: every format is re-encoded at its sizes, metadata is gone,
//! and what is not an image, too large or a decompression bomb is refused with a reason.

use crate::helpers::{
    TestApp, encoded, jpeg, multipart_body, phone_photo_with_location, png_claiming,
    transparent_png,
};
use image::ImageFormat as Format;

/// (width, format) of each stored variant of an image, narrowest first.
fn variants_of(app: &TestApp, image: i64) -> Vec<(u32, String)> {
    app.db
        .read(|conn| {
            let mut statement = conn.prepare(
                "SELECT width, format FROM image_variants WHERE image_id = ?1
                 ORDER BY width, format",
            )?;
            let rows = statement.query_map([image], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap()
}

fn variant_bytes(app: &TestApp, image: i64) -> Vec<(String, Vec<u8>)> {
    app.db
        .read(|conn| {
            let mut statement =
                conn.prepare("SELECT hash, bytes FROM image_variants WHERE image_id = ?1")?;
            let rows = statement.query_map([image], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap()
}

fn pairs(list: &[(u32, &str)]) -> Vec<(u32, String)> {
    list.iter().map(|(w, f)| (*w, (*f).to_owned())).collect()
}

#[tokio::test]
async fn each_format_is_kept_at_every_width_it_reaches_as_webp_and_a_fallback() {
    let app = TestApp::editor_signed_in().await;

    let photo = app
        .upload_image(&jpeg(2000, 1000), "A harbour at dawn")
        .await;
    assert_eq!(
        variants_of(&app, photo),
        pairs(&[
            (480, "jpeg"),
            (480, "webp"),
            (960, "jpeg"),
            (960, "webp"),
            (1600, "jpeg"),
            (1600, "webp")
        ]),
        "a wide photo gets all three widths, never its own 2000"
    );

    let logo = app
        .upload_image(&transparent_png(700, 400), "A red half-square")
        .await;
    assert_eq!(
        variants_of(&app, logo),
        pairs(&[(480, "png"), (480, "webp"), (700, "png"), (700, "webp")]),
        "transparency keeps a PNG fallback, and the image is not enlarged past 700"
    );

    let small = app
        .upload_image(&encoded(300, 200, Format::WebP), "A small chart")
        .await;
    assert_eq!(
        variants_of(&app, small),
        pairs(&[(300, "jpeg"), (300, "webp")])
    );

    let animation = app
        .upload_image(&encoded(500, 250, Format::Gif), "A looping banner")
        .await;
    assert_eq!(
        variants_of(&app, animation),
        pairs(&[(480, "jpeg"), (480, "webp"), (500, "jpeg"), (500, "webp")])
    );

    // Every variant is what its format says, at the height its width implies.
    for (hash, bytes) in variant_bytes(&app, photo) {
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!(
            (decoded.height() * 2, decoded.width()),
            (decoded.width(), decoded.height() * 2),
            "{hash} keeps 2:1: {}x{}",
            decoded.width(),
            decoded.height()
        );
    }

    let library = app.get("/editor/media").await;
    assert_eq!(library.status, 200, "{}", library.body);
    for alt in [
        "A harbour at dawn",
        "A red half-square",
        "A small chart",
        "A looping banner",
    ] {
        assert!(library.body.contains(alt), "{alt} listed");
    }
    assert!(
        library.position_of("A looping banner") < library.position_of("A harbour at dawn"),
        "newest first"
    );
    assert!(
        library
            .body
            .contains(&format!("![A small chart](media:{small})"))
    );
}

#[tokio::test]
async fn a_phone_photo_is_stored_upright_with_no_location_or_other_metadata() {
    let app = TestApp::editor_signed_in().await;
    let upload = phone_photo_with_location(1200, 800);
    assert!(
        upload.windows(4).any(|w| w == b"Exif"),
        "the test file has EXIF"
    );

    let image = app.upload_image(&upload, "A street market").await;

    let (width, height): (u32, u32) = app
        .db
        .read(|conn| {
            Ok(conn.query_row(
                "SELECT width, height FROM images WHERE id = ?1",
                [image],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    assert_eq!((width, height), (800, 1200), "turned as its EXIF said");
    let variants = variant_bytes(&app, image);
    assert_eq!(
        variants.len(),
        4,
        "480 and its own 800, each as WebP and JPEG"
    );
    for (hash, bytes) in variants {
        for marker in [&b"Exif"[..], b"GPS", b"ns.adobe.com/xap", b"xmpmeta"] {
            assert!(
                !bytes.windows(marker.len()).any(|w| w == marker),
                "variant {hash} still holds {:?}",
                String::from_utf8_lossy(marker)
            );
        }
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert!(decoded.height() > decoded.width(), "{hash} is upright");
    }
}

#[tokio::test]
async fn a_decompression_bomb_is_refused_and_the_server_keeps_answering() {
    let app = TestApp::editor_signed_in().await;
    for (width, height) in [(100_000, 100_000), (11_000, 11_000)] {
        let bomb = png_claiming(width, height);
        assert!(bomb.len() < 2_000, "a small file");
        let page = app.upload(&bomb, &[("alt", "Nothing")]).await;
        assert_eq!(page.status, 422, "{width}x{height}");
        assert!(
            page.body.contains("at most 40 megapixels"),
            "{width}x{height}:\n{}",
            page.body
        );
    }
    assert_eq!(app.count("images"), 0);
    assert_eq!(app.get("/healthz").await.status, 200);
}

#[tokio::test]
async fn refused_uploads_say_why_beside_the_field_and_keep_what_was_typed() {
    let app = TestApp::editor_signed_in().await;

    let no_alt = app
        .upload(
            &jpeg(600, 400),
            &[
                ("alt", " "),
                ("caption", "Flooding on Main Street"),
                ("credit", "Staff"),
            ],
        )
        .await;
    assert_eq!(no_alt.status, 422);
    let error = no_alt.position_of("Alt text is required.");
    assert!(
        error > no_alt.position_of(r#"id="upload-alt""#),
        "beside the field"
    );
    assert!(no_alt.body.contains(r#"value="Flooding on Main Street""#));
    assert!(no_alt.body.contains(r#"value="Staff""#));
    assert!(no_alt.body.contains("Choose the file again"));

    let text = app
        .upload(b"%PDF-1.4 not a picture at all", &[("alt", "A report")])
        .await;
    assert_eq!(text.status, 422);
    assert!(
        text.body.contains("not a JPEG, PNG, WebP or GIF"),
        "{}",
        text.body
    );
    assert!(text.body.contains(r#"value="A report""#));

    let nothing = app.upload(b"", &[("alt", "A report")]).await;
    assert_eq!(nothing.status, 422);
    assert!(nothing.body.contains("Choose an image file"));
    assert_eq!(app.count("images"), 0);
}

#[tokio::test]
async fn a_body_past_the_upload_limit_is_refused_with_413() {
    let app = TestApp::editor_signed_in().await;
    let huge = vec![0u8; 11 * 1024 * 1024];
    let page = app.upload(&huge, &[("alt", "Too big")]).await;
    assert_eq!(page.status, 413);
    // Other forms keep their own, smaller limit.
    let form = app
        .post_multipart(
            "/editor/settings",
            multipart_body(&[("csrf", "x")], &vec![0u8; 1024 * 1024]),
        )
        .await;
    assert_eq!(form.status, 413);
    assert_eq!(app.count("images"), 0);
}

#[tokio::test]
async fn only_a_signed_in_editor_with_the_form_token_can_upload() {
    let app = TestApp::spawn().await;
    let anonymous = app
        .post_multipart(
            "/editor/media",
            multipart_body(&[("alt", "Sneaky")], &jpeg(100, 100)),
        )
        .await;
    assert_eq!(anonymous.status, 303);
    assert!(anonymous.location().starts_with("/editor/login"));
    // Without a session the server holds no more of a body than a form's.
    let large = app
        .post_multipart(
            "/editor/media",
            multipart_body(&[("alt", "Sneaky")], &vec![0u8; 1024 * 1024]),
        )
        .await;
    assert_eq!(large.status, 413);

    let mut signed_in = app.another_browser();
    signed_in.sign_in_as_editor().await;
    let forged = signed_in
        .upload_with_token(&jpeg(100, 100), &[("alt", "Forged")], "not-the-token")
        .await;
    assert_eq!(forged.status, 403);
    assert_eq!(app.count("images"), 0);
}

#[tokio::test]
async fn media_addresses_are_cached_for_good_and_unknown_ones_are_not_found() {
    let app = TestApp::editor_signed_in().await;
    let image = app
        .upload_image(&transparent_png(300, 300), "A badge")
        .await;
    let (hash, format): (String, String) = app
        .db
        .read(|conn| {
            Ok(conn.query_row(
                "SELECT hash, format FROM image_variants WHERE image_id = ?1 AND format = 'png'",
                [image],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    assert_eq!(format, "png");
    let reader = app.another_browser();
    let path = format!("/media/{hash}.png");
    let page = reader.get(&path).await;
    assert_eq!(page.status, 200);
    let header = |name: &str| page.headers.get(name).unwrap().to_str().unwrap().to_owned();
    assert_eq!(header("content-type"), "image/png");
    assert_eq!(
        header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(header("etag"), format!("\"{hash}\""));

    let again = reader
        .get_with(&path, &[("if-none-match", &header("etag"))])
        .await;
    assert_eq!(again.status, 304);

    let head = reader.head(&path).await;
    assert_eq!(head.status, 200);
    assert_eq!(head.headers["content-type"], "image/png");
    assert!(head.body.is_empty());

    for missing in [
        format!("/media/{hash}.jpg"),
        format!("/media/{}.png", "0".repeat(64)),
        "/media/not-a-hash.png".to_owned(),
        format!("/media/{hash}.svg"),
    ] {
        assert_eq!(reader.get(&missing).await.status, 404, "{missing}");
    }
}

#[tokio::test]
async fn the_same_file_uploaded_twice_is_two_images_each_shown_with_its_own_words() {
    let app = TestApp::editor_signed_in().await;
    let file = jpeg(800, 500);
    let first = app.upload_image(&file, "The harbour at dawn").await;
    let second = app
        .upload_image(&file, "The harbour, for the weather story")
        .await;
    assert_ne!(first, second);
    assert_eq!(variants_of(&app, second), variants_of(&app, first));
    let library = app.get("/editor/media").await;
    assert!(library.body.contains("alt=\"The harbour at dawn\""));
    assert!(
        library
            .body
            .contains("alt=\"The harbour, for the weather story\"")
    );
    // The address of a variant is its bytes' hash: both uploads answer at it.
    let (hash, _) = &variant_bytes(&app, second)[0];
    assert!(variant_bytes(&app, first).iter().any(|(h, _)| h == hash));
}
