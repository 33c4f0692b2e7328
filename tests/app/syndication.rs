//! What machines following the site read: Atom feeds, the sitemap, robots.txt, and the
//! description and sharing tags on every public page.

use crate::helpers::{TestApp, moon_fact_check};
use reqwest::StatusCode;

fn parse_feed(body: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(body.as_bytes()).unwrap_or_else(|e| panic!("invalid feed: {e}\n{body}"))
}

fn locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .map(|rest| rest[..rest.find("</loc>").unwrap()].to_owned())
        .collect()
}

fn published_slugs(app: &TestApp) -> Vec<String> {
    app.db
        .read(|c| {
            let mut stmt = c.prepare("SELECT slug FROM fact_checks WHERE status = 'published'")?;
            Ok(stmt
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?)
        })
        .unwrap()
}

#[tokio::test]
async fn a_feed_reader_follows_the_site_a_topic_and_a_claimant() {
    let app = TestApp::spawn_with_demo().await;

    let page = app.get("/feed.atom").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.headers["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let feed = parse_feed(&page.body);
    assert_eq!(feed.title.unwrap().content, "Factdesk: latest fact-checks");
    let slugs = published_slugs(&app);
    assert_eq!(feed.entries.len(), slugs.len());
    for entry in &feed.entries {
        let link = &entry.links[0].href;
        let slug = link.rsplit('/').next().unwrap();
        assert!(slugs.iter().any(|s| s == slug), "{link} is not published");
        // Each entry is titled in its fact-check's language (the demo has three).
        let title = &entry.title.as_ref().unwrap().content;
        let summary = &entry.summary.as_ref().unwrap().content;
        assert!(
            [
                ("Fact Check: ", "Rating: "),
                ("Verificación: ", "Calificación: "),
                ("تحقق: ", "التصنيف: ")
            ]
            .iter()
            .any(|(kicker, rating)| title.starts_with(kicker) && summary.starts_with(rating)),
            "{title}: {summary}"
        );
        assert!(entry.published.is_some() && entry.updated.is_some());
    }
    // Newest first.
    let published: Vec<_> = feed.entries.iter().map(|e| e.published.unwrap()).collect();
    assert!(published.windows(2).all(|w| w[0] >= w[1]));

    let topic = parse_feed(&app.get("/tags/iran/feed.atom").await.body);
    assert!(!topic.entries.is_empty() && topic.entries.len() < feed.entries.len());
    assert!(
        topic
            .entries
            .iter()
            .all(|e| e.categories.iter().any(|c| c.term == "Iran"))
    );
    let person = parse_feed(&app.get("/claimants/vladimir-putin/feed.atom").await.body);
    assert_eq!(
        person.title.unwrap().content,
        "Factdesk: claims by Vladimir Putin"
    );
    assert!(!person.entries.is_empty());

    assert_eq!(
        app.get("/tags/NoSuchTopic/feed.atom").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/claimants/nobody/feed.atom").await.status,
        StatusCode::NOT_FOUND
    );

    // Pages announce their feeds.
    assert!(app.get("/").await.body.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Factdesk: latest fact-checks\" href=\"/feed.atom\">"
    ));
    assert!(
        app.get("/tags/Iran")
            .await
            .body
            .contains("href=\"/tags/Iran/feed.atom\"")
    );
    assert!(
        app.get("/claimants/vladimir-putin")
            .await
            .body
            .contains("href=\"/claimants/vladimir-putin/feed.atom\"")
    );
}

#[tokio::test]
async fn a_new_publication_reaches_the_feed_at_once_and_odd_text_keeps_it_valid() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    assert!(
        parse_feed(&app.get("/feed.atom").await.body)
            .entries
            .is_empty()
    );

    let form = crate::helpers::with(
        &moon_fact_check(),
        "summary",
        "Quotes \"like\" these, <tags> & ampersands stay readable.",
    );
    let edit_path = app.create_draft(&form).await;
    app.publish(&edit_path).await;

    let feed = parse_feed(&app.get("/feed.atom").await.body);
    assert_eq!(feed.entries.len(), 1);
    assert!(
        feed.entries[0]
            .summary
            .as_ref()
            .unwrap()
            .content
            .contains("Quotes \"like\" these, <tags> & ampersands")
    );
}

#[tokio::test]
async fn the_sitemap_lists_every_published_fact_check_and_listing_and_robots_points_to_it() {
    let app = TestApp::spawn_with_demo().await;

    let robots = app.get("/robots.txt").await;
    assert!(robots.body.contains("Disallow: /editor\n"));
    assert!(
        robots
            .body
            .contains(&format!("Sitemap: {}/sitemap.xml", app.address))
    );

    let index = app.get("/sitemap.xml").await;
    assert_eq!(index.status, StatusCode::OK);
    assert!(
        index
            .body
            .contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
    );
    let mut listed = Vec::new();
    for file in locs(&index.body) {
        let path = file.strip_prefix(app.address.as_str()).unwrap();
        let sitemap = app.get(path).await;
        assert_eq!(sitemap.status, StatusCode::OK, "{path}");
        assert_eq!(
            sitemap.body.matches("<url>").count(),
            sitemap.body.matches("<lastmod>").count()
        );
        listed.extend(locs(&sitemap.body));
    }
    for slug in published_slugs(&app) {
        assert!(
            listed.contains(&format!("{}/fact-checks/{slug}", app.address)),
            "{slug} missing"
        );
    }
    for page in [
        "/",
        "/ratings",
        "/tags",
        "/claimants",
        "/tags/Iran",
        "/ratings/false",
        "/claimants/vladimir-putin",
    ] {
        assert!(
            listed.contains(&format!("{}{page}", app.address)),
            "{page} missing"
        );
    }
    assert!(
        !listed.iter().any(|l| l.contains("three-waves")),
        "no drafts"
    );
    // Every listed address answers.
    for url in &listed {
        let path = url.strip_prefix(app.address.as_str()).unwrap();
        assert_eq!(app.get(path).await.status, StatusCode::OK, "{path}");
    }
    let files = locs(&index.body);
    for file in ["pages", "tags-1", "claimants-1", "fact-checks-1"] {
        // At the root: a sitemap covers only the pages under its own directory.
        let url = format!("{}/sitemap-{file}.xml", app.address);
        assert!(files.contains(&url), "{file} in the index");
        let old = app.get(&format!("/sitemaps/{file}.xml")).await;
        assert_eq!(old.status, StatusCode::MOVED_PERMANENTLY, "{file}");
        assert_eq!(old.location(), format!("/sitemap-{file}.xml"));
    }
    for past_the_end in [
        "fact-checks-2",
        "tags-2",
        "claimants-2",
        "tags-0",
        "ratings-1",
    ] {
        assert_eq!(
            app.get(&format!("/sitemap-{past_the_end}.xml"))
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{past_the_end}"
        );
    }
    for nothing in [
        "/sitemap-whatever",
        "/whatever",
        "/sitemap-pages.xml.bak",
        "/sitemaps/whatever",
        "/sitemaps/x-1.xml",
    ] {
        assert_eq!(
            app.get(nothing).await.status,
            StatusCode::NOT_FOUND,
            "{nothing}"
        );
    }
}

