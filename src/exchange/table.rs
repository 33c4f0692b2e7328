//! The CSV export: one row per fact-check with the main columns. A list is a JSON array in
//! its cell, so items holding commas or semicolons come back as they were; the ratings'
//! values are a number column. Every cell is made safe to open in a spreadsheet (see
//! `neutralized`).

use crate::config::Site;
use crate::db::exchange::ExportedFactCheck;

pub const HEADER: [&str; 22] = [
    "slug",
    "url",
    "status",
    "headline",
    "rating",
    "rating_label",
    "rating_value",
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
    "language",
];

/// What makes Excel, LibreOffice and Google Sheets read a cell as a formula (or, for tab and
/// carriage return, hide one after them), per OWASP's "CSV Injection" advice.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as text a spreadsheet shows rather than runs: one that would start a formula
/// gets a leading `'`, as OWASP recommends. Fact-checks quote what others wrote, so an
/// attacker's `=HYPERLINK(…)` as a source title is ordinary data here.
pub fn neutralized(cell: &str) -> String {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

pub fn row(fc: &ExportedFactCheck, site: &Site) -> [String; 22] {
    let page = &fc.page;
    // A JSON array starts with `[`, which no spreadsheet runs, so its items stay exact.
    let join = |items: Vec<Option<&str>>| serde_json::to_string(&items).unwrap_or_default();
    let all = |items: Vec<&str>| join(items.into_iter().map(Some).collect());
    [
        page.slug.clone(),
        site.url(&format!("/fact-checks/{}", page.slug)),
        page.status.as_str().to_owned(),
        page.headline.clone(),
        page.rating.slug.clone(),
        page.rating.label.clone(),
        page.rating.value.map(|v| v.to_string()).unwrap_or_default(),
        page.claim.text.clone(),
        page.claim.claimant.clone(),
        page.claim.claimant_kind.as_str().to_owned(),
        page.claim.claimant_url.clone().unwrap_or_default(),
        page.claim
            .date
            .map(|d| d.iso().to_string())
            .unwrap_or_default(),
        page.summary.clone(),
        all(page.tags.iter().map(String::as_str).collect()),
        all(page
            .claim
            .appearances
            .iter()
            .map(|a| a.url.as_str())
            .collect()),
        all(page.sources.iter().map(|s| s.title.as_str()).collect()),
        // Beside the titles item for item: null for a source cited without a link.
        join(page.sources.iter().map(|s| s.url.as_deref()).collect()),
        page.published_at.rfc3339(),
        page.updated_at.rfc3339(),
        page.corrections.len().to_string(),
        fc.imported_from.clone().unwrap_or_default(),
        page.language.to_string(),
    ]
    .map(|cell| neutralized(&cell))
}

#[cfg(test)]
mod tests {
    use super::neutralized;

    #[test]
    fn cells_that_would_start_a_formula_become_text() {
        for lead in ['=', '+', '-', '@', '\t', '\r'] {
            let cell = format!("{lead}HYPERLINK(\"https://evil.example/\",\"x\")");
            assert_eq!(neutralized(&cell), format!("'{cell}"), "{lead:?}");
        }
        for safe in ["", "Moon landing", "2024-03-01", "a=b", " =1", "'quoted"] {
            assert_eq!(neutralized(safe), safe);
        }
    }
}
