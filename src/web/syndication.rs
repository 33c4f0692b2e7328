//! For machines that follow the site: Atom feeds, the sitemap and robots.txt.

use super::PathText;
use crate::config::Site;
use crate::db::fact_checks::{self, ListFilters};
use crate::db::sitemap;
use crate::domain::FactCheckCard;
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
    site_name: String,
    site_url: String,
    /// Claimant categories use this scheme, tags none.
    claimant_scheme: String,
    entries: Vec<FeedEntry>,
}

fn feed(
    site: &Site,
    title: String,
    path: &str,
    page_path: &str,
    cards: Vec<FactCheckCard>,
) -> Response {
    // The feed changed when its newest change did; a fixed instant for an empty feed keeps
    // its bytes (and ETag) steady.
    let updated = cards
        .iter()
        .map(|c| c.updated_at.max(c.published_at))
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |m| m.rfc3339());
    let entries = cards
        .into_iter()
        .map(|c| FeedEntry {
            url: site.url(&format!("/fact-checks/{}", c.slug)),
            title: xml_text(&format!("Fact Check: {}", c.headline)),
            summary: xml_text(&format!(
                "Rating: {}. Claim: {} — {}",
                c.rating.label, c.claim_text, c.summary
            )),
            published: c.published_at.rfc3339(),
            updated: c.updated_at.max(c.published_at).rfc3339(),
            tags: c.tags.iter().map(|t| xml_text(t)).collect(),
            claimant: xml_text(&c.claimant),
            claimant_slug: c.claimant_slug,
            image: c
                .featured_image
                .map(|i| (site.url(&i.largest_url), i.fallback_type)),
        })
        .collect();
    let document = Feed {
        title: xml_text(&title),
        self_url: site.url(path),
        page_url: site.url(page_path),
        updated,
        site_name: xml_text(&site.name),
        site_url: site.url("/"),
        claimant_scheme: site.url("/claimants/"),
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

fn newest(state: &AppState, filters: &ListFilters) -> AppResult<Vec<FactCheckCard>> {
    Ok(state
        .db
        .read(|conn| fact_checks::published_filtered(conn, filters, 1, FEED_ENTRIES))?
        .cards)
}

/// `/feed.atom`: the newest fact-checks.
pub async fn site_feed(State(state): State<AppState>) -> AppResult<Response> {
    let cards = newest(&state, &ListFilters::default())?;
    let title = format!("{}: latest fact-checks", state.site.name);
    Ok(feed(&state.site, title, "/feed.atom", "/", cards))
}

/// The feed of a section (a tag, a claimant), which sits at its page's path + `/feed.atom`.
fn section_feed(
    site: &Site,
    title: String,
    page_path: &str,
    cards: Vec<FactCheckCard>,
) -> Response {
    feed(
        site,
        title,
        &format!("{page_path}/feed.atom"),
        page_path,
        cards,
    )
}

/// `/tags/{tag}/feed.atom`.
pub async fn tag_feed(
    State(state): State<AppState>,
    PathText(tag): PathText,
) -> AppResult<Response> {
    let filters = ListFilters {
        tag: Some(tag.clone()),
        ..Default::default()
    };
    let cards = newest(&state, &filters)?;
    // Spelled as the fact-checks spell it, whatever case the address used.
    let name = cards
        .iter()
        .flat_map(|c| c.tags.iter())
        .find(|t| t.eq_ignore_ascii_case(&tag))
        .cloned()
        .ok_or(AppError::NotFound)?;
    let path = crate::domain::tag_path(&name);
    let title = format!("{}: #{name}", state.site.name);
    Ok(section_feed(&state.site, title, &path, cards))
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
    let cards = newest(&state, &filters)?;
    let first = cards.first().ok_or(AppError::NotFound)?;
    let (name, path) = (
        first.claimant.clone(),
        format!("/claimants/{}", first.claimant_slug),
    );
    let title = format!("{}: claims by {name}", state.site.name);
    Ok(section_feed(&state.site, title, &path, cards))
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

/// `/sitemap.xml`: an index of the listing pages' sitemap and the fact-checks' sitemaps,
/// `SITEMAP_CHUNK` ids to a file, so the site can grow past the protocol's 50,000 limit.
/// It reads two rows: the kept count and the highest id. The pages' sitemap carries no
/// `lastmod` here, because finding the newest change of every live fact-check is a walk
/// over all of them; its own entries carry theirs.
pub async fn sitemap_index(State(state): State<AppState>) -> AppResult<Response> {
    let (count, last_id) = state
        .db
        .read(|conn| Ok((sitemap::published_count(conn)?, sitemap::last_id(conn)?)))?;
    let mut files = vec![(state.site.url("/sitemaps/pages.xml"), None)];
    let chunks = if count > 0 {
        (last_id + SITEMAP_CHUNK - 1) / SITEMAP_CHUNK
    } else {
        0
    };
    for n in 1..=chunks {
        files.push((
            state.site.url(&format!("/sitemaps/fact-checks-{n}.xml")),
            None,
        ));
    }
    xml(SitemapIndex { files }.render())
}

/// `/sitemaps/pages.xml`: home, indexes, and every tag, rating and claimant page.
pub async fn sitemap_pages(State(state): State<AppState>) -> AppResult<Response> {
    let entries = state.db.read_slow(sitemap::listings).await?;
    xml(Sitemap {
        urls: urls(&state.site, entries),
    }
    .render())
}

/// `/sitemaps/fact-checks-{n}.xml`.
pub async fn sitemap_fact_checks(
    State(state): State<AppState>,
    PathText(file): PathText,
) -> AppResult<Response> {
    let n: i64 = file
        .strip_prefix("fact-checks-")
        .and_then(|rest| rest.strip_suffix(".xml"))
        .and_then(|n| n.parse().ok())
        .filter(|n| (1..=100_000).contains(n))
        .ok_or(AppError::NotFound)?;
    let (entries, last_id) = state
        .db
        .read_slow(move |conn| {
            let entries = sitemap::fact_checks(conn, (n - 1) * SITEMAP_CHUNK, SITEMAP_CHUNK)?;
            Ok((entries, sitemap::last_id(conn)?))
        })
        .await?;
    // A file the index lists answers even when every fact-check in its id range has been
    // retracted or is still a draft (an empty urlset is valid); one past the last id is 404.
    if entries.is_empty() && (n - 1) * SITEMAP_CHUNK >= last_id {
        return Err(AppError::NotFound);
    }
    xml(Sitemap {
        urls: urls(&state.site, entries),
    }
    .render())
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
