//! The validated draft: every check that needs no database, all errors collected at once.

use super::{FactCheckInput, MAX_APPEARANCES, MAX_SOURCES, SourceInput, parse_tags};
use crate::domain::limits;
use crate::domain::{
    ClaimantKind, Day, FieldErrors, ImageId, Language, Slug, TagName, WebUrl, bounded_text,
    markdown, optional_line, required_line, required_text,
};

/// The explanation as kept, or why it cannot be: within its length, and not nested too
/// deeply to render cheaply. The form's live preview holds it to the same rules.
pub fn explanation(raw: &str) -> Result<String, String> {
    required_text("Explanation", raw, limits::EXPLANATION)
        .and_then(|text| markdown::check_nesting("Explanation", text))
}

/// The featured image chosen in the form: none, or an image's id (whether it exists is
/// checked when saving).
fn featured_image(raw: &str) -> Result<Option<ImageId>, String> {
    image_choice(raw)
}

/// An image chosen from a picker: none, or an image's id.
fn image_choice(raw: &str) -> Result<Option<ImageId>, String> {
    match raw.trim() {
        "" => Ok(None),
        id => id
            .parse()
            .map(Some)
            .map_err(|_| "Choose an image from the list, or none.".to_owned()),
    }
}

/// A fact-check that passed every check that needs no database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactCheckDraft {
    pub headline: String,
    /// `None`: make one from the headline.
    pub slug: Option<Slug>,
    pub rating_slug: String,
    pub summary: String,
    pub body_markdown: String,
    pub body_html: String,
    /// "Key points" above the explanation, each one line.
    pub key_points: Vec<String>,
    pub tags: Vec<TagName>,
    pub claim: ClaimDraft,
    pub sources: Vec<SourceDraft>,
    pub featured_image: Option<ImageId>,
    /// `None`: the site's language (a setting).
    pub language: Option<Language>,
    /// The fact-check this one translates, by its slug.
    pub translation_of: Option<Slug>,
}

