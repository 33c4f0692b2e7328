//! Read models: a fact-check as listings, the verdict page, the dashboard and the edit form
//! show it.

use super::{FactCheckInput, Status};
use crate::domain::evidence::Kept;
use crate::domain::{
    ClaimantKind, ClaimantProposal, Day, FactCheckId, Language, Moment, PublicCorrection,
    SnippetPart, UserId,
};
use serde::{Deserialize, Serialize};

/// One step of the rating scale.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Rating {
    pub slug: String,
    pub label: String,
    pub value: Option<i64>,
    pub definition: String,
    pub colour: String,
}

/// A rating as the JSON API and the JSON export name it. Its field names are part of both
/// formats.
#[derive(Debug, Serialize)]
pub struct RatingRef<'a> {
    pub slug: &'a str,
    pub label: &'a str,
    /// 1 (worst) to 5 (best); null for ratings off the scale (Satire…).
    pub value: Option<i64>,
}

impl<'a> From<&'a Rating> for RatingRef<'a> {
    fn from(r: &'a Rating) -> Self {
        RatingRef {
            slug: &r.slug,
            label: &r.label,
            value: r.value,
        }
    }
}

/// A fact-check as a line in a listing (home page, tag page).
#[derive(Debug, Clone)]
pub struct FactCheckCard {
    pub id: FactCheckId,
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
    pub claimant_kind: ClaimantKind,
    pub claimant_url: Option<String>,
    /// When the claim was made, if known.
    pub claim_date: Option<Day>,
    pub language: Language,
    /// Where a search matched, highlighted; empty outside search results.
    pub snippet: Vec<SnippetPart>,
    pub featured_image: Option<crate::domain::media::ShownImage>,
}

/// Everything the verdict page shows.
#[derive(Debug, Clone)]
pub struct FactCheckPage {
    pub id: FactCheckId,
    pub language: Language,
    /// The same fact-check in other languages that readers can see, by language.
    pub translations: Vec<Translation>,
    /// For an imported fact-check: the publisher's own verdict, and the review's address.
    pub publisher: Option<(PublisherVerdict, String)>,
    pub status: Status,
    pub retraction_note: Option<String>,
    pub retracted_at: Option<Moment>,
    pub corrections: Vec<PublicCorrection>,
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
    pub featured_image: Option<crate::domain::media::ShownImage>,
    /// The author page's slug (`/authors/{slug}`).
    pub author_slug: String,
    /// "Key points" above the explanation; empty when the fact-check has none.
    pub key_points: Vec<String>,
    /// Other live fact-checks on the same subject, read for the readers' page only.
    pub related: Vec<FactCheckCard>,
}

/// Another publisher's verdict on an imported fact-check, in its own words: "Rated
/// “Falso” by Verifica Ejemplo".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublisherVerdict {
    /// Their rating as they wrote it (a label or a sentence).
    pub rating: Option<String>,
    pub name: Option<String>,
    /// Their site, when the record names it.
    pub url: Option<String>,
}

/// A translation of a fact-check, as its page links to it.
#[derive(Debug, Clone)]
pub struct Translation {
    pub language: Language,
    pub slug: String,
    pub headline: String,
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

/// Serialized as is by the JSON API and the JSON export: its field names are part of both.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Appearance {
    pub url: String,
    pub platform: String,
    pub date: Option<Day>,
    pub reach: Option<String>,
    pub archived_url: Option<String>,
    /// As a source's (see `Source::kept`).
    #[serde(default, skip_serializing)]
    pub kept: Kept,
    #[serde(default, skip_serializing)]
    pub image: Option<crate::domain::ImageId>,
    #[serde(default, skip_serializing)]
    pub sensitive: bool,
    /// The screenshot, read by `image` after the page's statement.
    #[serde(skip)]
    pub screenshot: Option<crate::domain::media::ShownImage>,
}

/// Serialized as is by the JSON API and the JSON export: its field names are part of both.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Source {
    pub outlet: String,
    pub title: String,
    pub authors: Option<String>,
    pub date: Option<Day>,
    pub url: Option<String>,
    pub archived_url: Option<String>,
    pub note: Option<String>,
    /// Factdesk's copy of `url` and the link's state, read with the page (a nested object,
    /// which serde reads far faster than flattened fields); left out of the JSON API and
    /// export. ClaimReview gives the copy as its `archivedAt`.
    #[serde(default, skip_serializing)]
    pub kept: Kept,
}

impl Source {
    /// The byline's names one by one: as typed or fetched, authors are one line joined by
    /// commas, semicolons or "and" ("Jane Doe, John Roe and Ann Poe").
    pub fn author_names(&self) -> Vec<&str> {
        let Some(byline) = self.authors.as_deref() else {
            return Vec::new();
        };
        byline
            .split([',', ';'])
            .flat_map(|part| part.split(" and ").flat_map(|p| p.split(" & ")))
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .collect()
    }

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
    /// Who is working on it now.
    pub assignee: Option<String>,
    /// A draft its writer got back from review, with the reviewer's note.
    pub sent_back: bool,
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
    pub claimant_proposal: Option<ClaimantProposal>,
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
