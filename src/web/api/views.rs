//! The shapes the API answers with, built from the read models. A list's item is the
//! detail less its long parts: every field the two share has the same name and shape. The
//! derived schemas are the OpenAPI document's (see `openapi`), so the two cannot drift.

use crate::domain::media::ShownImage;
use crate::domain::{Appearance, Day, FactCheckCard, FactCheckPage, Rating, Source};
use crate::state::AppState;
use serde::Serialize;
use utoipa::ToSchema;

/// A rating of the scale: `value` runs from 1 (worst) to 5 (best), null off the scale.
#[derive(Serialize, ToSchema)]
pub(super) struct RatingView<'a> {
    slug: &'a str,
    label: &'a str,
    value: Option<i64>,
}

impl<'a> From<&'a Rating> for RatingView<'a> {
    fn from(r: &'a Rating) -> Self {
        RatingView {
            slug: &r.slug,
            label: &r.label,
            value: r.value,
        }
    }
}

/// Who made the claim: `kind` is "person" or "organization"; `same_as` a page that
/// identifies them, or null.
#[derive(Serialize, ToSchema)]
pub(super) struct ClaimantView<'a> {
    name: &'a str,
    slug: &'a str,
    #[schema(value_type = String)]
    kind: &'static str,
    same_as: Option<&'a str>,
}

/// The claim as a list shows it.
#[derive(Serialize, ToSchema)]
pub(super) struct ClaimBrief<'a> {
    text: &'a str,
    claimant: ClaimantView<'a>,
    /// When the claim was made (YYYY-MM-DD), or null when unknown.
    #[schema(value_type = Option<String>, format = Date)]
    date: Option<Day>,
}

/// The claim in full: as in lists, with where it appeared.
#[derive(Serialize, ToSchema)]
pub(super) struct ClaimView<'a> {
    text: &'a str,
    claimant: ClaimantView<'a>,
    #[schema(value_type = Option<String>, format = Date)]
    date: Option<Day>,
    appearances: Vec<AppearanceView<'a>>,
}

/// A place the claim appeared.
#[derive(Serialize, ToSchema)]
struct AppearanceView<'a> {
    url: &'a str,
    platform: &'a str,
    #[schema(value_type = Option<String>, format = Date)]
    date: Option<Day>,
    /// How far it spread, in the editor's words ("about 1.2 million views").
    reach: Option<&'a str>,
    archived_url: Option<&'a str>,
}

/// A cited source, in the order the explanation cites them.
#[derive(Serialize, ToSchema)]
struct SourceView<'a> {
    outlet: &'a str,
    title: &'a str,
    /// Each author's name, as the byline gives them; empty when there is no byline.
    authors: Vec<&'a str>,
    #[schema(value_type = Option<String>, format = Date)]
    date: Option<Day>,
    url: Option<&'a str>,
    archived_url: Option<&'a str>,
    note: Option<&'a str>,
}

/// A featured image: its largest JPEG or PNG, absolute, and the size that keeps its shape.
#[derive(Serialize, ToSchema)]
pub(super) struct ImageView<'a> {
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

fn appearance(a: &Appearance) -> AppearanceView<'_> {
    AppearanceView {
        url: &a.url,
        platform: &a.platform,
        date: a.date,
        reach: a.reach.as_deref(),
        archived_url: a.archived_url.as_deref(),
    }
}

fn source(s: &Source) -> SourceView<'_> {
    SourceView {
        outlet: &s.outlet,
        title: &s.title,
        authors: s.author_names(),
        date: s.date,
        url: s.url.as_deref(),
        archived_url: s.archived_url.as_deref(),
        note: s.note.as_deref(),
    }
}

/// A published fact-check in a list.
#[derive(Serialize, ToSchema)]
pub(super) struct Item<'a> {
    /// Stable for the fact-check's life, unlike its slug (which an editor may change).
    id: i64,
    slug: &'a str,
    url: String,
    /// "published" (lists carry live ones only).
    #[schema(value_type = String)]
    status: &'static str,
    /// The language it is written in: a BCP 47 tag ("en", "es", "ar").
    language: &'a str,
    headline: &'a str,
    claim: ClaimBrief<'a>,
    rating: RatingView<'a>,
    summary: &'a str,
    tags: &'a [String],
    published_at: String,
    updated_at: String,
    image: Option<ImageView<'a>>,
}

