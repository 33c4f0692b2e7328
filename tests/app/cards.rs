//! Shared links show a picture: each verdict's social card, the site's card for listings,
//! and the meta tags that name them.

use crate::helpers::{TestApp, moon_fact_check, with};
use reqwest::StatusCode;

/// Publishes the moon fact-check (rated False) and gives its slug.
async fn published_moon(app: &TestApp) -> (String, String) {
    let edit_path = app.create_draft(&moon_fact_check()).await;
    assert_eq!(app.publish(&edit_path).await.status, StatusCode::SEE_OTHER);
    (edit_path, slug_of(app, "published"))
}

/// The slug of the one fact-check in `status`.
fn slug_of(app: &TestApp, status: &str) -> String {
    app.db
        .read(|c| {
            Ok(c.query_row(
                "SELECT slug FROM fact_checks WHERE status = ?1",
                [status],
                |row| row.get::<_, String>(0),
            )?)
        })
        .unwrap()
}

fn size_of_png(bytes: &[u8]) -> (u32, u32) {
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .expect("a PNG");
    (reader.info().width, reader.info().height)
}

/// The `content` of the first `<meta>` whose attributes start with `name`.
fn meta_content<'a>(html: &'a str, name: &str) -> &'a str {
    let start = html
        .find(&format!("{name} content=\""))
        .unwrap_or_else(|| panic!("no {name} in the page"))
        + name.len()
        + 10;
    let end = html[start..].find('"').unwrap() + start;
    &html[start..end]
}

#[tokio::test]
async fn a_shared_verdict_shows_its_card_which_is_redrawn_only_when_the_verdict_changes() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let (edit_path, slug) = published_moon(&app).await;
    let reader = app.another_browser();

    let page = reader.get(&format!("/fact-checks/{slug}")).await;
    let image = meta_content(&page.body, "property=\"og:image\"").to_owned();
    assert!(
        image.starts_with(&format!("{}/fact-checks/{slug}/card.png?v=", app.address)),
        "{image}"
    );
    assert_eq!(
        meta_content(&page.body, "property=\"og:image:width\""),
        "1200"
    );
    assert_eq!(
        meta_content(&page.body, "property=\"og:image:height\""),
        "630"
    );
    assert_eq!(
        meta_content(&page.body, "property=\"og:image:alt\""),
        "Rating: False — Shadows in Apollo photos prove the landing was staged."
    );
    assert_eq!(
        meta_content(&page.body, "name=\"twitter:card\""),
        "summary_large_image"
    );
    assert_eq!(meta_content(&page.body, "name=\"twitter:image\""), image);

    let card_path = image.trim_start_matches(&app.address).to_owned();
    let (first, png) = reader.get_bytes(&card_path, &[]).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.headers["content-type"], "image/png");
    assert_eq!(size_of_png(&png), (1200, 630));
    let etag = first.headers["etag"].to_str().unwrap().to_owned();
    assert_eq!(
        first.headers["cache-control"],
        reader.get(&format!("/fact-checks/{slug}")).await.headers["cache-control"],
        "cached like the verdict page"
    );

    // Nothing changed: the same picture, and a cache that has it need not fetch it again.
    let (again, same_png) = reader.get_bytes(&card_path, &[]).await;
    assert_eq!(again.headers["etag"].to_str().unwrap(), etag);
    assert_eq!(same_png, png);
    let (unchanged, _) = reader
        .get_bytes(&card_path, &[("if-none-match", &etag)])
        .await;
    assert_eq!(unchanged.status, StatusCode::NOT_MODIFIED);

    // A correction rates it Mostly False: a new card at a new address.
    let mut correction = with(&moon_fact_check(), "rating", "mostly-false");
    correction = with(&correction, "change_kind", "correction");
    correction = with(
        &correction,
        "change_note",
        "A second look found one shadow odd.",
    );
    assert_eq!(
        app.save(&edit_path, 1, &correction).await.status,
        StatusCode::SEE_OTHER
    );
    let page = reader.get(&format!("/fact-checks/{slug}")).await;
    let new_image = meta_content(&page.body, "property=\"og:image\"");
    assert_ne!(new_image, image);
    let (redrawn, new_png) = reader
        .get_bytes(new_image.trim_start_matches(&app.address), &[])
        .await;
    assert_eq!(redrawn.status, StatusCode::OK);
    assert_eq!(size_of_png(&new_png), (1200, 630));
    assert_ne!(new_png, png);
    assert_ne!(redrawn.headers["etag"].to_str().unwrap(), etag);
}

