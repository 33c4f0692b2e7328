//! schema.org ClaimReview both ways: the export's DataFeed elements (the verdict page's
//! ClaimReview plus what a full copy needs) and the reading of other publishers' records.

use super::jsonld::{
    self, day, has_type, host, link, list, moment, name, names, one_line, shorten, text, text_at,
};
use super::rating::Scale;
use crate::app::Site;
use crate::db::exchange::ExportedFactCheck;
use crate::domain::{
    AppearanceInput, ChangeKind, FactCheckInput, MAX_APPEARANCES, MAX_SOURCES, MAX_TAGS, Moment,
    Slug, SourceInput, TagName,
};
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

/// The ClaimReview records of a file, in order: a single object, a list, a DataFeed (whose
/// items may wrap the review under `item`) or an `@graph`, nested any way. Inside an
/// `@graph` only ClaimReviews count (graphs also hold pages and organizations); elsewhere
/// every entry is a record, so a stray one is reported rather than silently skipped.
pub fn records(root: &Value) -> Vec<&Value> {
    let mut found = Vec::new();
    collect(root, false, &mut found);
    found
}

fn looks_like_review(value: &Value) -> bool {
    has_type(value, "ClaimReview")
        || value.get("claimReviewed").is_some()
        || value.get("reviewRating").is_some()
}

fn collect<'a>(value: &'a Value, in_graph: bool, found: &mut Vec<&'a Value>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| collect(v, in_graph, found)),
        Value::Object(map) if !looks_like_review(value) => {
            if let Some(graph) = map.get("@graph") {
                collect(graph, true, found);
            } else if let Some(elements) = map.get("dataFeedElement") {
                collect(elements, false, found);
            } else if let Some(item) = map.get("item") {
                collect(item, in_graph, found);
            } else if !in_graph {
                found.push(value);
            }
        }
        other if !in_graph || looks_like_review(other) => found.push(other),
        _ => {}
    }
}

/// A correction note carried by a record.
#[derive(Debug, Clone)]
pub struct ReviewCorrection {
    pub kind: ChangeKind,
    pub note: String,
    pub at: Moment,
    /// Our rating slugs before and after, when the change moved the rating.
    pub rating_change: Option<(String, String)>,
}

/// A record read into the editor's input, with what the form does not hold.
#[derive(Debug, Clone)]
pub struct Review {
    /// The ClaimReview's `url`: how a second import finds the first.
    pub url: String,
    pub input: FactCheckInput,
    pub published_at: Option<Moment>,
    pub updated_at: Option<Moment>,
    pub corrections: Vec<ReviewCorrection>,
}

