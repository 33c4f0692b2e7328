//! HTTP handlers and the template structs they render, one file per area.

pub mod admin;
pub mod admission;
pub mod api;
pub mod assets;
pub mod auth;
pub mod caching;
pub mod cards;
pub mod editor;
pub mod encoding;
pub mod form;
pub mod kept;
pub mod media;
pub mod meta;
pub mod public;
pub mod syndication;

/// Listing pages past this one are read on the slow-read pool: SQLite steps over every row
/// of the pages before (`OFFSET`), so page 5,000 of a listing costs 5,000 pages' work.
/// Reader listings refuse page numbers past it (their "Older" links carry a cursor).
pub use crate::domain::position::SHALLOW_PAGES;

/// Whether listing page `page` is deep enough to be read off the async threads.
pub fn is_deep(page: usize) -> bool {
    page > SHALLOW_PAGES
}

/// Links to the newer and older pages of a listing.
pub struct Pager {
    /// The listing's address, possibly with its own query ("/search?q=moon").
    pub path: String,
    pub page: usize,
    pub has_more: bool,
    /// A keyset listing's links (newer, older), which carry a cursor, not a page number.
    cursor_links: Option<(Option<String>, Option<String>)>,
}

impl Pager {
    pub fn new(path: impl Into<String>, page: usize, has_more: bool) -> Pager {
        Pager {
            path: path.into(),
            page,
            has_more,
            cursor_links: None,
        }
    }

    /// The links of a keyset listing read at `position`, whose page runs from the
    /// fact-check `first` down to `last` (slugs): "Older" starts below `last`, "Newer"
    /// above `first`. `has_more` says whether more follow in the direction read.
    pub fn keyset(
        path: impl Into<String>,
        position: &crate::domain::ListingPosition,
        first_last: Option<(&str, &str)>,
        has_more: bool,
    ) -> Pager {
        use crate::domain::ListingPosition as At;
        let path = path.into();
        let join = if path.contains('?') { '&' } else { '?' };
        let link = |name: &str, slug: &str| format!("{path}{join}{name}={slug}");
        let (newer, older) = match first_last {
            None => (None, None),
            Some((first, last)) => {
                let newer_exists = match position {
                    At::Page(n) => *n > 1,
                    At::Before(_) => true,
                    At::After(_) => has_more,
                };
                let older_exists = match position {
                    At::After(_) => true,
                    _ => has_more,
                };
                (
                    newer_exists.then(|| link("after", first)),
                    older_exists.then(|| link("before", last)),
                )
            }
        };
        Pager {
            page: position.page().unwrap_or(0),
            path,
            has_more,
            cursor_links: Some((newer, older)),
        }
    }

    /// The page number to show, when the page has one.
    pub fn number(&self) -> Option<usize> {
        (self.page > 0).then_some(self.page)
    }

    fn page_url(&self, page: usize) -> String {
        match (page, self.path.contains('?')) {
            (1, _) => self.path.clone(),
            (n, true) => format!("{}&page={n}", self.path),
            (n, false) => format!("{}?page={n}", self.path),
        }
    }

    pub fn newer(&self) -> Option<String> {
        match &self.cursor_links {
            Some((newer, _)) => newer.clone(),
            None => (self.page > 1).then(|| self.page_url(self.page - 1)),
        }
    }

    pub fn older(&self) -> Option<String> {
        match &self.cursor_links {
            Some((_, older)) => older.clone(),
            None => self.has_more.then(|| self.page_url(self.page + 1)),
        }
    }
}

/// One path segment as text. A segment that is not valid UTF-8 names nothing we publish,
/// so it answers with the styled 404 rather than axum's plain-text rejection.
pub struct PathText(pub String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PathText {
    type Rejection = crate::error::AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<String>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(text)| PathText(text))
            .map_err(|_| crate::error::AppError::NotFound)
    }
}

/// A 301 to `to`: the answer feeds, crawlers and old links understand best for an address
/// that moved for good (axum's `Redirect::permanent` is a 308, which some clients ignore).
pub fn moved_permanently(to: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    match axum::http::HeaderValue::try_from(to) {
        Ok(location) => (
            axum::http::StatusCode::MOVED_PERMANENTLY,
            [(axum::http::header::LOCATION, location)],
        )
            .into_response(),
        Err(_) => axum::http::StatusCode::NOT_FOUND.into_response(),
    }
}
