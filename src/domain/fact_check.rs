//! Fact-checks: the editor's input as typed, the validated draft built from it, and the
//! read models that reader and editor pages show.

use super::{
    Day, FactCheckId, FieldErrors, Moment, Slug, TagName, UserId, WebUrl, bounded_text,
    optional_line, required_line, required_text,
};
use serde::{Deserialize, Serialize};

pub const MAX_APPEARANCES: usize = 20;
pub const MAX_SOURCES: usize = 40;
pub const MAX_TAGS: usize = 10;

/// What an editor typed (or the demo data holds), every value still a plain string so a
/// rejected form can be shown again exactly as it was.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FactCheckInput {
    pub headline: String,
    pub slug: String,
    pub rating: String,
    pub summary: String,
    pub body: String,
    /// Comma- or space-separated, "#" optional: "RussiaSupport, Iran".
    pub tags: String,
    pub claim_text: String,
    pub claimant: String,
    /// A page that identifies the claimant; empty keeps the link already on file, and a
    /// different one for a claimant on file waits for an editor as a proposal.
    pub claimant_url: String,
    /// "person" or "organization"; empty keeps what is on file (a new claimant: person).
    pub claimant_kind: String,
    pub claim_date: String,
    pub appearances: Vec<AppearanceInput>,
    pub sources: Vec<SourceInput>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppearanceInput {
    pub url: String,
    pub platform: String,
    pub date: String,
    pub reach: String,
    pub archived_url: String,
}

impl AppearanceInput {
    pub fn is_blank(&self) -> bool {
        [
            &self.url,
            &self.platform,
            &self.date,
            &self.reach,
            &self.archived_url,
        ]
        .iter()
        .all(|v| v.trim().is_empty())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceInput {
    pub outlet: String,
    pub title: String,
    pub authors: String,
    pub date: String,
    pub url: String,
    pub archived_url: String,
    pub note: String,
    /// The place the editor wants this source in the list (1 = first).
    pub position: String,
    /// Ticked "remove" box: the row is dropped on save.
    pub remove: bool,
}

impl SourceInput {
    pub fn is_blank(&self) -> bool {
        [
            &self.outlet,
            &self.title,
            &self.authors,
            &self.date,
            &self.url,
            &self.archived_url,
            &self.note,
        ]
        .iter()
        .all(|v| v.trim().is_empty())
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
    pub tags: Vec<TagName>,
    pub claim: ClaimDraft,
    pub sources: Vec<SourceDraft>,
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

/// How ClaimReview names a claimant. Groups ("Social media users") are organizations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClaimantKind {
    #[default]
    Person,
    Organization,
}

impl ClaimantKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimantKind::Person => "person",
            ClaimantKind::Organization => "organization",
        }
    }

    pub fn from_db(text: &str) -> ClaimantKind {
        if text == "organization" {
            ClaimantKind::Organization
        } else {
            ClaimantKind::Person
        }
    }

    /// The schema.org type.
    pub fn schema_type(self) -> &'static str {
        match self {
            ClaimantKind::Person => "Person",
            ClaimantKind::Organization => "Organization",
        }
    }

    /// Reads the form's choice; empty means "as on file".
    pub fn parse_optional(raw: &str) -> Result<Option<ClaimantKind>, String> {
        match raw.trim() {
            "" => Ok(None),
            "person" => Ok(Some(ClaimantKind::Person)),
            "organization" => Ok(Some(ClaimantKind::Organization)),
            _ => Err("Choose a person or an organization.".to_owned()),
        }
    }
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

pub fn parse_tags(raw: &str) -> Result<Vec<TagName>, String> {
    let mut tags: Vec<TagName> = Vec::new();
    for piece in raw
        .split([',', ' ', '\n', '\r', '\t'])
        .filter(|p| !p.trim().is_empty())
    {
        let tag = TagName::parse(piece)?;
        if !tags
            .iter()
            .any(|t| t.as_str().eq_ignore_ascii_case(tag.as_str()))
        {
            // Refused as soon as there are too many: comparing each word of a pasted wall
            // with all those before it is quadratic (36,000 of them held a server thread
            // for half a minute in a debug build).
            if tags.len() == MAX_TAGS {
                return Err(format!("Use at most {MAX_TAGS} tags."));
            }
            tags.push(tag);
        }
    }
    Ok(tags)
}

impl TryFrom<&FactCheckInput> for FactCheckDraft {
    type Error = FieldErrors;

