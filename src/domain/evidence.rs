//! Evidence Factdesk keeps for itself: a snapshot of a cited page as captured, the digests
//! that prove a copy unchanged, and where the link watch last found each cited address.

use super::{Day, Moment, SnapshotId};
use sha2::{Digest, Sha256};

/// The most of a page's main text a snapshot keeps. The raw body (capped by the fetcher) is
/// kept too; this bounds what every reader's "our copy" page and every comparison handles.
pub const MAX_TEXT_BYTES: usize = 512 * 1024;

/// Lowercase hex SHA-256 of `bytes`, as WARC and `sha256sum` print it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The text a digest is taken of: each paragraph's whitespace collapsed to single spaces,
/// paragraphs joined by one blank line, so a page re-served with other indentation or line
/// endings has the same text digest.
pub fn normalize_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for paragraph in text.split("\n\n") {
        let words = paragraph.split_whitespace();
        let mut first = true;
        for word in words {
            if first {
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
                first = false;
            } else {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// Cuts `text` to at most `max` bytes on a character boundary.
pub fn truncate_at(text: &mut String, max: usize) {
    if text.len() > max {
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
}

/// What one capture of a cited address found, ready to be kept.
#[derive(Debug, Clone)]
pub struct NewSnapshot {
    pub url: String,
    pub captured_at: Moment,
    pub outcome: Result<CapturedPage, String>,
}

/// A page that answered with content: what is kept of it.
#[derive(Debug, Clone, Default)]
pub struct CapturedPage {
    pub final_url: String,
    pub http_status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub authors: Option<String>,
    /// `YYYY-MM-DD`, as the page gives it.
    pub published_on: Option<String>,
    /// The main text, normalized; empty when none could be read (a PDF, say).
    pub text: String,
}

/// A kept snapshot, as the "our copy" page and the export read it.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub id: SnapshotId,
    pub url: String,
    pub captured_at: Moment,
    pub final_url: Option<String>,
    pub http_status: Option<u16>,
    pub content_type: Option<String>,
    pub body_bytes: Option<i64>,
    pub body_sha256: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub authors: Option<String>,
    pub published_on: Option<String>,
    pub text: Option<String>,
    pub text_sha256: Option<String>,
    pub error: Option<String>,
}

impl Snapshot {
    /// The date the page gives for itself, when it is a day.
    pub fn published_day(&self) -> Option<Day> {
        Day::parse(self.published_on.as_deref()?)
    }

    /// Where the address led, when that was somewhere else.
    pub fn redirected_to(&self) -> Option<&str> {
        self.final_url.as_deref().filter(|to| *to != self.url)
    }

    /// The text's paragraphs, for a page that shows them as escaped plain text.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.text
            .as_deref()
            .unwrap_or_default()
            .split("\n\n")
            .filter(|p| !p.is_empty())
    }
}

/// Where a watched address stands, from the link watch's checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkState {
    /// It answers with the text captured at citation.
    Ok,
    /// It answers, but its text differs materially from the text captured at citation.
    Changed,
    /// It did not answer at the last check (timeout, 5xx, DNS or TLS failure): often passing.
    Unreachable,
    /// 404 or 410, a redirect to the site's home page, or unreachable on three checks over
    /// at least 72 hours.
    Dead,
}

impl LinkState {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkState::Ok => "ok",
            LinkState::Changed => "changed",
            LinkState::Unreachable => "unreachable",
            LinkState::Dead => "dead",
        }
    }

    /// How an editor's list names it.
    pub fn label(self) -> &'static str {
        match self {
            LinkState::Ok => "working",
            LinkState::Changed => "changed since cited",
            LinkState::Unreachable => "not answering",
            LinkState::Dead => "no longer works",
        }
    }
}

super::stored::stored_as_text!(LinkState: Ok, Changed, Unreachable, Dead);

/// Factdesk's copy of a cited address, as a citation links to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OurCopy {
    pub snapshot: SnapshotId,
    pub captured_at: Moment,
}

/// Factdesk's own copy of a cited address, taken when it was first cited, and where the
/// link watch last found it: what a citation on the verdict page needs.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct Kept {
    #[serde(default)]
    pub copy: Option<SnapshotId>,
    #[serde(default)]
    pub copy_at: Option<Moment>,
    #[serde(default)]
    pub link_state: Option<LinkState>,
}

impl Kept {
    /// The copy to link readers to, when there is one.
    pub fn our_copy(&self) -> Option<OurCopy> {
        Some(OurCopy {
            snapshot: self.copy?,
            captured_at: self.copy_at?,
        })
    }

    /// The link no longer works and a copy was kept: readers are sent to the copy instead.
    pub fn replaces_link(&self) -> bool {
        self.link_state == Some(LinkState::Dead) && self.copy.is_some()
    }
}

/// What the capture job and the link watch know of one cited address, for the edit page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaptureState {
    /// Queued; not fetched yet.
    Waiting,
    /// Kept, as of this copy.
    Kept(OurCopy),
    /// Tried, and nothing usable came back: why.
    Failed { at: Moment, why: String },
}

/// What the edit page says beside a row's link: its copy and how the link watch found it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowEvidence {
    pub capture: Option<CaptureState>,
    pub link: Option<LinkState>,
    /// The check that found the page changed, for "see what changed".
    pub changed_check: Option<i64>,
}

impl RowEvidence {
    /// The watch's finding when it is worth an editor's attention.
    pub fn link_trouble(&self) -> Option<&'static str> {
        self.link
            .filter(|state| *state != LinkState::Ok)
            .map(LinkState::label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_digest_ignores_how_the_page_was_indented() {
        let served = "  First   paragraph\r\nwraps here.\n\n\n\n  Second one. ";
        let again = "First paragraph wraps here.\n\nSecond one.";
        assert_eq!(normalize_text(served), again);
        assert_eq!(
            sha256_hex(normalize_text(served).as_bytes()),
            sha256_hex(again.as_bytes())
        );
    }

    #[test]
    fn digests_are_the_ones_sha256sum_prints() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn truncation_never_splits_a_character() {
        let mut text = "naïve".to_owned();
        truncate_at(&mut text, 3);
        assert_eq!(text, "na");
    }
}
