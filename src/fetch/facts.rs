//! What a fetched page says about itself, for filling in a source: the outlet, title,
//! authors and publication date, read from its JSON-LD first (what news sites write for
//! search engines), then its Open Graph and article meta tags, then plain HTML.

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

/// Reads the facts of the page at `url` from its HTML. The host names the outlet when the
/// page names none.
pub fn read(html: &str, url: &Url) -> PageFacts {
    let doc = Document::from(html);
    let article = json_ld_article(&doc);
    let meta = |selector: &str| {
        doc.select(selector)
            .attr("content")
            .map(|v| clean(&v))
            .filter(|v| !v.is_empty())
    };
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
    use super::{PageFacts, read};
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
}
