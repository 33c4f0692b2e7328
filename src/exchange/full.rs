//! Our own export format: every field of every public fact-check, as JSON.

use crate::config::Site;
use crate::db::exchange::ExportedFactCheck;
use crate::domain::{Appearance, Day, Moment, RatingRef, Source};
use serde::Serialize;

/// The file: a header saying what it is, then the fact-checks.
#[derive(Debug, Serialize)]
pub struct Export<'a> {
    pub format: &'static str,
    pub version: u32,
    pub exported_at: String,
    pub site: SiteInfo<'a>,
    pub fact_checks: Vec<FactCheck<'a>>,
}

#[derive(Debug, Serialize)]
pub struct SiteInfo<'a> {
    pub name: &'a str,
    pub url: &'a str,
}

#[derive(Debug, Serialize)]
pub struct FactCheck<'a> {
    pub slug: &'a str,
    pub url: String,
    pub status: &'static str,
    /// A BCP 47 tag.
    pub language: &'a str,
    /// The same fact-check in other languages: (language, slug).
    pub translations: Vec<(&'a str, &'a str)>,
    pub headline: &'a str,
    pub rating: RatingRef<'a>,
    pub summary: &'a str,
    pub body_markdown: &'a str,
    pub key_points: &'a [String],
    pub tags: &'a [String],
    pub claim: ClaimInfo<'a>,
    pub sources: &'a [Source],
    pub author: &'a str,
    pub published_at: String,
    pub updated_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retracted_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retraction_note: Option<&'a str>,
    pub corrections: Vec<CorrectionInfo<'a>>,
    pub imported_from: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct ClaimInfo<'a> {
    pub text: &'a str,
    pub date: Option<Day>,
    pub claimant: ClaimantInfo<'a>,
    pub appearances: &'a [Appearance],
}

#[derive(Debug, Serialize)]
pub struct ClaimantInfo<'a> {
    pub name: &'a str,
    pub kind: &'static str,
    pub url: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct CorrectionInfo<'a> {
    pub kind: &'a str,
    pub note: &'a str,
    pub created_at: String,
    pub old_rating: Option<&'a str>,
    pub new_rating: Option<&'a str>,
}

pub fn fact_check<'a>(fc: &'a ExportedFactCheck, site: &Site) -> FactCheck<'a> {
    let page = &fc.page;
    FactCheck {
        slug: &page.slug,
        url: site.url(&format!("/fact-checks/{}", page.slug)),
        status: page.status.as_str(),
        language: page.language.as_str(),
        translations: page
            .translations
            .iter()
            .map(|t| (t.language.as_str(), t.slug.as_str()))
            .collect(),
        headline: &page.headline,
        rating: RatingRef::from(&page.rating),
        summary: &page.summary,
        body_markdown: &fc.body_markdown,
        key_points: &page.key_points,
        tags: &page.tags,
        claim: ClaimInfo {
            text: &page.claim.text,
            date: page.claim.date,
            claimant: ClaimantInfo {
                name: &page.claim.claimant,
                kind: page.claim.claimant_kind.as_str(),
                url: page.claim.claimant_url.as_deref(),
            },
            appearances: &page.claim.appearances,
        },
        sources: &page.sources,
        author: &page.author,
        published_at: page.published_at.rfc3339(),
        updated_at: page.updated_at.rfc3339(),
        retracted_at: page.retracted_at.map(|m: Moment| m.rfc3339()),
        retraction_note: page.retraction_note.as_deref(),
        corrections: page
            .corrections
            .iter()
            .map(|c| CorrectionInfo {
                kind: &c.kind,
                note: &c.note,
                created_at: c.created_at.rfc3339(),
                old_rating: c.old_rating.as_deref(),
                new_rating: c.new_rating.as_deref(),
            })
            .collect(),
        imported_from: fc.imported_from.as_deref(),
    }
}
