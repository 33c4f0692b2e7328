//! For machines that follow the site: Atom feeds, the sitemap and robots.txt.

use super::PathText;
use crate::config::Site;
use crate::db::fact_checks::ListFilters;
use crate::db::feeds::{self, FeedItem};
use crate::db::sitemap::{self, Sections};
use crate::domain::{TagLookup, Ui};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Entries per feed: feed readers poll, so the newest are enough.
const FEED_ENTRIES: usize = 20;
/// Ids per sitemap file (the protocol allows 50,000 addresses). A file's cost is its size:
/// 40,000 made a 4.9 MB file that took 41 ms at 1,000,000 fact-checks; 5,000 make 600 KB
/// files (200 of them at a million, which the index lists in 12 KB).
const SITEMAP_CHUNK: i64 = 5_000;

/// XML 1.0 forbids most control characters and U+FFFE/U+FFFF, even as references.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|c| {
            (!c.is_control() || matches!(c, '\t' | '\n' | '\r'))
                && !matches!(c, '\u{FFFE}' | '\u{FFFF}')
        })
        .collect()
}

struct FeedEntry {
    url: String,
    title: String,
    summary: String,
    /// The explanation (sanitized HTML), or the retraction in its place; escaped once more
    /// by the template, as `type="html"` content is.
    content: String,
    retracted: bool,
    /// The entry's language (`xml:lang`), which may differ from the feed's.
    language: String,
    published: String,
    updated: String,
    tags: Vec<String>,
    claimant: String,
    claimant_slug: String,
    /// The featured image's largest fallback: (absolute address, content type).
    image: Option<(String, &'static str)>,
}

#[derive(Template)]
#[template(path = "feed.xml")]
struct Feed {
    title: String,
    /// The feed's own address.
    self_url: String,
    /// The page it follows.
    page_url: String,
    updated: String,
    /// The site's language; each entry names its own.
    language: &'static str,
    site_name: String,
    site_url: String,
    /// Claimant categories use this scheme, tags none.
    claimant_scheme: String,
    /// The scheme of the category that marks a retracted entry.
    status_scheme: String,
    entries: Vec<FeedEntry>,
}

fn feed(
    state: &AppState,
    title: String,
    path: &str,
    page_path: &str,
    items: Vec<FeedItem>,
) -> Response {
    let (site, ui) = (&state.site, state.ui());
    // The feed changed when its newest change did; a fixed instant for an empty feed keeps
    // its bytes (and ETag) steady.
    let updated = items
        .iter()
        .map(|i| i.card.updated_at.max(i.card.published_at))
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |m| m.rfc3339());
    let entries = items
        .into_iter()
        .map(|item| entry(site, &ui, item))
        .collect();
    let document = Feed {
        title: xml_text(&title),
        self_url: site.url(path),
        page_url: site.url(page_path),
        updated,
        language: ui.lang(),
        site_name: xml_text(&site.name),
        site_url: site.url("/"),
        claimant_scheme: site.url("/claimants/"),
        status_scheme: site.url("/corrections"),
        entries,
    };
    match document.render() {
        Ok(xml) => (
            [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
            xml,
        )
            .into_response(),
        Err(e) => AppError::from(e).into_response(),
    }
}

/// A feed's entry, in the fact-check's language. A retracted fact-check stays in the feed
/// as an entry updated at its retraction, its title and summary saying so, the note in
/// place of the explanation.
fn entry(site: &Site, site_ui: &Ui, item: FeedItem) -> FeedEntry {
    let FeedItem {
        card: c,
        body_html,
        retraction,
    } = item;
    let ui = site_ui.in_language(&c.language);
    let escape = crate::domain::rating_graphic::escape;
    let title = format!("{} {}", ui.t("fact-check"), c.headline);
    let (title, summary, content) = match &retraction {
        None => {
            let (claim, rating) = (ui.t("claim"), ui.t("rating"));
            let label = ui.rating_label(&c.rating);
            (
                title,
                format!("{rating} {label}. {claim} {} — {}", c.claim_text, c.summary),
                format!(
                    "<p><strong>{}</strong> {}</p><p><strong>{}</strong> {}</p>{body_html}",
                    escape(&claim),
                    escape(&c.claim_text),
                    escape(&rating),
                    escape(&label),
                ),
            )
        }
        Some((note, at)) => {
            let retracted_on = ui.t_with("feed-retracted-on", &[("date", &ui.date(at))]);
            (
                format!("{} {title}", ui.t("feed-retracted")),
                format!("{retracted_on} {note}"),
                format!(
                    "<p><strong>{}</strong> {}</p>",
                    escape(&retracted_on),
                    escape(note)
                ),
            )
        }
    };
    let updated = match &retraction {
        Some((_, at)) => *at,
        None => c.updated_at.max(c.published_at),
    };
    FeedEntry {
        url: site.url(&format!("/fact-checks/{}", c.slug)),
        title: xml_text(&title),
        summary: xml_text(&summary),
        content: xml_text(&content),
        retracted: retraction.is_some(),
        language: c.language.to_string(),
        published: c.published_at.rfc3339(),
        updated: updated.rfc3339(),
        tags: c.tags.iter().map(|t| xml_text(t)).collect(),
        claimant: xml_text(&c.claimant),
        claimant_slug: c.claimant_slug,
        image: c
            .featured_image
            .map(|i| (site.url(&i.largest_url), i.fallback_type)),
    }
}

fn newest(state: &AppState, filters: &ListFilters) -> AppResult<Vec<FeedItem>> {
    state
        .db
        .read(|conn| feeds::feed_items(conn, filters, FEED_ENTRIES))
}

/// `/feed.atom`: the newest fact-checks.
pub async fn site_feed(State(state): State<AppState>) -> AppResult<Response> {
    let items = newest(&state, &ListFilters::default())?;
    let title = format!("{}: {}", state.site.name, state.ui().t("feed-latest"));
    Ok(feed(&state, title, "/feed.atom", "/", items))
}

/// The feed of a section (a tag, a claimant), which sits at its page's path + `/feed.atom`.
fn section_feed(
    state: &AppState,
    title: String,
    page_path: &str,
    items: Vec<FeedItem>,
) -> Response {
    feed(
        state,
        title,
        &format!("{page_path}/feed.atom"),
        page_path,
        items,
    )
}

/// `/tags/{tag}/feed.atom`.
pub async fn tag_feed(
    State(state): State<AppState>,
    PathText(tag): PathText,
) -> AppResult<Response> {
    let lookup = TagLookup::new(&tag);
    let filters = ListFilters {
        tag: Some(lookup.clone()),
        ..Default::default()
    };
    let items = newest(&state, &filters)?;
    // Spelled as the fact-checks spell it, whatever case the address used.
    let name = items
        .iter()
        .flat_map(|i| i.card.tags.iter())
        .find(|t| crate::domain::tag::key_of(t) == lookup.key())
        .cloned()
        .ok_or(AppError::NotFound)?;
    let path = crate::domain::tag_path(&name);
    let title = format!("{}: #{name}", state.site.name);
    Ok(section_feed(&state, title, &path, items))
}

/// `/claimants/{slug}/feed.atom`.
pub async fn claimant_feed(
    State(state): State<AppState>,
    PathText(slug): PathText,
) -> AppResult<Response> {
    let filters = ListFilters {
        claimant: Some(slug),
        ..Default::default()
    };
    let items = newest(&state, &filters)?;
    let first = &items.first().ok_or(AppError::NotFound)?.card;
    let (name, path) = (
        first.claimant.clone(),
        format!("/claimants/{}", first.claimant_slug),
    );
    let title = state.ui().t_with(
        "feed-claimant",
        &[("site", state.site.name.as_str()), ("name", name.as_str())],
    );
    Ok(section_feed(&state, title, &path, items))
}

#[derive(Template)]
#[template(path = "sitemap_index.xml")]
struct SitemapIndex {
    files: Vec<(String, Option<String>)>,
}

#[derive(Template)]
#[template(path = "sitemap.xml")]
struct Sitemap {
    urls: Vec<(String, String)>,
}

fn xml(body: Result<String, askama::Error>) -> AppResult<Response> {
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        body?,
    )
        .into_response())
}

