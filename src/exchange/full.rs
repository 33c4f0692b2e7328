//! Our own export format: every field of every public fact-check, as JSON.

use crate::config::Site;
use crate::db::exchange::ExportedFactCheck;
use crate::domain::{Day, Moment};
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
    pub headline: &'a str,
    pub rating: RatingInfo<'a>,
    pub summary: &'a str,
    pub body_markdown: &'a str,
    pub tags: &'a [String],
    pub claim: ClaimInfo<'a>,
    pub sources: Vec<SourceInfo<'a>>,
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
pub struct RatingInfo<'a> {
    pub slug: &'a str,
    pub label: &'a str,
    pub value: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct ClaimInfo<'a> {
    pub text: &'a str,
    pub date: Option<String>,
    pub claimant: ClaimantInfo<'a>,
    pub appearances: Vec<AppearanceInfo<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ClaimantInfo<'a> {
    pub name: &'a str,
    pub kind: &'static str,
    pub url: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct AppearanceInfo<'a> {
    pub url: &'a str,
    pub platform: &'a str,
    pub date: Option<String>,
    pub reach: Option<&'a str>,
    pub archived_url: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct SourceInfo<'a> {
    pub outlet: &'a str,
    pub title: &'a str,
    pub authors: Option<&'a str>,
    pub date: Option<String>,
    pub url: Option<&'a str>,
    pub archived_url: Option<&'a str>,
    pub note: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct CorrectionInfo<'a> {
    pub kind: &'a str,
    pub note: &'a str,
    pub created_at: String,
    pub old_rating: Option<&'a str>,
    pub new_rating: Option<&'a str>,
}

fn iso(day: Option<Day>) -> Option<String> {
    day.map(|d| d.iso().to_string())
}

pub fn fact_check<'a>(fc: &'a ExportedFactCheck, site: &Site) -> FactCheck<'a> {
    let page = &fc.page;
    FactCheck {
        slug: &page.slug,
        url: site.url(&format!("/fact-checks/{}", page.slug)),
        status: page.status.as_str(),
        headline: &page.headline,
        rating: RatingInfo {
            slug: &page.rating.slug,
            label: &page.rating.label,
            value: page.rating.value,
        },
        summary: &page.summary,
        body_markdown: &fc.body_markdown,
        tags: &page.tags,
        claim: ClaimInfo {
            text: &page.claim.text,
            date: iso(page.claim.date),
            claimant: ClaimantInfo {
                name: &page.claim.claimant,
                kind: page.claim.claimant_kind.as_str(),
                url: page.claim.claimant_url.as_deref(),
            },
            appearances: page
                .claim
                .appearances
                .iter()
                .map(|a| AppearanceInfo {
                    url: &a.url,
                    platform: &a.platform,
                    date: iso(a.date),
                    reach: a.reach.as_deref(),
                    archived_url: a.archived_url.as_deref(),
                })
                .collect(),
        },
        sources: page
            .sources
            .iter()
            .map(|s| SourceInfo {
                outlet: &s.outlet,
                title: &s.title,
                authors: s.authors.as_deref(),
                date: iso(s.date),
                url: s.url.as_deref(),
                archived_url: s.archived_url.as_deref(),
                note: s.note.as_deref(),
            })
            .collect(),
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
