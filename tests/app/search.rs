//! Finding fact-checks by the words in them: readers on /search, editors on the dashboard.

use crate::helpers::{TestApp, WRITER_EMAIL, WRITER_PASSWORD, moon_fact_check, with};
use factdesk::domain::Role;
use reqwest::StatusCode;

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[tokio::test]
async fn a_reader_finds_every_demo_fact_check_by_words_from_its_headline() {
    let app = TestApp::spawn_with_demo().await;
    let published: Vec<(String, String)> = app
        .db
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT slug, headline FROM fact_checks WHERE status = 'published' ORDER BY id",
            )?;
            Ok(stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?)
        })
        .unwrap();
    assert!(published.len() >= 10);

    for (slug, headline) in published {
        // Three longer words of the headline, as a reader might remember them.
        let words: Vec<&str> = headline
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 4)
            .take(3)
            .collect();
        let page = app
            .get(&format!("/search?q={}", encode(&words.join(" "))))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains(&format!("href=\"/fact-checks/{slug}\"")),
            "{slug} not found by {words:?}"
        );
    }
}

#[tokio::test]
async fn results_come_with_highlighted_snippets_and_can_be_narrowed() {
    let app = TestApp::spawn_with_demo().await;

    let page = app.get("/search?q=Putin").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("<mark>Putin</mark>"),
        "highlighted match"
    );
    let all = page.body.matches("class=\"card\"").count();
    assert!(all >= 3, "several demo checks mention Putin");

    // Stemming: the plural finds the singular.
    let page = app.get("/search?q=strikes").await;
    assert!(page.body.contains("<mark>strike"));

    let page = app.get("/search?q=Putin&rating=false").await;
    let false_only = page.body.matches("class=\"card\"").count();
    assert!(false_only >= 1 && false_only < all, "{false_only} of {all}");
    assert!(!page.body.contains("badge rating-true\""));
    assert!(page.body.contains("<option value=\"false\" selected>"));

    let page = app.get("/search?q=Putin&tag=%23Iran").await;
    assert!(page.body.matches("class=\"card\"").count() >= 1);
    let page = app.get("/search?q=Putin&tag=NoSuchTopic").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("No published fact-check matches every word")
    );

    let page = app.get("/search?q=Putin&rating=nonsense").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn any_text_a_reader_types_is_searched_safely() {
    let app = TestApp::spawn_with_demo().await;
    let inputs = [
        "\"",
        "\"unbalanced",
        "NEAR(",
        "NEAR(Putin Iran, 2)",
        "Putin AND",
        "OR OR OR",
        "NOT",
        "*",
        "Put*",
        "^Putin",
        "(((Putin",
        "headline:Putin",
        "{headline claim}: x",
        "'; DROP TABLE fact_checks; --",
        "<script>alert(1)</script>",
        "\u{E000}Putin\u{E001}",
        "Київ 東京 ✓",
        "   ",
        "-",
    ];
    for text in inputs {
        let page = app.get(&format!("/search?q={}", encode(text))).await;
        assert_eq!(page.status, StatusCode::OK, "{text:?}");
        for leak in ["fts5", "syntax error", "SQL", "<script>alert"] {
            assert!(!page.body.contains(leak), "{text:?} leaked {leak}");
        }
    }
    // Typed syntax is searched as words: a prefix search still works.
    assert!(
        app.get("/search?q=Put*")
            .await
            .body
            .contains("<mark>Putin</mark>")
    );
    let long = "word ".repeat(5_000);
    assert_eq!(
        app.get(&format!("/search?q={}", encode(&long)))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(app.count("fact_checks"), 13, "nothing changed");
}

#[tokio::test]
async fn search_pages_through_results_keeping_the_query() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    for n in 0..23 {
        let form = with(
            &with(
                &moon_fact_check(),
                "headline",
                &format!("Lunar shadow check number {n}"),
            ),
            "slug",
            &format!("lunar-shadow-{n}"),
        );
        let edit_path = app.create_draft(&form).await;
        app.publish(&edit_path).await;
    }

    let first = app.get("/search?q=lunar&tag=Space").await;
    assert_eq!(first.body.matches("class=\"card\"").count(), 20);
    let next = &first.body[first.position_of("rel=\"next\"")..];
    assert!(
        next.starts_with(
            "rel=\"next\" href=\"/search?q=lunar&#38;rating=&#38;tag=Space&#38;page=2\""
        ),
        "{}",
        &next[..100]
    );
    let second = app.get("/search?q=lunar&rating=&tag=Space&page=2").await;
    assert_eq!(second.body.matches("class=\"card\"").count(), 3);
}