/// `/sitemap.xml`: an index of the sitemap files: the fixed pages and ratings, then tag,
/// claimant and fact-check pages by id range, `SITEMAP_CHUNK` ids to a file, so the site
/// can grow past the protocol's 50,000 limit and a file's contents stay put as it grows.
/// It reads four rows: the kept count and the highest ids. No `lastmod` here: the files
/// carry their own.
pub async fn sitemap_index(State(state): State<AppState>) -> AppResult<Response> {
    let (count, last_ids) = state.db.read(|conn| {
        let last_ids = [
            ("tags", sitemap::last_section_id(conn, Sections::Tags)?),
            (
                "claimants",
                sitemap::last_section_id(conn, Sections::Claimants)?,
            ),
            ("fact-checks", sitemap::last_id(conn)?),
        ];
        Ok((sitemap::published_count(conn)?, last_ids))
    })?;
    let mut files = vec![(state.site.url("/sitemap-pages.xml"), None)];
    if count > 0 {
        for (kind, last_id) in last_ids {
            for n in 1..=(last_id + SITEMAP_CHUNK - 1) / SITEMAP_CHUNK {
                files.push((state.site.url(&format!("/sitemap-{kind}-{n}.xml")), None));
            }
        }
    }
    xml(SitemapIndex { files }.render())
}

