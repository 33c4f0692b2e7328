//! schema.org ClaimReview: the one builder for what a verdict page carries (Google's
//! required and recommended properties), and the DataFeed elements of an export, which add
//! what a full copy needs. Reading other publishers' records is in `review`.

use crate::config::Site;
use crate::db::exchange::ExportedFactCheck;
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
fn page_appearance(a: &Appearance) -> Map<String, Value> {
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
    // An imported verdict keeps its publisher's words and name (migration 0020).
    let publisher = fc.publisher.as_ref().map(|(verdict, _)| verdict);
    let label = publisher.and_then(|v| v.rating.as_deref());
    rating.insert(
        "alternateName".into(),
        json!(label.unwrap_or(&fc.rating.label)),
    );
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
        .map(|a| Value::Object(page_appearance(a)))
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
            match publisher.and_then(|v| v.name.as_deref()) {
                Some(name) => match publisher.and_then(|v| v.url.as_deref()) {
                    Some(url) => json!({ "@type": "Organization", "name": name, "url": url }),
                    None => json!({ "@type": "Organization", "name": name }),
                },
                None => json!({ "@type": "Organization", "name": site.name, "url": site.url("/") }),
            },
        ),
        ("datePublished", json!(fc.published_at.rfc3339())),
        ("dateModified", json!(fc.updated_at.rfc3339())),
        ("inLanguage", json!(fc.language.as_str())),
        ("itemReviewed", Value::Object(claim)),
    ] {
        review.insert(key.into(), value);
    }
    // The same review in other languages (schema.org's workTranslation).
    if !fc.translations.is_empty() {
        let translations: Vec<Value> = fc
            .translations
            .iter()
            .map(|t| {
                json!({
                    "@type": "ClaimReview",
                    "url": site.url(&format!("/fact-checks/{}", t.slug)),
                    "inLanguage": t.language.as_str(),
                })
            })
            .collect();
        review.insert("workTranslation".into(), Value::Array(translations));
    }
    if let Some(image) = &fc.featured_image {
        review.insert("image".into(), json!(site.url(&image.largest_url)));
    }
    review
}

// Export: the page's ClaimReview and more.

/// One DataFeed element: exactly the ClaimReview the verdict page carries, plus the
/// CreativeWork properties that let another Factdesk rebuild the fact-check from it.
pub fn element(fc: &ExportedFactCheck, site: &Site) -> Value {
    // The page's own builder stays the one source of truth for what search engines see.
    let mut review = claim_review(&fc.page, site);
    // The feed carries the context once.
    review.remove("@context");

    let page = &fc.page;
    review.insert("description".into(), json!(page.summary));
    review.insert("reviewBody".into(), json!(fc.body_markdown));
    // Key points summarise the work: schema.org's `abstract`, one text per point.
    if !page.key_points.is_empty() {
        review.insert("abstract".into(), json!(page.key_points));
    }
    if !page.tags.is_empty() {
        review.insert("keywords".into(), json!(page.tags));
    }
    // The page's appearances are replaced with fuller ones (archived copy, reach), which
    // the page leaves out for search engines but another Factdesk needs.
    if let Some(Value::Object(claim)) = review.get_mut("itemReviewed") {
        let appearances: Vec<Value> = page.claim.appearances.iter().map(full_appearance).collect();
        if let Some(first) = appearances.first() {
            claim.insert("firstAppearance".into(), first.clone());
        }
        claim.insert("appearance".into(), Value::Array(appearances));
    }
    let citations: Vec<Value> = page.sources.iter().map(|s| citation(s, site)).collect();
    review.insert("citation".into(), Value::Array(citations));
    if !page.corrections.is_empty() {
        let corrections = page
            .corrections
            .iter()
            .map(|c| {
                let mut comment = Map::new();
                comment.insert("@type".into(), json!("CorrectionComment"));
                comment.insert("name".into(), json!(c.label()));
                comment.insert("text".into(), json!(c.note));
                comment.insert("datePublished".into(), json!(c.created_at.rfc3339()));
                // The ratings before and after, when the change moved the rating.
                if let (Some(old), Some(new)) = (&c.old_rating, &c.new_rating) {
                    comment.insert(
                        "about".into(),
                        json!([
                            {"@type": "Rating", "name": "before", "alternateName": old},
                            {"@type": "Rating", "name": "after", "alternateName": new},
                        ]),
                    );
                }
                Value::Object(comment)
            })
            .collect();
        review.insert("correction".into(), Value::Array(corrections));
    }
    Value::Object(review)
}

/// The page's appearance, with what a full copy also needs.
fn full_appearance(a: &Appearance) -> Value {
    let mut work = page_appearance(a);
    if let Some(archived) = &a.archived_url {
        work.insert("archivedAt".into(), json!(archived));
    }
    if let Some(reach) = &a.reach {
        work.insert(
            "interactionStatistic".into(),
            json!({"@type": "InteractionCounter", "description": reach}),
        );
    }
    Value::Object(work)
}

fn citation(s: &crate::domain::Source, site: &Site) -> Value {
    let mut work = Map::new();
    work.insert("@type".into(), json!("CreativeWork"));
    work.insert("name".into(), json!(s.title));
    work.insert(
        "publisher".into(),
        json!({"@type": "Organization", "name": s.outlet}),
    );
    if let Some(authors) = &s.authors {
        work.insert("author".into(), json!(authors));
    }
    if let Some(day) = s.date {
        work.insert("datePublished".into(), json!(day.iso().to_string()));
    }
    if let Some(url) = &s.url {
        work.insert("url".into(), json!(url));
    }
    // An archive the editor chose comes first; else Factdesk's own copy.
    if let Some(archived) = &s.archived_url {
        work.insert("archivedAt".into(), json!(archived));
    } else if let Some(copy) = s.kept.copy {
        work.insert(
            "archivedAt".into(),
            json!(site.url(&format!("/copies/{copy}"))),
        );
    }
    if let Some(note) = &s.note {
        work.insert("description".into(), json!(note));
    }
    Value::Object(work)
}
