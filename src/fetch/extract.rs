//! The main text of a fetched page: the article without its site chrome, as plain text.
//!
//! Readability (the `dom_smoothie` port of Mozilla's) finds the article. Before it runs, the
//! blocks news sites wrap around every story and Readability's own heuristics let through
//! (cookie and consent notices, newsletter boxes, "related" and "previous / next" links) are
//! removed by their names, since those are what keep a snapshot's text, and so its digest
//! and the syndication comparison, from depending on the week's site furniture.
//!
//! Cost is bounded by the input: the fetcher already refuses bodies over 5 MB, and
//! `main_text` parses at most [`MAX_PARSED`] bytes of whatever it is given, so a caller that
//! reads a body from elsewhere (an import, the demo) gets the same bound.

use dom_query::{Document, Selection};
use dom_smoothie::{Config, Readability, TextMode};
use url::Url;

/// The most of a page parsed: the fetcher's body cap, so a fetched page is never cut.
pub const MAX_PARSED: usize = 5 * 1024 * 1024;

/// Fewer characters than this and Readability is taken to have found no article.
const LEAST_ARTICLE: usize = 140;

/// Blocks that are never the article, by element, role or the names sites give them.
const CHROME: &str = "script, style, noscript, template, iframe, svg, form, nav, footer, \
    [role=dialog], [role=navigation], [role=banner], [role=contentinfo], \
    [class*=cookie], [id*=cookie], [class*=consent], [id*=consent], [class*=gdpr], \
    [class*=newsletter], [id*=newsletter], [class*=subscribe], [class*=signup], \
    [class*=related], [id*=related], [class*=pagination], [class*=post-nav], \
    [class*=prev-next], [class*=share], [class*=social], [class*=comments], [id*=comments], \
    [class*=bookmark], [class*=advert], [class*=promo]";

/// What a page's main text is, with what Readability read of its title and byline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// Plain text, one paragraph per block, paragraphs separated by a blank line.
    pub text: String,
}

/// The article's text of the page at `url`; when Readability finds no article, the visible
/// text of the whole body, so a page that is not a story still gets a copy of what it says.
pub fn main_text(html: &str, url: &Url) -> Extracted {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let article =
        Readability::with_document(without_chrome(html), Some(url.as_str()), Some(config))
            .and_then(|mut readability| readability.parse())
            .ok();
    let (title, byline, text) = match article {
        Some(article) => (
            Some(article.title),
            article.byline,
            paragraphs(&article.text_content),
        ),
        None => (None, None, String::new()),
    };
    let text = if text.chars().count() < LEAST_ARTICLE {
        visible_text(&without_chrome(html)).unwrap_or(text)
    } else {
        text
    };
    let byline = byline.map(|b| one_line(&b)).filter(|b| !b.is_empty());
    Extracted {
        title: title.map(|t| one_line(&t)).filter(|t| !t.is_empty()),
        text: without_byline(text, byline.as_deref()),
        byline,
    }
}

/// The text without an opening "By <byline>" line: Readability keeps the byline's element
/// when the page's metadata named the author first, and a byline is not the story.
fn without_byline(text: String, byline: Option<&str>) -> String {
    let Some(byline) = byline else { return text };
    let (first, rest) = text.split_once("\n\n").unwrap_or((&text, ""));
    let named = first.strip_prefix("By ").unwrap_or(first);
    if named.eq_ignore_ascii_case(byline) {
        rest.to_owned()
    } else {
        text
    }
}

/// The page parsed, its chrome removed. Parsed again for the fallback rather than cloned
/// for it, since the fallback is rare and Readability rewrites the tree it is given.
fn without_chrome(html: &str) -> Document {
    let doc = Document::from(bounded(html));
    doc.select(CHROME).remove();
    doc
}

/// At most [`MAX_PARSED`] bytes, cut on a character boundary.
fn bounded(html: &str) -> &str {
    if html.len() <= MAX_PARSED {
        return html;
    }
    let mut end = MAX_PARSED;
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    &html[..end]
}

/// The body's text after the chrome is gone; `None` when there is none.
fn visible_text(doc: &Document) -> Option<String> {
    let body: Selection = doc.select("body");
    let text = paragraphs(&body.formatted_text());
    (!text.is_empty()).then_some(text)
}

/// Lines trimmed and squeezed, each non-empty line a paragraph, a blank line between.
fn paragraphs(text: &str) -> String {
    text.lines()
        .map(one_line)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