#[tokio::test]
async fn a_draft_or_unknown_fact_check_has_no_card() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    app.create_draft(&moon_fact_check()).await;
    let slug = slug_of(&app, "draft");
    let reader = app.another_browser();
    for path in [
        format!("/fact-checks/{slug}/card.png"),
        "/fact-checks/no-such-check/card.png".to_owned(),
    ] {
        let (page, _) = reader.get_bytes(&path, &[]).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn listing_pages_share_the_site_card() {
    let app = TestApp::spawn_with_demo().await;
    for path in ["/", "/ratings", "/tags", "/claimants"] {
        let page = app.get(path).await;
        assert_eq!(
            meta_content(&page.body, "property=\"og:image\""),
            format!("{}/card.png", app.address),
            "{path}"
        );
        assert!(
            !page.body.contains("json+oembed"),
            "{path} is not embeddable"
        );
    }
    let (card, png) = app.get_bytes("/card.png", &[]).await;
    assert_eq!(card.status, StatusCode::OK);
    assert_eq!(card.headers["content-type"], "image/png");
    assert_eq!(size_of_png(&png), (1200, 630));
}

#[tokio::test]
async fn another_site_may_frame_a_verdicts_embed_and_nothing_else() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let (_, slug) = published_moon(&app).await;
    let reader = app.another_browser();

    let embed = reader.get(&format!("/fact-checks/{slug}/embed")).await;
    assert_eq!(embed.status, StatusCode::OK);
    let csp = embed.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors *"), "{csp}");
    assert!(
        csp.contains("default-src 'none'"),
        "no script of any kind: {csp}"
    );
    assert_eq!(embed.headers["x-robots-tag"], "noindex");
    assert!(
        embed
            .body
            .contains("<meta name=\"robots\" content=\"noindex\">")
    );
    assert!(
        embed
            .body
            .contains("aria-label=\"Rating: False, 1 of 5 on our scale\"")
    );
    assert!(
        embed
            .body
            .contains("Shadows in Apollo photos prove the landing was staged.")
    );
    assert!(embed.body.contains("Claimed by Social media users"));
    assert!(embed.body.contains(&format!(
        "<a href=\"{}/fact-checks/{slug}\" target=\"_blank\" rel=\"noopener\">Read the fact-check</a>",
        app.address
    )));

    for path in [
        format!("/fact-checks/{slug}"),
        "/".to_owned(),
        "/ratings".to_owned(),
    ] {
        let page = reader.get(&path).await;
        let csp = page.headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
    }
    // The verdict page offers the code, escaped once so it copies as written.
    let verdict = reader.get(&format!("/fact-checks/{slug}")).await;
    assert!(verdict.body.contains(&format!(
        "&#60;iframe src=&#34;{}/fact-checks/{slug}/embed&#34; width=&#34;560&#34;",
        app.address
    )));
    // A draft has no embed.
    app.create_draft(&with(&moon_fact_check(), "headline", "A draft about tides"))
        .await;
    let draft = slug_of(&app, "draft");
    let refused = reader.get(&format!("/fact-checks/{draft}/embed")).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_cms_embeds_a_verdict_from_its_address_over_oembed() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let (_, slug) = published_moon(&app).await;
    let reader = app.another_browser();
    let page_url = format!("{}/fact-checks/{slug}", app.address);

    // The verdict page says where its oEmbed answer is.
    let verdict = reader.get(&format!("/fact-checks/{slug}")).await;
    let discovery = format!(
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}/oembed?url={}&#38;format=json\"",
        app.address,
        form_urlencoded::byte_serialize(page_url.as_bytes()).collect::<String>()
    );
    assert!(verdict.body.contains(&discovery), "{}", verdict.body);

    let query = |extra: &str| {
        format!(
            "/oembed?url={}{extra}",
            form_urlencoded::byte_serialize(page_url.as_bytes()).collect::<String>()
        )
    };
    let answer = reader.get(&query("&format=json")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers["content-type"], "application/json");
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(json["version"], "1.0");
    assert_eq!(json["type"], "rich");
    assert_eq!(json["provider_name"], "Factdesk");
    assert_eq!(
        json["title"],
        "Apollo photos show shadows consistent with one light source, the Sun"
    );
    assert_eq!(
        (json["width"].as_u64(), json["height"].as_u64()),
        (Some(560), Some(300))
    );
    let html = json["html"].as_str().unwrap();
    assert!(
        html.starts_with(&format!(
            "<iframe src=\"{page_url}/embed\" width=\"560\" height=\"300\""
        )),
        "{html}"
    );
    let thumbnail = json["thumbnail_url"].as_str().unwrap();
    assert!(meta_content(&verdict.body, "property=\"og:image\"") == thumbnail);
    assert_eq!(
        (
            json["thumbnail_width"].as_u64(),
            json["thumbnail_height"].as_u64()
        ),
        (Some(1200), Some(630))
    );
    assert!(json["cache_age"].as_u64().unwrap() > 0);

    // A consumer's limits are kept to.
    let small: serde_json::Value =
        serde_json::from_str(&reader.get(&query("&maxwidth=320&maxheight=240")).await.body)
            .unwrap();
    assert_eq!(
        (small["width"].as_u64(), small["height"].as_u64()),
        (Some(320), Some(240))
    );
    assert!(
        small["html"]
            .as_str()
            .unwrap()
            .contains("width=\"320\" height=\"240\"")
    );

    let refusals = [
        ("/oembed".to_owned(), StatusCode::BAD_REQUEST, "no url"),
        (
            "/oembed?url=".to_owned(),
            StatusCode::BAD_REQUEST,
            "an empty url",
        ),
        (
            query("&maxwidth=wide"),
            StatusCode::BAD_REQUEST,
            "a width that is no number",
        ),
        (
            query("&format=xml"),
            StatusCode::NOT_IMPLEMENTED,
            "XML, which we do not offer",
        ),
        (
            "/oembed?url=https%3A%2F%2Felsewhere.example%2Ffact-checks%2Fmoon".to_owned(),
            StatusCode::NOT_FOUND,
            "another site's page",
        ),
        (
            format!(
                "/oembed?url={}%2Ffact-checks%2Fno-such-check",
                form_urlencoded::byte_serialize(app.address.as_bytes()).collect::<String>()
            ),
            StatusCode::NOT_FOUND,
            "a verdict we do not have",
        ),
        (
            format!(
                "/oembed?url={}%2Ftags%2Fspace",
                form_urlencoded::byte_serialize(app.address.as_bytes()).collect::<String>()
            ),
            StatusCode::NOT_FOUND,
            "a page that is no verdict",
        ),
    ];
    for (path, status, why) in refusals {
        assert_eq!(reader.get(&path).await.status, status, "{why}: {path}");
    }
}

#[tokio::test]
async fn browsers_and_home_screens_get_png_icons_of_their_size() {
    let app = TestApp::spawn().await;
    let home = app.get("/").await;
    for (path, size, link) in [
        (
            "/favicon-32.png",
            32,
            "<link rel=\"icon\" href=\"/favicon-32.png\" type=\"image/png\" sizes=\"32x32\">",
        ),
        (
            "/favicon-192.png",
            192,
            "<link rel=\"icon\" href=\"/favicon-192.png\" type=\"image/png\" sizes=\"192x192\">",
        ),
        (
            "/apple-touch-icon.png",
            180,
            "<link rel=\"apple-touch-icon\" href=\"/apple-touch-icon.png\">",
        ),
    ] {
        assert!(home.body.contains(link), "{link}");
        let (icon, png) = app.get_bytes(path, &[]).await;
        assert_eq!(icon.status, StatusCode::OK, "{path}");
        assert_eq!(icon.headers["content-type"], "image/png");
        assert_eq!(size_of_png(&png), (size, size), "{path}");
        let (again, same) = app.get_bytes(path, &[]).await;
        assert_eq!(
            (again.status, same),
            (StatusCode::OK, png),
            "{path} is kept"
        );
    }
}
