//! Reading another publisher's ClaimReview record into the editor's input, within the
//! limits of the editor's form; what the form would refuse is left to `FactCheckDraft`.

use super::jsonld::{
    self, day, has_type, host, link, list, moment, name, names, one_line, shorten, text, text_at,
};
use super::rating::Scale;
use super::stream::Record;
use crate::domain::{
    AppearanceInput, ChangeKind, FactCheckInput, MAX_APPEARANCES, MAX_CORRECTIONS, MAX_SOURCES,
    Moment, SourceInput, public_note,
};
use serde_json::Value;
use std::collections::HashSet;

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
    /// The publisher's own verdict, kept beside our rating.
    pub verdict: crate::domain::PublisherVerdict,
    /// The `url`s of the same review in other languages (`workTranslation`, and
    /// `translationOfWork` for the one it translates), at most `MAX_TRANSLATIONS`.
    pub translations: Vec<String>,
}

/// Translations read from one record: a group larger than this is not a real one.
const MAX_TRANSLATIONS: usize = 20;

/// Reads one ClaimReview record. Fills what the source leaves out (see README, "Import,
/// export and backup"); validation proper is left to `FactCheckDraft`, as for the form.
/// Lists longer than a fact-check holds are cut, as the README says, except corrections:
/// each is a public statement, so dropping some would misreport what the publisher said.
pub fn read(read: &Record, scale: &Scale) -> Result<Review, String> {
    if let Some(problem) = &read.too_large {
        return Err(problem.clone());
    }
    let record = &read.value;
    if !record.is_object() {
        return Err("not a JSON object".to_owned());
    }
    let listed_corrections = read.listed("correction");
    if listed_corrections > MAX_CORRECTIONS {
        return Err(format!(
            "more than {MAX_CORRECTIONS} corrections ({listed_corrections})"
        ));
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
    let verdict = jsonld::publisher_verdict(record, review_rating, publisher.as_deref());
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
    let mut seen_urls = HashSet::new();
    for node in list(item.get("firstAppearance"))
        .into_iter()
        .chain(list(item.get("appearance")))
    {
        if appearances.len() == MAX_APPEARANCES {
            break;
        }
        if let Some(a) = read_appearance(node)
            && seen_urls.insert(a.url.clone())
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

    let mut sources: Vec<SourceInput> = list(record.get("citation"))
        .into_iter()
        .filter_map(read_citation)
        .take(MAX_SOURCES)
        .collect();
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

    let mut corrections = Vec::new();
    for (i, node) in list(record.get("correction")).into_iter().enumerate() {
        if let Some(c) = read_correction(node, scale, record)
            .map_err(|message| format!("correction {}: {message}", i + 1))?
        {
            corrections.push(c);
        }
    }

    let translations = list(record.get("workTranslation"))
        .into_iter()
        .chain(list(record.get("translationOfWork")))
        .filter_map(|node| link(Some(node)))
        .filter(|other| *other != url)
        .take(MAX_TRANSLATIONS)
        .collect();
    Ok(Review {
        url: url.clone(),
        translations,
        published_at,
        updated_at: moment(record.get("dateModified")),
        corrections,
        verdict,
        input: FactCheckInput {
            headline: one_line(&headline),
            slug: jsonld::slug_from_url(&url).unwrap_or_default(),
            rating: rating.slug.clone(),
            summary,
            body,
            key_points: jsonld::lines_at(record, "abstract").join("\n"),
            tags: super::keywords::tags(record.get("keywords")).join(", "),
            claim_text,
            claimant: shorten(&one_line(&claimant), 120),
            claimant_url,
            claimant_kind: claimant_kind.to_owned(),
            claim_date: day(item.get("datePublished"))
                .map(|d| d.iso().to_string())
                .unwrap_or_default(),
            // Another site's image is not ours to show: an editor adds one.
            featured_image: String::new(),
            appearances,
            sources,
            language: jsonld::language_at(record),
            translation_of: String::new(),
        },
    })
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
        ..AppearanceInput::default()
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

/// A correction with its note checked as the editor's public note is; `None` for an entry
/// with no text at all.
fn read_correction(
    node: &Value,
    scale: &Scale,
    record: &Value,
) -> Result<Option<ReviewCorrection>, String> {
    let Some(note) = text_at(node, "text").or_else(|| text(node)) else {
        return Ok(None);
    };
    let note = public_note(&note)?;
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
    // A change between two ratings that match none of ours says nothing on our scale.
    let rating_change = match ratings.as_slice() {
        [before, after] if before != after => Some((before.clone(), after.clone())),
        _ => None,
    };
    Ok(Some(ReviewCorrection {
        kind,
        note,
        at,
        rating_change,
    }))
}

#[cfg(test)]
mod tests {
    use crate::exchange::jsonld::slug_from_url;

    #[test]
    fn slugs_come_from_record_addresses() {
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
