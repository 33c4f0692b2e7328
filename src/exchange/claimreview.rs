//! schema.org ClaimReview for export: the DataFeed elements (the verdict page's ClaimReview
//! plus what a full copy needs). Reading other publishers' records is in `review`.

use crate::app::Site;
use crate::db::exchange::ExportedFactCheck;
use serde_json::{Map, Value, json};

/// One DataFeed element: exactly the ClaimReview the verdict page carries, plus the
/// CreativeWork properties that let another Factdesk rebuild the fact-check from it.
pub fn element(fc: &ExportedFactCheck, site: &Site) -> Value {
    // The page's own builder stays the one source of truth for what search engines see.
    let mut review = crate::web::claim_review::claim_review(&fc.page, site);
    // The feed carries the context once.
    review.remove("@context");

    let page = &fc.page;
    review.insert("description".into(), json!(page.summary));
    review.insert("reviewBody".into(), json!(fc.body_markdown));
    if !page.tags.is_empty() {
        review.insert("keywords".into(), json!(page.tags));
    }
    if let Some(Value::Object(claim)) = review.get_mut("itemReviewed") {
        let appearances: Vec<Value> = page.claim.appearances.iter().map(appearance).collect();
        if let Some(first) = appearances.first() {
            claim.insert("firstAppearance".into(), first.clone());
        }
        claim.insert("appearance".into(), Value::Array(appearances));
    }
    let citations: Vec<Value> = page.sources.iter().map(citation).collect();
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
fn appearance(a: &crate::domain::Appearance) -> Value {
    let mut work = crate::web::claim_review::appearance(a);
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

fn citation(s: &crate::domain::Source) -> Value {
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
    if let Some(archived) = &s.archived_url {
        work.insert("archivedAt".into(), json!(archived));
    }
    if let Some(note) = &s.note {
        work.insert("description".into(), json!(note));
    }
    Value::Object(work)
}
