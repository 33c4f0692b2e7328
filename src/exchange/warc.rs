//! WARC/1.1 for archivists: every kept snapshot as the HTTP response it was, plus the text
//! Factdesk read from it, each record its own gzip member (the `.warc.gz` convention).
//!
//! - A `warcinfo` record comes first: the software, the format, the site.
//! - Each snapshot gives a `response` record whose WARC-Target-URI is the address that
//!   served the bytes (the final one after redirects, since the record holds what *that*
//!   address answered); the cited address, when it differs, rides along as
//!   `Factdesk-Cited-URI`. Factdesk keeps only the status, the media type and the body, so
//!   the HTTP head is rebuilt from those three; the body is byte for byte what was served.
//! - The main text follows as a `resource` record at `urn:text:<target>` (the name
//!   Browsertrix gives extracted text, so replay tools never mistake it for the page),
//!   tied to its response by WARC-Concurrent-To: the spec forbids WARC-Refers-To on a
//!   resource, and the text comes from the same capture.
//! - Digests are `sha256:` in padded RFC 4648 base32, the spec's encoding and the one
//!   warcio writes; warcio, jwarc and pywb all verify it.

use super::Progress;
use crate::config::Site;
use crate::db::{Db, snapshots};
use crate::domain::evidence::{Snapshot, sha256_hex};
use crate::domain::{Moment, SnapshotId};
use flate2::Compression;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};
use std::io::Write;

/// Snapshot ids read per query: enough to keep the queries few, while only one snapshot's
/// body is ever held at a time however many the database keeps.
const BATCH: usize = 500;

/// Writes every kept snapshot to `out` as a gzip-per-record WARC; returns how many.
pub fn export(
    db: &Db,
    site: &Site,
    out: &mut dyn Write,
    progress: &mut Progress,
) -> Result<usize, String> {
    let now = Moment::now();
    let warcinfo_id = record_id(&[
        b"warcinfo",
        site.base_url.as_bytes(),
        now.rfc3339().as_bytes(),
    ]);
    let mut writer = Writer {
        out,
        warcinfo_id: warcinfo_id.clone(),
    };
    writer.warcinfo(site, now)?;
    let mut written = 0;
    let mut after = SnapshotId(0);
    loop {
        let ids = db
            .read(|conn| snapshots::ids_after(conn, after, BATCH))
            .map_err(|e| format!("cannot read the snapshots: {e}"))?;
        let Some(&last) = ids.last() else { break };
        for id in ids {
            let (snapshot, body) = db
                .read(|conn| Ok((snapshots::by_id(conn, id)?, snapshots::body(conn, id)?)))
                .map_err(|e| format!("cannot read snapshot {id}: {e}"))?;
            let Some(snapshot) = snapshot else { continue };
            writer.snapshot(site, &snapshot, &body.unwrap_or_default())?;
            written += 1;
            progress.count(written);
        }
        after = last;
    }
    writer.out.flush().map_err(|e| write_error(&e))?;
    progress.finish();
    Ok(written)
}

fn write_error(e: &dyn std::fmt::Display) -> String {
    format!("cannot write the export: {e}")
}

struct Writer<'a> {
    out: &'a mut dyn Write,
    warcinfo_id: String,
}

impl Writer<'_> {
    fn warcinfo(&mut self, site: &Site, now: Moment) -> Result<(), String> {
        let fields = format!(
            "software: Factdesk/{version}\r\n\
             format: WARC File Format 1.1\r\n\
             conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n\
             isPartOf: {name}\r\n\
             publisher: {name}\r\n\
             source: {url}\r\n\
             description: Pages cited by {name}'s fact-checks, as Factdesk captured them. \
             Each response's HTTP head is rebuilt from the status, media type and body kept; \
             the body is as served.\r\n",
            version = env!("CARGO_PKG_VERSION"),
            name = one_line(&site.name),
            url = one_line(&site.base_url),
        );
        record(
            self.out,
            &[
                ("WARC-Type", "warcinfo"),
                ("WARC-Record-ID", &self.warcinfo_id),
                ("WARC-Date", &now.rfc3339()),
                ("Content-Type", "application/warc-fields"),
            ],
            &[fields.as_bytes()],
            None,
        )
    }

    fn snapshot(&mut self, site: &Site, snapshot: &Snapshot, body: &[u8]) -> Result<(), String> {
        let served = sha256_hex(body);
        if snapshot
            .body_sha256
            .as_deref()
            .is_some_and(|kept| kept != served)
        {
            return Err(damaged(snapshot.id));
        }
        let target = snapshot.final_url.as_deref().unwrap_or(&snapshot.url);
        let date = snapshot.captured_at.rfc3339();
        let identity = |kind: &[u8]| {
            record_id(&[
                kind,
                site.base_url.as_bytes(),
                snapshot.id.0.to_string().as_bytes(),
                date.as_bytes(),
                served.as_bytes(),
            ])
        };
        let response_id = identity(b"response");
        let status = snapshot.http_status.unwrap_or(200);
        let reason = axum::http::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("");
        let head = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\r\n",
            one_line(
                snapshot
                    .content_type
                    .as_deref()
                    .unwrap_or("application/octet-stream")
            ),
            body.len()
        );
        let mut fields = vec![
            ("WARC-Type", "response"),
            ("WARC-Record-ID", response_id.as_str()),
            ("WARC-Date", date.as_str()),
            ("WARC-Target-URI", target),
            ("Content-Type", "application/http;msgtype=response"),
            ("WARC-Warcinfo-ID", &self.warcinfo_id),
        ];
        if target != snapshot.url {
            fields.push(("Factdesk-Cited-URI", snapshot.url.as_str()));
        }
        record(self.out, &fields, &[head.as_bytes(), body], Some(body))?;

        let Some(text) = snapshot.text.as_deref().filter(|t| !t.is_empty()) else {
            return Ok(());
        };
        if snapshot
            .text_sha256
            .as_deref()
            .is_some_and(|kept| kept != sha256_hex(text.as_bytes()))
        {
            return Err(damaged(snapshot.id));
        }
        let text_id = identity(b"text");
        let text_target = format!("urn:text:{target}");
        record(
            self.out,
            &[
                ("WARC-Type", "resource"),
                ("WARC-Record-ID", &text_id),
                ("WARC-Date", &date),
                ("WARC-Target-URI", &text_target),
                ("WARC-Concurrent-To", &response_id),
                ("Content-Type", "text/plain; charset=utf-8"),
                ("WARC-Warcinfo-ID", &self.warcinfo_id),
            ],
            &[text.as_bytes()],
            Some(text.as_bytes()),
        )
    }
}

