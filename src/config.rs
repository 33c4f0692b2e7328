//! Who the site is and the defaults every layer shares: the publishing newsroom (`Site`),
//! where a server without `--base-url` is reached, and the `Cache-Control` of public answers.
//! The command-line flags that change them are in `cli`.

/// The publishing newsroom as the outside world addresses it.
#[derive(Debug, Clone)]
pub struct Site {
    pub name: String,
    /// Absolute, without a trailing slash: "https://factcheck.example".
    pub base_url: String,
}

impl Site {
    pub fn new(name: &str, base_url: &str) -> Self {
        Site {
            name: name.trim().to_owned(),
            base_url: base_url.trim().trim_end_matches('/').to_owned(),
        }
    }

    /// The absolute address of a path on this site.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

/// The newsroom's name when none is given.
pub const DEFAULT_SITE_NAME: &str = "Factdesk";

/// Where a server started without `--base-url` on the default address is reached.
pub const DEFAULT_BASE_URL: &str = "http://127.0.0.1:3000";

/// Default for `--cache-control`: a minute fresh, then served stale for ten while a CDN
/// revalidates, so a traffic spike is absorbed without readers waiting (see `web::caching`).
pub const DEFAULT_CACHE_CONTROL: &str = "public, max-age=60, stale-while-revalidate=600";

/// Forms are small; a request body larger than this is refused with 413 (`web::admission`
/// reads and drops what follows, up to a bound, so the client gets to read the answer).
pub const BODY_LIMIT: usize = 256 * 1024;
