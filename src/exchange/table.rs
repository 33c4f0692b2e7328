//! The CSV export: one row per fact-check with the main columns, lists joined with "; ".

use crate::app::Site;
use crate::db::exchange::ExportedFactCheck;

pub const HEADER: [&str; 20] = [
    "slug",
    "url",
    "status",
    "headline",
    "rating",
    "rating_label",
    "claim",
    "claimant",
    "claimant_kind",
    "claimant_url",
    "claim_date",
    "summary",
    "tags",
    "appearance_urls",
    "source_titles",
    "source_urls",
    "published_at",
    "updated_at",
    "corrections",
    "imported_from",
];

const LIST_SEPARATOR: &str = "; ";

pub fn row(fc: &ExportedFactCheck, site: &Site) -> [String; 20] {
    let page = &fc.page;
    let join = |items: Vec<&str>| items.join(LIST_SEPARATOR);
    [
        page.slug.clone(),
        site.url(&format!("/fact-checks/{}", page.slug)),
        page.status.as_str().to_owned(),
        page.headline.clone(),
        page.rating.slug.clone(),
        page.rating.label.clone(),
        page.claim.text.clone(),
        page.claim.claimant.clone(),
        page.claim.claimant_kind.as_str().to_owned(),
        page.claim.claimant_url.clone().unwrap_or_default(),
        page.claim
            .date
            .map(|d| d.iso().to_string())
            .unwrap_or_default(),
        page.summary.clone(),
        join(page.tags.iter().map(String::as_str).collect()),
        join(
            page.claim
                .appearances
                .iter()
                .map(|a| a.url.as_str())
                .collect(),
        ),
        join(page.sources.iter().map(|s| s.title.as_str()).collect()),
        join(
            page.sources
                .iter()
                .filter_map(|s| s.url.as_deref())
                .collect(),
        ),
        page.published_at.rfc3339(),
        page.updated_at.rfc3339(),
        page.corrections.len().to_string(),
        fc.imported_from.clone().unwrap_or_default(),
    ]
}
