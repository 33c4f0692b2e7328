//! Markdown explanations rendered to HTML that is safe to put on a page.

use pulldown_cmark::{Options, Parser, html};

/// Renders Markdown, then sanitizes the result: raw HTML, scripts, event handlers and
/// `javascript:` links written into the Markdown never reach a reader.
pub fn to_safe_html(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&unsafe_html)
        .to_string()
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
    fn ordinary_links_keep_working() {
        let html =
            to_safe_html("[post](https://example.com/p) ([archived](https://archive.example/p))");
        assert!(html.contains(r#"href="https://example.com/p""#), "{html}");
        assert!(
            html.contains(r#"rel="noopener noreferrer nofollow""#),
            "{html}"
        );
    }
}