/// Reads one ClaimReview record. Fills what the source leaves out (see README, "Import,
/// export and backup"); validation proper is left to `FactCheckDraft`, as for the form.
pub fn read(record: &Value, scale: &Scale) -> Result<Review, String> {
    if !record.is_object() {
        return Err("not a JSON object".to_owned());
    }
    let types = jsonld::types(record);
    if !types.is_empty() && !has_type(record, "ClaimReview") {
        return Err(format!("not a ClaimReview (@type {})", types.join(", ")));
    }
    let claim_text = text_at(record, "claimReviewed").ok_or("no claimReviewed")?;
    let url = text_at(record, "url")
        .or_else(|| text_at(record, "@id"))
        .ok_or("no url (it identifies the record when the file is imported again)")?;
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(format!(
            "url \"{}\" is not a web address",
            shorten(&url, 80)
        ));
    }
    let review_rating = record.get("reviewRating").ok_or("no reviewRating")?;
    let rating = scale.resolve(list(Some(review_rating)).first().unwrap_or(&review_rating))?;
    let their_label = text_at(review_rating, "alternateName").unwrap_or(rating.label.clone());
    let publisher = name(record.get("author"))
        .or_else(|| name(record.get("publisher")))
        .or_else(|| host(&url));
    let published_at = moment(record.get("datePublished"));

    let headline = text_at(record, "headline")
        .or_else(|| text_at(record, "name"))
        .unwrap_or_else(|| shorten(&one_line(&claim_text), 150));
    let summary = match (text_at(record, "description"), &publisher) {
        (Some(description), _) => shorten(&description, 600),
        (None, Some(publisher)) => format!("Rated {their_label} by {publisher}."),
        (None, None) => format!("Rated {their_label}."),
    };
    let body = text_at(record, "reviewBody").unwrap_or_else(|| {
        format!(
            "This fact-check was imported. Read the [original review]({url}){} for the full explanation.",
            publisher
                .as_deref()
                .map(|p| format!(" by {p}"))
                .unwrap_or_default()
        )
    });

    // Some publishers list the reviewed item; the first is the claim.
    let item = list(record.get("itemReviewed"))
        .first()
        .map(|v| (*v).clone())
        .unwrap_or(Value::Null);
    let claimant_node = list(item.get("author")).into_iter().next();
    let claimant = name(item.get("author")).unwrap_or_else(|| "Unknown".to_owned());
    let claimant_kind = match claimant_node {
        Some(node) if has_type(node, "Organization") => "organization",
        Some(node) if has_type(node, "Person") => "person",
        // No author at all: "Unknown" is not a person.
        None => "organization",
        Some(_) => "",
    };
    let claimant_url = claimant_node
        .and_then(|node| {
            list(node.get("sameAs"))
                .into_iter()
                .chain(list(node.get("url")))
                .filter_map(text)
                .find(|u| u.starts_with("http://") || u.starts_with("https://"))
        })
        .unwrap_or_default();

    let mut appearances: Vec<AppearanceInput> = Vec::new();
    for node in list(item.get("firstAppearance"))
        .into_iter()
        .chain(list(item.get("appearance")))
    {
        if let Some(a) = read_appearance(node)
            && !appearances.iter().any(|seen| seen.url == a.url)
        {
            appearances.push(a);
        }
    }
    if appearances.is_empty() {
        appearances.push(AppearanceInput {
            platform: publisher
                .as_deref()
                .or(host(&url).as_deref())
                .map(|p| shorten(&one_line(p), 80))
                .unwrap_or_else(|| "Original review".to_owned()),
            url: url.clone(),
            date: published_at
                .map(|m| m.0.date_naive().format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            ..Default::default()
        });
    }
    appearances.truncate(MAX_APPEARANCES);

    let mut sources: Vec<SourceInput> = list(record.get("citation"))
        .into_iter()
        .filter_map(read_citation)
        .collect();
    sources.truncate(MAX_SOURCES);
    if sources.is_empty() {
        // The original review is the evidence readers can follow.
        sources.push(SourceInput {
            outlet: publisher
                .clone()
                .unwrap_or_else(|| "Original review".to_owned()),
            title: one_line(&headline),
            url: url.clone(),
            date: published_at
                .map(|m| m.0.date_naive().format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            ..Default::default()
        });
    }

    let corrections = list(record.get("correction"))
        .into_iter()
        .filter_map(|c| read_correction(c, scale, record))
        .collect();

    Ok(Review {
        url: url.clone(),
        published_at,
        updated_at: moment(record.get("dateModified")),
        corrections,
        input: FactCheckInput {
            headline: one_line(&headline),
            slug: slug_from_url(&url).unwrap_or_default(),
            rating: rating.slug.clone(),
            summary,
            body,
            tags: tags(record.get("keywords")).join(", "),
            claim_text,
            claimant: shorten(&one_line(&claimant), 120),
            claimant_url,
            claimant_kind: claimant_kind.to_owned(),
            claim_date: day(item.get("datePublished"))
                .map(|d| d.iso().to_string())
                .unwrap_or_default(),
            appearances,
            sources,
        },
    })
}

/// The last path segment of the review's address, when it is a valid slug: an export
/// of ours keeps its addresses when imported elsewhere.
fn slug_from_url(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let last = parsed.path_segments()?.rfind(|s| !s.is_empty())?;
    Slug::parse(last).ok().map(|s| s.as_str().to_owned())
}

/// Keywords as our tags: a valid tag is kept as written; others lose spaces and the
/// punctuation tags cannot hold ("climate change" → "ClimateChange"); keywords with
/// non-ASCII letters are left out; at most `MAX_TAGS`.
fn tags(keywords: Option<&Value>) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for value in list(keywords) {
        let Some(raw) = text(value) else { continue };
        // A single string may hold a comma-separated list.
        for keyword in raw.split(',').map(str::trim).filter(|k| !k.is_empty()) {
            let tag = match TagName::parse(keyword) {
                Ok(tag) => tag.as_str().to_owned(),
                // Tags are ASCII (see TagName); dropping letters would leave a wrong word.
                Err(_) if !keyword.is_ascii() => continue,
                Err(_) => keyword
                    .split_whitespace()
                    .map(|w| {
                        let w: String = w
                            .chars()
                            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                            .collect();
                        let mut chars = w.chars();
                        chars
                            .next()
                            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                            .unwrap_or_default()
                    })
                    .collect::<String>()
                    .chars()
                    .take(TagName::MAX_LEN)
                    .collect(),
            };
            if !tag.is_empty() && !words.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                words.push(tag);
            }
        }
    }
    words.truncate(MAX_TAGS);
    words
}

