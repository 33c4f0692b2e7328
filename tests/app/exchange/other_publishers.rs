//! ClaimReview as other fact-checkers publish it, and files that are not ClaimReview at all.

use super::Newsroom;
use factdesk::db::fact_checks;
use serde_json::{Value, json};

/// ClaimReview as other fact-checkers publish it, one record of each common shape.
fn messy_records() -> Value {
    json!([
        // 1: numbers as strings, a Spanish label, author as a list, appearance as one object.
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": "https://verificado.example/2024/03/vacuna-chip",
            "datePublished": "2024-03-05",
            "author": [{"@type": "Organization", "name": "Verificado"}],
            "claimReviewed": "Las vacunas contienen un microchip.",
            "itemReviewed": {
                "@type": "Claim",
                "author": {"@type": "Person", "name": "Juan Pérez", "sameAs": ["https://juan.example/"]},
                "datePublished": "2024-03-01",
                "appearance": {"@type": "CreativeWork", "url": "https://social.example/p/1", "datePublished": "2024-03-02"}
            },
            "reviewRating": {"@type": "Rating", "ratingValue": "1", "bestRating": "5", "worstRating": "1", "alternateName": "Falso"}
        },
        // 2: an @graph with a page beside the review; a legacy CreativeWork reviewed,
        // whose author is the claimant; appearances as plain links.
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebPage", "url": "https://desintox.example/tour"},
                {
                    "@type": "ClaimReview",
                    "url": "https://desintox.example/tour-eiffel-vendue",
                    "headline": "La tour Eiffel n'a pas été vendue",
                    "datePublished": "2023-11-20T09:00:00+01:00",
                    "author": "Désintox",
                    "claimReviewed": "La tour Eiffel a été vendue au Qatar.",
                    "itemReviewed": {
                        "@type": "CreativeWork",
                        "author": {"@type": "Organization", "name": "Le Gorafi Fan Club"},
                        "appearance": ["https://forum.example/t/42", "https://video.example/v/9"]
                    },
                    "reviewRating": {"@type": "Rating", "alternateName": "Faux"}
                }
            ]
        },
        // 3: no claim at all.
        {
            "@type": "ClaimReview",
            "url": "https://broken.example/1",
            "reviewRating": {"@type": "Rating", "alternateName": "False"}
        },
        // 4 and 5: a DataFeed, one review wrapped in a DataFeedItem.
        {
            "@type": "DataFeed",
            "dataFeedElement": [
                {
                    "@type": "DataFeedItem",
                    "item": {
                        "@type": "ClaimReview",
                        "url": "https://faktencheck.example/windkraft",
                        "author": {"@type": "Organization", "name": "Faktencheck"},
                        "claimReviewed": "Windräder verursachen Dürre.",
                        "itemReviewed": {"@type": "Claim", "author": {"name": "Ein Blog"}},
                        "reviewRating": {"@type": "Rating", "alternateName": "Engañoso", "ratingValue": 2}
                    }
                },
                {
                    "@type": "ClaimReview",
                    "url": "https://truthmeter.example/senator-jobs",
                    "author": {"@type": "Organization", "name": "TruthMeter"},
                    "claimReviewed": "The senator created a million jobs.",
                    "keywords": "jobs, economy, election 2024",
                    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Senator Smith"}},
                    "reviewRating": {"@type": "Rating", "ratingValue": "3", "bestRating": "6", "worstRating": "0"}
                }
            ]
        }
    ])
}

