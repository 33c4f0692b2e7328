//! The verdict page, complete: key points, author pages, related fact-checks, share links,
//! headings in the explanation and the article's meta tags.

use crate::helpers::{
    EDITOR_EMAIL, EDITOR_PASSWORD, TestApp, WRITER_EMAIL, WRITER_PASSWORD, fields, moon_fact_check,
    with,
};
use reqwest::StatusCode;
use serde_json::Value;

const MOON: &str =
    "/fact-checks/apollo-photos-show-shadows-consistent-with-one-light-source-the-sun";

const POINTS: &str = "Every shadow in the photos falls away from the Sun.\n\
                      Uneven ground bends shadows that look crossed.";

/// A newsroom whose admin, Erin Editor, has published the moon fact-check with `form`
/// changed as given; returns its edit page.
async fn published_moon(app: &mut TestApp, changes: &[(&str, &str)]) -> String {
    app.sign_in_as_editor().await;
    let mut form = moon_fact_check();
    for (field, value) in changes {
        form = with(&form, field, value);
    }
    let edit = app.create_draft(&form).await;
    assert_eq!(app.publish(&edit).await.status, StatusCode::SEE_OTHER);
    edit
}

#[tokio::test]
async fn key_points_are_shown_above_the_explanation_and_kept_in_the_api_and_history() {
    let mut app = TestApp::spawn_with(|_, _| {}).await;
    let edit = published_moon(&mut app, &[("key_points", POINTS)]).await;

    let page = app.get(MOON).await;
    let section = page.position_of("<h2 id=\"key-points-heading\">Key points</h2>");
    assert!(page.position_of("<p class=\"summary\">") < section);
    assert!(section < page.position_of("<div class=\"explanation\">"));
    assert!(
        page.body
            .contains("<li>Every shadow in the photos falls away from the Sun.</li>")
    );
    assert!(
        page.body
            .contains("<li>Uneven ground bends shadows that look crossed.</li>")
    );

    let api: Value = serde_json::from_str(
        &app.get("/api/v1/fact-checks/apollo-photos-show-shadows-consistent-with-one-light-source-the-sun")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(
        api["key_points"],
        serde_json::json!([
            "Every shadow in the photos falls away from the Sun.",
            "Uneven ground bends shadows that look crossed."
        ])
    );

    // A change of the points is a change like any other: History names it.
    let form = with(&moon_fact_check(), "key_points", "Only one point now.");
    let form = with(&form, "change_kind", "minor");
    let version = app.get(&edit).await.version();
    assert_eq!(
        app.save(&edit, version, &form).await.status,
        StatusCode::SEE_OTHER
    );
    let diff = app
        .get(&format!(
            "{edit}/revisions?from={version}&to={}",
            version + 1
        ))
        .await;
    assert!(
        diff.body.contains("<th scope=\"row\">Key points</th>")
            && diff.body.contains("Only one point now."),
        "{}",
        diff.body
    );
}

#[tokio::test]
async fn too_many_or_too_long_key_points_come_back_beside_the_field_as_typed() {
    let mut app = TestApp::spawn_with(|_, _| {}).await;
    app.sign_in_as_editor().await;
    let long = format!("A fine point.\n{}", "far too long ".repeat(20));
    let six = "one\ntwo\nthree\nfour\nfive\nsix";
    for (typed, message) in [
        (long.as_str(), "Key point 2 must be at most 200 characters"),
        (
            six,
            "Give at most 5 key points, one per line (there are 6).",
        ),
    ] {
        let page = app
            .submit_new(&with(&moon_fact_check(), "key_points", typed))
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{typed:?}");
        let field = &page.body[page.position_of("<textarea id=\"key_points\"")..];
        let field = &field[..field.find("</div>").unwrap()];
        assert!(
            field.contains(message),
            "the message sits beside the field: {field}"
        );
        let kept = askama::filters::escape(typed, askama::filters::Html)
            .unwrap()
            .to_string();
        assert!(field.contains(&kept), "what was typed is kept: {field}");
    }
}

#[tokio::test]
async fn an_author_page_lists_only_published_work_and_the_byline_leads_there() {
    let mut app = TestApp::spawn_with(|_, _| {}).await;
    app.add_writer();
    published_moon(&mut app, &[]).await;
    // Erin also has a draft, which readers must not see.
    app.create_draft(&with(
        &moon_fact_check(),
        "headline",
        "An unfinished look at Apollo shadows",
    ))
    .await;

    let page = app.get(MOON).await;
    assert!(
        page.body
            .contains("By <a href=\"/authors/erin-editor\" rel=\"author\">Erin Editor</a>"),
        "the byline links the author page"
    );
    let author = app.get("/authors/erin-editor").await;
    assert_eq!(author.status, StatusCode::OK);
    assert!(
        author
            .body
            .contains("<h1 class=\"page-title\">Erin Editor</h1>")
    );
    assert!(author.body.contains(&format!("href=\"{MOON}\"")));
    assert!(
        !author.body.contains("An unfinished look"),
        "drafts stay private"
    );

    // Wes has written nothing readers can see: no page says he exists.
    let mut writer = app.another_browser();
    writer.sign_in(WRITER_EMAIL, WRITER_PASSWORD).await;
    writer
        .create_draft(&with(
            &moon_fact_check(),
            "headline",
            "Wes drafts about shadows",
        ))
        .await;
    for path in [
        "/authors/wes-writer",
        "/authors/nobody-here",
        "/authors/Not_A_Slug",
    ] {
        assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
}

/// Sends the author-page form at `path` as the signed-in person.
async fn save_profile(app: &TestApp, path: &str, name: &str, bio: &str) -> crate::helpers::Page {
    let csrf = app.get(path).await.csrf();
    app.post_form(
        path,
        &fields(&[("csrf", &csrf), ("name", name), ("bio", bio)]),
    )
    .await
}

#[tokio::test]
async fn each_person_edits_their_own_name_and_biography_and_an_admin_anyones() {
    let mut app = TestApp::spawn_with(|_, _| {}).await;
    app.add_writer();
    published_moon(&mut app, &[]).await;

    assert_eq!(app.get("/editor/account").await.status, StatusCode::OK);
    let bio = "Covers science claims.\nFormerly at a regional daily.";
    let saved = save_profile(&app, "/editor/account", "Erin Q. Editor", bio).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let author = app.get("/authors/erin-editor").await;
    assert!(
        author.body.contains("Erin Q. Editor"),
        "the page keeps its address"
    );
    assert!(author.body.contains(bio));

    let too_long = "x".repeat(601);
    let refused = save_profile(&app, "/editor/account", "Erin Q. Editor", &too_long).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let field = &refused.body[refused.position_of("<textarea id=\"bio\"")..];
    assert!(field.contains(&too_long) && field.contains("at most 600 characters"));

    // The admin edits Wes's; Wes may not edit the admin's.
    let wes = app.account_id(WRITER_EMAIL);
    let admin_edit = format!("/editor/users/{wes}/profile");
    assert_eq!(app.get(&admin_edit).await.status, StatusCode::OK);
    let saved = save_profile(&app, &admin_edit, "Wes Writer", "Writes on health.").await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let mut writer = app.another_browser();
    writer.sign_in(WRITER_EMAIL, WRITER_PASSWORD).await;
    let own = writer.get("/editor/account").await;
    assert!(own.body.contains("Writes on health."));
    let erin = app.account_id(EDITOR_EMAIL);
    let other = writer.get(&format!("/editor/users/{erin}/profile")).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn three_related_fact_checks_follow_the_sources_never_retracted_ones_nor_itself() {
    let mut app = TestApp::spawn_with_demo().await;
    app.add_account(
        EDITOR_EMAIL,
        "Erin Editor",
        EDITOR_PASSWORD,
        factdesk::domain::Role::Admin,
    );
    let path = "/fact-checks/russia-remains-aligned-with-iran";
    let related = |body: &str| -> Vec<String> {
        let Some(start) = body.find("<section class=\"related\"") else {
            return Vec::new();
        };
        let section = &body[start..start + body[start..].find("</section>").unwrap()];
        section
            .match_indices("<h2 class=\"card-title\"><a href=\"")
            .map(|(at, m)| {
                let rest = &section[at + m.len()..];
                rest[..rest.find('"').unwrap()].to_owned()
            })
            .collect()
    };
    let page = app.get(path).await;
    assert_eq!(page.status, StatusCode::OK);
    let shown = related(&page.body);
    assert_eq!(shown.len(), 3, "{shown:?}");
    assert!(!shown.contains(&path.to_owned()), "never the page itself");
    assert!(
        page.position_of("id=\"sources-heading\"") < page.position_of("id=\"related-heading\"")
    );
    // Each of these shares three of its marks (its four tags and its claimant): the Putin
    // and treaty checks three tags, the "millimetres" one two tags and the claimant. Among
    // equals the newer comes first.
    let (putin, treaty, millimetres) = (
        "/fact-checks/putin-said-us-attack-on-iran-had-no-justification",
        "/fact-checks/russia-iran-treaty-is-not-a-military-alliance",
        "/fact-checks/millimetres-from-catastrophe-quote-was-zakharova-not-putin",
    );
    assert_eq!(shown, [putin, treaty, millimetres]);

    // Retracted, it leaves the list at once: the kept page is dropped on every commit.
    app.sign_in_as_editor().await;
    let id: i64 = app
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT id FROM fact_checks WHERE slug = 'russia-iran-treaty-is-not-a-military-alliance'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    let retracted = app
        .press(
            &format!("/editor/fact-checks/{id}"),
            "unpublish",
            &[("retraction_note", "The treaty's date was wrong throughout.")],
        )
        .await;
    assert_eq!(retracted.status, StatusCode::SEE_OTHER);
    let after = related(&app.get(path).await.body);
    assert_eq!(after.len(), 3, "{after:?}");
    assert_eq!(after[..2], [putin, millimetres], "the next best moves up");
    assert!(!after.contains(&treaty.to_owned()), "{after:?}");
}

#[tokio::test]
async fn share_links_are_plain_addresses_with_the_page_and_headline_encoded() {
    let mut app = TestApp::spawn_with(|_, _| {}).await;
    published_moon(
        &mut app,
        &[("headline", "Moon \"hoax\" & shadows: a #1 question?")],
    )
    .await;
    let page = app.get("/fact-checks/moon-hoax-shadows-a-1-question").await;
    assert_eq!(page.status, StatusCode::OK);
    let url = format!("{}/fact-checks/moon-hoax-shadows-a-1-question", app.address);
    let enc = |s: &str| {
        form_urlencoded::byte_serialize(s.as_bytes())
            .collect::<String>()
            .replace('+', "%20")
    };
    let (u, t) = (enc(&url), enc("Moon \"hoax\" & shadows: a #1 question?"));
    for link in [
        format!("https://twitter.com/intent/tweet?url={u}&amp;text={t}"),
        format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        format!("https://wa.me/?text={t}%20{u}"),
        format!("https://t.me/share/url?url={u}&amp;text={t}"),
        format!("mailto:?subject={t}&amp;body={u}"),
    ] {
        assert!(page.body.contains(&format!("href=\"{link}\"")), "{link}");
    }
    assert!(page.body.contains(&format!(
        "<input id=\"share-url\" type=\"url\" readonly value=\"{url}\">"
    )));
    // No script, frame or image from the networks.
    for foreign in ["<script src=\"http", "<iframe", "<img src=\"http"] {
        assert!(!page.body.contains(foreign), "{foreign}");
    }
    let script = app.get("/static/share.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(script.body.contains("navigator.clipboard"));
}

#[tokio::test]
async fn explanation_headings_are_sections_of_the_page_with_anchors_and_meta_tags() {
    let mut app = TestApp::spawn_with(|_, _| {}).await;
    let body = "Intro.\n\n# What the post says\n\nText.\n\n### Metadata of the photo\n\nMore.";
    published_moon(&mut app, &[("body", body)]).await;
    let page = app.get(MOON).await;
    assert!(
        page.body
            .contains("<h2 id=\"section-what-the-post-says\">What the post says</h2>")
    );
    assert!(
        page.body
            .contains("<h3 id=\"section-metadata-of-the-photo\">Metadata of the photo</h3>"),
        "{}",
        &page.body[page.position_of("<div class=\"explanation\">")..]
    );

    let head = &page.body[..page.position_of("</head>")];
    assert!(head.contains(&format!(
        "<meta property=\"article:author\" content=\"{}/authors/erin-editor\">",
        app.address
    )));
    for tag in ["MoonLanding", "Space"] {
        assert!(
            head.contains(&format!(
                "<meta property=\"article:tag\" content=\"{tag}\">"
            )),
            "{tag}"
        );
    }
    assert!(head.contains("<meta property=\"article:published_time\" content=\"20"));
    assert!(head.contains("<meta property=\"article:modified_time\" content=\"20"));
    assert!(
        page.body
            .contains("<p class=\"how-we-rate\"><a href=\"/ratings\">How we rate</a></p>")
    );
}

#[tokio::test]
async fn an_author_page_goes_back_a_page_at_a_time_from_a_cursor() {
    let mut app = TestApp::spawn_with(|settings, _| settings.per_page = 2).await;
    app.sign_in_as_editor().await;
    for headline in [
        "First look at lunar shadows",
        "Second look at lunar shadows",
        "Third look at lunar shadows",
    ] {
        let edit = app
            .create_draft(&with(&moon_fact_check(), "headline", headline))
            .await;
        app.publish(&edit).await;
    }
    let first = app.get("/authors/erin-editor").await;
    let titles = |body: &str| -> Vec<String> {
        body.match_indices(" look at lunar shadows</a>")
            .map(|(at, _)| body[body[..at].rfind('>').unwrap() + 1..at].to_owned())
            .collect()
    };
    assert_eq!(titles(&first.body), ["Third", "Second"], "newest first");
    let older = "/authors/erin-editor?after=second-look-at-lunar-shadows";
    assert!(first.body.contains(&format!("href=\"{older}\"")));
    let second = app.get(older).await;
    assert_eq!(titles(&second.body), ["First"]);
    assert!(!second.body.contains("Older →"), "nothing older");
    assert!(
        second
            .body
            .contains("<meta name=\"robots\" content=\"noindex\">")
    );
    for (cursor, status) in [
        ("no-such-fact-check", StatusCode::NOT_FOUND),
        ("Bad%20Cursor", StatusCode::BAD_REQUEST),
    ] {
        let page = app
            .get(&format!("/authors/erin-editor?after={cursor}"))
            .await;
        assert_eq!(page.status, status, "{cursor}");
    }
}
