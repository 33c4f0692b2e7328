//! Fact-checks with their claim, appearances, sources and tags: saved together, read together.

use super::{claimants, on_unique, page_window, split_page};
use crate::domain::{
    AppearanceInput, ChangeKind, ChangeMark, Claim, ClaimantKind, DashboardRow, EditableFactCheck,
    FactCheckCard, FactCheckDraft, FactCheckId, FactCheckInput, FactCheckPage, ListedCorrection,
    Moment, ProposalDecision, PublicCorrection, Rating, RevisionSummary, SignedIn, Slug,
    SourceInput, Status, UserId,
};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

/// Columns of a listing card, in the order `card_from_row` reads them. Macros rather than
/// consts so `concat!` builds each statement at compile time: no allocation per request.
macro_rules! card_columns {
    () => {
        "f.slug, f.headline, c.text, cl.name,
         r.slug, r.label, r.value, r.definition, r.colour, f.published_at,
         (SELECT json_group_array(t.name ORDER BY t.name COLLATE NOCASE)
            FROM fact_check_tags x JOIN tags t ON t.id = x.tag_id
           WHERE x.fact_check_id = f.id),
         cl.slug, f.summary, f.updated_at"
    };
}

/// The claim's appearances and the fact-check's sources as two JSON arrays, in order.
macro_rules! appearances_and_sources_json {
    () => {
        "(SELECT json_group_array(json_object(
                 'url', a.url, 'platform', a.platform, 'date', a.appeared_on,
                 'reach', a.reach, 'archived_url', a.archived_url) ORDER BY a.position)
            FROM appearances a WHERE a.claim_id = c.id),
         (SELECT json_group_array(json_object(
                 'outlet', s.outlet, 'title', s.title, 'authors', s.authors,
                 'date', s.published_on, 'url', s.url, 'archived_url', s.archived_url,
                 'note', s.note) ORDER BY s.position)
            FROM sources s WHERE s.fact_check_id = f.id)"
    };
}

macro_rules! card_joins {
    () => {
        " JOIN claims c ON c.fact_check_id = f.id
          JOIN claimants cl ON cl.id = c.claimant_id
          JOIN ratings r ON r.id = f.rating_id "
    };
}
pub(crate) use {card_columns, card_joins};
/// How many columns `card_columns!` has: the index of the first column a query adds.
pub(crate) const CARD_COLUMNS: usize = 14;

pub(crate) fn rating_at(row: &Row<'_>, first: usize) -> rusqlite::Result<Rating> {
    Ok(Rating {
        slug: row.get(first)?,
        label: row.get(first + 1)?,
        value: row.get(first + 2)?,
        definition: row.get(first + 3)?,
        colour: row.get(first + 4)?,
    })
}

/// Decodes a `json_group_array` column built by our own queries.
fn json_column<T: serde::de::DeserializeOwned>(row: &Row<'_>, index: usize) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn card_from_row(row: &Row<'_>) -> rusqlite::Result<FactCheckCard> {
    Ok(FactCheckCard {
        slug: row.get(0)?,
        headline: row.get(1)?,
        claim_text: row.get(2)?,
        claimant: row.get(3)?,
        rating: rating_at(row, 4)?,
        published_at: row.get(9)?,
        tags: json_column(row, 10)?,
        claimant_slug: row.get(11)?,
        summary: row.get(12)?,
        updated_at: row.get(13)?,
        snippet: Vec::new(),
    })
}

/// A page of a listing: the cards, and whether an older page follows.
pub struct Listing {
    pub cards: Vec<FactCheckCard>,
    pub has_more: bool,
}

fn listing(cards: Vec<FactCheckCard>, per_page: usize) -> Listing {
    let (cards, has_more) = split_page(cards, per_page);
    Listing { cards, has_more }
}

