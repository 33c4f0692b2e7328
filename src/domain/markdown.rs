//! Markdown explanations rendered to HTML that is safe to put on a page.

use crate::domain::ImageId;
use crate::domain::media::media_reference;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

mod headings;

/// What every anchor the sanitizer lets through starts with, so that no id written in an
/// explanation can take the name of one the page itself uses.
pub const ANCHOR_PREFIX: &str = "section-";

/// How deeply an explanation's elements may nest. Writing never needs more; past it the
/// sanitizer's work grows with the square of the depth (html5ever checks the stack of open
/// elements at each new one): 50 KB of "1. " or "> " took it about 2 s of a server thread
/// in a release build.
pub const MAX_NESTING: usize = 32;

/// `markdown` unchanged, or why it nests too deeply to be rendered cheaply: lists, quotes
/// and emphasis written in Markdown and elements written as raw HTML alike.
pub fn check_nesting(label: &str, markdown: String) -> Result<String, String> {
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(&markdown, OPTIONS));
    if html_depth(&unsafe_html) > MAX_NESTING {
        return Err(format!(
            "{label} nests lists, quotes or other elements more than {MAX_NESTING} levels deep; flatten it."
        ));
    }
    Ok(markdown)
}

/// The deepest nesting of elements in `html`, counted from its tags alone (text never holds
/// a bare `<`: the Markdown renderer escapes it). Elements whose end tag may be left out
/// (`<p>`, `<li>`…) and void ones (`<br>`…) are not counted: a browser closes them itself,
/// so they do not nest when repeated, and their parents are counted anyway.
fn html_depth(html: &str) -> usize {
    const NOT_NESTING: &[&str] = &[
        "area", "base", "br", "col", "colgroup", "dd", "dt", "embed", "hr", "img", "input", "li",
        "link", "meta", "option", "optgroup", "p", "param", "rb", "rp", "rt", "rtc", "source",
        "tbody", "td", "tfoot", "th", "thead", "tr", "track", "wbr",
    ];
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let closing = rest.starts_with('/');
        let name: String = rest[usize::from(closing)..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let tag_end = rest.find('>').unwrap_or(rest.len());
        if name.is_empty() || NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !rest[..tag_end].ends_with('/') {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// No footnotes: their links need ids, which the sanitizer rightly strips.
const OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH);

/// Renders Markdown, then sanitizes the result: raw HTML, scripts, event handlers and
/// `javascript:` links written into the Markdown never reach a reader.
pub fn to_safe_html(markdown: &str) -> String {
    to_safe_html_with_images(markdown, &|_, _| None)
}

/// The HTML of an image the explanation names (`![alt](media:ID)`), given its id and the
/// alt text written there; `None` for an image the library does not have.
pub type ImageHtml<'a> = &'a dyn Fn(ImageId, &str) -> Option<String>;

/// `to_safe_html`, with each `![alt](media:ID)` shown as `image` renders it. Any other
/// image (another site's address, an unknown id) is shown as its alt text: pages load
/// images from this site only (`img-src 'self'`).
pub fn to_safe_html_with_images(markdown: &str, image: ImageHtml<'_>) -> String {
    let options = OPTIONS;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    let events =
        headings::outlined(with_images(Parser::new_ext(markdown, options), image).into_iter());
    html::push_html(&mut unsafe_html, events.into_iter());
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .add_tags(["picture", "source"])
        .add_tag_attributes("img", ["srcset", "sizes", "loading"])
        .add_tag_attributes("source", ["type", "srcset", "sizes"])
        .attribute_filter(only_our_images)
        // Headings keep the ids `headings` gives them, for links to a section.
        .add_tag_attributes("h2", &["id"])
        .add_tag_attributes("h3", &["id"])
        .add_tag_attributes("h4", &["id"])
        .id_prefix(Some(ANCHOR_PREFIX))
        .clean(&unsafe_html)
        .to_string()
}

/// Keeps an image address only if it is one of ours (`/media/…`), so raw HTML written into
/// an explanation cannot load an image from elsewhere either.
fn only_our_images<'a>(
    element: &str,
    attribute: &str,
    value: &'a str,
) -> Option<std::borrow::Cow<'a, str>> {
    let address = matches!(
        (element, attribute),
        ("img", "src" | "srcset") | ("source", "srcset")
    );
    // Each candidate is one of our variants' addresses, not merely under /media/.
    let ours = value.split(',').all(|candidate| {
        let address = candidate.split_whitespace().next().unwrap_or("");
        address
            .strip_prefix("/media/")
            .is_some_and(|name| crate::domain::media::parse_media_name(name).is_some())
    });
    (!address || ours).then_some(value.into())
}

/// The events with each image replaced: by `image`'s HTML, or by its alt text.
fn with_images<'a>(
    events: impl Iterator<Item = Event<'a>>,
    image: ImageHtml<'_>,
) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    // Inside an image: its reference (if it is one of ours) and its alt text so far.
    let mut open: Option<(Option<ImageId>, String)> = None;
    let mut depth = 0usize;
    for event in events {
        match (&mut open, event) {
            (None, Event::Start(Tag::Image { dest_url, .. })) => {
                open = Some((media_reference(&dest_url), String::new()));
                depth = 1;
            }
            (Some(_), Event::Start(Tag::Image { .. })) => depth += 1,
            (Some((_, alt)), Event::Text(text) | Event::Code(text)) => alt.push_str(&text),
            (Some(_), Event::End(TagEnd::Image)) if depth > 1 => depth -= 1,
            (Some(_), Event::End(TagEnd::Image)) => {
                if let Some((reference, alt)) = open.take() {
                    match reference.and_then(|id| image(id, &alt)) {
                        Some(html) => out.push(Event::InlineHtml(html.into())),
                        None => out.push(Event::Text(alt.into())),
                    }
                }
            }
            (Some(_), _) => {}
            (None, other) => out.push(other),
        }
    }
    out
}

