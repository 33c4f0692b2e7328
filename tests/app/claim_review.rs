//! What search engines and other fact-checkers read: one ClaimReview per verdict page.

use crate::helpers::{Page, TestApp, moon_fact_check, with};
use reqwest::StatusCode;
use serde_json::Value;

/// The page's JSON-LD blocks, parsed.
pub(crate) fn json_ld(page: &Page) -> Vec<Value> {
    let open = "<script type=\"application/ld+json\">";
    page.body
        .match_indices(open)
        .map(|(i, _)| {
            let start = i + open.len();
            let end = start + page.body[start..].find("</script>").unwrap();
            serde_json::from_str(&page.body[start..end]).unwrap()
        })
        .collect()
}

#[tokio::test]
async fn every_demo_verdict_carries_one_claim_review_that_matches_the_page() {
    let app = TestApp::spawn_with_demo().await;
    type Row = (
        String,
        String,
        String,
        String,
        Option<i64>,
        String,
        Option<String>,
        String,
        String,
    );
    let rows: Vec<Row> = app
        .db
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT f.slug, f.headline, c.text, r.label, r.value, cl.name, c.claimed_on,
                        f.published_at, (SELECT url FROM appearances a WHERE a.claim_id = c.id ORDER BY position LIMIT 1)
                 FROM fact_checks f JOIN claims c ON c.fact_check_id = f.id
                 JOIN ratings r ON r.id = f.rating_id JOIN claimants cl ON cl.id = c.claimant_id
                 WHERE f.status = 'published'",
            )?;
            Ok(stmt
                .query_map([], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?))
                })?
                .collect::<Result<_, _>>()?)
        })
        .unwrap();
    assert!(rows.len() >= 6);

    for (slug, headline, claim, label, value, claimant, claimed_on, published_at, first_url) in rows
    {
        let page = app.get(&format!("/fact-checks/{slug}")).await;
        let blocks = json_ld(&page);
        assert_eq!(blocks.len(), 1, "{slug}: exactly one JSON-LD block");
        let review = &blocks[0];
        let url = format!("{}/fact-checks/{slug}", app.address);
        assert_eq!(review["@type"], "ClaimReview");
        assert_eq!(review["url"], url.as_str());
        assert!(
            page.body
                .contains(&format!("<link rel=\"canonical\" href=\"{url}\">"))
        );
        assert_eq!(review["claimReviewed"], claim.as_str(), "{slug}");
        assert_eq!(
            review["headline"],
            format!("Fact Check: {headline}").as_str()
        );
        assert_eq!(review["datePublished"], published_at.as_str());
        assert!(review["dateModified"].is_string());
        assert_eq!(review["author"]["@type"], "Organization");
        assert_eq!(review["author"]["name"], "Factdesk");
        assert_eq!(
            review["author"]["url"],
            format!("{}/", app.address).as_str()
        );
        let rating = &review["reviewRating"];
        assert_eq!(rating["alternateName"], label.as_str(), "{slug}");
        match value {
            Some(v) => {
                assert_eq!(rating["ratingValue"], v);
                assert_eq!(
                    (
                        rating["bestRating"].as_i64(),
                        rating["worstRating"].as_i64()
                    ),
                    (Some(5), Some(1))
                );
            }
            None => assert!(
                rating.get("ratingValue").is_none(),
                "{slug}: no number for {label}"
            ),
        }
        let item = &review["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        assert_eq!(item["author"]["name"], claimant.as_str());
        assert_eq!(item["datePublished"].as_str(), claimed_on.as_deref());
        assert_eq!(item["firstAppearance"]["url"], first_url.as_str());
        assert!(item["appearance"].as_array().is_some_and(|a| !a.is_empty()));
    }
}

#[tokio::test]
async fn text_that_looks_like_markup_cannot_break_out_of_the_json_ld() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let claim = "</script><script>alert(1)</script> & more";
    let edit_path = app
        .create_draft(&with(&moon_fact_check(), "claim_text", claim))
        .await;
    app.publish(&edit_path).await;

    let page = app
        .get("/fact-checks/apollo-photos-show-shadows-consistent-with-one-light-source-the-sun")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.body.matches("<script").count(),
        3,
        "only the JSON-LD block, the share box's own script and the dates' script"
    );
    for own in ["share.js", "time.js"] {
        assert!(
            page.body
                .contains(&format!("<script src=\"/static/{own}\" defer></script>")),
            "{own}"
        );
    }
    assert_eq!(json_ld(&page)[0]["claimReviewed"], claim);
}

