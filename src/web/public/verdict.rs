//! A fact-check's own page, kept rendered between changes (see `web::kept`), and the
//! same page made for its preview.

use crate::config::Site;
use crate::db::{fact_checks, snapshots};
use crate::domain::cited::{self, Arranged, Compared};
use crate::domain::{FactCheckPage, Ui};
use crate::error::{AppError, AppResult, render_in};
use crate::exchange::claim_review;
use crate::state::AppState;
use crate::web::PathText;
use crate::web::meta::Meta;
use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use rusqlite::Connection;

#[derive(Template)]
#[template(path = "public/fact_check.html")]
struct VerdictPage {
    meta: Meta,
    fc: FactCheckPage,
    /// The sources by story: which ran the same text, and how many are independent.
    sources: Arranged,
    /// ClaimReview JSON-LD; absent for a retracted fact-check, whose verdict no longer stands.
    claim_review: Option<String>,
    /// Shown to its editors before it is out: says so above the page.
    preview: bool,
    /// The absolute address of the author's page, for `article:author`.
    author_url: String,
    /// The page's translations as (language, absolute address): its `hreflang` alternates.
    alternates: Vec<(String, String)>,
    /// The page's fixed text, in the fact-check's language.
    ui: Ui,
}

/// Related fact-checks shown after the sources.
const RELATED: usize = 3;

/// Who a verdict page is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Showing {
    /// Readers at the page's address: listed by search engines, with its ClaimReview.
    Readers,
    /// Its editors, before what they typed is out: the same page under a banner, kept out
    /// of search engines, and with no ClaimReview a crawler could take for a verdict.
    Preview,
}

pub async fn fact_check(
    State(state): State<AppState>,
    PathText(slug): PathText,
) -> AppResult<Response> {
    let found = state.db.read(|conn| {
        let Some(mut fc) = fact_checks::published_page(conn, &slug)? else {
            return Ok(Err(
                fact_checks::moved_to(conn, &slug)?.ok_or(AppError::NotFound)?
            ));
        };
        let texts = compared_texts(conn, &fc)?;
        if fc.status.is_published() {
            fc.related = crate::db::related::related(conn, fc.id, RELATED)?;
        }
        Ok(Ok((fc, texts)))
    })?;
    let (fc, texts) = match found {
        Ok(found) => found,
        // An address it had before readers were given the new one (feeds, other sites).
        Err(moved) => {
            return Ok(crate::web::moved_permanently(&format!(
                "/fact-checks/{moved}"
            )));
        }
    };
    Ok(Html(verdict_html(
        &state.site,
        &state.ui(),
        fc,
        &texts,
        Showing::Readers,
    )?)
    .into_response())
}

/// The captured texts of `fc`'s sources, for telling which ran the same story.
pub fn compared_texts(conn: &Connection, fc: &FactCheckPage) -> AppResult<Vec<Option<Compared>>> {
    // A page none of whose sources has a copy has nothing to compare; skipping the
    // texts' statement saves 3–4% of such a render (bench/NOTES.md, issue 12).
    if fc.sources.iter().any(|s| s.kept.copy.is_some()) {
        snapshots::compared_sources(conn, fc.id)
    } else {
        Ok(vec![None; fc.sources.len()])
    }
}

/// The verdict page of `fc`: the one place its HTML is made, for readers and previews alike,
/// so that a preview is the page readers will get.
pub fn verdict_html(
    site: &Site,
    site_ui: &Ui,
    fc: FactCheckPage,
    texts: &[Option<Compared>],
    showing: Showing,
) -> AppResult<String> {
    // Read by a second statement: should the sources have changed in between, the list
    // is shown as saved, without the comparison, rather than mismatched.
    let sources = if texts.len() == fc.sources.len() {
        cited::arrange(texts)
    } else {
        cited::arrange(&vec![None; fc.sources.len()])
    };
    let preview = showing == Showing::Preview;
    let claim_review =
        (fc.status.is_published() && !preview).then(|| claim_review::json_ld(&fc, site));
    // In the fact-check's own language, as its page is.
    let ui = site_ui.in_language(&fc.language);
    let description = match &fc.retraction_note {
        Some(note) if !fc.status.is_published() => {
            format!("{} {note}", ui.t("retracted-description"))
        }
        _ => format!(
            "{} {}. {}",
            ui.t("rating"),
            ui.rating_label(&fc.rating),
            fc.summary
        ),
    };
    let mut meta = Meta::page(
        site,
        format!("{} {}", ui.t("fact-check"), fc.headline),
        &description,
        &format!("/fact-checks/{}", fc.slug),
    )
    .article();
    if preview {
        meta = meta.not_indexed();
    }
    meta = crate::web::cards::verdict_meta(meta, site, &ui, &fc, preview);
    let author_url = site.url(&format!("/authors/{}", fc.author_slug));
    // The page itself too, as the hreflang rules ask, when it has translations at all.
    let alternates = if fc.translations.is_empty() {
        Vec::new()
    } else {
        std::iter::once((fc.language.to_string(), meta.canonical.clone()))
            .chain(fc.translations.iter().map(|t| {
                (
                    t.language.to_string(),
                    site.url(&format!("/fact-checks/{}", t.slug)),
                )
            }))
            .collect()
    };
    let page = VerdictPage {
        meta,
        fc,
        sources,
        claim_review,
        preview,
        author_url,
        alternates,
        ui,
    };
    let Html(html) = render_in(&page, &page.ui)?;
    Ok(html)
}
