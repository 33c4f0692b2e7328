//! Markdown explanations rendered to HTML that is safe to put on a page.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Renders Markdown, then sanitizes the result: raw HTML, scripts, event handlers and
/// `javascript:` links written into the Markdown never reach a reader.
pub fn to_safe_html(markdown: &str) -> String {
    // No footnotes: their links need ids, which the sanitizer rightly strips.
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    // The page's own headings are h1 (headline) and h2 (Claim, Rating, Sources): an
    // explanation's "# Heading" becomes an h3, and so on down.
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
        other => other,
    });
    html::push_html(&mut unsafe_html, events);
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&unsafe_html)
        .to_string()
}

/// The words of a Markdown text without its syntax or link targets, for the search index
/// and its snippets.
pub fn to_plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            // Words inside emphasis or a link run on; lines and blocks are separated.
            Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => {}
            Event::SoftBreak | Event::HardBreak | Event::End(_) if !text.ends_with(' ') => {
                text.push(' ')
            }
            _ => {}
        }
    }
    text.truncate(text.trim_end().len());
    text
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        // Writers use "#" and "##" alike for sections; both become the first level below
        // the page's own, so no level is skipped.
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_and_script_links_are_removed() {
        let html = to_safe_html(
            "Hi <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
    }

    #[test]
    fn headings_sit_below_the_pages_own() {
        let html = to_safe_html("# Big\n\n## Section\n\n### Smaller");
        assert!(html.contains("<h3>Big</h3>"), "{html}");
        assert!(html.contains("<h3>Section</h3>"), "{html}");
        assert!(html.contains("<h4>Smaller</h4>"), "{html}");
    }

    #[test]
    fn ordinary_links_keep_working() {
        let html =
            to_safe_html("[post](https://example.com/p) ([archived](https://archive.example/p))");
        assert!(html.contains(r#"href="https://example.com/p""#), "{html}");
        assert!(
            html.contains(r#"rel="noopener noreferrer nofollow""#),
            "{html}"
        );
    }

    #[test]
    fn plain_text_keeps_the_words_and_drops_the_syntax() {
        let text =
            to_plain_text("# Title\n\nSee [the *report*](https://example.com/r).\n\n- one\n- two");
        assert_eq!(text, "Title See the report. one two");
    }
}