fn read_appearance(node: &Value) -> Option<AppearanceInput> {
    let url = link(Some(node))?;
    if !node.is_object() {
        return Some(AppearanceInput {
            platform: host(&url).unwrap_or_else(|| "Web".to_owned()),
            url,
            ..Default::default()
        });
    }
    // Our exports name the platform; others often put a headline in `name`, too long to be one.
    let platform = text_at(node, "name")
        .filter(|n| n.chars().count() <= 80 && !n.contains('\n'))
        .or_else(|| name(node.get("publisher")))
        .or_else(|| host(&url))
        .unwrap_or_else(|| "Web".to_owned());
    let reach = list(node.get("interactionStatistic"))
        .into_iter()
        .find_map(|s| {
            text_at(s, "description")
                .or_else(|| text_at(s, "userInteractionCount").map(|n| format!("{n} interactions")))
        })
        .unwrap_or_default();
    Some(AppearanceInput {
        url,
        platform: shorten(&platform, 80),
        date: day(node.get("datePublished"))
            .map(|d| d.iso().to_string())
            .unwrap_or_default(),
        reach,
        archived_url: link(node.get("archivedAt")).unwrap_or_default(),
    })
}

fn read_citation(node: &Value) -> Option<SourceInput> {
    if !node.is_object() {
        let raw = text(node)?;
        return Some(
            if raw.starts_with("http://") || raw.starts_with("https://") {
                SourceInput {
                    outlet: host(&raw).unwrap_or_else(|| "Web".to_owned()),
                    title: shorten(&raw, 300),
                    url: raw,
                    ..Default::default()
                }
            } else {
                SourceInput {
                    outlet: "Citation".to_owned(),
                    title: shorten(&one_line(&raw), 300),
                    ..Default::default()
                }
            },
        );
    }
    let url = text_at(node, "url").unwrap_or_default();
    let title = text_at(node, "name")
        .or_else(|| text_at(node, "headline"))
        .or_else(|| Some(url.clone()).filter(|u| !u.is_empty()))?;
    let authors = names(node.get("author"));
    let outlet = name(node.get("publisher"))
        .or_else(|| host(&url))
        .or_else(|| authors.first().cloned())
        .unwrap_or_else(|| "Citation".to_owned());
    Some(SourceInput {
        outlet: shorten(&one_line(&outlet), 120),
        title: shorten(&one_line(&title), 300),
        authors: shorten(&authors.join(", "), 200),
        date: day(node.get("datePublished"))
            .map(|d| d.iso().to_string())
            .unwrap_or_default(),
        url,
        archived_url: link(node.get("archivedAt")).unwrap_or_default(),
        note: text_at(node, "description").unwrap_or_default(),
        ..Default::default()
    })
}

fn read_correction(node: &Value, scale: &Scale, record: &Value) -> Option<ReviewCorrection> {
    let note = text_at(node, "text").or_else(|| text(node))?;
    let kind = match text_at(node, "name").map(|n| n.to_lowercase()).as_deref() {
        Some("update") => ChangeKind::Update,
        _ => ChangeKind::Correction,
    };
    let at = moment(node.get("datePublished"))
        .or_else(|| moment(record.get("dateModified")))
        .or_else(|| moment(record.get("datePublished")))
        .unwrap_or_else(Moment::now);
    let ratings: Vec<String> = list(node.get("about"))
        .into_iter()
        .filter(|r| has_type(r, "Rating"))
        .filter_map(|r| scale.resolve(r).ok().map(|r| r.slug.clone()))
        .collect();
    let rating_change = match ratings.as_slice() {
        [before, after] => Some((before.clone(), after.clone())),
        _ => None,
    };
    Some(ReviewCorrection {
        kind,
        note,
        at,
        rating_change,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_found_in_every_wrapper() {
        let file = json!([
            {"@type": "ClaimReview", "claimReviewed": "a"},
            {"@graph": [{"@type": "WebPage"}, {"@type": "ClaimReview", "claimReviewed": "b"}]},
            {"@type": "DataFeed", "dataFeedElement": [
                {"@type": "DataFeedItem", "item": {"@type": "ClaimReview", "claimReviewed": "c"}},
                {"@type": "ClaimReview", "claimReviewed": "d"}
            ]},
            {"@type": "Organization"},
            7
        ]);
        let found: Vec<_> = records(&file)
            .iter()
            .map(|r| text_at(r, "claimReviewed").unwrap_or_default())
            .collect();
        assert_eq!(found, ["a", "b", "c", "d", "", ""]);
    }

    #[test]
    fn keywords_become_tags() {
        assert_eq!(
            tags(Some(&json!([
                "COVID-19",
                "climate change",
                "Élections, vote"
            ]))),
            ["COVID-19", "ClimateChange", "vote"]
        );
        assert_eq!(
            slug_from_url("https://x.example/fact-checks/moon-landing").as_deref(),
            Some("moon-landing")
        );
        assert_eq!(
            slug_from_url("https://x.example/a?id=7").as_deref(),
            Some("a")
        );
        assert_eq!(slug_from_url("https://x.example/Article_7"), None);
    }
}
