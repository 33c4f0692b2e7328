//! The demo's copies of the pages its fact-checks cite, as if captured when they were
//! cited: texts written for the demo, bundled in `snapshots.json`, so a new site shows
//! "our copy" links, one dead link and three reports that are one wire story.

use crate::db::snapshots;
use crate::domain::Moment;
use crate::domain::evidence::{CapturedPage, LinkState, NewSnapshot};
use crate::error::AppError;
use rusqlite::Transaction;
use serde::Deserialize;

const SNAPSHOTS: &str = include_str!("snapshots.json");

/// The demo's pages live nowhere, so the link watch is never to check them.
const NEVER: &str = "9999-12-31T00:00:00Z";

#[derive(Deserialize)]
struct DemoPage {
    url: String,
    outlet: String,
    title: String,
    authors: Option<String>,
    published_on: Option<String>,
    captured_at: Moment,
    paragraphs: Vec<String>,
    /// "dead" for the page the demo shows gone.
    state: Option<String>,
}

impl DemoPage {
    /// The page as a site would have served it: the article in a plain HTML page.
    fn served(&self) -> Vec<u8> {
        let escape = |text: &str| {
            text.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        let mut html = format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>{}</title>\
             <meta property=\"og:site_name\" content=\"{}\"></head><body><article><h1>{}</h1>",
            escape(&self.title),
            escape(&self.outlet).replace('"', "&quot;"),
            escape(&self.title)
        );
        for paragraph in &self.paragraphs {
            html.push_str(&format!("<p>{}</p>", escape(paragraph)));
        }
        html.push_str("</article></body></html>");
        html.into_bytes()
    }
}

/// Keeps a copy of every demo page, in the demo's transaction.
pub(super) fn load(tx: &Transaction<'_>) -> Result<(), AppError> {
    let pages: Vec<DemoPage> = serde_json::from_str(SNAPSHOTS)
        .map_err(|e| AppError::Internal(format!("demo snapshots are malformed: {e}")))?;
    let never = Moment::parse(NEVER).ok_or_else(|| AppError::Internal(NEVER.to_owned()))?;
    for page in pages {
        let snapshot = NewSnapshot {
            url: page.url.clone(),
            captured_at: page.captured_at,
            outcome: Ok(CapturedPage {
                final_url: page.url.clone(),
                http_status: 200,
                content_type: "text/html".to_owned(),
                body: page.served(),
                title: Some(page.title.clone()),
                outlet: Some(page.outlet.clone()),
                authors: page.authors.clone(),
                published_on: page.published_on.clone(),
                text: page.paragraphs.join("\n\n"),
            }),
        };
        snapshots::keep(tx, &snapshot, never)?;
        if page.state.as_deref() == Some("dead") {
            let gone = Moment(page.captured_at.0 + chrono::Duration::days(30));
            snapshots::set_link_state(tx, &page.url, LinkState::Dead, gone)?;
        }
    }
    Ok(())
}
