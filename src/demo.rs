//! Demo data, compiled into the binary: fact-checks modelled on the seed articles, loaded
//! into a new database through the same validation and save path editors use.

mod copies;
mod images;

use crate::db::users::SeedAccount;
use crate::db::{Db, fact_checks};
use crate::domain::{
    AppearanceInput, ChangeKind, FactCheckDraft, FactCheckInput, Moment, SourceInput,
};
use crate::error::AppError;
use serde::Deserialize;

const FACT_CHECKS: &str = include_str!("demo/fact_checks.json");

pub const DEMO_EMAIL: &str = "editor@factdesk.example";

#[derive(Deserialize)]
struct DemoFactCheck {
    slug: String,
    headline: String,
    status: String,
    rating: String,
    summary: String,
    body: String,
    tags: Vec<String>,
    created_at: Moment,
    published_at: Option<Moment>,
    updated_at: Moment,
    claim: DemoClaim,
    sources: Vec<SourceInput>,
    #[serde(default)]
    key_points: Vec<String>,
    #[serde(default)]
    corrections: Vec<DemoCorrection>,
    /// A BCP 47 tag; absent for English.
    #[serde(default)]
    language: String,
    /// The slug of the demo fact-check this one translates.
    #[serde(default)]
    translation_of: String,
}

/// A correction or update the demo fact-check already carries, as if made after publication.
#[derive(Deserialize)]
struct DemoCorrection {
    kind: String,
    note: String,
    at: Moment,
    /// The rating before the correction, when it changed the rating.
    from_rating: Option<String>,
}

#[derive(Deserialize)]
struct DemoClaim {
    text: String,
    claimant: String,
    /// "person" or "organization"; a person when absent.
    #[serde(default)]
    claimant_kind: String,
    #[serde(default)]
    claimant_url: String,
    date: Option<String>,
    appearances: Vec<AppearanceInput>,
}

impl DemoFactCheck {
    /// The fact-check as an editor would type it, with the pictures `placed` for it.
    fn input(self, placed: &images::Placed) -> FactCheckInput {
        let slug = self.slug.clone();
        let mut appearances = self.claim.appearances;
        for (index, appearance) in appearances.iter_mut().enumerate() {
            // A translation shows the pictures of the fact-check it translates.
            let screenshot = placed
                .screenshot(&slug, index)
                .or_else(|| placed.screenshot(&self.translation_of, index));
            if let Some((image, sensitive)) = screenshot {
                appearance.image = image.to_string();
                appearance.sensitive = sensitive;
            }
        }
        FactCheckInput {
            headline: self.headline,
            slug: self.slug,
            rating: self.rating,
            summary: self.summary,
            body: self.body,
            key_points: self.key_points.join("\n"),
            tags: self.tags.join(", "),
            claim_text: self.claim.text,
            claimant: self.claim.claimant,
            claimant_url: self.claim.claimant_url,
            claimant_kind: self.claim.claimant_kind,
            claim_date: self.claim.date.unwrap_or_default(),
            featured_image: placed
                .featured(&slug)
                .or_else(|| placed.featured(&self.translation_of))
                .map(|id| id.to_string())
                .unwrap_or_default(),
            appearances,
            sources: self.sources,
            language: self.language,
            translation_of: self.translation_of,
        }
    }
}

/// The demo editor's sign-in, to be shown once.
pub struct DemoEditor {
    pub email: &'static str,
    pub password: String,
}

/// Creates the demo editor and the demo fact-checks, all in one transaction.
pub fn load(db: &Db) -> Result<DemoEditor, AppError> {
    let entries: Vec<DemoFactCheck> = serde_json::from_str(FACT_CHECKS)
        .map_err(|e| AppError::Internal(format!("demo data is malformed: {e}")))?;
    let editor = SeedAccount::new(DEMO_EMAIL, "Demo Editor", "demo editor")?;

    db.write_blocking(|tx| {
        let author = editor.create(tx)?;
        let first = entries.iter().map(|e| e.created_at).min();
        let placed = images::store(tx, author, first.unwrap_or_else(Moment::now))?;
        for mut entry in entries {
            let (slug, status) = (entry.slug.clone(), entry.status.clone());
            let corrections = std::mem::take(&mut entry.corrections);
            let times = (entry.created_at, entry.updated_at, entry.published_at);
            let input = entry.input(&placed);
            let draft = FactCheckDraft::try_from(&input).map_err(|errors| {
                AppError::Internal(format!("demo fact-check {slug} is invalid: {errors:?}"))
            })?;
            let id = fact_checks::create(tx, &draft, author, times.0)?;
            let published_at = if status == "published" {
                times.2.or(Some(times.0))
            } else {
                None
            };
            fact_checks::backdate(tx, id, times.0, times.1, published_at)?;
            for c in corrections {
                let kind = ChangeKind::from_stored(&c.kind).ok_or_else(|| {
                    AppError::Internal(format!(
                        "demo fact-check {slug} has a correction of kind {:?}",
                        c.kind
                    ))
                })?;
                let rating_change = c
                    .from_rating
                    .as_deref()
                    .map(|from| (from, draft.rating_slug.as_str()));
                fact_checks::add_correction(tx, id, kind, &c.note, rating_change, author, c.at)?;
            }
        }
        copies::load(tx)
    })?;
    Ok(DemoEditor {
        email: DEMO_EMAIL,
        password: editor.password,
    })
}