/// Runs a card query and cuts its rows into a page (see `page_window`).
fn cards_page(
    stmt: &mut rusqlite::CachedStatement<'_>,
    params: impl rusqlite::Params,
    per_page: usize,
) -> Result<Listing, AppError> {
    let cards = stmt
        .query_map(params, card_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(listing(cards, per_page))
}

/// From this many rows skipped on, a listing page picks its rows before building cards.
const DEFERRED_FROM_OFFSET: i64 = 200;

/// Published fact-checks whose publication time has come, newest first.
pub fn latest_published(
    conn: &Connection,
    page: usize,
    per_page: usize,
) -> Result<Listing, AppError> {
    published_filtered(conn, &ListFilters::default(), page, per_page)
}

/// Narrows a listing or a search; `None` leaves that filter off.
#[derive(Debug, Default, Clone)]
pub struct ListFilters {
    /// A tag, any letter case.
    pub tag: Option<String>,
    /// A rating slug.
    pub rating: Option<String>,
    /// A claimant slug.
    pub claimant: Option<String>,
    /// Published at or after this moment.
    pub since: Option<Moment>,
}

/// The WHERE conditions of `ListFilters` on fact-check `$f`: ?1 tag, ?2 rating slug,
/// ?3 claimant slug, ?4 since, each NULL when unused.
macro_rules! list_filters {
    ($f:literal) => {
        concat!(
            // The tag is looked up once, not joined for every row tested (a search
            // tests thousands).
            "(?1 IS NULL OR EXISTS (
                SELECT 1 FROM fact_check_tags x
                 WHERE x.fact_check_id = ",
            $f,
            ".id AND x.tag_id = (SELECT id FROM tags WHERE name = ?1)))
             AND (?2 IS NULL OR ",
            $f,
            ".rating_id = (SELECT id FROM ratings WHERE slug = ?2))
             AND (?3 IS NULL OR EXISTS (
                SELECT 1 FROM claims k JOIN claimants kl ON kl.id = k.claimant_id
                 WHERE k.fact_check_id = ",
            $f,
            ".id AND kl.slug = ?3))
             AND (?4 IS NULL OR ",
            $f,
            ".published_at >= ?4)"
        )
    };
}
pub(crate) use list_filters;

/// Live fact-checks passing `filters`, newest first: for feeds and the API.
pub fn published_filtered(
    conn: &Connection,
    filters: &ListFilters,
    page: usize,
    per_page: usize,
) -> Result<Listing, AppError> {
    let (limit, offset) = page_window(page, per_page);
    // Deep pages choose their rows from ids alone and build cards for those rows only:
    // asked for in one SELECT, SQLite built the card of every row skipped by OFFSET (page
    // 5,000 of 100,000 fact-checks took 5.6 s, now 42 ms). Near the top the one SELECT is
    // cheaper (the home page took 40 µs more the other way).
    let mut stmt = if offset < DEFERRED_FROM_OFFSET {
        conn.prepare_cached(concat!(
            "SELECT ",
            card_columns!(),
            " FROM fact_checks f",
            card_joins!(),
            "WHERE f.status = 'published' AND f.published_at <= ?5 AND ",
            list_filters!("f"),
            " ORDER BY f.published_at DESC, f.id DESC LIMIT ?6 OFFSET ?7"
        ))?
    } else {
        conn.prepare_cached(concat!(
            "WITH chosen AS MATERIALIZED (
                 SELECT f.id, f.published_at AS at FROM fact_checks f
                 WHERE f.status = 'published' AND f.published_at <= ?5 AND ",
            list_filters!("f"),
            " ORDER BY f.published_at DESC, f.id DESC LIMIT ?6 OFFSET ?7)
             SELECT ",
            card_columns!(),
            " FROM chosen CROSS JOIN fact_checks f ON f.id = chosen.id",
            card_joins!(),
            "ORDER BY chosen.at DESC, chosen.id DESC"
        ))?
    };
    cards_page(
        &mut stmt,
        params![
            filters.tag,
            filters.rating,
            filters.claimant,
            filters.since,
            Moment::now(),
            limit,
            offset
        ],
        per_page,
    )
}

/// Published fact-checks carrying a tag (any letter case), with the tag as it is spelled.
pub fn published_with_tag(
    conn: &Connection,
    tag: &str,
    page: usize,
    per_page: usize,
) -> Result<(Option<String>, Listing), AppError> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        card_columns!(),
        ", tg.name FROM tags tg
         JOIN fact_check_tags ft ON ft.tag_id = tg.id
         JOIN fact_checks f ON f.id = ft.fact_check_id",
        card_joins!(),
        "WHERE tg.name = ?1 AND f.status = 'published' AND f.published_at <= ?4
         ORDER BY f.published_at DESC, f.id DESC LIMIT ?2 OFFSET ?3"
    ))?;
    let (limit, offset) = page_window(page, per_page);
    let mut name = None;
    let cards = stmt
        .query_map(params![tag, limit, offset, Moment::now()], |row| {
            let card = card_from_row(row)?;
            Ok((card, row.get::<_, String>(CARD_COLUMNS)?))
        })?
        .map(|r| {
            r.map(|(card, tag_name)| {
                name.get_or_insert(tag_name);
                card
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((name, listing(cards, per_page)))
}

/// The verdict page of a published (and live) or retracted fact-check, in one statement
/// (one consistent snapshot).
pub fn published_page(conn: &Connection, slug: &str) -> Result<Option<FactCheckPage>, AppError> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT f.id, f.slug, f.headline, f.summary, f.body_html,
                r.slug, r.label, r.value, r.definition, r.colour,
                u.name, f.published_at, f.updated_at,
                c.text, cl.name, cl.slug, c.claimed_on, ",
        appearances_and_sources_json!(),
        ",
                (SELECT json_group_array(t.name ORDER BY t.name COLLATE NOCASE)
                   FROM fact_check_tags x JOIN tags t ON t.id = x.tag_id
                  WHERE x.fact_check_id = f.id),
                f.status, f.retraction_note, f.retracted_at,
                (SELECT json_group_array(json_object(
                        'kind', k.kind, 'note', k.note, 'created_at', k.created_at,
                        'old_rating', ro.label, 'new_rating', rn.label) ORDER BY k.created_at, k.id)
                   FROM corrections k
                   LEFT JOIN ratings ro ON ro.id = k.old_rating_id
                   LEFT JOIN ratings rn ON rn.id = k.new_rating_id
                  WHERE k.fact_check_id = f.id),
                cl.url, cl.kind
         FROM fact_checks f
         JOIN users u ON u.id = f.author_id
         JOIN ratings r ON r.id = f.rating_id
         JOIN claims c ON c.fact_check_id = f.id
         JOIN claimants cl ON cl.id = c.claimant_id
         WHERE f.slug = ?1
           AND ((f.status = 'published' AND f.published_at <= ?2) OR f.status = 'retracted')"
    ))?;
    Ok(stmt
        .query_row(params![slug, Moment::now()], |row| {
            Ok(FactCheckPage {
                id: row.get(0)?,
                status: Status::from_db(&row.get::<_, String>(20)?),
                retraction_note: row.get(21)?,
                retracted_at: row.get(22)?,
                corrections: json_column(row, 23)?,
                slug: row.get(1)?,
                headline: row.get(2)?,
                summary: row.get(3)?,
                body_html: row.get(4)?,
                rating: rating_at(row, 5)?,
                author: row.get(10)?,
                published_at: row.get(11)?,
                updated_at: row.get(12)?,
                claim: Claim {
                    text: row.get(13)?,
                    claimant: row.get(14)?,
                    claimant_slug: row.get(15)?,
                    claimant_url: row.get(24)?,
                    claimant_kind: ClaimantKind::from_db(&row.get::<_, String>(25)?),
                    date: row.get(16)?,
                    appearances: json_column(row, 17)?,
                },
                sources: json_column(row, 18)?,
                tags: json_column(row, 19)?,
            })
        })
        .optional()?)
}

/// Columns of a dashboard row, in the order `dashboard_row` reads them.
macro_rules! dashboard_columns {
    () => {
        "f.id, f.slug, f.headline, f.status,
         r.slug, r.label, r.value, r.definition, r.colour, u.name, f.updated_at,
         f.published_at"
    };
}
pub(crate) use dashboard_columns;

/// Every fact-check (or only `author`'s) for the editors' dashboard: waiting for review first, then drafts, then
/// the rest, each most recently changed first.
pub fn dashboard(
    conn: &Connection,
    author: Option<UserId>,
    page: usize,
    per_page: usize,
) -> Result<(Vec<DashboardRow>, bool), AppError> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        dashboard_columns!(),
        " FROM fact_checks f
         JOIN ratings r ON r.id = f.rating_id
         JOIN users u ON u.id = f.author_id
         WHERE ?1 IS NULL OR f.author_id = ?1
         ORDER BY CASE f.status WHEN 'in_review' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END,
                  f.updated_at DESC, f.id DESC
         LIMIT ?2 OFFSET ?3"
    ))?;
    let (limit, offset) = super::page_window(page, per_page);
    let rows = stmt.query_map(params![author, limit, offset], dashboard_row)?;
    Ok(super::split_page(rows.collect::<Result<_, _>>()?, per_page))
}

