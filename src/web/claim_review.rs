//! schema.org ClaimReview for a verdict page: what search engines and other fact-checkers
//! read (Google's required and recommended properties).

use crate::app::Site;
use crate::domain::FactCheckPage;
use serde_json::{Map, Value, json};

/// The JSON-LD text to put inside `<script type="application/ld+json">`.
pub fn json_ld(fc: &FactCheckPage, site: &Site) -> String {
    let url = site.url(&format!("/fact-checks/{}", fc.slug));
    let mut rating = Map::new();
    rating.insert("@type".into(), json!("Rating"));
    rating.insert("alternateName".into(), json!(fc.rating.label));
    // Labels without a number (Satire, Misattributed…) carry no scale at all.
    if let Some(value) = fc.rating.value {
        rating.insert("ratingValue".into(), json!(value));
        rating.insert("bestRating".into(), json!(5));
        rating.insert("worstRating".into(), json!(1));
    }
    let appearances: Vec<Value> = fc
        .claim
        .appearances
        .iter()
        .map(|a| {
            let mut work = Map::new();
            work.insert("@type".into(), json!("CreativeWork"));
            work.insert("url".into(), json!(a.url));
            work.insert("name".into(), json!(a.platform));
            if let Some(day) = a.date {
                work.insert("datePublished".into(), json!(day.iso().to_string()));
            }
            Value::Object(work)
        })
        .collect();
    let mut claim = Map::new();
    claim.insert("@type".into(), json!("Claim"));
    let mut claimant = Map::new();
    claimant.insert("@type".into(), json!(fc.claim.claimant_kind.schema_type()));
    claimant.insert("name".into(), json!(fc.claim.claimant));
    if let Some(link) = &fc.claim.claimant_url {
        claimant.insert("sameAs".into(), json!(link));
    }
    claim.insert("author".into(), Value::Object(claimant));
    if let Some(day) = fc.claim.date {
        claim.insert("datePublished".into(), json!(day.iso().to_string()));
    }
    if let Some(first) = appearances.first() {
        claim.insert("firstAppearance".into(), first.clone());
    }
    claim.insert("appearance".into(), Value::Array(appearances));

    let review = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "headline": format!("Fact Check: {}", fc.headline),
        "claimReviewed": fc.claim.text,
        "reviewRating": rating,
        "author": { "@type": "Organization", "name": site.name, "url": site.url("/") },
        "datePublished": fc.published_at.rfc3339(),
        "dateModified": fc.updated_at.rfc3339(),
        "itemReviewed": claim,
    });
    // Inside a script element "</script>" would end it early: escape the characters that
    // could, which JSON allows.
    review
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
