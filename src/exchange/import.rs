//! `factdesk import`: each ClaimReview record is read, validated as the editor's form is,
//! and saved in its own transaction, so one bad record costs only itself.

use super::Progress;
use super::rating::Scale;
use super::review::{self, Review};
use super::stream::{self, Record};
use crate::db::{Db, audit, claimants, exchange, fact_checks, ratings};
use crate::domain::{
    AuditAction, ChangeKind, ChangeMark, FactCheckDraft, Moment, ProposalDecision, SignedIn, Status,
};
use crate::error::AppError;
use std::io::Read;

/// What happened to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    New,
    Updated,
    /// Imported before and nothing differs: nothing was written.
    Unchanged,
}

/// The counts of a whole import.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub failed: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} imported ({} new, {} updated, {} unchanged), {} failed",
            self.new + self.updated + self.unchanged,
            self.new,
            self.updated,
            self.unchanged,
            self.failed
        )
    }
}

/// Imports every record of `input` (UTF-8 JSON, a byte-order mark allowed), each as soon as
/// it has been read, so memory stays bounded whatever the file's size (see `stream`). A
/// file that is not JSON is an error, which says what the records before the break did; a
/// bad record is passed to `failed(position, reason)` (positions from 1) and the others
/// still import.
pub fn run(
    db: &Db,
    input: impl Read,
    author: &SignedIn,
    progress: &mut Progress,
    mut failed: impl FnMut(usize, &str),
) -> Result<Summary, String> {
    let scale = Scale::new(
        db.read(ratings::all)
            .map_err(|e| format!("cannot read the rating scale: {e}"))?,
    );
    let mut summary = Summary::default();
    let mut position = 0;
    let read = stream::records(without_bom(input), |record| {
        position += 1;
        match import_one(db, &record, &scale, author) {
            Ok(Outcome::New) => summary.new += 1,
            Ok(Outcome::Updated) => summary.updated += 1,
            Ok(Outcome::Unchanged) => summary.unchanged += 1,
            Err(reason) => {
                summary.failed += 1;
                progress.finish();
                failed(position, &reason);
            }
        }
        progress.count(position);
    });
    progress.finish();
    match read {
        Err(e) if position == 0 => Err(format!("not JSON: {e}")),
        Err(e) => Err(format!(
            "not JSON: {e}; the {position} records before that point were read: {summary}"
        )),
        Ok(0) => Err("no ClaimReview records found".to_owned()),
        Ok(_) => Ok(summary),
    }
}

/// The input with a leading UTF-8 byte-order mark (which some editors write) passed over.
fn without_bom(input: impl Read) -> impl Read {
    let mut input = std::io::BufReader::with_capacity(64 * 1024, input);
    if let Ok(start) = std::io::BufRead::fill_buf(&mut input)
        && start.starts_with(b"\xef\xbb\xbf")
    {
        std::io::BufRead::consume(&mut input, 3);
    }
    input
}

fn import_one(
    db: &Db,
    record: &Record,
    scale: &Scale,
    author: &SignedIn,
) -> Result<Outcome, String> {
    let review = review::read(record, scale)?;
    let draft = FactCheckDraft::try_from(&review.input).map_err(|e| e.by_row().to_string())?;
    db.write_blocking(|tx| save(tx, &review, draft, author, Moment::now()))
        .map_err(|e| match e {
            AppError::Invalid(errors) => errors.by_row().to_string(),
            other => other.to_string(),
        })
}

/// Tags compare without regard to order (the store keeps them alphabetically).
fn same_content(stored: &FactCheckDraft, new: &FactCheckDraft) -> bool {
    let sorted = |d: &FactCheckDraft| {
        let mut d = d.clone();
        d.tags.sort_by_key(|t| t.as_str().to_lowercase());
        d
    };
    sorted(stored) == sorted(new)
}