/// One record as its own gzip member, so a reader can seek to any record and a damaged one
/// spoils only itself. `payload` is the part WARC-Payload-Digest covers, if any.
fn record(
    out: &mut dyn Write,
    fields: &[(&str, &str)],
    block: &[&[u8]],
    payload: Option<&[u8]>,
) -> Result<(), String> {
    let mut block_digest = Sha256::new();
    for part in block {
        block_digest.update(part);
    }
    let length: usize = block.iter().map(|part| part.len()).sum();
    let mut header = String::from("WARC/1.1\r\n");
    for (name, value) in fields {
        header.push_str(&format!("{name}: {}\r\n", one_line(value)));
    }
    header.push_str(&format!(
        "WARC-Block-Digest: sha256:{}\r\n",
        base32(&block_digest.finalize())
    ));
    if let Some(payload) = payload {
        header.push_str(&format!(
            "WARC-Payload-Digest: sha256:{}\r\n",
            base32(&Sha256::digest(payload))
        ));
    }
    header.push_str(&format!("Content-Length: {length}\r\n\r\n"));

    let mut member = GzEncoder::new(out, Compression::default());
    member
        .write_all(header.as_bytes())
        .and_then(|()| block.iter().try_for_each(|part| member.write_all(part)))
        .and_then(|()| member.write_all(b"\r\n\r\n"))
        .and_then(|()| member.finish().map(drop))
        .map_err(|e| write_error(&e))
}

/// An archive that vouches for its copies must not pass on one that changed since capture.
fn damaged(id: SnapshotId) -> String {
    format!(
        "snapshot {id} no longer matches the digest taken when it was captured; \
         restore the database from a backup"
    )
}

/// A field value cannot hold a line break (it would start a forged field), nor other
/// control characters.
fn one_line(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A `<urn:uuid:…>` record id derived from what the record is, so exporting the same
/// snapshot again gives the same id (archives de-duplicate on it) while different sites
/// and snapshots never share one. Shaped as an RFC 9562 version 8 (custom) UUID.
fn record_id(parts: &[&[u8]]) -> String {
    let mut digest = Sha256::new();
    for part in parts {
        digest.update((part.len() as u64).to_be_bytes());
        digest.update(part);
    }
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest.finalize()[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "<urn:uuid:{}-{}-{}-{}-{}>",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// RFC 4648 base32 with `=` padding.
fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    for chunk in bytes.chunks(5) {
        let mut group = [0u8; 5];
        group[..chunk.len()].copy_from_slice(chunk);
        let bits = group.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        let symbols = (chunk.len() * 8).div_ceil(5);
        for i in 0..8 {
            out.push(if i < symbols {
                char::from(ALPHABET[((bits >> (35 - 5 * i)) & 31) as usize])
            } else {
                '='
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_matches_the_rfc_4648_test_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "MY======"),
            ("fo", "MZXQ===="),
            ("foo", "MZXW6==="),
            ("foob", "MZXW6YQ="),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI======"),
        ] {
            assert_eq!(base32(input.as_bytes()), expected, "{input:?}");
        }
        assert_eq!(
            base32(&Sha256::digest(b"")).len(),
            56,
            "a sha256 is 56 symbols"
        );
    }

    #[test]
    fn a_record_id_is_a_stable_version_8_uuid() {
        let id = record_id(&[b"response", b"https://factcheck.example", b"7"]);
        assert_eq!(
            id,
            record_id(&[b"response", b"https://factcheck.example", b"7"])
        );
        assert_ne!(
            id,
            record_id(&[b"response", b"https://factcheck.example", b"8"])
        );
        assert_ne!(
            id,
            record_id(&[b"response", b"https://factcheck.example7", b""])
        );
        let uuid = id.trim_start_matches("<urn:uuid:").trim_end_matches('>');
        assert_eq!(uuid.len(), 36, "{id}");
        assert_eq!(&uuid[14..15], "8", "version 8: {id}");
        assert!("89ab".contains(&uuid[19..20]), "RFC variant: {id}");
    }

    #[test]
    fn a_field_value_never_breaks_a_line() {
        assert_eq!(
            one_line("Coast\r\nWARC-Type: forged"),
            "Coast  WARC-Type: forged"
        );
    }
}
