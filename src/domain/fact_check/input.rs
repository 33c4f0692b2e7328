//! A fact-check as the editor typed it: plain strings, so a refused form comes back as it was.

use serde::{Deserialize, Deserializer, Serialize};

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
    /// One per line; blank for none (see `key_points`).
    pub key_points: String,
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
    /// The featured image's id, or empty for none.
    pub featured_image: String,
    pub appearances: Vec<AppearanceInput>,
    pub sources: Vec<SourceInput>,
    /// A BCP 47 tag ("es"); empty for the site's language.
    pub language: String,
    /// The slug of the fact-check this one translates; empty for none.
    pub translation_of: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppearanceInput {
    pub url: String,
    pub platform: String,
    #[serde(deserialize_with = "null_as_empty")]
    pub date: String,
    #[serde(deserialize_with = "null_as_empty")]
    pub reach: String,
    #[serde(deserialize_with = "null_as_empty")]
    pub archived_url: String,
    /// A screenshot of the post from the media library: its id, or empty.
    #[serde(deserialize_with = "id_as_text")]
    pub image: String,
    /// Ticked "sensitive": the screenshot is shown only when the reader asks.
    pub sensitive: bool,
}

impl AppearanceInput {
    pub fn is_blank(&self) -> bool {
        [
            &self.url,
            &self.platform,
            &self.date,
            &self.reach,
            &self.archived_url,
            &self.image,
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
    #[serde(deserialize_with = "null_as_empty")]
    pub authors: String,
    #[serde(deserialize_with = "null_as_empty")]
    pub date: String,
    #[serde(deserialize_with = "null_as_empty")]
    pub url: String,
    #[serde(deserialize_with = "null_as_empty")]
    pub archived_url: String,
    #[serde(deserialize_with = "null_as_empty")]
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

/// Reads an image id stored as a number (or null) as the text a form field holds.
fn id_as_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Number(i64),
        Text(String),
    }
    Ok(match Option::<Id>::deserialize(deserializer)? {
        Some(Id::Number(n)) => n.to_string(),
        Some(Id::Text(text)) => text,
        None => String::new(),
    })
}

/// Reads a JSON null as empty: the database and the demo data leave out an optional part
/// (`null`) where the form has an empty field.
fn null_as_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}
