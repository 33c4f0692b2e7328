//! An aggregator imports another publisher's feed without losing a verdict: sentence-style
//! labels, labels in other languages and labels that match none of ours all import, and
//! each page shows the publisher's own words and name.

use super::Newsroom;
use serde_json::{Value, json};

fn record(n: usize, label: &str, publisher: &str, language: Option<&str>) -> Value {
    let mut record = json!({
        "@type": "ClaimReview",
        "url": format!("https://verifica.example/checks/claim-{n}"),
        "headline": format!("Verified claim {n}"),
        "author": {"@type": "Organization", "name": publisher, "url": "https://verifica.example/"},
        "datePublished": "2025-03-0{n}",
        "claimReviewed": format!("The minister said figure {n} doubled."),
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A Minister"}},
        "reviewRating": {"@type": "Rating", "alternateName": label}
    });
    if let Some(language) = language {
        record["inLanguage"] = json!(language);
    }
    record
}

#[tokio::test]
async fn every_valid_record_imports_and_shows_its_publishers_own_rating() {
    let newsroom = Newsroom::fresh();
    let file = newsroom.file("verifica.json");
    let broken = json!({"@type": "ClaimReview", "url": "https://verifica.example/checks/9"});
    let mut spanish = record(2, "Falso", "Verifica Ejemplo", Some("es"));
    spanish["keywords"] = json!(["Irán", "medio oriente", "IRAN"]);
    std::fs::write(
        &file,
        json!([
            record(
                1,
                "Incorrect. The figure refers to the year before.",
                "Fact Desk Example",
                None
            ),
            spanish,
            record(3, "Incorrect round", "Fact Desk Example", None),
            broken,
        ])
        .to_string(),
    )
    .unwrap();
    let run = newsroom.import(&file);
    assert!(
        run.stdout
            .contains("3 imported (3 new, 0 updated, 0 unchanged), 1 failed"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    assert!(
        run.stderr.contains("no claimReviewed"),
        "only the broken record: {}",
        run.stderr
    );

    let server = newsroom.serve();
    let page = |n: usize| format!("/fact-checks/claim-{n}");
    let sentence = server.page(&page(1)).await;
    assert!(sentence.contains("Rated “<span dir=\"auto\">Incorrect. The figure refers to the year before.</span>” by <a href=\"https://verifica.example/checks/claim-1\""));
    assert!(
        sentence.contains("rating-ink-false"),
        "mapped onto our False"
    );

    let spanish = server.page(&page(2)).await;
    // In the record's language, as the rest of its page.
    assert!(spanish.contains("Calificado como “<span dir=\"auto\">Falso</span>” por <a href=\"https://verifica.example/checks/claim-2\" rel=\"nofollow noopener noreferrer\"><bdi>Verifica Ejemplo</bdi></a>."), "{spanish}");
    assert!(spanish.contains(r#"<article class="verdict" lang="es" dir="ltr">"#));
    // Its keywords are tags as written, accents and all, each once.
    assert!(
        spanish.contains(r#"<a href="/tags/Ir%C3%A1n" dir="auto">#Irán</a>"#),
        "{spanish}"
    );
    assert!(spanish.contains(r#"<a href="/tags/MedioOriente" dir="auto">#MedioOriente</a>"#));
    assert!(!spanish.contains("#IRAN"));
    // ClaimReview keeps the publisher's words and name.
    assert!(spanish.contains(r#""alternateName":"Falso""#), "{spanish}");
    assert!(spanish.contains(r#""author":{"@type":"Organization","name":"Verifica Ejemplo","url":"https://verifica.example/"}"#));

    let unmapped = server.page(&page(3)).await;
    assert!(unmapped.contains("Rated “<span dir=\"auto\">Incorrect round</span>”"));
    assert!(unmapped.contains("which is not one of our ratings"));
    // Visible, filterable and searchable like any other rating.
    let listed = server.page("/ratings/not-rated").await;
    assert!(listed.contains(&page(3)) && !listed.contains(&page(1)));
    let api: Value =
        serde_json::from_str(&server.page("/api/v1/fact-checks/claim-3").await).unwrap();
    assert_eq!(api["rating"]["slug"], "not-rated");
    assert_eq!(api["publisher_verdict"]["rating"], "Incorrect round");
    assert_eq!(api["publisher_verdict"]["name"], "Fact Desk Example");
    let found: Value =
        serde_json::from_str(&server.page("/api/v1/fact-checks?q=round").await).unwrap();
    assert_eq!(
        found["data"][0]["slug"], "claim-3",
        "the publisher's words are searched"
    );
    let filtered: Value =
        serde_json::from_str(&server.page("/api/v1/fact-checks?rating=not-rated").await).unwrap();
    assert_eq!(filtered["data"].as_array().unwrap().len(), 1);

    // Importing the same feed again changes nothing.
    let again = newsroom.import(&file);
    assert!(
        again
            .stdout
            .contains("3 imported (0 new, 0 updated, 3 unchanged), 1 failed"),
        "{}",
        again.stdout
    );
}
