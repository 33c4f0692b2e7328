//! A fact-check as the editor typed it: plain strings, so a refused form comes back as it was.

use serde::{Deserialize, Serialize};

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

/// An appearance as the database and the demo data hold it: optional parts absent rather
/// than empty.
#[derive(Debug, Clone, Deserialize)]
pub struct StoredAppearance {
    pub url: String,
    pub platform: String,
    pub date: Option<String>,
    pub reach: Option<String>,
    pub archived_url: Option<String>,
}

impl From<StoredAppearance> for AppearanceInput {
    fn from(a: StoredAppearance) -> Self {
        AppearanceInput {
            url: a.url,
            platform: a.platform,
            date: a.date.unwrap_or_default(),
            reach: a.reach.unwrap_or_default(),
            archived_url: a.archived_url.unwrap_or_default(),
        }
    }
}

/// A source as the database and the demo data hold it.
#[derive(Debug, Clone, Deserialize)]
pub struct StoredSource {
    pub outlet: String,
    pub title: String,
    pub authors: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub archived_url: Option<String>,
    pub note: Option<String>,
}

impl From<StoredSource> for SourceInput {
    /// With no position: the source keeps its place in the list it came in.
    fn from(s: StoredSource) -> Self {
        SourceInput {
            outlet: s.outlet,
            title: s.title,
            authors: s.authors.unwrap_or_default(),
            date: s.date.unwrap_or_default(),
            url: s.url.unwrap_or_default(),
            archived_url: s.archived_url.unwrap_or_default(),
            note: s.note.unwrap_or_default(),
            position: String::new(),
            remove: false,
        }
    }
}