/// `/sitemap-pages.xml`: home, the indexes and each rating's page.
async fn sitemap_pages(state: AppState) -> AppResult<Response> {
    let entries = state.db.read(sitemap::listings)?;
    xml(Sitemap {
        urls: urls(&state.site, entries),
    }
    .render())
}

/// Which kind of page a numbered sitemap file lists.
enum File {
    FactChecks,
    Sections(Sections),
}

/// `/sitemap-{kind}-{n}.xml` and `/sitemap-pages.xml`, at the site's root: a sitemap
/// covers the pages under its own directory (sitemaps.org), and these list pages all over
/// the site. The router cannot match part of a segment, so this answers `/{file}`, which
/// no other page uses; anything but a sitemap's name is a 404.
pub async fn sitemap_file(
    State(state): State<AppState>,
    PathText(file): PathText,
) -> AppResult<Response> {
    let name = file
        .strip_prefix("sitemap-")
        .and_then(|name| name.strip_suffix(".xml"))
        .ok_or(AppError::NotFound)?;
    if name == "pages" {
        return sitemap_pages(state).await;
    }
    let (kind, n) = name.rsplit_once('-').ok_or(AppError::NotFound)?;
    let kind = match kind {
        "fact-checks" => File::FactChecks,
        "tags" => File::Sections(Sections::Tags),
        "claimants" => File::Sections(Sections::Claimants),
        _ => return Err(AppError::NotFound),
    };
    let n: i64 = n
        .parse()
        .ok()
        .filter(|n| (1..=100_000).contains(n))
        .ok_or(AppError::NotFound)?;
    let after = (n - 1) * SITEMAP_CHUNK;
    let (entries, last_id) = state
        .db
        .read_slow(move |conn| match kind {
            File::FactChecks => Ok((
                sitemap::fact_checks(conn, after, SITEMAP_CHUNK)?,
                sitemap::last_id(conn)?,
            )),
            File::Sections(sections) => Ok((
                sitemap::section_pages(conn, sections, after, SITEMAP_CHUNK)?,
                sitemap::last_section_id(conn, sections)?,
            )),
        })
        .await?;
    // A file the index lists answers even when nothing in its id range is live (an empty
    // urlset is valid); one past the last id is 404.
    if entries.is_empty() && after >= last_id {
        return Err(AppError::NotFound);
    }
    xml(Sitemap {
        urls: urls(&state.site, entries),
    }
    .render())
}

/// `/sitemaps/{file}`, where the files were before they moved to the root: a sitemap's
/// name moves, anything else is a 404.
pub async fn sitemap_moved(PathText(file): PathText) -> AppResult<Response> {
    let numbered = |name: &str| {
        name.rsplit_once('-').is_some_and(|(kind, n)| {
            matches!(kind, "tags" | "claimants" | "fact-checks")
                && !n.is_empty()
                && n.bytes().all(|b| b.is_ascii_digit())
        })
    };
    match file.strip_suffix(".xml") {
        Some(name) if name == "pages" || numbered(name) => {
            Ok(super::moved_permanently(&format!("/sitemap-{file}")))
        }
        _ => Err(AppError::NotFound),
    }
}

fn urls(site: &Site, entries: Vec<sitemap::Entry>) -> Vec<(String, String)> {
    entries
        .into_iter()
        .map(|e| (site.url(&e.path), e.last_modified.rfc3339()))
        .collect()
}

/// `/robots.txt`: crawl everything public, nothing of the editors' side or search results.
pub async fn robots(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "User-agent: *\nDisallow: /editor\nDisallow: /search\nDisallow: /api/\n\nSitemap: {}\n",
            state.site.url("/sitemap.xml")
        ),
    )
}
