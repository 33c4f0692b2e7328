//! Tags in any script: "Irán" is kept as typed, and every spelling that differs only in
//! case or accents reaches the same tag, on its page, in its feed, the list, the desk,
//! search and the API.

use crate::helpers::{TestApp, moon_fact_check, with};
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn a_spanish_tag_is_one_tag_whatever_its_case_or_accents() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let first = with(
        &with(&moon_fact_check(), "tags", "Irán, Élysée"),
        "slug",
        "primera",
    );
    app.publish(&app.create_draft(&first).await).await;
    // Typed otherwise by another editor: the tag already has its spelling.
    let second = with(
        &with(
            &with(&moon_fact_check(), "tags", "IRAN iran"),
            "slug",
            "segunda",
        ),
        "headline",
        "A second look at the moon photos",
    );
    app.publish(&app.create_draft(&second).await).await;

    let listed = app.get("/tags").await;
    assert_eq!(listed.status, StatusCode::OK);
    assert!(
        listed.body.contains(
            r#"<a href="/tags/Ir%C3%A1n" dir="auto">#Irán <span class="count">2</span></a>"#
        ),
        "{}",
        listed.body
    );
    assert!(!listed.body.contains("#IRAN") && !listed.body.contains("#iran"));

    for address in [
        "/tags/Ir%C3%A1n",
        "/tags/iran",
        "/tags/IRAN",
        "/tags/IR%C3%81N",
    ] {
        let page = app.get(address).await;
        assert_eq!(page.status, StatusCode::OK, "{address}");
        assert!(page.body.contains("#Irán"), "{address}");
        assert!(
            page.body.contains("/fact-checks/primera")
                && page.body.contains("/fact-checks/segunda"),
            "{address}"
        );
    }
    let feed = app.get("/tags/iran/feed.atom").await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed.body.contains("#Irán"), "{}", feed.body);
    assert_eq!(app.get("/tags/elysee").await.status, StatusCode::OK);
    assert_eq!(app.get("/tags/Iraq").await.status, StatusCode::NOT_FOUND);

    let verdict = app.get("/fact-checks/segunda").await;
    assert!(
        verdict
            .body
            .contains(r#"<a href="/tags/Ir%C3%A1n" dir="auto">#Irán</a>"#)
    );

    let api: Value =
        serde_json::from_str(&app.get("/api/v1/fact-checks?tag=IRAN").await.body).unwrap();
    assert_eq!(api["total"], 2, "{api}");
    assert_eq!(api["data"][0]["tags"][0], "Irán");
    let searched = app.get("/search?q=moon&tag=ir%C3%A1n").await;
    assert!(searched.body.contains("/fact-checks/segunda"));
    let desk = app.get("/editor?status=any&tag=Iran").await;
    assert_eq!(desk.status, StatusCode::OK);
    assert!(
        desk.body
            .contains("shadows consistent with one light source")
    );
    assert!(desk.body.contains("A second look at the moon photos"));
    let elsewhere = app.get("/editor?status=any&tag=Iraq").await;
    assert!(!elsewhere.body.contains("A second look at the moon photos"));
}

#[tokio::test]
async fn arabic_tags_meet_across_letter_forms() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let form = with(
        &with(&moon_fact_check(), "tags", "أمريكا الشرق_الأوسط"),
        "slug",
        "amrika",
    );
    app.publish(&app.create_draft(&form).await).await;
    // Without the hamza, as many type it.
    let address = format!(
        "/tags/{}",
        form_urlencoded::byte_serialize("امريكا".as_bytes()).collect::<String>()
    );
    let page = app.get(&address).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("#أمريكا"));
    assert!(page.body.contains("/fact-checks/amrika"));
}