#[tokio::test]
async fn a_retracted_verdict_is_no_longer_offered_as_a_claim_review() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    app.publish(&edit_path).await;
    app.press(
        &edit_path,
        "unpublish",
        &[("retraction_note", "Wrong photos.")],
    )
    .await;

    let page = app
        .get("/fact-checks/apollo-photos-show-shadows-consistent-with-one-light-source-the-sun")
        .await;
    assert!(json_ld(&page).is_empty());
}

#[tokio::test]
async fn a_claimant_with_a_page_is_named_as_a_person_or_organization_with_same_as() {
    let app = TestApp::spawn_with_demo().await;
    let review = &json_ld(
        &app.get("/fact-checks/putin-said-us-attack-on-iran-had-no-justification")
            .await,
    )[0];
    let author = &review["itemReviewed"]["author"];
    assert_eq!(author["@type"], "Person");
    assert_eq!(author["name"], "Vladimir Putin");
    assert_eq!(
        author["sameAs"],
        "https://en.wikipedia.org/wiki/Vladimir_Putin"
    );
    let review = &json_ld(
        &app.get("/fact-checks/russia-remains-aligned-with-iran")
            .await,
    )[0];
    let author = &review["itemReviewed"]["author"];
    assert_eq!(author["@type"], "Organization");
    assert!(author.get("sameAs").is_none());
}

#[tokio::test]
async fn editors_give_a_claimant_a_page_once_and_it_stays_for_their_other_claims() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let astronaut = with(&moon_fact_check(), "claimant", "Buzz Aldrin");

    let page = app
        .submit_new(&with(&astronaut, "claimant_url", "wikipedia dot org"))
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("id=\"claimant_url-error\""));
    assert!(page.body.contains("value=\"wikipedia dot org\""));

    let linked = with(
        &with(
            &astronaut,
            "claimant_url",
            "https://en.wikipedia.org/wiki/Buzz_Aldrin",
        ),
        "claimant_kind",
        "person",
    );
    let edit_path = app.create_draft(&linked).await;
    app.publish(&edit_path).await;
    // A second claim by the same person, typed without the link: the link stays.
    let second = with(
        &with(&astronaut, "headline", "A second Aldrin claim"),
        "slug",
        "second-aldrin-claim",
    );
    let edit_path = app.create_draft(&second).await;
    app.publish(&edit_path).await;

    let review = &json_ld(&app.get("/fact-checks/second-aldrin-claim").await)[0];
    let author = &review["itemReviewed"]["author"];
    assert_eq!(author["@type"], "Person");
    assert_eq!(
        author["sameAs"],
        "https://en.wikipedia.org/wiki/Buzz_Aldrin"
    );
    // The edit form shows what is on file beside empty fields, so renaming the claimant
    // cannot carry Aldrin's link over to someone else.
    let form = app.get(&edit_path).await;
    assert!(form.body.contains(
        "On file for Buzz Aldrin: <span class=\"on-file\">https://en.wikipedia.org/wiki/Buzz_Aldrin</span>"
    ));
    assert!(
        form.body
            .contains("<option value=\"\" selected>As on file (person)</option>")
    );
    let renamed = with(
        &with(&second, "claimant", "Michael Collins"),
        "slug",
        "collins-claim",
    );
    let edit_path = app.create_draft(&renamed).await;
    app.publish(&edit_path).await;
    let review = &json_ld(&app.get("/fact-checks/collins-claim").await)[0];
    assert!(review["itemReviewed"]["author"].get("sameAs").is_none());
}

#[tokio::test]
async fn the_form_warns_when_a_claim_is_longer_than_search_results_show() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let long_claim = "Shadows in the Apollo photographs point in different directions, so there were studio lights.";
    assert!(long_claim.chars().count() > 75);

    let edit_path = app
        .create_draft(&with(&moon_fact_check(), "claim_text", long_claim))
        .await;
    let form = app.get(&edit_path).await;
    assert!(form.body.contains(&format!(
        "This claim is {} characters long: search results may cut it after 75.",
        long_claim.chars().count()
    )));
    // The short demo claim gets no warning, just the count.
    let short = app.create_draft(&moon_fact_check()).await;
    assert!(
        app.get(&short)
            .await
            .body
            .contains(" of 75 characters search results show.")
    );
}