impl FactCheckDraft {
    /// Whether saving this over `stored` would change nothing readers or the history see:
    /// tags in any order, no slug typed where the stored one is the headline's own, and no
    /// language where the stored one is the site's (`site_language`).
    pub fn same_text_as(&self, stored: &FactCheckDraft, site_language: &Language) -> bool {
        let tags = |d: &FactCheckDraft| {
            let mut names: Vec<String> = d.tags.iter().map(|t| t.as_str().to_lowercase()).collect();
            names.sort();
            names
        };
        let slug = |d: &FactCheckDraft| {
            d.slug
                .clone()
                .unwrap_or_else(|| Slug::from_title(&d.headline))
        };
        let rest = |d: &FactCheckDraft| FactCheckDraft {
            slug: None,
            tags: Vec::new(),
            language: Some(d.language.clone().unwrap_or_else(|| site_language.clone())),
            ..d.clone()
        };
        slug(self) == slug(stored) && tags(self) == tags(stored) && rest(self) == rest(stored)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimDraft {
    pub text: String,
    pub claimant: String,
    /// `None`: keep the claimant's link (and below, kind) as it is on file. For a claimant
    /// already on file, a different value is only proposed (see `ClaimantProposal`).
    pub claimant_url: Option<WebUrl>,
    pub claimant_kind: Option<ClaimantKind>,
    pub date: Option<Day>,
    pub appearances: Vec<AppearanceDraft>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppearanceDraft {
    pub url: WebUrl,
    pub platform: String,
    pub date: Option<Day>,
    pub reach: Option<String>,
    pub archived_url: Option<WebUrl>,
    pub image: Option<ImageId>,
    pub sensitive: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDraft {
    pub outlet: String,
    pub title: String,
    pub authors: Option<String>,
    pub date: Option<Day>,
    pub url: Option<WebUrl>,
    pub archived_url: Option<WebUrl>,
    pub note: Option<String>,
}

/// Editors sometimes type the prefix the page adds anyway; keep it from appearing twice.
fn strip_fact_check_prefix(headline: &str) -> &str {
    let trimmed = headline.trim();
    match trimmed.get(..11) {
        Some(prefix) if prefix.eq_ignore_ascii_case("fact check:") => trimmed[11..].trim_start(),
        _ => trimmed,
    }
}

fn optional_day(label: &str, raw: &str) -> Result<Option<Day>, String> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    Day::parse(raw)
        .map(Some)
        .ok_or_else(|| format!("{label} must be a real date written as YYYY-MM-DD."))
}

impl TryFrom<&FactCheckInput> for FactCheckDraft {
    type Error = FieldErrors;

    fn try_from(input: &FactCheckInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();

        let headline = errors.check(
            "headline",
            required_line(
                "Headline",
                strip_fact_check_prefix(&input.headline),
                limits::HEADLINE,
            ),
        );
        let slug = if input.slug.trim().is_empty() {
            Some(None)
        } else {
            errors.check("slug", Slug::parse(&input.slug).map(Some))
        };
        let rating_slug = errors.check(
            "rating",
            if input.rating.trim().is_empty() {
                Err("Choose a rating.".to_owned())
            } else {
                Ok(input.rating.trim().to_owned())
            },
        );
        let summary = errors.check(
            "summary",
            required_text("Summary", &input.summary, limits::SUMMARY),
        );
        let body = errors.check("body", explanation(&input.body));
        let key_points = errors.check("key_points", super::key_points(&input.key_points));
        let tags = errors.check("tags", parse_tags(&input.tags));
        let claim_text = errors.check(
            "claim_text",
            required_text("Claim", &input.claim_text, limits::CLAIM),
        );
        let claimant = errors.check(
            "claimant",
            required_line("Claimant", &input.claimant, limits::CLAIMANT),
        );
        let claimant_url = errors.check(
            "claimant_url",
            WebUrl::parse_optional("Claimant link", &input.claimant_url),
        );
        let claimant_kind = errors.check(
            "claimant_kind",
            ClaimantKind::parse_optional(&input.claimant_kind),
        );
        let claim_date = errors.check("claim_date", optional_day("Claim date", &input.claim_date));
        let language = errors.check("language", Language::parse_optional(&input.language));
        let translation_of = errors.check(
            "translation_of",
            match input.translation_of.trim() {
                "" => Ok(None),
                slug => Slug::parse(slug).map(Some).map_err(|_| {
                    "Give the address name of the fact-check this translates (its slug).".to_owned()
                }),
            },
        );
        let featured_image = errors
            .check("featured_image", featured_image(&input.featured_image))
            .flatten();

        let mut appearances = Vec::new();
        for (i, row) in input.appearances.iter().enumerate() {
            if row.is_blank() {
                continue;
            }
            let field = |name: &str| format!("appearance.{i}.{name}");
            let url = errors.check(&field("url"), WebUrl::parse("Link", &row.url));
            let platform = errors.check(
                &field("platform"),
                required_line(
                    "Platform or outlet",
                    &row.platform,
                    limits::APPEARANCE_PLATFORM,
                ),
            );
            let date = errors.check(&field("date"), optional_day("Date", &row.date));
            let reach = errors.check(
                &field("reach"),
                optional_line("Reach", &row.reach, limits::APPEARANCE_REACH),
            );
            let archived_url = errors.check(
                &field("archived_url"),
                WebUrl::parse_optional("Archived link", &row.archived_url),
            );
            let image = errors.check(&field("image"), image_choice(&row.image));
            if let (
                Some(url),
                Some(platform),
                Some(date),
                Some(reach),
                Some(archived_url),
                Some(image),
            ) = (url, platform, date, reach, archived_url, image)
            {
                appearances.push(AppearanceDraft {
                    url,
                    platform,
                    date,
                    reach,
                    archived_url,
                    image,
                    sensitive: row.sensitive,
                });
            }
        }
        let non_blank_appearances = input.appearances.iter().filter(|a| !a.is_blank()).count();
        if non_blank_appearances == 0 {
            errors.add(
                "appearances",
                "Add at least one place where the claim appeared (a link and its platform).",
            );
        } else if non_blank_appearances > MAX_APPEARANCES {
            errors.add(
                "appearances",
                format!("Use at most {MAX_APPEARANCES} appearances."),
            );
        }

        // Sources are saved in the order the editor asked for: by the position they typed,
        // rows without one keeping their place.
        let mut ordered: Vec<(usize, usize, &SourceInput)> = Vec::new();
        for (i, row) in input.sources.iter().enumerate() {
            if row.remove || row.is_blank() {
                continue;
            }
            let position = if row.position.trim().is_empty() {
                i + 1
            } else {
                match row.position.trim().parse::<usize>() {
                    Ok(p) if (1..=MAX_SOURCES).contains(&p) => p,
                    _ => {
                        errors.add(
                            format!("source.{i}.position"),
                            format!("Position must be a whole number from 1 to {MAX_SOURCES}."),
                        );
                        i + 1
                    }
                }
            };
            ordered.push((position, i, row));
        }
        if ordered.len() > MAX_SOURCES {
            errors.add("sources", format!("Use at most {MAX_SOURCES} sources."));
        }
        ordered.sort_by_key(|&(position, index, _)| (position, index));
        let mut sources = Vec::with_capacity(ordered.len());
        for (_, i, row) in ordered {
            let field = |name: &str| format!("source.{i}.{name}");
            let outlet = errors.check(
                &field("outlet"),
                required_line("Outlet", &row.outlet, limits::SOURCE_OUTLET),
            );
            let title = errors.check(
                &field("title"),
                required_line("Title", &row.title, limits::SOURCE_TITLE),
            );
            let authors = errors.check(
                &field("authors"),
                optional_line("Authors", &row.authors, limits::SOURCE_AUTHORS),
            );
            let date = errors.check(&field("date"), optional_day("Publication date", &row.date));
            let url = errors.check(&field("url"), WebUrl::parse_optional("Link", &row.url));
            let archived_url = errors.check(
                &field("archived_url"),
                WebUrl::parse_optional("Archived link", &row.archived_url),
            );
            let note = errors.check(
                &field("note"),
                bounded_text("Note", &row.note, limits::SOURCE_NOTE, false),
            );
            if let (
                Some(outlet),
                Some(title),
                Some(authors),
                Some(date),
                Some(url),
                Some(archived_url),
                Some(note),
            ) = (outlet, title, authors, date, url, archived_url, note)
            {
                sources.push(SourceDraft {
                    outlet,
                    title,
                    authors,
                    date,
                    url,
                    archived_url,
                    note,
                });
            }
        }

        match (
            headline,
            slug,
            rating_slug,
            summary,
            body,
            tags,
            claim_text,
            claimant,
            claimant_url,
            claimant_kind,
            claim_date,
            key_points,
        ) {
            (
                Some(headline),
                Some(slug),
                Some(rating_slug),
                Some(summary),
                Some(body),
                Some(tags),
                Some(text),
                Some(claimant),
                Some(claimant_url),
                Some(claimant_kind),
                Some(date),
                Some(key_points),
            ) if errors.is_empty() => {
                let body_html = markdown::to_safe_html(&body);
                Ok(FactCheckDraft {
                    headline,
                    slug,
                    rating_slug,
                    summary,
                    body_markdown: body,
                    body_html,
                    key_points,
                    tags,
                    claim: ClaimDraft {
                        text,
                        claimant,
                        claimant_url,
                        claimant_kind,
                        date,
                        appearances,
                    },
                    sources,
                    featured_image,
                    // Both checked above: a refusal left an error.
                    language: language.flatten(),
                    translation_of: translation_of.flatten(),
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests;
