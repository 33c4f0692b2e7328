//! Turning a fetched page into what a snapshot keeps: its facts, its main text and the
//! raw body, or the reason nothing usable came back.

use super::{Fetched, Fetcher, extract, facts, tangle};
use crate::domain::Moment;
use crate::domain::evidence::{CapturedPage, MAX_TEXT_BYTES, NewSnapshot, truncate_at};

/// Fetches `url` now and reads what it serves. Parsing runs on a blocking thread.
pub async fn capture(fetcher: &Fetcher, url: &str, now: impl Fn() -> Moment) -> NewSnapshot {
    let outcome = match fetcher.fetch(url).await {
        Ok(page) if (200..300).contains(&page.status) => {
            tokio::task::spawn_blocking(move || read(page))
                .await
                .map_err(|_| "the page could not be read".to_owned())
        }
        Ok(page) => Err(format!("the site answered {}", page.status)),
        Err(e) => Err(e.to_string()),
    };
    NewSnapshot {
        url: url.to_owned(),
        captured_at: now(),
        outcome,
    }
}

/// What is kept of a page that answered. PDFs and JSON are kept raw, without a text.
pub fn read(page: Fetched) -> CapturedPage {
    let mut kept = CapturedPage {
        final_url: page.final_url.to_string(),
        http_status: page.status,
        content_type: page.content_type.clone(),
        ..CapturedPage::default()
    };
    let html = page
        .content_type
        .contains("html")
        .then(|| String::from_utf8_lossy(&page.body));
    // A page too tangled to parse in bounded time is kept raw, without a text.
    if let Some(html) = html.filter(|html| !tangle::too_deep(html)) {
        let found = facts::read(&html, &page.final_url);
        let article = extract::main_text(&html, &page.final_url);
        kept.title = found.title.or(article.title);
        kept.outlet = found.outlet;
        kept.authors = (!found.authors.is_empty())
            .then(|| found.authors.join(", "))
            .or(article.byline);
        kept.published_on = found.published;
        kept.text = article.text;
    } else if page.content_type == "text/plain" {
        kept.text = String::from_utf8_lossy(&page.body).into_owned();
    }
    truncate_at(&mut kept.text, MAX_TEXT_BYTES);
    kept.body = page.body;
    kept
}
