//! Where images appear: the featured image on the page, cards, feed, API and ClaimReview;
//! images in the explanation from the library only; an image in use is not removed.

use crate::helpers::{TestApp, jpeg, moon_fact_check, with};

/// The published fact-check's address, and the largest JPEG of `image`.
fn slug_and_largest_jpeg(app: &TestApp, image: i64) -> (String, String) {
    app.db
        .read(|conn| {
            let slug = conn.query_row("SELECT slug FROM fact_checks", [], |r| r.get(0))?;
            let hash = conn.query_row(
                "SELECT hash FROM image_variants WHERE image_id = ?1 AND format = 'jpeg'
                 ORDER BY width DESC LIMIT 1",
                [image],
                |r| r.get::<_, String>(0),
            )?;
            Ok((slug, format!("/media/{hash}.jpg")))
        })
        .unwrap()
}

#[tokio::test]
async fn a_featured_image_is_on_the_page_the_cards_the_feed_the_api_and_claim_review() {
    let app = TestApp::editor_signed_in().await;
    let image = app
        .upload_image(&jpeg(1800, 1000), "Astronaut footprints in grey dust")
        .await;
    let edit = app
        .create_draft(&with(
            &moon_fact_check(),
            "featured_image",
            &image.to_string(),
        ))
        .await;
    let form = app.get(&edit).await;
    assert!(
        form.body
            .contains(&format!(r#"name="featured_image" value="{image}" checked"#)),
        "the picker shows the choice"
    );
    assert_eq!(app.publish(&edit).await.status, 303);
    let (slug, largest) = slug_and_largest_jpeg(&app, image);
    let reader = app.another_browser();

    let page = reader.get(&format!("/fact-checks/{slug}")).await;
    assert_eq!(page.status, 200);
    let figure = page.position_of(r#"<figure class="featured-image">"#);
    assert!(
        figure > page.position_of(r#"id="rating-heading""#),
        "below the verdict"
    );
    assert!(
        page.body[figure..]
            .contains(r#"alt="Astronaut footprints in grey dust" width="1800" height="1000""#)
    );
    assert!(
        page.body
            .contains(r#"<source type="image/webp" srcset="/media/"#)
    );
    let claim_review = &page.body[page.position_of("application/ld+json")..];
    assert!(
        claim_review.contains(&format!(r#""image":"{}{largest}""#, app.address)),
        "ClaimReview names the largest JPEG, absolute"
    );

    let home = reader.get("/").await;
    let card = &home.body[home.position_of(r#"<article class="card">"#)..];
    assert!(card.contains(r#"<div class="card-image">"#));
    assert!(card.contains(r#"sizes="(max-width: 40rem) 100vw, 12rem""#));
    assert!(card.contains(r#"loading="lazy""#));

    let feed = reader.get("/feed.atom").await;
    assert!(feed.body.contains(&format!(
        r#"<link rel="enclosure" type="image/jpeg" href="{}{largest}"/>"#,
        app.address
    )));

    let expected = serde_json::json!({
        "url": format!("{}{largest}", app.address),
        "alt": "Astronaut footprints in grey dust",
        "width": 1800,
        "height": 1000,
    });
    let list: serde_json::Value =
        serde_json::from_str(&reader.get("/api/v1/fact-checks").await.body).unwrap();
    assert_eq!(list["data"][0]["image"], expected);
    let detail: serde_json::Value = serde_json::from_str(
        &reader
            .get(&format!("/api/v1/fact-checks/{slug}"))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(detail["image"], expected);
    assert_eq!(reader.get(&largest).await.status, 200);
}

#[tokio::test]
async fn the_explanation_shows_library_images_and_only_the_alt_text_of_others() {
    let app = TestApp::editor_signed_in().await;
    let image = app
        .upload_image(&jpeg(1000, 600), "A tanker at a dock")
        .await;
    let body = format!(
        "The post shows a ship.\n\n![The tanker, photographed by our reporter](media:{image})\n\n\
         Its map ![a map of the strait](https://maps.example/strait.png) and \
         ![a lost picture](media:999) add nothing."
    );
    let edit = app
        .create_draft(&with(&moon_fact_check(), "body", &body))
        .await;
    app.publish(&edit).await;
    let (slug, _) = slug_and_largest_jpeg(&app, image);
    let page = app
        .another_browser()
        .get(&format!("/fact-checks/{slug}"))
        .await;
    let explanation = &page.body[page.position_of(r#"<div class="explanation">"#)..];
    let explanation = &explanation[..explanation.find("</div>").unwrap()];
    assert!(
        explanation.contains(r#"alt="The tanker, photographed by our reporter""#),
        "{explanation}"
    );
    assert!(explanation.contains(r#"<source type="image/webp" srcset="/media/"#));
    assert!(explanation.contains(r#"width="1000" height="600" loading="lazy""#));
    assert!(
        explanation.contains("a map of the strait"),
        "shown as its words"
    );
    assert!(
        explanation.contains("a lost picture"),
        "an unknown id as its words"
    );
    assert!(!explanation.contains("maps.example"), "{explanation}");
    assert_eq!(explanation.matches("<img").count(), 1, "{explanation}");
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("img-src 'self';"), "{csp}");
}

#[tokio::test]
async fn an_image_in_use_is_not_removed_and_the_library_says_where_it_is_used() {
    let app = TestApp::editor_signed_in().await;
    let image = app.upload_image(&jpeg(800, 500), "A crowded square").await;
    let form = with(
        &with(&moon_fact_check(), "featured_image", &image.to_string()),
        "body",
        &format!("As seen here:\n\n![The square at noon](media:{image})"),
    );
    let edit = app.create_draft(&form).await;
    let headline = "Apollo photos show shadows consistent with one light source, the Sun";

    let csrf = app.csrf().await;
    let remove = format!("/editor/media/{image}/remove");
    let refused = app
        .post_form(&remove, &crate::helpers::fields(&[("csrf", &csrf)]))
        .await;
    assert_eq!(refused.status, 409);
    assert!(
        refused
            .body
            .contains("This image is in use, so it was not removed.")
    );
    assert!(
        refused
            .body
            .contains(&format!("featured image of “{headline}”"))
    );
    assert!(
        refused
            .body
            .contains(&format!("in the explanation of “{headline}”"))
    );
    assert_eq!(app.count("images"), 1);

    // Taken out of both places, in one save of the fact-check…
    let opened = app.get(&edit).await;
    let without = with(
        &with(&moon_fact_check(), "featured_image", ""),
        "body",
        "No picture any more.",
    );
    let saved = app.save(&edit, opened.version(), &without).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let history = app.get(&format!("{edit}/revisions?from=1&to=2")).await;
    let change = history.position_of("Featured image");
    assert!(
        history.body[change..].contains(&format!("Image {image}")),
        "History shows which image was taken out"
    );

    // …it can go.
    let removed = app
        .post_form(&remove, &crate::helpers::fields(&[("csrf", &csrf)]))
        .await;
    assert_eq!(removed.status, 303);
    assert_eq!(app.count("images"), 0);
    assert_eq!(app.count("image_variants"), 0);
}

#[tokio::test]
async fn a_sensitive_screenshot_waits_behind_a_details_element_and_a_plain_one_does_not() {
    let app = TestApp::editor_signed_in().await;
    let gory = app
        .upload_image(&jpeg(900, 1200), "A post showing an injured man")
        .await;
    let plain = app
        .upload_image(&jpeg(900, 700), "A post with a chart")
        .await;
    let form = [
        ("appearance.0.image", gory.to_string()),
        ("appearance.0.sensitive", "1".to_owned()),
        ("appearance.1.url", "https://example.com/post/2".to_owned()),
        ("appearance.1.platform", "Facebook".to_owned()),
        ("appearance.1.image", plain.to_string()),
    ]
    .iter()
    .fold(moon_fact_check(), |form, (field, value)| {
        with(&form, field, value)
    });
    let edit = app.create_draft(&form).await;
    let opened = app.get(&edit).await;
    assert!(
        opened
            .body
            .contains(&format!(r#"<option value="{gory}" selected>"#))
    );
    assert!(
        opened
            .body
            .contains(r#"name="appearance.0.sensitive" value="1" checked"#)
    );
    app.publish(&edit).await;
    let (slug, _) = slug_and_largest_jpeg(&app, gory);

    let page = app
        .another_browser()
        .get(&format!("/fact-checks/{slug}"))
        .await;
    // "Where the claim appeared", the section after the claim and rating boxes.
    let appeared = page.position_of(r#"id="appeared-heading""#);
    let claim = &page.body[appeared..];
    let claim = &claim[..claim.find("</section>").expect("the section ends")];
    let details = claim
        .find(r#"<details class="screenshot sensitive">"#)
        .expect("the sensitive one is folded away");
    let summary = claim[details..]
        .find("<summary>Show sensitive image</summary>")
        .unwrap()
        + details;
    let image = claim
        .find(r#"alt="A post showing an injured man""#)
        .unwrap();
    let closed = claim[details..].find("</details>").unwrap() + details;
    assert!(
        summary < image && image < closed,
        "inside <details>, after its summary"
    );
    let chart = claim.find(r#"alt="A post with a chart""#).unwrap();
    assert!(chart > closed, "the plain one is shown as is");
    assert_eq!(claim.matches("<details").count(), 1);
}

#[tokio::test]
async fn a_photo_and_the_site_logo_are_chosen_in_the_library_and_keep_their_image() {
    let app = TestApp::editor_signed_in().await;
    let portrait = app.upload_image(&jpeg(600, 600), "Erin at her desk").await;
    let logo = app
        .upload_image(&jpeg(400, 100), "The newsroom's name in blue")
        .await;
    let csrf = app.csrf().await;
    let post = |path: String, choice: &'static str| {
        let app = &app;
        let csrf = csrf.clone();
        async move {
            app.post_form(
                &path,
                &crate::helpers::fields(&[("csrf", &csrf), ("use", choice)]),
            )
            .await
        }
    };
    assert_eq!(
        post(format!("/editor/media/{portrait}/photo"), "photo")
            .await
            .status,
        303
    );
    assert_eq!(
        post(format!("/editor/media/{logo}/logo"), "logo")
            .await
            .status,
        303
    );

    // Readers see the logo beside the site's name, and the photo on Erin's author page.
    let reader = app.another_browser();
    let logo_shown = app
        .db
        .read(factdesk::db::media::site_logo)
        .unwrap()
        .expect("a logo");
    let home = reader.get("/").await;
    assert!(
        home.body.contains(&format!(
            r#"<img class="brand-logo" src="{}""#,
            logo_shown.fallback_url
        )),
        "{}",
        home.body
    );
    assert!(!home.body.contains("brand-mark"));
    let edit = app.create_draft(&crate::helpers::moon_fact_check()).await;
    app.publish(&edit).await;
    let author = reader.get("/authors/erin-editor").await;
    assert_eq!(author.status, 200);
    assert!(author.body.contains(r#"<div class="author-photo">"#));
    assert!(author.body.contains(r#"alt="Erin at her desk""#));

    let library = app.get("/editor/media").await;
    assert!(library.body.contains("photo of Erin Editor"));
    assert!(library.body.contains("the site logo"));
    assert!(library.body.contains("Stop using as my photo"));
    let refused = post(format!("/editor/media/{logo}/remove"), "").await;
    assert_eq!(refused.status, 409);
    assert_eq!(app.count("images"), 2);
    let photo = app
        .db
        .read(|conn| factdesk::db::media::user_photo(conn, factdesk::domain::UserId(1)))
        .unwrap()
        .expect("a photo");
    assert_eq!(photo.alt, "Erin at her desk");

    // A writer may choose a photo of their own, but not the site's logo.
    app.add_writer();
    let mut writer = app.another_browser();
    writer
        .sign_in(
            crate::helpers::WRITER_EMAIL,
            crate::helpers::WRITER_PASSWORD,
        )
        .await;
    let token = writer.csrf().await;
    let attempt = writer
        .post_form(
            &format!("/editor/media/{portrait}/logo"),
            &crate::helpers::fields(&[("csrf", &token), ("use", "logo")]),
        )
        .await;
    assert_eq!(attempt.status, 403);
    let site_logo = app
        .db
        .read(factdesk::db::media::site_logo)
        .unwrap()
        .expect("the logo stays");
    assert_eq!(site_logo.alt, "The newsroom's name in blue");

    assert_eq!(
        post(format!("/editor/media/{logo}/logo"), "none")
            .await
            .status,
        303
    );
    assert!(
        reader.get("/").await.body.contains("brand-mark"),
        "the name alone again"
    );
    assert_eq!(
        post(format!("/editor/media/{logo}/remove"), "")
            .await
            .status,
        303
    );
    assert_eq!(app.count("images"), 1);
}

#[tokio::test]
async fn a_screenshot_older_than_the_pickers_latest_images_stays_chosen_in_the_form() {
    let app = TestApp::editor_signed_in().await;
    let shot = app
        .upload_image(&jpeg(600, 800), "The post as shared")
        .await;
    let form = with(&moon_fact_check(), "appearance.0.image", &shot.to_string());
    let edit = app.create_draft(&form).await;
    // A busy library: a dozen newer uploads push it out of the latest ones offered.
    for n in 0..12 {
        app.upload_image(&jpeg(300 + n, 200), &format!("Library photo {n}"))
            .await;
    }
    let opened = app.get(&edit).await;
    assert!(
        opened
            .body
            .contains(&format!(r#"<option value="{shot}" selected>"#)),
        "the form still names the screenshot"
    );
}

#[tokio::test]
async fn a_writer_changes_the_words_of_an_image_only_while_no_published_page_shows_it() {
    let app = TestApp::editor_signed_in().await;
    let featured = app.upload_image(&jpeg(800, 450), "The dam at noon").await;
    let unused = app.upload_image(&jpeg(800, 450), "A spare photo").await;
    let form = with(&moon_fact_check(), "featured_image", &featured.to_string());
    let edit = app.create_draft(&form).await;
    app.publish(&edit).await;

    app.add_writer();
    let mut writer = app.another_browser();
    writer
        .sign_in(
            crate::helpers::WRITER_EMAIL,
            crate::helpers::WRITER_PASSWORD,
        )
        .await;
    let token = writer.csrf().await;
    let words = |alt: &'static str| {
        crate::helpers::fields(&[
            ("csrf", &token),
            ("alt", alt),
            ("caption", ""),
            ("credit", ""),
        ])
    };
    let refused = writer
        .post_form(&format!("/editor/media/{featured}"), &words("A dam, maybe"))
        .await;
    assert_eq!(refused.status, 403);
    let allowed = writer
        .post_form(
            &format!("/editor/media/{unused}"),
            &words("A spare photo of the dam"),
        )
        .await;
    assert_eq!(allowed.status, 303);
    let page = app.another_browser().get("/").await;
    assert!(
        page.body.contains("alt=\"The dam at noon\""),
        "unchanged on the page"
    );
}

#[tokio::test]
async fn the_live_preview_shows_library_images_as_the_saved_page_will() {
    let app = TestApp::editor_signed_in().await;
    let chart = app.upload_image(&jpeg(900, 500), "Exports by month").await;
    let csrf = app.csrf().await;
    let preview = app
        .post_form(
            "/editor/markdown-preview",
            &crate::helpers::fields(&[
                ("csrf", &csrf),
                (
                    "body",
                    &format!("The figures:\n\n![Exports by month](media:{chart})"),
                ),
            ]),
        )
        .await;
    assert_eq!(preview.status, 200);
    assert!(preview.body.contains("<picture>"), "{}", preview.body);
    assert!(preview.body.contains(r#"alt="Exports by month""#));
}
