//! What a fetched page says about itself, for filling in a source: the outlet, title,
//! authors and publication date, read from its JSON-LD first (what news sites write for
//! search engines), then its Open Graph and article meta tags, then plain HTML; and, for
//! where a claim appeared, the platform and the day.

use dom_query::Document;
use serde_json::Value;
use url::Url;

/// The facts found; each is absent when the page does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageFacts {
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// `YYYY-MM-DD`, the day part of what the page gives.
    pub published: Option<String>,
}

/// Where a claim appeared, as the page says: the platform and the day of the post.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppearanceFacts {
    pub platform: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
}

/// The platforms claims spread on, by the hosts their posts live at: their pages often name
/// no site, or one a reader would not use ("X (formerly Twitter)" is still "X" here).
const PLATFORMS: &[(&str, &str)] = &[
    ("x.com", "X"),
    ("twitter.com", "X"),
    ("facebook.com", "Facebook"),
    ("fb.watch", "Facebook"),
    ("youtube.com", "YouTube"),
    ("youtu.be", "YouTube"),
    ("tiktok.com", "TikTok"),
    ("instagram.com", "Instagram"),
    ("t.me", "Telegram"),
    ("telegram.org", "Telegram"),
];

/// The platform a host belongs to, subdomains included (`m.facebook.com` is Facebook).
pub fn platform_of_host(host: &str) -> Option<&'static str> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    PLATFORMS
        .iter()
        .find(|(domain, _)| {
            host == *domain
                || host
                    .strip_suffix(domain)
                    .is_some_and(|rest| rest.ends_with('.'))
        })
        .map(|(_, name)| *name)
}