fn save(
    tx: &rusqlite::Transaction<'_>,
    review: &Review,
    mut draft: FactCheckDraft,
    author: &SignedIn,
    now: Moment,
) -> Result<Outcome, AppError> {
    let existing = exchange::imported(tx, &review.url)?;
    // The address's slug when it is free; otherwise the one on file, or one from the headline.
    if let Some(slug) = &draft.slug
        && !exchange::slug_free(tx, slug, existing)?
    {
        draft.slug = None;
    }
    let (id, outcome) = match existing {
        None => {
            let published_at = review.published_at.unwrap_or(now);
            let updated_at = review.updated_at.unwrap_or(published_at).max(published_at);
            let id = fact_checks::create(tx, &draft, author.user_id, now)?;
            exchange::mark_imported(tx, id, &review.url, published_at, updated_at)?;
            (id, Outcome::New)
        }
        Some(id) => {
            let stored = fact_checks::editable(tx, id)?.ok_or(AppError::NotFound)?;
            // Compared with the claimant's link and kind as stored (the form leaves them out).
            let mut stored_input = stored.input.clone();
            stored_input.claimant_url = stored.claimant_url_on_file.clone().unwrap_or_default();
            stored_input.claimant_kind = stored.claimant_kind_on_file.as_str().to_owned();
            let stored_draft = FactCheckDraft::try_from(&stored_input).map_err(|e| {
                AppError::Internal(format!("stored fact-check {id} no longer validates: {e:?}"))
            })?;
            if draft.slug.is_none() {
                draft.slug = stored_draft.slug.clone();
            }
            // Absent in the record means "as on file", as in the editor's form.
            draft.claim.claimant_url = draft
                .claim
                .claimant_url
                .or(stored_draft.claim.claimant_url.clone());
            draft.claim.claimant_kind = draft
                .claim
                .claimant_kind
                .or(stored_draft.claim.claimant_kind);
            // A record names no translation, and may name no language: both as on file.
            draft.language = draft.language.or(stored_draft.language.clone());
            draft.translation_of = stored_draft.translation_of.clone();
            let (stored_published, stored_updated, status) = exchange::times(tx, id)?;
            let published_at = review.published_at.or(stored_published).unwrap_or(now);
            let same_times = stored_published == Some(published_at)
                && review.updated_at.is_none_or(|at| at == stored_updated);
            let live = matches!(status, Status::Published | Status::Retracted);
            if same_content(&stored_draft, &draft) && same_times && live {
                (id, Outcome::Unchanged)
            } else {
                let mark = if draft.rating_slug != stored_draft.rating_slug {
                    // Readers are told when a verdict moves, as when an editor changes it.
                    ChangeMark {
                        kind: ChangeKind::Update,
                        note: Some(format!(
                            "The original review at {} changed its rating.",
                            review.url
                        )),
                    }
                } else {
                    ChangeMark::DRAFT
                };
                fact_checks::update(tx, id, stored.version, &draft, &mark, author, now)?;
                let updated_at = review.updated_at.unwrap_or(now).max(published_at);
                exchange::mark_imported(tx, id, &review.url, published_at, updated_at)?;
                (id, Outcome::Updated)
            }
        }
    };
    // An import publishes under an editor's account: the record's link and kind for a
    // claimant on file are that editor's change, applied with its audit entry.
    claimants::settle_proposal(tx, id, Some(ProposalDecision::Apply), author.user_id, now)?;
    let mut outcome = outcome;
    for c in &review.corrections {
        if !exchange::has_correction(tx, id, c.kind, &c.note, c.at)? {
            let change = c
                .rating_change
                .as_ref()
                .map(|(from, to)| (from.as_str(), to.as_str()));
            fact_checks::add_correction(tx, id, c.kind, &c.note, change, author.user_id, c.at)?;
            if outcome == Outcome::Unchanged {
                outcome = Outcome::Updated;
            }
        }
    }
    if exchange::join_translations(tx, id, &review.translations)? && outcome == Outcome::Unchanged {
        outcome = Outcome::Updated;
    }
    // The publisher's own words, kept beside our rating and searchable with the rest.
    if exchange::publisher_verdict(tx, id)? != review.verdict {
        exchange::set_publisher_verdict(tx, id, &review.verdict)?;
        crate::db::search::refresh(tx, id)?;
        if outcome == Outcome::Unchanged {
            outcome = Outcome::Updated;
        }
    }
    if outcome != Outcome::Unchanged {
        let action = if outcome == Outcome::New {
            AuditAction::Import
        } else {
            AuditAction::ImportUpdate
        };
        audit::record(
            tx,
            Some(author.user_id),
            action,
            &draft.headline,
            &review.url,
            now,
        )?;
    }
    Ok(outcome)
}
