//! A cheap look at a page before it is parsed: HTML nested thousands of elements deep makes
//! the parser's work grow with the square of the depth (20,000 nested `<div>`s took a
//! minute), and any cited site could serve that to stall captures and the link watch.

/// Deeper than any page people read (a news page nests a few dozen elements).
pub const MAX_DEPTH: usize = 400;

/// Elements that close themselves or are closed by the next of their kind, so a page full
/// of unclosed `<p>` or `<li>` is not taken for a deep one.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th", "param",
];

/// Whether `html` nests elements deeper than `MAX_DEPTH`, by counting open and close tags
/// in one pass (script and style contents skipped); an estimate, never a parse.
pub fn too_deep(html: &str) -> bool {
    let bytes = html.as_bytes();
    let (mut depth, mut at) = (0usize, 0usize);
    while let Some(found) = bytes[at..].iter().position(|&b| b == b'<') {
        at += found + 1;
        match bytes.get(at) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b) if b.is_ascii_alphabetic() => {
                let name_end = bytes[at..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .map_or(bytes.len(), |n| at + n);
                let name = html[at..name_end].to_ascii_lowercase();
                let tag_end = bytes[name_end..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(bytes.len(), |n| name_end + n);
                let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
                if matches!(name.as_str(), "script" | "style") {
                    // Their text is not markup: go on after the closing tag.
                    let close = format!("</{name}");
                    at = html[tag_end.min(html.len())..]
                        .to_ascii_lowercase()
                        .find(&close)
                        .map_or(bytes.len(), |n| tag_end + n);
                    continue;
                }
                if !self_closing && !NOT_NESTING.contains(&name.as_str()) {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return true;
                    }
                }
                at = tag_end;
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pathological_nesting_is_refused() {
        let deep = "<div>".repeat(MAX_DEPTH + 1);
        assert!(too_deep(&deep));
        let closed = "<div><span>text</span></div>".repeat(10_000);
        assert!(!too_deep(&closed), "many elements, shallow");
        let sloppy = format!("<ul>{}</ul>", "<li><p>item".repeat(5_000));
        assert!(!too_deep(&sloppy), "unclosed li and p close themselves");
        let script = format!("<script>{}</script><p>x", "if (a<b) {}".repeat(5_000));
        assert!(!too_deep(&script), "script text is not markup");
        assert!(!too_deep("<br/><img src=x><hr>"));
    }
}
