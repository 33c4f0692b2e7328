//! A newsroom words its rating scale for each language it publishes in: a Spanish desk that
//! says "Bulo" where Factdesk ships "Falso", a Portuguese one Factdesk has no text for.

use crate::helpers::{Page, TestApp, moon_fact_check, with};
use reqwest::StatusCode;

const SLUGS: [&str; 11] = [
    "true",
    "mostly-true",
    "mixture",
    "mostly-false",
    "false",
    "unproven",
    "misattributed",
    "miscaptioned",
    "outdated",
    "satire",
    "not-rated",
];

/// The value the form shows in field `id`, unescaped.
fn shown(page: &Page, id: &str) -> String {
    let input = format!(r#"id="{id}" name="{id}""#);
    let at = page.body.find(&input).unwrap_or_else(|| panic!("no {id}"));
    let rest = &page.body[at + input.len()..];
    let raw = if id.starts_with("label.") {
        let start = rest.find(r#"value=""#).unwrap() + 7;
        &rest[start..start + rest[start..].find('"').unwrap()]
    } else {
        let start = rest.find('>').unwrap() + 1;
        &rest[start..start + rest[start..].find("</textarea>").unwrap()]
    };
    raw.replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The form as opened, with `changes` made.
fn typed(page: &Page, language: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut form = vec![
        ("csrf".to_owned(), page.csrf()),
        ("language".to_owned(), language.to_owned()),
        ("loaded".to_owned(), hidden(page, "loaded")),
    ];
    for slug in SLUGS {
        for field in [format!("label.{slug}"), format!("definition.{slug}")] {
            let value = changes
                .iter()
                .find(|(name, _)| *name == field)
                .map_or_else(|| shown(page, &field), |(_, v)| (*v).to_owned());
            form.push((field, value));
        }
    }
    form
}

fn hidden(page: &Page, name: &str) -> String {
    let input = format!(r#"name="{name}" value=""#);
    let at = page.body.find(&input).unwrap() + input.len();
    page.body[at..at + page.body[at..].find('"').unwrap()].to_owned()
}

async fn publish_in(app: &TestApp, language: &str, slug: &str) {
    let form = with(
        &with(&moon_fact_check(), "language", language),
        "slug",
        slug,
    );
    app.publish(&app.create_draft(&form).await).await;
}

#[tokio::test]
async fn a_desk_words_its_ratings_for_each_language_it_publishes_in() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    publish_in(&app, "es", "bulo-lunar").await;
    publish_in(&app, "pt", "farsa-lunar").await;

    let spanish = app.get("/editor/ratings?language=es").await;
    assert_eq!(spanish.status, StatusCode::OK);
    assert_eq!(
        shown(&spanish, "label.false"),
        "Falso",
        "Factdesk's own Spanish to start from"
    );
    let saved = app
        .post_form(
            "/editor/ratings",
            &typed(
                &spanish,
                "es",
                &[
                    ("label.false", "Bulo"),
                    (
                        "definition.false",
                        "La afirmación es falsa y circula como si fuera cierta.",
                    ),
                ],
            ),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.location(), "/editor/ratings?language=es&saved=1");
    assert_eq!(
        app.count("rating_labels"),
        1,
        "only the changed rating is stored"
    );

    let page = app.get("/fact-checks/bulo-lunar").await.body;
    assert!(page.contains(">Bulo</"), "{page}");
    assert!(page.contains("La afirmación es falsa y circula como si fuera cierta."));
    // English readers keep the English scale.
    assert!(app.get("/ratings").await.body.contains(">False</a>"));

    // A language without Factdesk's text starts from the English and takes the desk's words.
    let portuguese = app.get("/editor/ratings?language=pt-BR").await;
    assert_eq!(shown(&portuguese, "label.false"), "False");
    let form = typed(
        &portuguese,
        "pt",
        &[
            ("label.false", "Falso"),
            (
                "definition.false",
                "<script>alert(1)</script> A alegação é falsa.",
            ),
            ("label.true", "Verdadeiro"),
        ],
    );
    assert_eq!(
        app.post_form("/editor/ratings", &form).await.status,
        StatusCode::SEE_OTHER
    );
    let page = app.get("/fact-checks/farsa-lunar").await.body;
    assert!(page.contains(">Falso</"));
    assert!(
        page.contains("&#60;script&#62;alert(1)&#60;/script&#62; A alegação é falsa."),
        "escaped"
    );
    assert!(!page.contains("<script>alert(1)"));

    // Refused beside the field, with what was typed kept, and nothing saved.
    let again = app.get("/editor/ratings?language=es").await;
    let refused = app
        .post_form(
            "/editor/ratings",
            &typed(
                &again,
                "es",
                &[("label.false", ""), ("label.true", "Cierto del todo")],
            ),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains(r#"<p class="field-error" id="label.false-error">Label is required.</p>"#),
        "{}",
        refused.body
    );
    assert_eq!(shown(&refused, "label.true"), "Cierto del todo");
    assert!(
        app.get("/fact-checks/bulo-lunar")
            .await
            .body
            .contains(">Bulo</")
    );

    // A save made after the form was opened is not overwritten.
    let stale = typed(&again, "es", &[("label.false", "Falsedad")]);
    let newer = typed(&again, "es", &[("label.false", "Engaño")]);
    assert_eq!(
        app.post_form("/editor/ratings", &newer).await.status,
        StatusCode::SEE_OTHER
    );
    let lost = app.post_form("/editor/ratings", &stale).await;
    assert_eq!(lost.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(lost.body.contains("Someone saved this language"));
    assert_eq!(
        shown(&lost, "label.false"),
        "Falsedad",
        "the typed text is kept"
    );
    assert!(
        app.get("/fact-checks/bulo-lunar")
            .await
            .body
            .contains(">Engaño</")
    );
    // Told so, the writer may still choose their own words: the form shown again saves.
    let chosen = typed(&lost, "es", &[]);
    assert_eq!(
        app.post_form("/editor/ratings", &chosen).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(
        app.get("/fact-checks/bulo-lunar")
            .await
            .body
            .contains(">Falsedad</")
    );

    // Back to Factdesk's wording: the row goes, and a later release's text applies.
    let current = app.get("/editor/ratings?language=es").await;
    let reset = typed(
        &current,
        "es",
        &[
            ("label.false", "Falso"),
            ("definition.false", "La afirmación es inexacta."),
        ],
    );
    let _ = app.post_form("/editor/ratings", &reset).await;
    assert_eq!(
        app.count("rating_labels"),
        2,
        "the two Portuguese rows remain"
    );

    // Readers cannot reach the form.
    let reader = app.another_browser().get("/editor/ratings").await;
    assert_ne!(reader.status, StatusCode::OK);
}
