//! schema.org ClaimReview for a verdict page: what search engines and other fact-checkers
//! read (Google's required and recommended properties).

use crate::app::Site;
use crate::domain::{Appearance, FactCheckPage};
use serde_json::{Map, Value, json};

/// The JSON-LD text to put inside `<script type="application/ld+json">`.
pub fn json_ld(fc: &FactCheckPage, site: &Site) -> String {
    // Inside a script element "</script>" would end it early: escape the characters that
    // could, which JSON allows.
    Value::Object(claim_review(fc, site))
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Where the claim appeared, as a schema.org CreativeWork.
pub fn appearance(a: &Appearance) -> Map<String, Value> {
    let mut work = Map::new();
    work.insert("@type".into(), json!("CreativeWork"));
    work.insert("url".into(), json!(a.url));
    work.insert("name".into(), json!(a.platform));
    if let Some(day) = a.date {
        work.insert("datePublished".into(), json!(day.iso().to_string()));
    }
    work
}

/// The verdict's ClaimReview object (with its `@context`).
pub fn claim_review(fc: &FactCheckPage, site: &Site) -> Map<String, Value> {
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
        .map(|a| Value::Object(appearance(a)))
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

    let mut review = Map::new();
    for (key, value) in [
        ("@context", json!("https://schema.org")),
        ("@type", json!("ClaimReview")),
        ("url", json!(url)),
        ("headline", json!(format!("Fact Check: {}", fc.headline))),
        ("claimReviewed", json!(fc.claim.text)),
        ("reviewRating", Value::Object(rating)),
        (
            "author",
            json!({ "@type": "Organization", "name": site.name, "url": site.url("/") }),
        ),
        ("datePublished", json!(fc.published_at.rfc3339())),
        ("dateModified", json!(fc.updated_at.rfc3339())),
        ("itemReviewed", Value::Object(claim)),
    ] {
        review.insert(key.into(), value);
    }
    review
}