/// The library images an explanation shows, each once, in order of first use.
pub fn media_references(markdown: &str) -> Vec<ImageId> {
    let mut found = Vec::new();
    for event in Parser::new_ext(markdown, OPTIONS) {
        if let Event::Start(Tag::Image { dest_url, .. }) = event
            && let Some(id) = media_reference(&dest_url)
            && !found.contains(&id)
        {
            found.push(id);
            if found.len() == IMAGES_IN_EXPLANATION {
                break;
            }
        }
    }
    found
}

/// Library images one explanation shows at most (more are shown as their alt text): far
/// more than any article has, and a bound on the look-ups a save or preview makes.
pub const IMAGES_IN_EXPLANATION: usize = 100;

/// The words of a Markdown text without its syntax or link targets, for the search index
/// and its snippets.
pub fn to_plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, OPTIONS) {
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
        let html = to_safe_html(
            "# Big\n\n## Section\n\n### Smaller\n\n#### Deeper\n\n###### Deepest\n\n<h2 id=\"claim-heading\">Raw</h2>",
        );
        for heading in [
            r#"<h2 id="section-big">Big</h2>"#,
            r#"<h2 id="section-section">Section</h2>"#,
            r#"<h3 id="section-smaller">Smaller</h3>"#,
            r#"<h4 id="section-deeper">Deeper</h4>"#,
            r#"<h4 id="section-deepest">Deepest</h4>"#,
        ] {
            assert!(html.contains(heading), "{heading} in {html}");
        }
        assert!(
            html.contains(r#"<h2 id="section-claim-heading">Raw</h2>"#),
            "an id written in raw HTML cannot take one of the page's: {html}"
        );
    }

    #[test]
    fn only_library_images_are_shown_and_others_become_their_alt_text() {
        let markdown = "Before ![the *tanker* photo](media:7) and ![a map](https://maps.example/m.png) \
                        and ![gone](media:99) and <img src=\"https://x.example/i.png\" alt=\"raw\"> \
                        and ![inline](data:image/png;base64,AAAA)";
        let html = to_safe_html_with_images(markdown, &|id, alt| {
            (id == ImageId(7)).then(|| {
                let (a, b, c) = ("a".repeat(64), "b".repeat(64), "c".repeat(64));
                format!(r#"<img src="/media/{c}.jpg" srcset="/media/{a}.webp 480w, /media/{b}.webp 960w" alt="{alt}" loading="lazy">"#)
            })
        });
        assert!(html.contains(r#"alt="the tanker photo""#), "{html}");
        let (a, b) = ("a".repeat(64), "b".repeat(64));
        assert!(
            html.contains(&format!(
                r#"srcset="/media/{a}.webp 480w, /media/{b}.webp 960w""#
            )),
            "{html}"
        );
        // Under /media/ but not one of our variants' names: dropped too.
        let climbing =
            to_safe_html_with_images(r#"<img src="/media/../editor/x" alt="up">"#, &|_, _| None);
        assert!(!climbing.contains("src="), "{climbing}");
        assert!(html.contains("a map"), "{html}");
        assert!(html.contains("gone"), "{html}");
        assert!(html.contains("inline"), "{html}");
        for foreign in ["maps.example", "x.example", "data:"] {
            assert!(!html.contains(foreign), "{foreign} in {html}");
        }
        assert_eq!(
            html.matches("<img").count(),
            2,
            "ours, and the raw one without its address: {html}"
        );
        assert_eq!(
            media_references("![a](media:3) ![b](media:3) ![c](media:4) ![d](https://e/x)"),
            vec![ImageId(3), ImageId(4)]
        );
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
    fn nesting_counts_markdown_and_raw_html_but_not_elements_that_close_themselves() {
        let ok = |md: &str| check_nesting("Explanation", md.to_owned()).is_ok();
        assert!(ok(
            "- one\n  - two\n    - three\n\n> quoted *and **strong***"
        ));
        assert!(ok(&"paragraph\n\n".repeat(1000)), "siblings do not nest");
        assert!(
            ok(&"<p>unclosed ".repeat(1000)),
            "a browser closes each <p>"
        );
        assert!(ok(&"line<br>".repeat(1000)));
        assert!(ok(&"> ".repeat(MAX_NESTING)));
        for bomb in ["> ", "1. ", "+ ", "<div>", "<ol><li>", "<em>"] {
            let md = bomb.repeat(10_000);
            let started = std::time::Instant::now();
            let refused = check_nesting("Explanation", md).unwrap_err();
            assert!(refused.contains("more than 32 levels deep"), "{refused}");
            assert!(
                started.elapsed() < std::time::Duration::from_secs(1),
                "{bomb:?} took {:?} to refuse",
                started.elapsed()
            );
        }
    }

    #[test]
    fn plain_text_keeps_the_words_and_drops_the_syntax() {
        let text =
            to_plain_text("# Title\n\nSee [the *report*](https://example.com/r).\n\n- one\n- two");
        assert_eq!(text, "Title See the report. one two");
    }
}
