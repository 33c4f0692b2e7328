//! Where a page of a listing starts: a page number near the top, or a keyset cursor.

use super::fields::Slug;

/// Page numbers are kept only this far down: page N costs N pages' reading (`OFFSET`), so
/// deeper ones are reached with "Older" links, which cost what the first page costs.
pub const SHALLOW_PAGES: usize = 5;

/// The start of a page of a newest-first listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListingPosition {
    /// `?page=N`, from 1 to `SHALLOW_PAGES`.
    Page(usize),
    /// `?before=slug`: the fact-checks listed after (older than) this one.
    Before(Slug),
    /// `?after=slug`: the fact-checks listed before (newer than) this one.
    After(Slug),
}

impl ListingPosition {
    /// The position a listing's query names; `None` for each part left out. Refuses a
    /// page past `SHALLOW_PAGES`, a cursor that is not a slug, and two positions at once,
    /// each with the message the reader sees.
    pub fn parse(
        page: Option<usize>,
        before: Option<&str>,
        after: Option<&str>,
    ) -> Result<ListingPosition, String> {
        let cursor = |raw: &str, name: &str| {
            Slug::parse(raw.trim())
                .map_err(|_| format!("`{name}` must be the address name of a fact-check."))
        };
        match (page, before, after) {
            (None, None, None) => Ok(ListingPosition::Page(1)),
            (Some(n), None, None) if n <= SHALLOW_PAGES => Ok(ListingPosition::Page(n)),
            (Some(_), None, None) => Err(format!(
                "Page numbers stop at {SHALLOW_PAGES}: further back, follow the \u{201c}Older\u{201d} links, which start from the last fact-check of a page."
            )),
            (None, Some(before), None) => cursor(before, "before").map(ListingPosition::Before),
            (None, None, Some(after)) => cursor(after, "after").map(ListingPosition::After),
            _ => Err("Give one of `page`, `before` and `after`, not several.".to_owned()),
        }
    }

    /// The page number, when the position is one.
    pub fn page(&self) -> Option<usize> {
        match self {
            ListingPosition::Page(n) => Some(*n),
            _ => None,
        }
    }

    /// Whether this is the top of the listing, the page search engines should list.
    pub fn is_first(&self) -> bool {
        *self == ListingPosition::Page(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_starts_at_a_shallow_page_or_a_cursor_and_nowhere_else() {
        assert_eq!(
            ListingPosition::parse(None, None, None),
            Ok(ListingPosition::Page(1))
        );
        assert_eq!(
            ListingPosition::parse(Some(SHALLOW_PAGES), None, None),
            Ok(ListingPosition::Page(SHALLOW_PAGES))
        );
        let slug = Slug::parse("moon-landing-staged").unwrap();
        assert_eq!(
            ListingPosition::parse(None, Some("moon-landing-staged"), None),
            Ok(ListingPosition::Before(slug.clone()))
        );
        assert_eq!(
            ListingPosition::parse(None, None, Some(" moon-landing-staged ")),
            Ok(ListingPosition::After(slug))
        );
        let refused = [
            (Some(SHALLOW_PAGES + 1), None, None, "a deep page number"),
            (Some(40_000), None, None, "a bookmarked page 40,000"),
            (None, Some("no such/slug"), None, "a cursor with a slash"),
            (None, Some(""), None, "an empty cursor"),
            (None, None, Some("x\u{0}y"), "a control character"),
            (Some(2), Some("a"), None, "a page and a cursor"),
            (None, Some("a"), Some("b"), "both directions"),
        ];
        for (page, before, after, why) in refused {
            assert!(
                ListingPosition::parse(page, before, after).is_err(),
                "{why} should be refused"
            );
        }
    }
}
