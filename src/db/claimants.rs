//! Claimants: who made a claim, shared by every fact-check naming them, the changes
//! drafts propose to them, and the claimants list and page with their scorecard.

use super::cards::{Listing, rating_at, rating_columns};
use super::rows::{self, from_columns};
use crate::domain::{
    AuditAction, ClaimantId, ClaimantKind, ClaimantProposal, FactCheckId, Moment, ProposalDecision,
    Rating, Slug, UserId, WebUrl,
};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// What a save proposes for a claimant already on file; both `None` for a new claimant.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Proposed<'a> {
    pub url: Option<&'a str>,
    pub kind: Option<ClaimantKind>,
}

/// The claimant a claim names (any letter case), and what the save proposes for them.
/// A new name is created with the link and kind given. One on file is never changed here,
/// because published fact-checks share it: what differs comes back as a proposal to keep
/// with the claim until an editor settles it (`settle_proposal`).
pub fn for_claim<'a>(
    tx: &Transaction<'_>,
    name: &str,
    url: Option<&'a WebUrl>,
    kind: Option<ClaimantKind>,
    now: Moment,
) -> Result<(ClaimantId, Proposed<'a>), AppError> {
    let existing: Option<(ClaimantId, Option<String>, ClaimantKind)> = tx
        .prepare_cached("SELECT id, url, kind FROM claimants WHERE name = ?1")?
        .query_row([name], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .optional()?;
    if let Some((id, url_on_file, kind_on_file)) = existing {
        let url = url
            .map(WebUrl::as_str)
            .filter(|url| Some(*url) != url_on_file.as_deref());
        let kind = kind.filter(|kind| *kind != kind_on_file);
        return Ok((id, Proposed { url, kind }));
    }
    let base = Slug::from_title(name);
    let mut slug = base.clone();
    let mut n = 2;
    while tx
        .prepare_cached("SELECT 1 FROM claimants WHERE slug = ?1")?
        .exists([slug.as_str()])?
    {
        slug = base.with_suffix(n);
        n += 1;
    }
    tx.prepare_cached(
        "INSERT INTO claimants (name, slug, url, kind, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        name,
        slug.as_str(),
        url.map(WebUrl::as_str),
        kind.unwrap_or_default(),
        now
    ])?;
    Ok((ClaimantId(tx.last_insert_rowid()), Proposed::default()))
}

