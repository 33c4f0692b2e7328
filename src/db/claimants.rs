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

/// Claimants with their kept count of published fact-checks (migration 0015) less the
/// scheduled ones not live yet. Those are assumed few (a newsroom's next days of work) and
/// are found by status and time on `fact_checks_live`, so this reads a page of rows.
/// ?2..?3 bound the names (a prefix range on the NOCASE name index), ?4 is the name the
/// previous page ended on, ?5 the limit.
macro_rules! claimants_by_name {
    ($upper:literal) => {
        concat!(
            "WITH scheduled AS MATERIALIZED (
                 SELECT c.claimant_id, count(*) AS n FROM fact_checks f
                 JOIN claims c ON c.fact_check_id = f.id
                 WHERE f.status = 'published' AND f.published_at > ?1
                 GROUP BY c.claimant_id)
             SELECT cl.name, cl.slug, k.published - coalesce(s.n, 0) AS live, cl.url, cl.kind
             FROM claimants cl
             JOIN claimant_counts k ON k.claimant_id = cl.id
             LEFT JOIN scheduled s ON s.claimant_id = cl.id
             WHERE cl.name >= ?2 ",
            $upper,
            " AND cl.name > ?4 AND live > 0
             ORDER BY cl.name LIMIT ?5"
        )
    };
}

/// Everyone with at least one live checked claim, by name: the whole list, for checks that
/// compare it with a recount (readers get it a page at a time: `claimants_page`).
pub fn claimants_with_counts(conn: &Connection) -> Result<Vec<ClaimantSummary>, AppError> {
    rows::all(
        conn,
        claimants_by_name!(""),
        params![Moment::now(), "", "", "", -1],
        |row| from_columns!(row[0..] => ClaimantSummary { name, slug, checked, url, kind }),
    )
}

/// The name of the claimant with `slug`, if there is one.
fn name_of(conn: &Connection, slug: &str) -> Result<Option<String>, AppError> {
    rows::first(
        conn,
        "SELECT name FROM claimants WHERE slug = ?1",
        [slug],
        |row| row.get(0),
    )
}

/// One page of the claimants list: those whose name starts with `prefix` (any letter case),
/// after the claimant `after` (a slug) by name; and whether more follow. `None` when
/// `after` names nobody.
pub fn claimants_page(
    conn: &Connection,
    prefix: &str,
    after: Option<&str>,
    per_page: usize,
) -> Result<Option<(Vec<ClaimantSummary>, bool)>, AppError> {
    let after_name: String = match after {
        None => String::new(),
        Some(slug) => match name_of(conn, slug)? {
            Some(name) => name,
            None => return Ok(None),
        },
    };
    // Under NOCASE every name starting with `prefix` sorts below `prefix` followed by the
    // highest code point; an empty prefix has no upper bound.
    // Two statements, not `?3 IS NULL OR …`, so the planner keeps the upper bound on the index.
    let sql = if prefix.is_empty() {
        claimants_by_name!("")
    } else {
        claimants_by_name!("AND cl.name < ?3")
    };
    let upper = format!("{prefix}{}", char::MAX);
    let rows = rows::all(
        conn,
        sql,
        params![
            Moment::now(),
            prefix,
            upper,
            after_name,
            per_page as i64 + 1
        ],
        |row| from_columns!(row[0..] => ClaimantSummary { name, slug, checked, url, kind }),
    )?;
    Ok(Some(rows::split_page(rows, per_page)))
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
    let Some(name) = name_of(conn, slug)? else {
        return Ok(None);
    };
    let now = Moment::now();
    // The kept counts per claimant and rating (migration 0015), less the few scheduled ones
    // not live yet (see `claimants_by_name!`).
    let mut stmt = conn.prepare_cached(concat!(
        "WITH scheduled AS MATERIALIZED (
             SELECT c.claimant_id, f.rating_id, count(*) AS n FROM fact_checks f
             JOIN claims c ON c.fact_check_id = f.id
             WHERE f.status = 'published' AND f.published_at > ?2
             GROUP BY c.claimant_id, f.rating_id)
         SELECT ",
        rating_columns!(),
        ", k.published - coalesce(s.n, 0) AS live
         FROM claimants cl
         JOIN claimant_rating_counts k ON k.claimant_id = cl.id
         JOIN ratings r ON r.id = k.rating_id
         LEFT JOIN scheduled s ON s.claimant_id = k.claimant_id AND s.rating_id = k.rating_id
         WHERE cl.slug = ?1 AND live > 0
         ORDER BY r.position"
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
