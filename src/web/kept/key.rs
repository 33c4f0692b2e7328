//! Which answers are kept, and under what key: the path, and the query parameters the page
//! reads, sorted. An address with any other parameter (`?utm_source=…`, a search) is answered
//! afresh and not kept, so made-up queries cannot fill the store with copies of one page.

/// The parameters listing pages read: pages, keyset cursors and the API's filters. A new
/// listing parameter must be named here, or its pages are simply never kept.
const READ_PARAMETERS: &[&str] = &[
    "page", "before", "after", "tag", "rating", "claimant", "since",
];

/// Longer addresses are answered afresh: no page of ours needs one.
const MAX_KEY: usize = 512;

/// Pages at one address each.
const FIXED: &[&str] = &[
    "/",
    "/tags",
    "/ratings",
    "/claimants",
    "/feed.atom",
    "/sitemap.xml",
    "/robots.txt",
    "/favicon.svg",
    "/api/v1/fact-checks",
    "/api/v1/claimants",
    "/api/v1/ratings",
];

/// Pages under a prefix, one path segment after it, then an optional fixed ending.
const UNDER: &[(&str, &str)] = &[
    ("/fact-checks/", ""),
    ("/tags/", ""),
    ("/tags/", "/feed.atom"),
    ("/ratings/", ""),
    ("/claimants/", ""),
    ("/claimants/", "/feed.atom"),
    ("/authors/", ""),
    ("/sitemaps/", ""),
    ("/static/", ""),
    ("/api/v1/fact-checks/", ""),
];

fn is_kept_path(path: &str) -> bool {
    FIXED.contains(&path)
        || UNDER.iter().any(|(prefix, ending)| {
            path.strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix(ending))
                .is_some_and(|segment| !segment.is_empty() && !segment.contains('/'))
        })
}

/// The key `path` and `query` are kept under, or `None` when such an answer is not kept.
pub fn of(path: &str, query: Option<&str>) -> Option<String> {
    if !is_kept_path(path) {
        return None;
    }
    let query = query.unwrap_or("");
    if path.len() + query.len() >= MAX_KEY {
        return None;
    }
    let mut pairs: Vec<(&str, &str)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .collect();
    if pairs
        .iter()
        .any(|(name, _)| !READ_PARAMETERS.contains(name))
    {
        return None;
    }
    pairs.sort_unstable();
    // A repeated parameter is refused or read one way by the page; not worth a copy.
    if pairs.windows(2).any(|w| w[0].0 == w[1].0) {
        return None;
    }
    let mut key = String::with_capacity(path.len() + query.len() + 1);
    key.push_str(path);
    for (i, (name, value)) in pairs.iter().enumerate() {
        key.push(if i == 0 { '?' } else { '&' });
        key.push_str(name);
        key.push('=');
        key.push_str(value);
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_addresses_are_kept_by_the_parameters_they_read() {
        let cases = [
            ("/", None, Some("/"), "the home page"),
            ("/", Some(""), Some("/"), "an empty query is no query"),
            (
                "/tags/Iran",
                Some("page=2"),
                Some("/tags/Iran?page=2"),
                "a tag page",
            ),
            (
                "/api/v1/fact-checks",
                Some("rating=false&tag=Iran"),
                Some("/api/v1/fact-checks?rating=false&tag=Iran"),
                "API filters",
            ),
            (
                "/api/v1/fact-checks",
                Some("tag=Iran&rating=false"),
                Some("/api/v1/fact-checks?rating=false&tag=Iran"),
                "the same filters in another order",
            ),
            ("/", Some("utm_source=x"), None, "a parameter no page reads"),
            ("/api/v1/fact-checks", Some("q=moon"), None, "a search"),
            ("/", Some("page=1&page=2"), None, "a repeated parameter"),
            ("/search", Some("q=moon"), None, "the search page"),
            ("/editor", None, None, "the desk"),
            ("/fact-checks/a/report", None, None, "a form"),
            (
                "/fact-checks/a/card.png",
                None,
                None,
                "a card, kept elsewhere",
            ),
            (
                "/tags/Iran/feed.atom",
                None,
                Some("/tags/Iran/feed.atom"),
                "a feed",
            ),
            ("/fact-checks/", None, None, "no slug"),
        ];
        for (path, query, expected, why) in cases {
            assert_eq!(
                of(path, query).as_deref(),
                expected,
                "{why}: {path}?{query:?}"
            );
        }
        let long = "page=".to_owned() + &"9".repeat(MAX_KEY);
        assert_eq!(of("/", Some(&long)), None, "a key is bounded in length");
    }
}
