//! Snapshots of cited pages, and the queue of addresses still to capture.
//!
//! Rows are only ever added (the schema refuses changes). A page's copy "taken when cited"
//! is its first kept snapshot; later ones are the link watch's business.

use super::rows::{self, from_columns};
use crate::domain::cited::Compared;
use crate::domain::evidence::{
    CaptureState, CapturedPage, LinkState, NewSnapshot, OurCopy, Snapshot, normalize_text,
    sha256_hex,
};
use crate::domain::independence::{SourceText, fingerprint};
use crate::domain::{FactCheckId, Moment, SnapshotId};
use crate::error::AppError;
use flate2::Compression;
use flate2::write::GzEncoder;
use rusqlite::{Connection, Transaction, params};
use std::io::Write;

/// Captures of an address tried before it is given up on: at citation, then an hour and
/// four hours later (a site down for the afternoon is still copied).
pub const CAPTURE_TRIES: i64 = 3;

/// Up to `limit` addresses waiting for their first copy that may be tried at `now`, the
/// longest waiting first (an index read, however long the queue).
pub fn queued(conn: &Connection, limit: usize, now: Moment) -> Result<Vec<String>, AppError> {
    rows::all(
        conn,
        "SELECT url FROM capture_queue WHERE not_before <= ?2 ORDER BY not_before LIMIT ?1",
        params![i64::try_from(limit).unwrap_or(i64::MAX), now],
        |row| row.get(0),
    )
}

/// Keeps a capture, takes its address off the queue and, when a copy was kept, puts the
/// address on the link watch's schedule from `first_check` (unless it is already on it).
pub fn keep(
    tx: &Transaction<'_>,
    snapshot: &NewSnapshot,
    first_check: Moment,
) -> Result<SnapshotId, AppError> {
    let id = match &snapshot.outcome {
        Ok(page) => insert_page(tx, &snapshot.url, snapshot.captured_at, page)?,
        Err(why) => {
            tx.prepare_cached(
                "INSERT INTO snapshots (url, captured_at, error) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![snapshot.url, snapshot.captured_at, why])?;
            SnapshotId(tx.last_insert_rowid())
        }
    };
    // A failure is tried again later, 1 h then 4 h on, until the last try; then the address
    // leaves the queue and stands among the sources needing attention.
    let failed = snapshot.outcome.is_err();
    tx.prepare_cached("DELETE FROM capture_queue WHERE url = ?1 AND (NOT ?2 OR tries + 1 >= ?3)")?
        .execute(params![snapshot.url, failed, CAPTURE_TRIES])?;
    tx.prepare_cached(
        "UPDATE capture_queue SET tries = tries + 1,
                not_before = strftime('%Y-%m-%dT%H:%M:%SZ', ?2, '+' || (1 << (2 * tries)) || ' hours')
          WHERE url = ?1",
    )?
    .execute(params![snapshot.url, snapshot.captured_at])?;
    if snapshot.outcome.is_ok() {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO link_status (url, state, since, checked_at, next_check_at)
             VALUES (?1, ?2, ?3, ?3, ?4)",
        )?
        .execute(params![
            snapshot.url,
            LinkState::Ok,
            snapshot.captured_at,
            first_check
        ])?;
    }
    Ok(id)
}

fn insert_page(
    tx: &Transaction<'_>,
    url: &str,
    at: Moment,
    page: &CapturedPage,
) -> Result<SnapshotId, AppError> {
    let text = normalize_text(&page.text);
    tx.prepare_cached(
        "INSERT INTO snapshots (url, captured_at, final_url, http_status, content_type,
                body_gzip, body_bytes, body_sha256, title, outlet, authors, published_on,
                text, text_sha256, shingles)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        url,
        at,
        page.final_url,
        page.http_status,
        page.content_type,
        gzip(&page.body)?,
        i64::try_from(page.body.len()).unwrap_or(i64::MAX),
        sha256_hex(&page.body),
        page.title,
        page.outlet,
        page.authors,
        page.published_on,
        (!text.is_empty()).then_some(&text),
        (!text.is_empty()).then(|| sha256_hex(text.as_bytes())),
        (!text.is_empty()).then(|| shingles_blob(&text)),
    ])?;
    Ok(SnapshotId(tx.last_insert_rowid()))
}

/// The text's shingles (`independence::fingerprint`) as little-endian bytes.
fn shingles_blob(text: &str) -> Vec<u8> {
    fingerprint(text)
        .into_iter()
        .flat_map(u64::to_le_bytes)
        .collect()
}

fn gzip(body: &[u8]) -> Result<Vec<u8>, AppError> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(body.len() / 4), Compression::default());
    encoder
        .write_all(body)
        .and_then(|()| encoder.finish())
        .map_err(|e| AppError::Internal(format!("cannot compress a snapshot: {e}")))
}

/// The columns `snapshot_from` reads, in its order.
const SNAPSHOT_COLUMNS: &str = "id, url, captured_at, final_url, http_status, content_type,
    body_bytes, body_sha256, title, outlet, authors, published_on, text, text_sha256, error";

fn snapshot_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<Snapshot> {
    from_columns!(row[0..] => Snapshot {
        id, url, captured_at, final_url, http_status, content_type, body_bytes, body_sha256,
        title, outlet, authors, published_on, text, text_sha256, error,
    })
}

/// A kept snapshot, failed captures included.
pub fn by_id(conn: &Connection, id: SnapshotId) -> Result<Option<Snapshot>, AppError> {
    rows::first(
        conn,
        &format!("SELECT {SNAPSHOT_COLUMNS} FROM snapshots WHERE id = ?1"),
        [id],
        snapshot_from,
    )
}