/// The change a fact-check's draft proposes to its claimant, measured against the record as
/// it is now (a proposal the record has since caught up with is no proposal).
pub fn proposal(
    conn: &Connection,
    fact_check: FactCheckId,
) -> Result<Option<ClaimantProposal>, AppError> {
    let found = conn
        .prepare_cached(
            "SELECT cl.name, cl.url, cl.kind, c.proposed_claimant_url, c.proposed_claimant_kind
             FROM claims c JOIN claimants cl ON cl.id = c.claimant_id
             WHERE c.fact_check_id = ?1",
        )?
        .query_row([fact_check], |row| {
            Ok(ClaimantProposal::between(
                &row.get::<_, String>(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get::<_, Option<String>>(3)?.as_deref(),
                row.get(4)?,
            ))
        })
        .optional()?;
    Ok(found.flatten())
}

/// An editor's act on publication: applies the draft's proposal to the shared claimant, or
/// declines it, with an audit entry naming the old and new values either way. A proposal
/// with no decision refuses the publication, so nobody accepts one without seeing it.
pub fn settle_proposal(
    tx: &Transaction<'_>,
    fact_check: FactCheckId,
    decision: Option<ProposalDecision>,
    by: UserId,
    now: Moment,
) -> Result<(), AppError> {
    if let Some(proposal) = proposal(tx, fact_check)? {
        let action = match decision {
            None => {
                return Err(AppError::invalid(
                    "claimant_proposal",
                    format!(
                        "This draft proposes a change to {}, shared by all their fact-checks: apply it or keep the claimant as on file.",
                        proposal.claimant()
                    ),
                ));
            }
            Some(ProposalDecision::Apply) => {
                tx.prepare_cached(
                    "UPDATE claimants SET url = coalesce(?2, url), kind = coalesce(?3, kind)
                     WHERE id = (SELECT claimant_id FROM claims WHERE fact_check_id = ?1)",
                )?
                .execute(params![
                    fact_check,
                    proposal.url(),
                    proposal.kind().map(ClaimantKind::as_str)
                ])?;
                AuditAction::ClaimantChange
            }
            Some(ProposalDecision::Decline) => AuditAction::ClaimantChangeDeclined,
        };
        let detail = format!(
            "{} (proposed by fact-check {fact_check})",
            proposal.change_text()
        );
        super::audit::record(tx, Some(by), action, proposal.claimant(), &detail, now)?;
    }
    tx.prepare_cached(
        "UPDATE claims SET proposed_claimant_url = NULL, proposed_claimant_kind = NULL
         WHERE fact_check_id = ?1
           AND (proposed_claimant_url IS NOT NULL OR proposed_claimant_kind IS NOT NULL)",
    )?
    .execute([fact_check])?;
    Ok(())
}

/// Every claimant's name, for the editor's suggestions.
pub fn names(conn: &Connection) -> Result<Vec<String>, AppError> {
    let mut stmt =
        conn.prepare_cached("SELECT name FROM claimants ORDER BY name COLLATE NOCASE")?;
    let rows = stmt.query_map([], |row| row.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A claimant as the claimants list shows them.
#[derive(Debug, Clone)]
pub struct ClaimantSummary {
    pub name: String,
    pub slug: String,
    pub checked: i64,
    pub url: Option<String>,
    pub kind: ClaimantKind,
}

/// Everyone with at least one live checked claim, by name.
pub fn claimants_with_counts(conn: &Connection) -> Result<Vec<ClaimantSummary>, AppError> {
    rows::all(
        conn,
        "SELECT cl.name, cl.slug, count(*), cl.url, cl.kind FROM claimants cl
         JOIN claims c ON c.claimant_id = cl.id
         JOIN fact_checks f ON f.id = c.fact_check_id
         WHERE f.status = 'published' AND f.published_at <= ?1
         GROUP BY cl.id ORDER BY cl.name COLLATE NOCASE",
        [Moment::now()],
        |row| from_columns!(row[0..] => ClaimantSummary { name, slug, checked, url, kind }),
    )
}

/// What a claimant's page shows.
pub struct ClaimantRecord {
    pub name: String,
    /// Live fact-checks per rating, in scale order; ratings they have none of are left out.
    pub scorecard: Vec<(Rating, i64)>,
    /// Their checked claims, newest first.
    pub listing: Listing,
}

pub fn claimant_page(
    conn: &Connection,
    slug: &str,
    position: &crate::domain::ListingPosition,
    per_page: usize,
) -> Result<Option<ClaimantRecord>, AppError> {
    let name = rows::first(
        conn,
        "SELECT name FROM claimants WHERE slug = ?1",
        [slug],
        |row| row.get(0),
    )?;
    let Some(name) = name else { return Ok(None) };
    let now = Moment::now();
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        rating_columns!(),
        ", count(*)
         FROM claimants cl
         JOIN claims c ON c.claimant_id = cl.id
         JOIN fact_checks f ON f.id = c.fact_check_id
         JOIN ratings r ON r.id = f.rating_id
         WHERE cl.slug = ?1 AND f.status = 'published' AND f.published_at <= ?2
         GROUP BY r.id ORDER BY r.position"
    ))?;
    let scorecard = stmt
        .query_map(params![slug, now], |row| {
            Ok((rating_at(row, 0)?, row.get(5)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let filters = super::cards::ListFilters {
        claimant: Some(slug.to_owned()),
        ..Default::default()
    };
    let Some(listing) = super::keyset::live_page(conn, &filters, position, per_page)? else {
        return Ok(None);
    };
    Ok(Some(ClaimantRecord {
        name,
        scorecard,
        listing,
    }))
}
