//! Saving a fact-check: a new draft, an edit with its checks, and the public corrections.

use super::addresses::{keep_old_address, slug_in_use};
use super::revisions::record_revision;
use crate::db::{claimants, on_unique};
use crate::domain::{
    ChangeKind, ChangeMark, ClaimantKind, FactCheckDraft, FactCheckId, Moment, ProposalDecision,
    SignedIn, Slug, Status, UserId, editorial,
};
use crate::error::AppError;
use rusqlite::{OptionalExtension, ToSql, Transaction, params, params_from_iter};

fn rating_id(tx: &Transaction<'_>, slug: &str) -> Result<i64, AppError> {
    tx.prepare_cached("SELECT id FROM ratings WHERE slug = ?1")?
        .query_row([slug], |row| row.get(0))
        .optional()?
        .ok_or_else(|| AppError::invalid("rating", "Choose one of the ratings listed."))
}

/// The fact-check a translation points at: the one at `slug`, or the one that one
/// translates, so a group of translations has one centre (migration 0019). Not itself.
fn original_of(tx: &Transaction<'_>, slug: &Slug, id: FactCheckId) -> Result<i64, AppError> {
    let found: Option<(i64, Option<i64>)> = tx
        .prepare_cached("SELECT id, translation_of FROM fact_checks WHERE slug = ?1")?
        .query_row([slug.as_str()], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    let refuse = |why: &str| AppError::invalid("translation_of", why);
    match found {
        None => Err(refuse("No fact-check has this address name.")),
        Some((other, original)) => {
            let centre = original.unwrap_or(other);
            if centre == id.0 {
                Err(refuse("A fact-check cannot be a translation of itself."))
            } else {
                Ok(centre)
            }
        }
    }
}

/// The slug to save: the editor's, if free, or one made from the headline and made unique.
fn choose_slug(
    tx: &Transaction<'_>,
    draft: &FactCheckDraft,
    except: Option<FactCheckId>,
) -> Result<Slug, AppError> {
    match &draft.slug {
        Some(slug) if slug_in_use(tx, slug, except)? => Err(AppError::invalid(
            "slug",
            format!("The slug \"{slug}\" is already used by another fact-check; choose another."),
        )),
        Some(slug) => Ok(slug.clone()),
        None => {
            let base = Slug::from_title(&draft.headline);
            let mut slug = base.clone();
            let mut n = 2;
            while slug_in_use(tx, &slug, except)? {
                slug = base.with_suffix(n);
                n += 1;
            }
            Ok(slug)
        }
    }
}

/// Writes the claim, appearances, sources and tags of a fact-check, replacing any before.
fn save_children(
    tx: &Transaction<'_>,
    id: FactCheckId,
    draft: &FactCheckDraft,
    now: Moment,
) -> Result<(), AppError> {
    crate::db::media::save_images_of(tx, id, draft)?;
    let language = match &draft.language {
        Some(language) => language.clone(),
        None => crate::db::settings::site_language(tx)?,
    };
    let translation_of = match &draft.translation_of {
        Some(slug) => Some(original_of(tx, slug, id)?),
        None => None,
    };
    tx.prepare_cached(
        "UPDATE fact_checks SET key_points = ?1, lang = ?3, translation_of = ?4 WHERE id = ?2",
    )?
    .execute(params![
        draft.key_points.join("\n"),
        id,
        language,
        translation_of
    ])?;
    if let Some(centre) = translation_of {
        // Its own translations join the group it joins: one centre per group.
        tx.prepare_cached("UPDATE fact_checks SET translation_of = ?1 WHERE translation_of = ?2")?
            .execute(params![centre, id])?;
    }
    let (claimant, proposed) = claimants::for_claim(
        tx,
        &draft.claim.claimant,
        draft.claim.claimant_url.as_ref(),
        draft.claim.claimant_kind,
        now,
    )?;
    tx.prepare_cached(
        "INSERT INTO claims (fact_check_id, text, claimant_id, claimed_on, proposed_claimant_url, proposed_claimant_kind)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (fact_check_id) DO UPDATE
         SET text = excluded.text, claimant_id = excluded.claimant_id, claimed_on = excluded.claimed_on,
             proposed_claimant_url = excluded.proposed_claimant_url,
             proposed_claimant_kind = excluded.proposed_claimant_kind",
    )?
    .execute(params![
        id,
        draft.claim.text,
        claimant,
        draft.claim.date,
        proposed.url,
        proposed.kind.map(ClaimantKind::as_str)
    ])?;
    let claim_id: i64 = tx
        .prepare_cached("SELECT id FROM claims WHERE fact_check_id = ?1")?
        .query_row([id], |row| row.get(0))?;

    tx.prepare_cached("DELETE FROM appearances WHERE claim_id = ?1")?
        .execute([claim_id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO appearances (claim_id, position, url, platform, appeared_on, reach, archived_url,
                                  image_id, sensitive)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (position, a) in draft.claim.appearances.iter().enumerate() {
        crate::db::media::check_screenshot(tx, position, a.image)?;
        insert.execute(params![
            claim_id,
            position as i64 + 1,
            a.url.as_str(),
            a.platform,
            a.date,
            a.reach,
            a.archived_url.as_ref().map(|u| u.as_str()),
            a.image,
            a.sensitive,
        ])?;
    }

    tx.prepare_cached("DELETE FROM sources WHERE fact_check_id = ?1")?
        .execute([id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO sources (fact_check_id, position, outlet, title, authors, published_on, url, archived_url, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (position, s) in draft.sources.iter().enumerate() {
        insert.execute(params![
            id,
            position as i64 + 1,
            s.outlet,
            s.title,
            s.authors,
            s.date,
            s.url.as_ref().map(|u| u.as_str()),
            s.archived_url.as_ref().map(|u| u.as_str()),
            s.note,
        ])?;
    }

    tx.prepare_cached("DELETE FROM fact_check_tags WHERE fact_check_id = ?1")?
        .execute([id])?;
    for tag in &draft.tags {
        // The first spelling of a tag is the one kept (migration 0021).
        let key = tag.key();
        tx.prepare_cached("INSERT INTO tags (name, key) VALUES (?1, ?2) ON CONFLICT DO NOTHING")?
            .execute([tag.as_str(), &key])?;
        tx.prepare_cached(
            "INSERT OR IGNORE INTO fact_check_tags (fact_check_id, tag_id)
             SELECT ?1, id FROM tags WHERE key = ?2",
        )?
        .execute(params![id, key])?;
    }
    crate::db::search::refresh(tx, id)
}

/// Runs the INSERT or UPDATE of the fact-check's own row, whose ?1 to ?6 are the slug, the
/// draft's texts and the rating (in that order in both), with `rest` from ?7 on. A slug taken
/// in the meantime is a field error, not a 500.
fn write_own_row(
    tx: &Transaction<'_>,
    sql: &str,
    (slug, draft, rating): (&Slug, &FactCheckDraft, i64),
    rest: &[&dyn ToSql],
) -> Result<(), AppError> {
    let slug = slug.as_str();
    let own: [&dyn ToSql; 6] = [
        &slug,
        &draft.headline,
        &draft.summary,
        &draft.body_markdown,
        &draft.body_html,
        &rating,
    ];
    tx.prepare_cached(sql)?
        .execute(params_from_iter(
            own.into_iter().chain(rest.iter().copied()),
        ))
        .map_err(|e| {
            on_unique(
                e,
                "slug",
                "This slug is already used by another fact-check.",
            )
        })?;
    Ok(())
}

/// Saves a new draft, with its first revision, and returns its id.
pub fn create(
    tx: &Transaction<'_>,
    draft: &FactCheckDraft,
    author: UserId,
    now: Moment,
) -> Result<FactCheckId, AppError> {
    let rating = rating_id(tx, &draft.rating_slug)?;
    let slug = choose_slug(tx, draft, None)?;
    write_own_row(
        tx,
        "INSERT INTO fact_checks (slug, headline, summary, body, body_html, rating_id, author_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        (&slug, draft, rating),
        &[&author, &now],
    )?;
    let id = FactCheckId(tx.last_insert_rowid());
    save_children(tx, id, draft, now)?;
    record_revision(tx, id, author, ChangeKind::Draft, now)?;
    Ok(id)
}

/// Saves an edit made on top of `expected_version`, with a new revision and, for an Update
/// or Correction of a public fact-check, its public note. Refuses (Conflict) when someone
/// saved a newer version in the meantime, so nobody's work is silently overwritten.
pub fn update(
    tx: &Transaction<'_>,
    id: FactCheckId,
    expected_version: i64,
    draft: &FactCheckDraft,
    mark: &ChangeMark,
    by: &SignedIn,
    now: Moment,
) -> Result<(), AppError> {
    let current: Option<(i64, Status, i64, UserId, Option<Moment>, String)> = tx
        .prepare_cached(
            "SELECT version, status, rating_id, author_id, published_at, slug
             FROM fact_checks WHERE id = ?1",
        )?
        .query_row([id], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
            ))
        })
        .optional()?;
    let (version, status, old_rating, author, published_at, old_slug) =
        current.ok_or(AppError::NotFound)?;
    // Checked again here, inside the transaction: the status may have changed (a publish,
    // a submission) since the handler looked.
    if !by.may_edit(author, status) {
        return Err(AppError::Forbidden(
            "Writers can change only their own drafts; this one has moved on.".to_owned(),
        ));
    }
    if version != expected_version {
        return Err(AppError::Conflict);
    }
    // Readers have seen it: live now, or retracted. A scheduled one is not public yet.
    let public = status.seen_by_readers(published_at, now);
    let kind = editorial::kind_of_save(public, mark.kind);
    let rating = rating_id(tx, &draft.rating_slug)?;
    editorial::check_rating_change(public, rating != old_rating, kind)
        .map_err(AppError::Invalid)?;
    let slug = choose_slug(tx, draft, Some(id))?;
    write_own_row(
        tx,
        "UPDATE fact_checks
         SET slug = ?1, headline = ?2, summary = ?3, body = ?4, body_html = ?5, rating_id = ?6,
             updated_at = ?7, version = version + 1
         WHERE id = ?8 AND version = ?9",
        (&slug, draft, rating),
        &[&now, &id, &expected_version],
    )?;
    if public {
        keep_old_address(tx, id, &old_slug, &slug, now)?;
    }
    save_children(tx, id, draft, now)?;
    // An editor changing a fact-check that is already out (live, scheduled or retracted)
    // changes the claimant as an editor's act, with its audit entry; drafts only propose.
    if by.can_review() && matches!(status, Status::Published | Status::Retracted) {
        claimants::settle_proposal(tx, id, Some(ProposalDecision::Apply), by.user_id, now)?;
    }
    if kind.is_public() {
        let note = mark.note.as_deref().unwrap_or_default();
        let moved = (rating != old_rating).then_some((old_rating, rating));
        insert_correction(tx, id, kind, note, moved, by.user_id, now)?;
    }
    // What autosave kept of this editor's form is now saved for real.
    super::discard_autosave(tx, by.user_id, Some(id))?;
    record_revision(tx, id, by.user_id, kind, now)
}

fn insert_correction(
    tx: &Transaction<'_>,
    id: FactCheckId,
    kind: ChangeKind,
    note: &str,
    rating_ids: Option<(i64, i64)>,
    by: UserId,
    at: Moment,
) -> Result<(), AppError> {
    tx.prepare_cached(
        "INSERT INTO corrections (fact_check_id, kind, note, old_rating_id, new_rating_id, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        kind.as_str(),
        note,
        rating_ids.map(|r| r.0),
        rating_ids.map(|r| r.1),
        by,
        at
    ])?;
    Ok(())
}

/// Records a public Update or Correction; `rating_change` names the ratings (by slug)
/// before and after when it moved the rating.
pub fn add_correction(
    tx: &Transaction<'_>,
    id: FactCheckId,
    kind: ChangeKind,
    note: &str,
    rating_change: Option<(&str, &str)>,
    by: UserId,
    at: Moment,
) -> Result<(), AppError> {
    let rating_ids = rating_change
        .map(|(from, to)| Ok::<_, AppError>((rating_id(tx, from)?, rating_id(tx, to)?)))
        .transpose()?;
    insert_correction(tx, id, kind, note, rating_ids, by, at)
}