/// The raw body of a snapshot as it was served, decompressed.
pub fn body(conn: &Connection, id: SnapshotId) -> Result<Option<Vec<u8>>, AppError> {
    let gz: Option<Option<Vec<u8>>> = rows::first(
        conn,
        "SELECT body_gzip FROM snapshots WHERE id = ?1",
        [id],
        |row| row.get(0),
    )?;
    gz.flatten().map(|gz| gunzip(&gz)).transpose()
}

pub(crate) fn gunzip(gz: &[u8]) -> Result<Vec<u8>, AppError> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(gz), &mut out)
        .map_err(|e| AppError::Internal(format!("a snapshot's body is damaged: {e}")))?;
    Ok(out)
}

/// The copy of `url` taken when it was first cited: its first kept snapshot.
pub fn citation_copy(conn: &Connection, url: &str) -> Result<Option<Snapshot>, AppError> {
    rows::first(
        conn,
        &format!(
            "SELECT {SNAPSHOT_COLUMNS} FROM snapshots
              WHERE url = ?1 AND error IS NULL ORDER BY id LIMIT 1"
        ),
        [url],
        snapshot_from,
    )
}

/// What the independence check compares of each source of a fact-check, in the order of
/// its sources: `None` for a source with no kept copy. Only the text's opening is read
/// (where a dateline names a wire) with the shingles kept at capture, so a page with many
/// long sources reads a few kilobytes each, not their texts.
pub fn compared_sources(
    conn: &Connection,
    id: FactCheckId,
) -> Result<Vec<Option<Compared>>, AppError> {
    rows::all(
        conn,
        "SELECT s.outlet, s.published_on, n.authors, substr(n.text, 1, 400), n.shingles
           FROM sources s
           LEFT JOIN snapshots n ON n.id = (SELECT min(k.id) FROM snapshots k
                                             WHERE k.url = s.url AND k.error IS NULL)
          WHERE s.fact_check_id = ?1
          ORDER BY s.position",
        [id],
        |row| {
            let (text, shingles): (Option<String>, Option<Vec<u8>>) = (row.get(3)?, row.get(4)?);
            Ok(match text.zip(shingles) {
                Some((text, shingles)) => Some(Compared {
                    source: SourceText {
                        outlet: row.get(0)?,
                        published_on: row.get(1)?,
                        byline: row.get(2)?,
                        text,
                    },
                    shingles: shingles
                        .chunks_exact(8)
                        .map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()))
                        .collect(),
                }),
                None => None,
            })
        },
    )
}

/// Where the capture of `url` stands, for the edit page; `None` when it was never queued.
pub fn capture_state(conn: &Connection, url: &str) -> Result<Option<CaptureState>, AppError> {
    if let Some(copy) = citation_copy(conn, url)? {
        return Ok(Some(CaptureState::Kept(OurCopy {
            snapshot: copy.id,
            captured_at: copy.captured_at,
        })));
    }
    // A failed try is shown, with its reason, even while another is to come.
    let failed = rows::first(
        conn,
        "SELECT captured_at, error FROM snapshots WHERE url = ?1 ORDER BY id DESC LIMIT 1",
        [url],
        |row| {
            Ok(CaptureState::Failed {
                at: row.get(0)?,
                why: row.get::<_, Option<String>>(1)?.unwrap_or_default(),
            })
        },
    )?;
    if failed.is_some() {
        return Ok(failed);
    }
    let waiting: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM capture_queue WHERE url = ?1)")?
        .query_row([url], |row| row.get(0))?;
    Ok(waiting.then_some(CaptureState::Waiting))
}

/// Every kept snapshot's id, oldest first, from `after` on; for the WARC export.
pub fn ids_after(
    conn: &Connection,
    after: SnapshotId,
    limit: usize,
) -> Result<Vec<SnapshotId>, AppError> {
    rows::all(
        conn,
        "SELECT id FROM snapshots WHERE id > ?1 AND error IS NULL ORDER BY id LIMIT ?2",
        params![after, i64::try_from(limit).unwrap_or(i64::MAX)],
        |row| row.get(0),
    )
}

/// A kept copy readers may open: one of a page that a published (or retracted) fact-check
/// cites, as a source or as where the claim appeared. Copies of pages only drafts cite stay
/// with the editors.
pub fn public_copy(
    conn: &Connection,
    id: SnapshotId,
    now: Moment,
) -> Result<Option<Snapshot>, AppError> {
    rows::first(
        conn,
        &format!(
            "SELECT {SNAPSHOT_COLUMNS} FROM snapshots n
              WHERE n.id = ?1 AND n.error IS NULL
                AND (EXISTS (SELECT 1 FROM sources s JOIN fact_checks f ON f.id = s.fact_check_id
                              WHERE s.url = n.url {SHOWN})
                  OR EXISTS (SELECT 1 FROM appearances a JOIN claims c ON c.id = a.claim_id
                               JOIN fact_checks f ON f.id = c.fact_check_id
                              WHERE a.url = n.url {SHOWN}))"
        ),
        params![id, now],
        snapshot_from,
    )
}

/// Fact-checks readers can see (as on the verdict page), with `?2` as now.
const SHOWN: &str =
    "AND ((f.status = 'published' AND f.published_at <= ?2) OR f.status = 'retracted')";

/// Sets where a watched address stands without a check, for data that arrives with its
/// state known (the demo's dead link).
pub fn set_link_state(
    tx: &Transaction<'_>,
    url: &str,
    state: LinkState,
    since: Moment,
) -> Result<(), AppError> {
    tx.prepare_cached(
        "UPDATE link_status SET state = ?2, since = ?3, checked_at = ?3 WHERE url = ?1",
    )?
    .execute(params![url, state, since])?;
    Ok(())
}
