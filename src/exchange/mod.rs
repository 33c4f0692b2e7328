//! Moving fact-checks in and out: export as ClaimReview, our JSON or CSV, and the cited
//! pages' snapshots as WARC; import other publishers' ClaimReview through the editor's
//! validation and save path.

pub mod claim_review;
pub mod full;
pub mod import;
pub mod jsonld;
mod keywords;
mod long_texts;
pub mod rating;
pub mod review;
pub mod stream;
pub mod table;
pub mod warc;

use crate::config::Site;
use crate::db::{Db, exchange};
use crate::domain::Moment;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// What `factdesk export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A schema.org DataFeed of ClaimReview, as verdict pages carry them (live ones only).
    Claimreview,
    /// Our own format: every field, retracted fact-checks included.
    Json,
    /// One row per fact-check with the main columns; retracted ones included.
    Csv,
    /// Every kept snapshot of a cited page, as a gzip-per-record WARC/1.1 file.
    Warc,
}

impl Format {
    /// What one exported item is, for the closing line.
    pub fn items(self) -> &'static str {
        match self {
            Format::Warc => "snapshots",
            _ => "fact-checks",
        }
    }
}

/// What Excel on Windows needs to read a CSV file as UTF-8 rather than its ANSI code page.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes every public fact-check in `format` (every snapshot, for WARC); returns how many
/// were written. `excel` starts a CSV file with the UTF-8 byte order mark.
pub fn export(
    db: &Db,
    format: Format,
    excel: bool,
    site: &Site,
    out: &mut dyn Write,
    progress: &mut Progress,
) -> Result<usize, String> {
    if excel && format != Format::Csv {
        return Err(
            "--excel is for --format csv: it marks the file as UTF-8 for Excel.".to_owned(),
        );
    }
    if format == Format::Warc {
        return warc::export(db, site, out, progress);
    }
    // ClaimReview is what the verdict pages offer, and a retracted page offers none.
    let include_retracted = format != Format::Claimreview;
    let fact_checks = db
        .read(|conn| exchange::published(conn, include_retracted))
        .map_err(|e| format!("cannot read the fact-checks: {e}"))?;
    let total = fact_checks.len();
    let write_error = |e: &dyn std::fmt::Display| format!("cannot write the export: {e}");
    match format {
        Format::Claimreview => {
            let mut elements = Vec::with_capacity(total);
            for (i, fc) in fact_checks.iter().enumerate() {
                elements.push(claim_review::element(fc, site));
                progress.tick(i + 1, total);
            }
            let feed = serde_json::json!({
                "@context": "https://schema.org",
                "@type": "DataFeed",
                "name": format!("{} fact-checks", site.name),
                "url": site.url("/"),
                "dateModified": Moment::now().rfc3339(),
                "dataFeedElement": elements,
            });
            serde_json::to_writer_pretty(&mut *out, &feed).map_err(|e| write_error(&e))?;
            writeln!(out).map_err(|e| write_error(&e))?;
        }
        Format::Json => {
            let mut items = Vec::with_capacity(total);
            for (i, fc) in fact_checks.iter().enumerate() {
                items.push(full::fact_check(fc, site));
                progress.tick(i + 1, total);
            }
            let export = full::Export {
                format: "factdesk",
                version: 1,
                exported_at: Moment::now().rfc3339(),
                site: full::SiteInfo {
                    name: &site.name,
                    url: &site.base_url,
                },
                fact_checks: items,
            };
            serde_json::to_writer_pretty(&mut *out, &export).map_err(|e| write_error(&e))?;
            writeln!(out).map_err(|e| write_error(&e))?;
        }
        Format::Csv => {
            if excel {
                out.write_all(UTF8_BOM).map_err(|e| write_error(&e))?;
            }
            // RFC 4180 ends records with CRLF.
            let mut writer = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut *out);
            writer
                .write_record(table::HEADER)
                .map_err(|e| write_error(&e))?;
            for (i, fc) in fact_checks.iter().enumerate() {
                writer
                    .write_record(table::row(fc, site))
                    .map_err(|e| write_error(&e))?;
                progress.tick(i + 1, total);
            }
            writer.flush().map_err(|e| write_error(&e))?;
        }
        Format::Warc => unreachable!("written above"),
    }
    out.flush().map_err(|e| write_error(&e))?;
    progress.finish();
    Ok(total)
}

/// A one-line counter on standard error, drawn only when a person is watching (stderr is
/// a terminal), so logs and pipes stay clean.
pub struct Progress {
    label: &'static str,
    enabled: bool,
    last_drawn: Option<Instant>,
    drawn: bool,
}

/// Redrawing more often than this only costs time.
const REDRAW_EVERY: Duration = Duration::from_millis(100);

impl Progress {
    pub fn new(label: &'static str) -> Self {
        Progress {
            label,
            enabled: std::io::stderr().is_terminal(),
            last_drawn: None,
            drawn: false,
        }
    }

    /// A counter that never draws (tests, library callers).
    pub fn hidden() -> Self {
        Progress {
            enabled: false,
            ..Progress::new("")
        }
    }

    pub fn tick(&mut self, done: usize, total: usize) {
        self.draw(|label| format!("{label} {done}/{total}"));
    }

    /// For work whose total is not known until the end (an import read as it streams).
    pub fn count(&mut self, done: usize) {
        self.draw(|label| format!("{label} {done}"));
    }

    fn draw(&mut self, line: impl FnOnce(&str) -> String) {
        if !self.enabled || self.last_drawn.is_some_and(|t| t.elapsed() < REDRAW_EVERY) {
            return;
        }
        self.last_drawn = Some(Instant::now());
        self.drawn = true;
        eprint!("\r{}", line(self.label));
        let _ = std::io::stderr().flush();
    }

    /// Clears the counter's line so the next message starts clean.
    pub fn finish(&mut self) {
        if self.drawn {
            eprint!("\r\x1b[2K");
            let _ = std::io::stderr().flush();
            self.drawn = false;
        }
    }
}