#[test]
fn a_messy_real_world_file_imports_its_good_records_and_names_the_bad_one() {
    let newsroom = Newsroom::fresh();
    let file = newsroom.file("others.json");
    std::fs::write(
        &file,
        serde_json::to_string_pretty(&messy_records()).unwrap(),
    )
    .unwrap();

    let run = newsroom.import(&file);
    assert!(!run.success, "a failed record fails the command");
    assert_eq!(
        run.stdout.trim(),
        "4 imported (4 new, 0 updated, 0 unchanged), 1 failed"
    );
    assert!(
        run.stderr
            .lines()
            .any(|l| l == "record 3: no claimReviewed"),
        "{}",
        run.stderr
    );

    let db = newsroom.db();
    let imported = |url: &str| {
        db.read(|conn| {
            Ok(conn.query_row(
                "SELECT slug FROM fact_checks WHERE imported_from = ?1",
                [url],
                |r| r.get::<_, String>(0),
            )?)
        })
        .unwrap()
    };
    let page = |url: &str| {
        let slug = imported(url);
        db.read(|conn| fact_checks::published_page(conn, &slug))
            .unwrap()
            .unwrap_or_else(|| panic!("{url} is live"))
    };

    let chip = page("https://verificado.example/2024/03/vacuna-chip");
    assert_eq!(chip.slug, "vacuna-chip", "the address keeps its slug");
    assert_eq!(chip.rating.slug, "false");
    assert_eq!(chip.claim.claimant, "Juan Pérez");
    assert_eq!(
        chip.claim.claimant_url.as_deref(),
        Some("https://juan.example/")
    );
    assert_eq!(chip.claim.claimant_kind.as_str(), "person");
    assert_eq!(chip.claim.appearances[0].url, "https://social.example/p/1");
    assert_eq!(chip.published_at.rfc3339(), "2024-03-05T00:00:00Z");
    assert_eq!(chip.summary, "Rated Falso by Verificado.");
    assert!(
        chip.body_html
            .contains("https://verificado.example/2024/03/vacuna-chip")
    );

    let eiffel = page("https://desintox.example/tour-eiffel-vendue");
    assert_eq!(eiffel.rating.slug, "false");
    assert_eq!(eiffel.headline, "La tour Eiffel n'a pas été vendue");
    assert_eq!(eiffel.claim.claimant, "Le Gorafi Fan Club");
    assert_eq!(eiffel.claim.claimant_kind.as_str(), "organization");
    let platforms: Vec<_> = eiffel
        .claim
        .appearances
        .iter()
        .map(|a| a.platform.as_str())
        .collect();
    assert_eq!(platforms, ["forum.example", "video.example"]);
    assert_eq!(eiffel.published_at.rfc3339(), "2023-11-20T08:00:00Z");

    let wind = page("https://faktencheck.example/windkraft");
    assert_eq!(wind.rating.slug, "mostly-false");
    assert_eq!(
        wind.claim.appearances[0].url, "https://faktencheck.example/windkraft",
        "with no appearance, the review itself is where the claim is shown"
    );
    assert_eq!(wind.claim.appearances[0].platform, "Faktencheck");
    assert_eq!(
        wind.sources[0].outlet, "Faktencheck",
        "the review is the evidence"
    );

    let jobs = page("https://truthmeter.example/senator-jobs");
    assert_eq!(
        jobs.rating.slug, "mixture",
        "3 of 0–6 is the middle of our scale"
    );
    assert_eq!(jobs.tags, ["economy", "Election2024", "jobs"]);
}

#[test]
fn files_that_cannot_be_imported_say_why_in_one_line() {
    let newsroom = Newsroom::fresh();
    let not_json = newsroom.file("page.html");
    std::fs::write(&not_json, "<html>not json</html>").unwrap();
    let run = newsroom.import(&not_json);
    assert!(!run.success);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("not JSON"), "{}", run.stderr);

    let no_accounts = Newsroom::empty();
    assert!(no_accounts.run(&["migrate"], "").success);
    let feed = newsroom.file("one.json");
    std::fs::write(&feed, messy_records()[0].to_string()).unwrap();
    let run = no_accounts.import(&feed);
    assert!(!run.success);
    assert!(run.stderr.contains("factdesk user add"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1);

    let from_stdin = newsroom.run(&["import", "-"], &messy_records()[0].to_string());
    assert!(from_stdin.success, "{}", from_stdin.stderr);
    assert_eq!(newsroom.count("fact_checks"), 1);
}