#[tokio::test]
async fn every_public_page_describes_itself_for_search_engines_and_link_previews() {
    let app = TestApp::spawn_with_demo().await;
    let pages = [
        "/",
        "/fact-checks/russia-remains-aligned-with-iran",
        "/tags/Iran",
        "/tags",
        "/ratings",
        "/ratings/false",
        "/claimants",
        "/claimants/vladimir-putin",
        "/corrections",
        "/search?q=Putin",
    ];
    let canonical = format!("<link rel=\"canonical\" href=\"{}/", app.address);
    let og_url = format!("<meta property=\"og:url\" content=\"{}/", app.address);
    for path in pages {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        for tag in [
            "<meta name=\"description\" content=\"",
            canonical.as_str(),
            "<meta property=\"og:title\" content=\"",
            "<meta property=\"og:description\" content=\"",
            og_url.as_str(),
            "<meta name=\"twitter:card\" content=\"summary_large_image\">",
            "<meta property=\"og:image\" content=\"",
            "<meta property=\"og:image:alt\" content=\"",
            "<meta name=\"twitter:title\" content=\"",
        ] {
            assert_eq!(page.body.matches(tag).count(), 1, "{path}: {tag}");
        }
        assert!(!page.body.contains("content=\"\""), "{path}: an empty tag");
    }
    let verdict = app
        .get("/fact-checks/russia-remains-aligned-with-iran")
        .await;
    assert!(
        verdict
            .body
            .contains("<meta name=\"description\" content=\"Rating: False. No Bloomberg report")
    );
    assert!(
        verdict
            .body
            .contains("<meta property=\"og:type\" content=\"article\">")
    );
    assert!(
        verdict
            .body
            .contains("<meta property=\"og:title\" content=\"Fact Check: Russia remains")
    );
    // Search results are for people, not for indexes.
    assert!(
        app.get("/search?q=Putin")
            .await
            .body
            .contains("<meta name=\"robots\" content=\"noindex\">")
    );
    assert!(!app.get("/").await.body.contains("noindex"));
}

#[tokio::test]
async fn a_feed_carries_the_whole_explanation_and_a_retraction_stays_as_an_updated_entry() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    app.publish(&edit_path).await;
    let slug = "apollo-photos-show-shadows-consistent-with-one-light-source-the-sun";

    let feed = parse_feed(&app.get("/feed.atom").await.body);
    let content = feed.entries[0].content.as_ref().unwrap();
    assert_eq!(content.content_type.essence().to_string(), "text/html");
    let html = content.body.as_deref().unwrap();
    let page = app.get(&format!("/fact-checks/{slug}")).await;
    let explanation = html.split("</p>").nth(2).unwrap();
    assert!(
        page.body.contains(explanation),
        "the explanation as the page shows it: {html}"
    );
    assert!(html.starts_with("<p><strong>Claim:</strong> "), "{html}");

    app.press(
        &edit_path,
        "unpublish",
        &[("retraction_note", "The photos we cited were <mislabelled>.")],
    )
    .await;
    let body = app.get("/feed.atom").await.body;
    let feed = parse_feed(&body);
    assert_eq!(feed.entries.len(), 1, "still there, as an updated entry");
    let entry = &feed.entries[0];
    assert!(
        entry
            .title
            .as_ref()
            .unwrap()
            .content
            .starts_with("Retracted: Fact Check: ")
    );
    assert!(entry.updated.unwrap() >= entry.published.unwrap());
    assert!(entry.categories.iter().any(|c| c.term == "retracted"));
    let html = entry.content.as_ref().unwrap().body.as_deref().unwrap();
    assert!(
        html.contains("The photos we cited were &lt;mislabelled&gt;."),
        "the note, escaped as HTML: {html}"
    );
    assert!(!html.contains("<strong>Claim:"), "the verdict is withdrawn");

    // Its address keeps answering, so the sitemap keeps it, with the retraction's date.
    let sitemap = app.get("/sitemap-fact-checks-1.xml").await.body;
    let url = format!("<loc>{}/fact-checks/{slug}</loc>", app.address);
    let at = sitemap.find(&url).expect("the retracted page is listed");
    let lastmod = &sitemap[at..][sitemap[at..].find("<lastmod>").unwrap() + 9..][..20];
    assert_eq!(
        lastmod,
        entry
            .updated
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    );
}