pub(crate) fn dashboard_row(row: &Row<'_>) -> rusqlite::Result<DashboardRow> {
    Ok(DashboardRow {
        id: row.get(0)?,
        slug: row.get(1)?,
        headline: row.get(2)?,
        status: Status::from_db(&row.get::<_, String>(3)?),
        rating: rating_at(row, 4)?,
        author: row.get(9)?,
        updated_at: row.get(10)?,
        published_at: row.get(11)?,
    })
}

#[derive(serde::Deserialize)]
struct StoredAppearance {
    url: String,
    platform: String,
    date: Option<String>,
    reach: Option<String>,
    archived_url: Option<String>,
}

#[derive(serde::Deserialize)]
struct StoredSource {
    outlet: String,
    title: String,
    authors: Option<String>,
    date: Option<String>,
    url: Option<String>,
    archived_url: Option<String>,
    note: Option<String>,
}

/// A fact-check as the edit form shows it, drafts included.
pub fn editable(conn: &Connection, id: FactCheckId) -> Result<Option<EditableFactCheck>, AppError> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT f.id, f.version, f.status, f.updated_at, f.published_at,
                f.headline, f.slug, r.slug, f.summary, f.body,
                (SELECT group_concat(t.name, ', ' ORDER BY t.name COLLATE NOCASE)
                   FROM fact_check_tags x JOIN tags t ON t.id = x.tag_id
                  WHERE x.fact_check_id = f.id),
                c.text, cl.name, c.claimed_on, ",
        appearances_and_sources_json!(),
        ",
                f.author_id, u.name, f.review_note, f.retraction_note, cl.url, cl.kind,
                c.proposed_claimant_url, c.proposed_claimant_kind
         FROM fact_checks f
         JOIN users u ON u.id = f.author_id
         JOIN ratings r ON r.id = f.rating_id
         JOIN claims c ON c.fact_check_id = f.id
         JOIN claimants cl ON cl.id = c.claimant_id
         WHERE f.id = ?1"
    ))?;
    let found = stmt
        .query_row([id], |row| {
            let appearances: Vec<StoredAppearance> = json_column(row, 14)?;
            let sources: Vec<StoredSource> = json_column(row, 15)?;
            Ok(EditableFactCheck {
                id: row.get(0)?,
                version: row.get(1)?,
                status: Status::from_db(&row.get::<_, String>(2)?),
                author_id: row.get(16)?,
                author: row.get(17)?,
                updated_at: row.get(3)?,
                published_at: row.get(4)?,
                review_note: row.get(18)?,
                retraction_note: row.get(19)?,
                claimant_url_on_file: row.get(20)?,
                claimant_kind_on_file: ClaimantKind::from_db(&row.get::<_, String>(21)?),
                claimant_proposal: None,
                input: FactCheckInput {
                    headline: row.get(5)?,
                    slug: row.get(6)?,
                    rating: row.get(7)?,
                    summary: row.get(8)?,
                    body: row.get(9)?,
                    tags: row.get::<_, Option<String>>(10)?.unwrap_or_default(),
                    claim_text: row.get(11)?,
                    claimant: row.get(12)?,
                    // Empty: "as on file" (see `claimant_url_on_file`); otherwise what
                    // this draft proposes, so saving it again keeps the proposal.
                    claimant_url: row.get::<_, Option<String>>(22)?.unwrap_or_default(),
                    claimant_kind: row.get::<_, Option<String>>(23)?.unwrap_or_default(),
                    claim_date: row.get::<_, Option<String>>(13)?.unwrap_or_default(),
                    appearances: appearances
                        .into_iter()
                        .map(|a| AppearanceInput {
                            url: a.url,
                            platform: a.platform,
                            date: a.date.unwrap_or_default(),
                            reach: a.reach.unwrap_or_default(),
                            archived_url: a.archived_url.unwrap_or_default(),
                        })
                        .collect(),
                    sources: sources
                        .into_iter()
                        .enumerate()
                        .map(|(i, s)| SourceInput {
                            outlet: s.outlet,
                            title: s.title,
                            authors: s.authors.unwrap_or_default(),
                            date: s.date.unwrap_or_default(),
                            url: s.url.unwrap_or_default(),
                            archived_url: s.archived_url.unwrap_or_default(),
                            note: s.note.unwrap_or_default(),
                            position: (i + 1).to_string(),
                            remove: false,
                        })
                        .collect(),
                },
            })
        })
        .optional()?;
    let Some(mut fc) = found else {
        return Ok(None);
    };
    fc.claimant_proposal = claimants::proposal(conn, id)?;
    Ok(Some(fc))
}