/// Reads the platform and day of a post or article that spread a claim: the page's
/// `og:site_name`, else the platform its host belongs to, else the outlet `read` finds.
pub fn read_appearance(html: &str, url: &Url) -> AppearanceFacts {
    let doc = Document::from(html);
    let page = read_document(&doc, url);
    let platform = meta_content(&doc, r#"meta[property="og:site_name"]"#)
        .or_else(|| url.host_str().and_then(platform_of_host).map(str::to_owned))
        .or(page.outlet);
    AppearanceFacts {
        platform,
        published: page.published,
    }
}

/// Reads the facts of the page at `url` from its HTML. The host names the outlet when the
/// page names none.
pub fn read(html: &str, url: &Url) -> PageFacts {
    read_document(&Document::from(html), url)
}

fn meta_content(doc: &Document, selector: &str) -> Option<String> {
    doc.select(selector)
        .attr("content")
        .map(|v| clean(&v))
        .filter(|v| !v.is_empty())
}

fn read_document(doc: &Document, url: &Url) -> PageFacts {
    let article = json_ld_article(doc);
    let meta = |selector: &str| meta_content(doc, selector);
    let outlet = article
        .as_ref()
        .and_then(|a| name_of(a.get("publisher")?))
        .or_else(|| meta(r#"meta[property="og:site_name"]"#))
        .or_else(|| {
            url.host_str()
                .map(|h| h.trim_start_matches("www.").to_owned())
        });
    let title = article
        .as_ref()
        .and_then(|a| text_of(a.get("headline")?))
        .or_else(|| meta(r#"meta[property="og:title"]"#))
        .or_else(|| Some(clean(&doc.select("title").text())).filter(|t| !t.is_empty()));
    let mut authors: Vec<String> = article
        .as_ref()
        .and_then(|a| a.get("author"))
        .map(names_of)
        .unwrap_or_default();
    if authors.is_empty() {
        authors = doc
            .select(r#"meta[property="article:author"], meta[name="author"]"#)
            .iter()
            .filter_map(|m| m.attr("content").map(|v| clean(&v)))
            .filter(|v| !v.is_empty() && !v.starts_with("http"))
            .collect();
    }
    authors.dedup();
    let published = article
        .as_ref()
        .and_then(|a| text_of(a.get("datePublished")?))
        .or_else(|| meta(r#"meta[property="article:published_time"]"#))
        .and_then(|when| day_of(&when));
    PageFacts {
        outlet,
        title,
        authors,
        published,
    }
}

/// The first JSON-LD object that describes an article (one with a headline), looking
/// inside lists and `@graph`s.
fn json_ld_article(doc: &Document) -> Option<serde_json::Map<String, Value>> {
    doc.select(r#"script[type="application/ld+json"]"#)
        .iter()
        .filter_map(|script| serde_json::from_str::<Value>(&script.text()).ok())
        .find_map(|value| article_in(value, 0))
}

fn article_in(value: Value, depth: usize) -> Option<serde_json::Map<String, Value>> {
    // JSON-LD nests a few levels at most; a page cannot make us walk a deep tree.
    if depth > 4 {
        return None;
    }
    match value {
        Value::Array(items) => items.into_iter().find_map(|v| article_in(v, depth + 1)),
        Value::Object(mut object) => {
            if let Some(graph) = object.remove("@graph") {
                return article_in(graph, depth + 1);
            }
            object.contains_key("headline").then_some(object)
        }
        _ => None,
    }
}

/// A person's or organisation's name: a string, or an object's `name`.
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::Object(object) => text_of(object.get("name")?),
        Value::Array(items) => items.iter().find_map(name_of),
        other => text_of(other),
    }
}

fn names_of(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().filter_map(name_of).collect(),
        other => name_of(other).into_iter().collect(),
    }
}

fn text_of(value: &Value) -> Option<String> {
    value.as_str().map(clean).filter(|t| !t.is_empty())
}

/// Runs of white space as one space, trimmed.
fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `YYYY-MM-DD` a date or time begins with, if it is a real day.
fn day_of(text: &str) -> Option<String> {
    let day = text.trim().get(..10)?;
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::{PageFacts, platform_of_host, read, read_appearance};
    use url::Url;

    fn url() -> Url {
        Url::parse("https://www.wire.example/world/ceasefire-holds").unwrap()
    }

    #[test]
    fn json_ld_comes_first_and_reads_nested_graphs() {
        let html = r#"<html><head><title>Ceasefire holds | Wire</title>
          <meta property="og:site_name" content="Wire (OG)">
          <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Wire"},
            {"@type":"NewsArticle","headline":"Ceasefire  holds for a second day",
             "datePublished":"2025-06-25T08:30:00+03:00",
             "author":[{"@type":"Person","name":"Dana Reyes"},{"@type":"Person","name":"Sam Okafor"}],
             "publisher":{"@type":"Organization","name":"Wire Service"}}]}</script>
          </head><body><p>Text.</p></body></html>"#;
        assert_eq!(
            read(html, &url()),
            PageFacts {
                outlet: Some("Wire Service".into()),
                title: Some("Ceasefire holds for a second day".into()),
                authors: vec!["Dana Reyes".into(), "Sam Okafor".into()],
                published: Some("2025-06-25".into()),
            }
        );
    }

    #[test]
    fn open_graph_and_article_tags_fill_in_without_json_ld() {
        let html = r#"<html><head><title>Ignored when og:title is there</title>
          <meta property="og:site_name" content="Daily Example">
          <meta property="og:title" content="Talks resume in Muscat">
          <meta property="article:author" content="https://daily.example/staff/lee">
          <meta name="author" content="Jo Lee">
          <meta property="article:published_time" content="2025-06-20T10:00:00Z">
          <script type="application/ld+json">{ not json</script>
          </head><body></body></html>"#;
        let facts = read(html, &url());
        assert_eq!(facts.outlet.as_deref(), Some("Daily Example"));
        assert_eq!(facts.title.as_deref(), Some("Talks resume in Muscat"));
        assert_eq!(facts.authors, ["Jo Lee"], "a profile link is not a name");
        assert_eq!(facts.published.as_deref(), Some("2025-06-20"));
    }

    #[test]
    fn a_bare_page_gives_its_title_and_host() {
        let facts = read("<title>\n  A  plain page </title><p>x</p>", &url());
        assert_eq!(facts.outlet.as_deref(), Some("wire.example"));
        assert_eq!(facts.title.as_deref(), Some("A plain page"));
        assert!(facts.authors.is_empty());
        assert_eq!(facts.published, None);
        let nothing = read("", &url());
        assert_eq!(nothing.title, None);
        let bad_date = read(
            r#"<meta property="article:published_time" content="2025-13-45">"#,
            &url(),
        );
        assert_eq!(bad_date.published, None);
    }

    #[test]
    fn an_appearance_names_its_platform_as_people_do() {
        for (host, platform) in [
            ("x.com", Some("X")),
            ("mobile.twitter.com", Some("X")),
            ("www.facebook.com", Some("Facebook")),
            ("m.youtube.com", Some("YouTube")),
            ("www.tiktok.com", Some("TikTok")),
            ("instagram.com", Some("Instagram")),
            ("t.me", Some("Telegram")),
            ("notx.com", None),
            ("x.com.evil.example", None),
            ("daily.example", None),
        ] {
            assert_eq!(platform_of_host(host), platform, "{host}");
        }
        let post = Url::parse("https://x.com/someone/status/1").unwrap();
        let bare = read_appearance(
            r#"<meta property="article:published_time" content="2025-03-02T21:00:00Z">"#,
            &post,
        );
        assert_eq!(bare.platform.as_deref(), Some("X"));
        assert_eq!(bare.published.as_deref(), Some("2025-03-02"));
        let named = read_appearance(
            r#"<meta property="og:site_name" content="Evening Bulletin">"#,
            &post,
        );
        assert_eq!(
            named.platform.as_deref(),
            Some("Evening Bulletin"),
            "the page's own site name comes first"
        );
        let elsewhere = read_appearance("<title>A blog post</title>", &url());
        assert_eq!(
            elsewhere.platform.as_deref(),
            Some("wire.example"),
            "an unknown site is named as its outlet"
        );
    }
}