pub(super) fn item<'a>(state: &AppState, card: &'a FactCheckCard) -> Item<'a> {
    Item {
        id: card.id.0,
        slug: &card.slug,
        url: state.site.url(&format!("/fact-checks/{}", card.slug)),
        status: "published",
        language: card.language.as_str(),
        headline: &card.headline,
        claim: ClaimBrief {
            text: &card.claim_text,
            claimant: ClaimantView {
                name: &card.claimant,
                slug: &card.claimant_slug,
                kind: card.claimant_kind.as_str(),
                same_as: card.claimant_url.as_deref(),
            },
            date: card.claim_date,
        },
        rating: RatingView::from(&card.rating),
        summary: &card.summary,
        tags: &card.tags,
        published_at: card.published_at.rfc3339(),
        updated_at: card.updated_at.rfc3339(),
        image: image_view(state, card.featured_image.as_ref()),
    }
}

/// A fact-check in full: everything its verdict page shows.
#[derive(Serialize, ToSchema)]
pub(super) struct Detail<'a> {
    id: i64,
    slug: &'a str,
    url: String,
    /// "published", or "retracted" with `retraction`.
    #[schema(value_type = String)]
    status: &'a str,
    /// A BCP 47 tag.
    language: &'a str,
    /// The same fact-check in other languages readers can see.
    translations: Vec<TranslationView<'a>>,
    headline: &'a str,
    claim: ClaimView<'a>,
    rating: RatingView<'a>,
    summary: &'a str,
    /// "Key points" shown above the explanation; empty when there are none.
    key_points: &'a [String],
    /// The explanation as sanitized HTML.
    explanation_html: &'a str,
    sources: Vec<SourceView<'a>>,
    tags: &'a [String],
    author: &'a str,
    /// The author's page.
    author_url: String,
    published_at: String,
    updated_at: String,
    corrections: Vec<CorrectionView<'a>>,
    retraction: Option<RetractionView<'a>>,
    image: Option<ImageView<'a>>,
    /// For a fact-check imported from another publisher: their own verdict; else null.
    publisher_verdict: Option<PublisherView<'a>>,
}

/// Another publisher's verdict, in their words, with where they published it.
#[derive(Serialize, ToSchema)]
struct PublisherView<'a> {
    /// Their rating as they wrote it; `rating` is it on our scale ("not-rated" when it
    /// matches none of ours).
    rating: Option<&'a str>,
    name: Option<&'a str>,
    url: Option<&'a str>,
    /// The original review.
    review_url: &'a str,
}

/// A translation of a fact-check.
#[derive(Serialize, ToSchema)]
struct TranslationView<'a> {
    language: &'a str,
    slug: &'a str,
    url: String,
    headline: &'a str,
}

/// A public correction or update, oldest first.
#[derive(Serialize, ToSchema)]
struct CorrectionView<'a> {
    /// "correction" or "update".
    kind: &'a str,
    note: &'a str,
    at: String,
    /// The rating before this change, when it moved the rating; else null.
    rating_before: Option<RatingView<'a>>,
    rating_after: Option<RatingView<'a>>,
}

/// Why and when a fact-check was retracted.
#[derive(Serialize, ToSchema)]
struct RetractionView<'a> {
    note: &'a str,
    at: Option<String>,
}

fn rating_of<'a>(
    slug: &'a Option<String>,
    label: &'a Option<String>,
    value: Option<i64>,
) -> Option<RatingView<'a>> {
    Some(RatingView {
        slug: slug.as_deref()?,
        label: label.as_deref()?,
        value,
    })
}

pub(super) fn detail<'a>(state: &AppState, fc: &'a FactCheckPage) -> Detail<'a> {
    Detail {
        id: fc.id.0,
        slug: &fc.slug,
        url: state.site.url(&format!("/fact-checks/{}", fc.slug)),
        status: fc.status.as_str(),
        language: fc.language.as_str(),
        translations: fc
            .translations
            .iter()
            .map(|t| TranslationView {
                language: t.language.as_str(),
                slug: &t.slug,
                url: state.site.url(&format!("/fact-checks/{}", t.slug)),
                headline: &t.headline,
            })
            .collect(),
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
            appearances: fc.claim.appearances.iter().map(appearance).collect(),
        },
        rating: RatingView::from(&fc.rating),
        summary: &fc.summary,
        key_points: &fc.key_points,
        explanation_html: &fc.body_html,
        sources: fc.sources.iter().map(source).collect(),
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
                rating_before: rating_of(&c.old_rating_slug, &c.old_rating, c.old_rating_value),
                rating_after: rating_of(&c.new_rating_slug, &c.new_rating, c.new_rating_value),
            })
            .collect(),
        retraction: fc.retraction_note.as_deref().map(|note| RetractionView {
            note,
            at: fc.retracted_at.map(|m| m.rfc3339()),
        }),
        image: image_view(state, fc.featured_image.as_ref()),
        publisher_verdict: fc.publisher.as_ref().map(|(v, review_url)| PublisherView {
            rating: v.rating.as_deref(),
            name: v.name.as_deref(),
            url: v.url.as_deref(),
            review_url,
        }),
    }
}
