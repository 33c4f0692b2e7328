//! The shapes the API answers with, built from the read models. Appearances, sources and
//! ratings are serialized by the domain types the JSON export uses too.

use crate::domain::media::ShownImage;
use crate::domain::{Appearance, Day, FactCheckCard, FactCheckPage, RatingRef, Source};
use crate::state::AppState;
use serde::Serialize;

#[derive(Serialize)]
struct ClaimantRef<'a> {
    name: &'a str,
    slug: &'a str,
}

#[derive(Serialize)]
pub(super) struct Item<'a> {
    slug: &'a str,
    url: String,
    headline: &'a str,
    claim: &'a str,
    claimant: ClaimantRef<'a>,
    rating: RatingRef<'a>,
    summary: &'a str,
    tags: &'a [String],
    published_at: String,
    updated_at: String,
    image: Option<ImageView<'a>>,
}

/// A featured image: its largest JPEG or PNG, absolute, and the size that keeps its shape.
#[derive(Serialize)]
struct ImageView<'a> {
    url: String,
    alt: &'a str,
    width: u32,
    height: u32,
}

fn image_view<'a>(state: &AppState, image: Option<&'a ShownImage>) -> Option<ImageView<'a>> {
    image.map(|i| ImageView {
        url: state.site.url(&i.largest_url),
        alt: &i.alt,
        width: i.width,
        height: i.height,
    })
}

#[derive(Serialize)]
pub(super) struct ListPage<'a> {
    pub data: Vec<Item<'a>>,
    /// The page number; null on a page read from a `before` cursor.
    pub page: Option<usize>,
    /// The next page's address, or null on the last page.
    pub next: Option<String>,
}

pub(super) fn item<'a>(state: &AppState, card: &'a FactCheckCard) -> Item<'a> {
    Item {
        slug: &card.slug,
        url: state.site.url(&format!("/fact-checks/{}", card.slug)),
        headline: &card.headline,
        claim: &card.claim_text,
        claimant: ClaimantRef {
            name: &card.claimant,
            slug: &card.claimant_slug,
        },
        rating: RatingRef::from(&card.rating),
        summary: &card.summary,
        tags: &card.tags,
        published_at: card.published_at.rfc3339(),
        updated_at: card.updated_at.rfc3339(),
        image: image_view(state, card.featured_image.as_ref()),
    }
}

#[derive(Serialize)]
pub(super) struct Detail<'a> {
    slug: &'a str,
    url: String,
    /// "published", or "retracted" with `retraction`.
    status: &'a str,
    headline: &'a str,
    claim: ClaimView<'a>,
    rating: RatingRef<'a>,
    summary: &'a str,
    /// "Key points" shown above the explanation; empty when there are none.
    key_points: &'a [String],
    /// The explanation as sanitized HTML.
    explanation_html: &'a str,
    sources: &'a [Source],
    tags: &'a [String],
    author: &'a str,
    /// The author's page.
    author_url: String,
    published_at: String,
    updated_at: String,
    corrections: Vec<CorrectionView<'a>>,
    retraction: Option<RetractionView<'a>>,
    image: Option<ImageView<'a>>,
}

#[derive(Serialize)]
struct ClaimView<'a> {
    text: &'a str,
    claimant: ClaimantView<'a>,
    /// YYYY-MM-DD, or null when unknown.
    date: Option<Day>,
    appearances: &'a [Appearance],
}

#[derive(Serialize)]
struct ClaimantView<'a> {
    name: &'a str,
    slug: &'a str,
    /// "person" or "organization".
    kind: &'static str,
    same_as: Option<&'a str>,
}

#[derive(Serialize)]
struct CorrectionView<'a> {
    /// "correction" or "update".
    kind: &'a str,
    note: &'a str,
    at: String,
    rating_before: Option<&'a str>,
    rating_after: Option<&'a str>,
}

#[derive(Serialize)]
struct RetractionView<'a> {
    note: &'a str,
    at: Option<String>,
}

pub(super) fn detail<'a>(state: &AppState, fc: &'a FactCheckPage) -> Detail<'a> {
    Detail {
        slug: &fc.slug,
        url: state.site.url(&format!("/fact-checks/{}", fc.slug)),
        status: fc.status.as_str(),
        headline: &fc.headline,
        claim: ClaimView {
            text: &fc.claim.text,
            claimant: ClaimantView {
                name: &fc.claim.claimant,
                slug: &fc.claim.claimant_slug,
                kind: fc.claim.claimant_kind.as_str(),
                same_as: fc.claim.claimant_url.as_deref(),
            },
            date: fc.claim.date,
            appearances: &fc.claim.appearances,
        },
        rating: RatingRef::from(&fc.rating),
        summary: &fc.summary,
        key_points: &fc.key_points,
        explanation_html: &fc.body_html,
        sources: &fc.sources,
        tags: &fc.tags,
        author: &fc.author,
        author_url: state.site.url(&format!("/authors/{}", fc.author_slug)),
        published_at: fc.published_at.rfc3339(),
        updated_at: fc.updated_at.rfc3339(),
        corrections: fc
            .corrections
            .iter()
            .map(|c| CorrectionView {
                kind: &c.kind,
                note: &c.note,
                at: c.created_at.rfc3339(),
                rating_before: c.old_rating.as_deref(),
                rating_after: c.new_rating.as_deref(),
            })
            .collect(),
        retraction: fc.retraction_note.as_deref().map(|note| RetractionView {
            note,
            at: fc.retracted_at.map(|m| m.rfc3339()),
        }),
        image: image_view(state, fc.featured_image.as_ref()),
    }
}