    fn try_from(input: &FactCheckInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();

        let headline = errors.check(
            "headline",
            required_line("Headline", strip_fact_check_prefix(&input.headline), 160),
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
        let summary = errors.check("summary", required_text("Summary", &input.summary, 600));
        let body = errors.check(
            "body",
            required_text("Explanation", &input.body, 50_000)
                .and_then(|text| super::markdown::check_nesting("Explanation", text)),
        );
        let tags = errors.check("tags", parse_tags(&input.tags));
        let claim_text = errors.check("claim_text", required_text("Claim", &input.claim_text, 500));
        let claimant = errors.check("claimant", required_line("Claimant", &input.claimant, 120));
        let claimant_url = errors.check(
            "claimant_url",
            WebUrl::parse_optional("Claimant link", &input.claimant_url),
        );
        let claimant_kind = errors.check(
            "claimant_kind",
            ClaimantKind::parse_optional(&input.claimant_kind),
        );
        let claim_date = errors.check("claim_date", optional_day("Claim date", &input.claim_date));

        let mut appearances = Vec::new();
        for (i, row) in input.appearances.iter().enumerate() {
            if row.is_blank() {
                continue;
            }
            let field = |name: &str| format!("appearance.{i}.{name}");
            let url = errors.check(&field("url"), WebUrl::parse("Link", &row.url));
            let platform = errors.check(
                &field("platform"),
                required_line("Platform or outlet", &row.platform, 80),
            );
            let date = errors.check(&field("date"), optional_day("Date", &row.date));
            let reach = errors.check(&field("reach"), optional_line("Reach", &row.reach, 80));
            let archived_url = errors.check(
                &field("archived_url"),
                WebUrl::parse_optional("Archived link", &row.archived_url),
            );
            if let (Some(url), Some(platform), Some(date), Some(reach), Some(archived_url)) =
                (url, platform, date, reach, archived_url)
            {
                appearances.push(AppearanceDraft {
                    url,
                    platform,
                    date,
                    reach,
                    archived_url,
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
            let outlet = errors.check(&field("outlet"), required_line("Outlet", &row.outlet, 120));
            let title = errors.check(&field("title"), required_line("Title", &row.title, 300));
            let authors = errors.check(
                &field("authors"),
                optional_line("Authors", &row.authors, 200),
            );
            let date = errors.check(&field("date"), optional_day("Publication date", &row.date));
            let url = errors.check(&field("url"), WebUrl::parse_optional("Link", &row.url));
            let archived_url = errors.check(
                &field("archived_url"),
                WebUrl::parse_optional("Archived link", &row.archived_url),
            );
            let note = errors.check(&field("note"), bounded_text("Note", &row.note, 500, false));
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
            ) if errors.is_empty() => {
                let body_html = super::markdown::to_safe_html(&body);
                Ok(FactCheckDraft {
                    headline,
                    slug,
                    rating_slug,
                    summary,
                    body_markdown: body,
                    body_html,
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
                })
            }
            _ => Err(errors),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    InReview,
    Published,
    Retracted,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in_review",
            Status::Published => "published",
            Status::Retracted => "retracted",
        }
    }

    pub fn from_db(text: &str) -> Status {
        match text {
            "in_review" => Status::InReview,
            "published" => Status::Published,
            "retracted" => Status::Retracted,
            _ => Status::Draft,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::InReview => "In review",
            Status::Published => "Published",
            Status::Retracted => "Retracted",
        }
    }

    pub fn is_published(self) -> bool {
        self == Status::Published
    }

    /// Published, with its publication moment still ahead: readers cannot see it yet.
    pub fn is_scheduled(self, published_at: Option<Moment>, now: Moment) -> bool {
        self == Status::Published && published_at.is_some_and(|at| at > now)
    }

    /// Readers have seen it (live now, or retracted): edits to it are public changes.
    pub fn seen_by_readers(self, published_at: Option<Moment>, now: Moment) -> bool {
        self == Status::Retracted
            || (self == Status::Published && !self.is_scheduled(published_at, now))
    }
}

/// One step of the rating scale.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Rating {
    pub slug: String,
    pub label: String,
    pub value: Option<i64>,
    pub definition: String,
    pub colour: String,
}

/// A fact-check as a line in a listing (home page, tag page).
#[derive(Debug, Clone)]
pub struct FactCheckCard {
    pub slug: String,
    pub headline: String,
    pub claim_text: String,
    pub claimant: String,
    pub claimant_slug: String,
    pub rating: Rating,
    pub published_at: Moment,
    pub updated_at: Moment,
    pub summary: String,
    pub tags: Vec<String>,
    /// Where a search matched, highlighted; empty outside search results.
    pub snippet: Vec<super::SnippetPart>,
}

/// Everything the verdict page shows.
#[derive(Debug, Clone)]
pub struct FactCheckPage {
    pub id: FactCheckId,
    pub status: Status,
    pub retraction_note: Option<String>,
    pub retracted_at: Option<Moment>,
    pub corrections: Vec<super::PublicCorrection>,
    pub slug: String,
    pub headline: String,
    pub summary: String,
    pub body_html: String,
    pub rating: Rating,
    pub author: String,
    pub published_at: Moment,
    pub updated_at: Moment,
    pub claim: Claim,
    pub sources: Vec<Source>,
    pub tags: Vec<String>,
}

impl FactCheckPage {
    /// Only worth saying when the change came well after publication.
    pub fn was_updated(&self) -> bool {
        self.updated_at.0 - self.published_at.0 > chrono::Duration::minutes(1)
    }
}

#[derive(Debug, Clone)]
pub struct Claim {
    pub text: String,
    pub claimant: String,
    pub claimant_slug: String,
    pub claimant_url: Option<String>,
    pub claimant_kind: ClaimantKind,
    pub date: Option<Day>,
    pub appearances: Vec<Appearance>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Appearance {
    pub url: String,
    pub platform: String,
    pub date: Option<Day>,
    pub reach: Option<String>,
    pub archived_url: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Source {
    pub outlet: String,
    pub title: String,
    pub authors: Option<String>,
    pub date: Option<Day>,
    pub url: Option<String>,
    pub archived_url: Option<String>,
    pub note: Option<String>,
}

impl Source {
    /// A citation ends each part with a period, unless the title brings its own mark.
    pub fn title_needs_period(&self) -> bool {
        !self.title.ends_with(['.', '?', '!'])
    }
}

/// A line of the editor's dashboard.
#[derive(Debug, Clone)]
pub struct DashboardRow {
    pub id: FactCheckId,
    pub slug: String,
    pub headline: String,
    pub status: Status,
    pub published_at: Option<Moment>,
    pub rating: Rating,
    pub author: String,
    pub updated_at: Moment,
}

impl DashboardRow {
    pub fn is_scheduled(&self) -> bool {
        self.status.is_scheduled(self.published_at, Moment::now())
    }
}

/// A fact-check opened for editing: its input as the form shows it, plus what the form
/// needs to save it safely.
#[derive(Debug, Clone)]
pub struct EditableFactCheck {
    pub id: FactCheckId,
    pub version: i64,
    pub status: Status,
    pub author_id: UserId,
    pub author: String,
    pub updated_at: Moment,
    pub published_at: Option<Moment>,
    /// The reviewing editor's comment when it was sent back to draft.
    pub review_note: Option<String>,
    pub retraction_note: Option<String>,
    /// The claimant's link and kind as stored. Shown beside the form, not in it: prefilled
    /// values would be copied onto another claimant when the editor changes the name. The
    /// form's own link and kind fields hold only what this draft proposes.
    pub claimant_url_on_file: Option<String>,
    pub claimant_kind_on_file: ClaimantKind,
    /// A change to the shared claimant this draft waits to have applied by an editor.
    pub claimant_proposal: Option<super::ClaimantProposal>,
    pub input: FactCheckInput,
}

impl EditableFactCheck {
    /// Published with a publication time still ahead: readers cannot see it yet.
    pub fn is_scheduled(&self) -> bool {
        self.status.is_scheduled(self.published_at, Moment::now())
    }

    pub fn seen_by_readers(&self) -> bool {
        self.status
            .seen_by_readers(self.published_at, Moment::now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_input() -> FactCheckInput {
        FactCheckInput {
            headline: "Fact Check: Moon is not made of cheese".into(),
            rating: "false".into(),
            summary: "It is rock.".into(),
            body: "Samples say *rock*.".into(),
            tags: "#Space, moon space".into(),
            claim_text: "The Moon is made of cheese.".into(),
            claimant: "Social media users".into(),
            appearances: vec![AppearanceInput {
                url: "https://example.com/post".into(),
                platform: "X".into(),
                ..Default::default()
            }],
            sources: vec![
                SourceInput {
                    outlet: "Second".into(),
                    title: "B".into(),
                    date: "2025-06-01".into(),
                    position: "2".into(),
                    ..Default::default()
                },
                SourceInput {
                    outlet: "First".into(),
                    title: "A".into(),
                    date: "2025-06-01".into(),
                    position: "1".into(),
                    ..Default::default()
                },
                SourceInput {
                    outlet: "Gone".into(),
                    remove: true,
                    ..Default::default()
                },
            ],
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_input_becomes_a_draft_in_the_editors_order() {
        let draft = FactCheckDraft::try_from(&valid_input()).unwrap();
        assert_eq!(draft.headline, "Moon is not made of cheese");
        let outlets: Vec<_> = draft.sources.iter().map(|s| s.outlet.as_str()).collect();
        assert_eq!(outlets, ["First", "Second"]);
        let tags: Vec<_> = draft.tags.iter().map(TagName::as_str).collect();
        assert_eq!(tags, ["Space", "moon"]);
        assert!(draft.body_html.contains("<em>rock</em>"));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let input = FactCheckInput {
            appearances: vec![AppearanceInput {
                url: "javascript:alert(1)".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let errors = FactCheckDraft::try_from(&input).unwrap_err();
        for field in [
            "headline",
            "rating",
            "summary",
            "body",
            "claim_text",
            "claimant",
            "appearance.0.url",
            "appearance.0.platform",
        ] {
            assert!(
                errors.get(field).is_some(),
                "no error for {field}: {errors:?}"
            );
        }
    }
}