#[tokio::test]
async fn drafts_are_found_by_editors_on_the_dashboard_but_never_by_readers() {
    let mut app = TestApp::spawn_with_demo().await;
    app.add_account(
        "ed@newsroom.example",
        "Erin Editor",
        "a long enough password",
        Role::Admin,
    );
    app.sign_in("ed@newsroom.example", "a long enough password")
        .await;
    let edit_path = app
        .create_draft(&with(
            &moon_fact_check(),
            "headline",
            "Quokka sightings on the Moon",
        ))
        .await;

    assert!(
        app.get("/search?q=quokka")
            .await
            .body
            .contains("No published fact-check")
    );
    let desk = app.get("/editor?q=quokka").await;
    assert_eq!(desk.status, StatusCode::OK);
    assert!(desk.body.contains(&format!("href=\"{edit_path}\"")));
    assert!(desk.body.contains("Best matches for “quokka”"));
    // Published ones are on the editors' search too.
    assert!(
        app.get("/editor?q=Putin")
            .await
            .body
            .contains("View public page")
    );

    // A writer's search covers only their own work.
    let mut writer = app.another_browser();
    app.add_writer();
    writer.sign_in(WRITER_EMAIL, WRITER_PASSWORD).await;
    assert!(
        !writer
            .get("/editor?q=quokka")
            .await
            .body
            .contains(&edit_path)
    );
    // …and finds it even when other people's matches rank higher.
    let own = writer
        .create_draft(&with(&moon_fact_check(), "headline", "Quokka census draft"))
        .await;
    assert!(writer.get("/editor?q=quokka").await.body.contains(&own));
}

#[tokio::test]
async fn a_common_word_with_a_topic_and_a_rating_lists_live_matches_headline_first_then_newest() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    // (slug, where "quokka" is, tags, rating); created, and published, in this order.
    let cases = [
        ("older-in-summary", "summary", "Wildlife, Space", "false"),
        ("in-headline", "headline", "Wildlife", "false"),
        ("newer-in-summary", "summary", "Wildlife", "false"),
        ("rated-true", "headline", "Wildlife", "true"),
        ("other-topic", "headline", "Space", "false"),
    ];
    for (slug, field, tags, rating) in cases {
        let mut form = with(&moon_fact_check(), "slug", slug);
        form = with(&form, "tags", tags);
        form = with(&form, "rating", rating);
        let text = match field {
            "headline" => format!("Quokka photo {slug} is not what it seems"),
            _ => format!("A quokka appears in this photo ({slug})."),
        };
        form = with(&form, field, &text);
        let edit_path = app.create_draft(&form).await;
        app.publish(&edit_path).await;
    }
    // Matches that are not live: a draft, a retracted one and a scheduled one.
    let live_match = |slug: &str| {
        with(
            &with(
                &with(&moon_fact_check(), "slug", slug),
                "headline",
                &format!("Quokka {slug}"),
            ),
            "tags",
            "Wildlife",
        )
    };
    app.create_draft(&live_match("a-draft")).await;
    let retracted = app.create_draft(&live_match("retracted")).await;
    app.publish(&retracted).await;
    let pressed = app
        .press(
            &retracted,
            "unpublish",
            &[("retraction_note", "The photo was of a wallaby.")],
        )
        .await;
    assert_eq!(pressed.location(), format!("{retracted}?done=retracted"));
    let scheduled = app.create_draft(&live_match("scheduled")).await;
    let later = (chrono::Utc::now() + chrono::Duration::days(2))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    app.press(&scheduled, "publish", &[("publish_at", &later)])
        .await;

    let page = app.get("/search?q=quokka&tag=Wildlife&rating=false").await;
    assert_eq!(page.status, StatusCode::OK);
    let found: Vec<&str> = page
        .body
        .split("href=\"/fact-checks/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|slug| !slug.contains('/'))
        .fold(Vec::new(), |mut seen, slug| {
            if !seen.contains(&slug) {
                seen.push(slug);
            }
            seen
        });
    assert_eq!(
        found,
        ["in-headline", "newer-in-summary", "older-in-summary"],
        "headline or claim matches first, then newest first; nothing rated otherwise, on \
         another topic, or not live"
    );
    assert!(page.body.contains(
        "Headline or claim matches first, then newest first, among the 1,000 matches added \
         most recently (of the 10,000 fact-checks added most recently that contain these words)."
    ));
    // The API's q= is the same search in the same order.
    let api = app
        .get("/api/v1/fact-checks?q=quokka&tag=Wildlife&rating=false")
        .await;
    let json: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    let slugs: Vec<&str> = json["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, found);
}