fn rating_id(tx: &Transaction<'_>, slug: &str) -> Result<i64, AppError> {
    tx.prepare_cached("SELECT id FROM ratings WHERE slug = ?1")?
        .query_row([slug], |row| row.get(0))
        .optional()?
        .ok_or_else(|| AppError::invalid("rating", "Choose one of the ratings listed."))
}

fn slug_taken(
    tx: &Transaction<'_>,
    slug: &Slug,
    except: Option<FactCheckId>,
) -> Result<bool, AppError> {
    Ok(tx
        .prepare_cached("SELECT 1 FROM fact_checks WHERE slug = ?1 AND id IS NOT ?2")?
        .exists(params![slug.as_str(), except])?)
}

/// The slug to save: the editor's, if free, or one made from the headline and made unique.
fn choose_slug(
    tx: &Transaction<'_>,
    draft: &FactCheckDraft,
    except: Option<FactCheckId>,
) -> Result<Slug, AppError> {
    match &draft.slug {
        Some(slug) if slug_taken(tx, slug, except)? => Err(AppError::invalid(
            "slug",
            format!("The slug \"{slug}\" is already used by another fact-check; choose another."),
        )),
        Some(slug) => Ok(slug.clone()),
        None => {
            let base = Slug::from_title(&draft.headline);
            let mut slug = base.clone();
            let mut n = 2;
            while slug_taken(tx, &slug, except)? {
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
        "INSERT INTO appearances (claim_id, position, url, platform, appeared_on, reach, archived_url)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (position, a) in draft.claim.appearances.iter().enumerate() {
        insert.execute(params![
            claim_id,
            position as i64 + 1,
            a.url.as_str(),
            a.platform,
            a.date,
            a.reach,
            a.archived_url.as_ref().map(|u| u.as_str()),
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
        tx.prepare_cached("INSERT INTO tags (name) VALUES (?1) ON CONFLICT (name) DO NOTHING")?
            .execute([tag.as_str()])?;
        tx.prepare_cached(
            "INSERT OR IGNORE INTO fact_check_tags (fact_check_id, tag_id)
             SELECT ?1, id FROM tags WHERE name = ?2",
        )?
        .execute(params![id, tag.as_str()])?;
    }
    super::search::refresh(tx, id, &draft.body_markdown)
}

/// Appends the fact-check as it now stands to its history.
fn record_revision(
    tx: &Transaction<'_>,
    id: FactCheckId,
    by: UserId,
    kind: ChangeKind,
    now: Moment,
) -> Result<(), AppError> {
    let saved = editable(tx, id)?.ok_or(AppError::NotFound)?;
    let snapshot = serde_json::to_string(&saved.input)
        .map_err(|e| AppError::Internal(format!("cannot record revision: {e}")))?;
    tx.prepare_cached(
        "INSERT INTO revisions (fact_check_id, version, saved_by, saved_at, change_kind, snapshot)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![id, saved.version, by, now, kind.as_str(), snapshot])?;
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
    tx.prepare_cached(
        "INSERT INTO fact_checks (slug, headline, summary, body, body_html, rating_id, author_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?
    .execute(params![
        slug.as_str(),
        draft.headline,
        draft.summary,
        draft.body_markdown,
        draft.body_html,
        rating,
        author,
        now
    ])
    .map_err(|e| on_unique(e, "slug", "This slug is already used by another fact-check."))?;
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
    let current: Option<(i64, String, i64, UserId, Option<Moment>)> = tx
        .prepare_cached(
            "SELECT version, status, rating_id, author_id, published_at FROM fact_checks WHERE id = ?1",
        )?
        .query_row([id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
        })
        .optional()?;
    let (version, status, old_rating, author, published_at) = current.ok_or(AppError::NotFound)?;
    let status = Status::from_db(&status);
    // Checked again here, inside the transaction: the status may have changed (a publish,
    // a submission) since the handler looked.
    if !by.can_review() && (author != by.user_id || status != Status::Draft) {
        return Err(AppError::Forbidden(
            "Writers can change only their own drafts; this one has moved on.".to_owned(),
        ));
    }
    if version != expected_version {
        return Err(AppError::Conflict);
    }
    // Readers have seen it: live now, or retracted. A scheduled one is not public yet.
    let public = status.seen_by_readers(published_at, now);
    let kind = match (public, mark.kind) {
        (false, _) => ChangeKind::Draft,
        (true, ChangeKind::Draft) => ChangeKind::Minor,
        (true, kind) => kind,
    };
    let rating = rating_id(tx, &draft.rating_slug)?;
    if public && rating != old_rating && !kind.is_public() {
        return Err(AppError::invalid(
            "change_kind",
            "The rating changed, which readers must be told about: mark this save as a Correction or an Update and write the public note.",
        ));
    }
    let slug = choose_slug(tx, draft, Some(id))?;
    tx.prepare_cached(
        "UPDATE fact_checks
         SET slug = ?1, headline = ?2, summary = ?3, body = ?4, body_html = ?5, rating_id = ?6,
             updated_at = ?7, version = version + 1
         WHERE id = ?8 AND version = ?9",
    )?
    .execute(params![
        slug.as_str(),
        draft.headline,
        draft.summary,
        draft.body_markdown,
        draft.body_html,
        rating,
        now,
        id,
        expected_version
    ])
    .map_err(|e| {
        on_unique(
            e,
            "slug",
            "This slug is already used by another fact-check.",
        )
    })?;
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

/// Every saved version of a fact-check, newest first.
pub fn revisions(conn: &Connection, id: FactCheckId) -> Result<Vec<RevisionSummary>, AppError> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.version, u.name, v.saved_at, v.change_kind
         FROM revisions v JOIN users u ON u.id = v.saved_by
         WHERE v.fact_check_id = ?1 ORDER BY v.version DESC",
    )?;
    let rows = stmt.query_map([id], |row| {
        Ok(RevisionSummary {
            version: row.get(0)?,
            saved_by: row.get(1)?,
            saved_at: row.get(2)?,
            kind: ChangeKind::from_db(&row.get::<_, String>(3)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The fact-check as it was saved at `version`.
pub fn revision(
    conn: &Connection,
    id: FactCheckId,
    version: i64,
) -> Result<Option<FactCheckInput>, AppError> {
    let snapshot: Option<String> = conn
        .prepare_cached("SELECT snapshot FROM revisions WHERE fact_check_id = ?1 AND version = ?2")?
        .query_row(params![id, version], |row| row.get(0))
        .optional()?;
    snapshot
        .map(|text| {
            serde_json::from_str(&text).map_err(|e| {
                AppError::Internal(format!("revision {version} of {id} is unreadable: {e}"))
            })
        })
        .transpose()
}

fn status_of(tx: &Transaction<'_>, id: FactCheckId) -> Result<(Status, Option<Moment>), AppError> {
    tx.prepare_cached("SELECT status, published_at FROM fact_checks WHERE id = ?1")?
        .query_row([id], |row| {
            Ok((Status::from_db(&row.get::<_, String>(0)?), row.get(1)?))
        })
        .optional()?
        .ok_or(AppError::NotFound)
}

fn refuse_status(message: &str) -> AppError {
    AppError::invalid("status", message)
}

/// A writer hands a draft to the editors.
pub fn submit_for_review(
    tx: &Transaction<'_>,
    id: FactCheckId,
    now: Moment,
) -> Result<(), AppError> {
    if status_of(tx, id)?.0 != Status::Draft {
        return Err(refuse_status("Only a draft can be submitted for review."));
    }
    tx.prepare_cached(
        "UPDATE fact_checks SET status = 'in_review', review_note = NULL, updated_at = ?2 WHERE id = ?1",
    )?
    .execute(params![id, now])?;
    Ok(())
}

/// An editor sends a fact-check in review back to its writer, saying why.
pub fn return_to_draft(
    tx: &Transaction<'_>,
    id: FactCheckId,
    comment: &str,
    now: Moment,
) -> Result<(), AppError> {
    if status_of(tx, id)?.0 != Status::InReview {
        return Err(refuse_status(
            "Only a fact-check in review can be sent back.",
        ));
    }
    tx.prepare_cached(
        "UPDATE fact_checks SET status = 'draft', review_note = ?2, updated_at = ?3 WHERE id = ?1",
    )?
    .execute(params![id, comment, now])?;
    Ok(())
}

/// Makes a fact-check public at `at` (now, or a scheduled moment), provided it is still the
/// version the editor reviewed. A fact-check readers have already seen keeps its first
/// publication time.
pub fn publish(
    tx: &Transaction<'_>,
    id: FactCheckId,
    reviewed_version: Option<i64>,
    at: Moment,
    now: Moment,
) -> Result<(), AppError> {
    let (status, version, sources): (String, i64, i64) = tx
        .prepare_cached(
            "SELECT status, version, (SELECT count(*) FROM sources WHERE fact_check_id = ?1)
             FROM fact_checks WHERE id = ?1",
        )?
        .query_row([id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .optional()?
        .ok_or(AppError::NotFound)?;
    if Status::from_db(&status) == Status::Retracted {
        return Err(refuse_status(
            "A retracted fact-check stays retracted, so readers keep the record. Write a new fact-check instead.",
        ));
    }
    // The editor publishes what they reviewed, not a save that landed after.
    if reviewed_version.is_some_and(|v| v != version) {
        return Err(AppError::Conflict);
    }
    if sources == 0 {
        return Err(AppError::invalid(
            "publish",
            "Add at least one source before publishing: readers need to see the evidence.",
        ));
    }
    tx.prepare_cached(
        "UPDATE fact_checks
         SET status = 'published',
             published_at = CASE WHEN published_at IS NOT NULL AND published_at <= ?3
                                 THEN published_at ELSE ?2 END,
             review_note = NULL, updated_at = ?3
         WHERE id = ?1",
    )?
    .execute(params![id, at, now])?;
    Ok(())
}

/// What taking a fact-check down did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withdrawal {
    /// It was only scheduled: back to draft, no reader saw it.
    Unscheduled,
    /// Readers saw it: the page now carries the retraction note.
    Retracted,
}

/// Takes a published fact-check down. One that readers have seen is retracted, which needs
/// a public note; one that was only scheduled goes quietly back to draft.
pub fn withdraw(
    tx: &Transaction<'_>,
    id: FactCheckId,
    note: Option<&str>,
    now: Moment,
) -> Result<Withdrawal, AppError> {
    let (status, published_at) = status_of(tx, id)?;
    if status != Status::Published {
        return Err(refuse_status(
            "Only a published fact-check can be unpublished.",
        ));
    }
    if status.is_scheduled(published_at, now) {
        tx.prepare_cached(
            "UPDATE fact_checks SET status = 'draft', published_at = NULL, updated_at = ?2 WHERE id = ?1",
        )?
        .execute(params![id, now])?;
        return Ok(Withdrawal::Unscheduled);
    }
    let note = note.filter(|n| !n.trim().is_empty()).ok_or_else(|| {
        AppError::invalid(
            "retraction_note",
            "Readers have seen this fact-check: say publicly why it is being retracted.",
        )
    })?;
    tx.prepare_cached(
        "UPDATE fact_checks
         SET status = 'retracted', retraction_note = ?2, retracted_at = ?3, updated_at = ?3
         WHERE id = ?1",
    )?
    .execute(params![id, note, now])?;
    Ok(Withdrawal::Retracted)
}

/// Sets the times of a fact-check loaded from demo data, which happened in the past.
pub fn backdate(
    tx: &Transaction<'_>,
    id: FactCheckId,
    created_at: Moment,
    updated_at: Moment,
    published_at: Option<Moment>,
) -> Result<(), AppError> {
    tx.prepare_cached(
        "UPDATE fact_checks
         SET created_at = ?2, updated_at = ?3, published_at = ?4,
             status = CASE WHEN ?4 IS NULL THEN 'draft' ELSE 'published' END
         WHERE id = ?1",
    )?
    .execute(params![id, created_at, updated_at, published_at])?;
    Ok(())
}

/// Corrections and updates of fact-checks readers can see, newest first.
pub fn corrections(
    conn: &Connection,
    page: usize,
    per_page: usize,
) -> Result<(Vec<ListedCorrection>, bool), AppError> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.slug, f.headline, k.kind, k.note, k.created_at, ro.label, rn.label
         FROM corrections k
         JOIN fact_checks f ON f.id = k.fact_check_id
         LEFT JOIN ratings ro ON ro.id = k.old_rating_id
         LEFT JOIN ratings rn ON rn.id = k.new_rating_id
         WHERE (f.status = 'published' AND f.published_at <= ?3) OR f.status = 'retracted'
         ORDER BY k.created_at DESC, k.id DESC LIMIT ?1 OFFSET ?2",
    )?;
    let (limit, offset) = page_window(page, per_page);
    let rows = stmt
        .query_map(params![limit, offset, Moment::now()], |row| {
            Ok(ListedCorrection {
                slug: row.get(0)?,
                headline: row.get(1)?,
                correction: PublicCorrection {
                    kind: row.get(2)?,
                    note: row.get(3)?,
                    created_at: row.get(4)?,
                    old_rating: row.get(5)?,
                    new_rating: row.get(6)?,
                },
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(split_page(rows, per_page))
}

/// The rating scale with how many live fact-checks carry each rating.
pub fn ratings_with_counts(conn: &Connection) -> Result<Vec<(Rating, i64)>, AppError> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.slug, r.label, r.value, r.definition, r.colour,
                (SELECT count(*) FROM fact_checks f
                  WHERE f.rating_id = r.id AND f.status = 'published' AND f.published_at <= ?1)
         FROM ratings r ORDER BY r.position",
    )?;
    let rows = stmt.query_map([Moment::now()], |row| Ok((rating_at(row, 0)?, row.get(5)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Live fact-checks with one rating, newest first, with the rating itself (None: no such rating).
pub fn published_with_rating(
    conn: &Connection,
    slug: &str,
    page: usize,
    per_page: usize,
) -> Result<(Option<Rating>, Listing), AppError> {
    let rating = conn
        .prepare_cached(
            "SELECT slug, label, value, definition, colour FROM ratings WHERE slug = ?1",
        )?
        .query_row([slug], |row| rating_at(row, 0))
        .optional()?;
    let filters = ListFilters {
        rating: Some(slug.to_owned()),
        ..Default::default()
    };
    let listing = published_filtered(conn, &filters, page, per_page)?;
    Ok((rating, listing))
}

/// Every tag on a live fact-check, with how many carry it, alphabetically.
pub fn tags_with_counts(conn: &Connection) -> Result<Vec<(String, i64)>, AppError> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.name, count(*) FROM tags t
         JOIN fact_check_tags x ON x.tag_id = t.id
         JOIN fact_checks f ON f.id = x.fact_check_id
         WHERE f.status = 'published' AND f.published_at <= ?1
         GROUP BY t.id ORDER BY t.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([Moment::now()], |row| Ok((row.get(0)?, row.get(1)?)))?;
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
    let mut stmt = conn.prepare_cached(
        "SELECT cl.name, cl.slug, count(*), cl.url, cl.kind FROM claimants cl
         JOIN claims c ON c.claimant_id = cl.id
         JOIN fact_checks f ON f.id = c.fact_check_id
         WHERE f.status = 'published' AND f.published_at <= ?1
         GROUP BY cl.id ORDER BY cl.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([Moment::now()], |row| {
        Ok(ClaimantSummary {
            name: row.get(0)?,
            slug: row.get(1)?,
            checked: row.get(2)?,
            url: row.get(3)?,
            kind: ClaimantKind::from_db(&row.get::<_, String>(4)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
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
    page: usize,
    per_page: usize,
) -> Result<Option<ClaimantRecord>, AppError> {
    let name: Option<String> = conn
        .prepare_cached("SELECT name FROM claimants WHERE slug = ?1")?
        .query_row([slug], |row| row.get(0))
        .optional()?;
    let Some(name) = name else { return Ok(None) };
    let now = Moment::now();
    let mut stmt = conn.prepare_cached(
        "SELECT r.slug, r.label, r.value, r.definition, r.colour, count(*)
         FROM claimants cl
         JOIN claims c ON c.claimant_id = cl.id
         JOIN fact_checks f ON f.id = c.fact_check_id
         JOIN ratings r ON r.id = f.rating_id
         WHERE cl.slug = ?1 AND f.status = 'published' AND f.published_at <= ?2
         GROUP BY r.id ORDER BY r.position",
    )?;
    let scorecard = stmt
        .query_map(params![slug, now], |row| {
            Ok((rating_at(row, 0)?, row.get(5)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        card_columns!(),
        " FROM fact_checks f",
        card_joins!(),
        "WHERE cl.slug = ?1 AND f.status = 'published' AND f.published_at <= ?4
         ORDER BY f.published_at DESC, f.id DESC LIMIT ?2 OFFSET ?3"
    ))?;
    let (limit, offset) = page_window(page, per_page);
    let listing = cards_page(&mut stmt, params![slug, limit, offset, now], per_page)?;
    Ok(Some(ClaimantRecord {
        name,
        scorecard,
        listing,
    }))
}
