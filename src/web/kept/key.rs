//! Which answers are kept, and under what key: the path, and the values of the query
//! parameters that page reads, sorted. Every kept page reads its query through
//! `form::read_query`, which ignores names it does not know and keeps the first value of a
//! repeated one; the key is made the same way, so `?utm_source=…` or a repeat is answered
//! from the same copy instead of filling the store with copies of one page. A page that
//! searches (`q`) is answered afresh.

/// Newest-first listings: a shallow page number or a keyset cursor either way.
const LISTING: &[&str] = &["page", "before", "after"];
/// The API's list reads its filters, a cursor either way, and `updated_since` to refuse it.
const API_LIST: &[&str] = &[
    "page",
    "before",
    "after",
    "tag",
    "rating",
    "claimant",
    "since",
    "updated_since",
];
/// Pages that read nothing from the query.
const NOTHING: &[&str] = &[];
/// Pages answered afresh when their query holds this (a search runs per request).
const SEARCHED: &[&str] = &["q"];

/// A kept address: which parameters its page reads, and which make it answered afresh.
struct Route {
    reads: &'static [&'static str],
    fresh_with: &'static [&'static str],
}

const fn route(reads: &'static [&'static str]) -> Route {
    Route {
        reads,
        fresh_with: NOTHING,
    }
}

/// Pages at one address each.
const FIXED: &[(&str, Route)] = &[
    ("/", route(LISTING)),
    ("/tags", route(NOTHING)),
    ("/ratings", route(NOTHING)),
    (
        "/claimants",
        Route {
            reads: &["after"],
            fresh_with: SEARCHED,
        },
    ),
    ("/feed.atom", route(NOTHING)),
    ("/sitemap.xml", route(NOTHING)),
    ("/robots.txt", route(NOTHING)),
    ("/favicon.svg", route(NOTHING)),
    (
        "/api/v1/fact-checks",
        Route {
            reads: API_LIST,
            fresh_with: SEARCHED,
        },
    ),
    (
        "/api/v1/claimants",
        Route {
            reads: &["after"],
            fresh_with: SEARCHED,
        },
    ),
    ("/api/v1/ratings", route(&["page"])),
    ("/api/v1/openapi.json", route(NOTHING)),
];

/// Pages under a prefix, one path segment after it, then a fixed ending (maybe empty).
const UNDER: &[(&str, &str, Route)] = &[
    ("/fact-checks/", "", route(NOTHING)),
    ("/tags/", "", route(LISTING)),
    ("/tags/", "/feed.atom", route(NOTHING)),
    ("/ratings/", "", route(LISTING)),
    ("/claimants/", "", route(LISTING)),
    ("/claimants/", "/feed.atom", route(NOTHING)),
    ("/authors/", "", route(&["after"])),
    ("/sitemap-", ".xml", route(NOTHING)),
    ("/static/", "", route(NOTHING)),
    ("/api/v1/fact-checks/", "", route(NOTHING)),
];

/// Longer addresses are answered afresh: no page of ours needs one.
const MAX_KEY: usize = 512;

/// The parameters the kept copy at `path` is keyed on, and those that make it fresh; None
/// for an address never kept. (For the test that holds the API's documented parameters to it.)
#[cfg(test)]
pub(in crate::web) fn kept_parameters(
    path: &str,
) -> Option<(&'static [&'static str], &'static [&'static str])> {
    route_of(path).map(|r| (r.reads, r.fresh_with))
}

fn route_of(path: &str) -> Option<&'static Route> {
    if let Some((_, route)) = FIXED.iter().find(|(fixed, _)| *fixed == path) {
        return Some(route);
    }
    UNDER
        .iter()
        .find(|(prefix, ending, _)| {
            path.strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix(ending))
                .is_some_and(|segment| !segment.is_empty() && !segment.contains('/'))
        })
        .map(|(_, _, route)| route)
}

/// The key `path` and `query` are kept under, or `None` when such an answer is not kept.
pub fn of(path: &str, query: Option<&str>) -> Option<String> {
    let route = route_of(path)?;
    let query = query.unwrap_or("");
    if path.len() + query.len() >= MAX_KEY {
        return None;
    }
    let mut read: Vec<(std::borrow::Cow<'_, str>, std::borrow::Cow<'_, str>)> = Vec::new();
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        if route.fresh_with.contains(&name.as_ref()) {
            return None;
        }
        // As `read_query` does: unknown names ignored, the first of a repeat read.
        if route.reads.contains(&name.as_ref()) && !read.iter().any(|(seen, _)| *seen == name) {
            read.push((name, value));
        }
    }
    read.sort_unstable();
    let mut key =
        form_urlencoded::Serializer::new(String::with_capacity(path.len() + query.len() + 1));
    for (name, value) in &read {
        key.append_pair(name, value);
    }
    let query = key.finish();
    Some(if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_kept_by_the_parameters_they_read_and_nothing_else() {
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
            (
                "/",
                Some("utm_source=x"),
                Some("/"),
                "a parameter no page reads",
            ),
            (
                "/",
                Some("tag=made-up"),
                Some("/"),
                "a filter the home page does not read",
            ),
            (
                "/fact-checks/a",
                Some("page=3&before=b"),
                Some("/fact-checks/a"),
                "a verdict reads no query",
            ),
            (
                "/",
                Some("page=1&page=2"),
                Some("/?page=1"),
                "the first of a repeat is read",
            ),
            (
                "/",
                Some("%70age=2"),
                Some("/?page=2"),
                "names and values are decoded",
            ),
            ("/api/v1/fact-checks", Some("q=moon"), None, "a search"),
            ("/claimants", Some("q=ali"), None, "a name search"),
            (
                "/claimants",
                Some("after=ali"),
                Some("/claimants?after=ali"),
                "a claimants page",
            ),
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
