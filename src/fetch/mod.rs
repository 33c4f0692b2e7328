//! Fetching the pages editors cite, safely: the server fetches addresses people type, so it
//! must not become a way into the newsroom's network or be held up by a hostile site.
//! Every address is checked (`resolver`), redirects are followed by hand and checked again
//! (5 at most), http and https only, proxies in the environment ignored, 10 s to connect and
//! between reads, 30 s in all, 5 MB of body at most (counted after decompression), an
//! allow-list of content types, and an honest User-Agent. Fetches are bounded: one at a time
//! per host, a few in all.

pub mod capture;
pub mod details;
pub mod extract;
pub mod facts;
mod resolver;
pub mod tangle;

pub use resolver::AddressPolicy;

use reqwest::header::{
    CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, LOCATION,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use url::{Host, Url};

/// How a fetch is bounded; the defaults are the issue's.
#[derive(Debug, Clone)]
pub struct FetchLimits {
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
    pub deadline: Duration,
    pub max_body: usize,
    pub max_redirects: usize,
    pub at_once: usize,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(10),
            deadline: Duration::from_secs(30),
            max_body: 5 * 1024 * 1024,
            max_redirects: 5,
            at_once: 4,
        }
    }
}

/// The content types worth keeping a copy of.
const KEPT_TYPES: &[&str] = &[
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/pdf",
    "application/json",
    "application/ld+json",
];

/// A page as fetched.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// Where the last redirect led.
    pub final_url: Url,
    pub status: u16,
    pub content_type: String,
    /// Empty for a 304, which sends no body.
    pub body: Vec<u8>,
    /// What the site said identifies this version, for the next conditional request.
    pub validators: Validators,
}

/// A page version's ETag and Last-Modified, as the site sent them. Sent back on the next
/// check, they let an unchanged page answer 304 with no body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// Why a page could not be fetched, in words an editor can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("{0}")]
    Refused(String),
    #[error("no answer within {0} s")]
    TimedOut(u64),
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    #[error("the page is larger than {0} MB")]
    TooLarge(usize),
    #[error("not a page Factdesk keeps ({0})")]
    UnwantedType(String),
    /// A whole sentence: "the site's name could not be found", "the site refused the
    /// connection", or "the site could not be reached: " and the network's own words.
    #[error("{0}")]
    Unreachable(String),
}

/// The fetcher: one HTTP client, its address policy and its limits. Cheap to clone.
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    policy: Arc<AddressPolicy>,
    limits: FetchLimits,
    in_all: Arc<Semaphore>,
    per_host: Arc<Mutex<HashMap<String, Arc<Semaphore>>>>,
}

impl Fetcher {
    /// `site` names the newsroom in the User-Agent, so a publisher knows who is reading.
    pub fn new(policy: AddressPolicy, limits: FetchLimits, site: &str) -> Result<Self, String> {
        let policy = Arc::new(policy);
        let client = reqwest::Client::builder()
            .user_agent(format!(
                "Factdesk/{} (fact-check source archiver; +{site})",
                env!("CARGO_PKG_VERSION")
            ))
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(limits.connect_timeout)
            .read_timeout(limits.read_timeout)
            .gzip(true)
            .dns_resolver(Arc::new(resolver::CheckedResolver(Arc::clone(&policy))))
            .build()
            .map_err(|e| format!("cannot start the fetcher: {e}"))?;
        Ok(Fetcher {
            client,
            policy,
            in_all: Arc::new(Semaphore::new(limits.at_once.max(1))),
            limits,
            per_host: Arc::default(),
        })
    }

    /// Fetches `address`, following redirects, within the limits.
    pub async fn fetch(&self, address: &str) -> Result<Fetched, FetchError> {
        self.fetch_conditional(address, &Validators::default())
            .await
    }

    /// Fetches `address` unless it is unchanged since `known` (If-None-Match,
    /// If-Modified-Since): then the answer is a 304 with an empty body.
    pub async fn fetch_conditional(
        &self,
        address: &str,
        known: &Validators,
    ) -> Result<Fetched, FetchError> {
        let url = Url::parse(address.trim())
            .map_err(|_| FetchError::Refused("not a web address".to_owned()))?;
        // The turn comes first and the deadline runs from it: waiting behind other fetches
        // (a batch citing one site, say) is not the site being slow.
        let _all = self.in_all.acquire().await.map_err(closed)?;
        let first = self.host_slot(&url).acquire_owned().await.map_err(closed)?;
        let deadline = self.limits.deadline;
        tokio::time::timeout(deadline, self.follow(url, known, first))
            .await
            .unwrap_or(Err(FetchError::TimedOut(deadline.as_secs())))
    }

    /// `first` is the slot of `url`'s host, already held.
    async fn follow(
        &self,
        mut url: Url,
        known: &Validators,
        first: OwnedSemaphorePermit,
    ) -> Result<Fetched, FetchError> {
        let mut first = Some(first);
        for _ in 0..=self.limits.max_redirects {
            self.check_url(&url)?;
            // A redirect to another site waits for that site's slot, within the deadline.
            let _host = match first.take() {
                Some(held) => held,
                None => self.host_slot(&url).acquire_owned().await.map_err(closed)?,
            };
            let mut request = self.client.get(url.clone());
            if let Some(etag) = &known.etag {
                request = request.header(IF_NONE_MATCH, etag);
            }
            if let Some(since) = &known.last_modified {
                request = request.header(IF_MODIFIED_SINCE, since);
            }
            let response = request.send().await.map_err(|e| self.explain(e))?;
            if response.status().is_redirection()
                && let Some(location) = response.headers().get(LOCATION)
            {
                let next = location
                    .to_str()
                    .ok()
                    .and_then(|to| url.join(to).ok())
                    .ok_or_else(|| {
                        FetchError::Refused("a redirect to no valid address".to_owned())
                    })?;
                url = next;
                continue;
            }
            return self.read(url, response).await;
        }
        Err(FetchError::TooManyRedirects(self.limits.max_redirects))
    }

    /// http(s) only, and an address written as an IP is checked here (no lookup sees it).
    fn check_url(&self, url: &Url) -> Result<(), FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::Refused(format!(
                "only http and https addresses are fetched, not {}:",
                url.scheme()
            )));
        }
        let literal = match url.host() {
            Some(Host::Ipv4(v4)) => Some(std::net::IpAddr::V4(v4)),
            Some(Host::Ipv6(v6)) => Some(std::net::IpAddr::V6(v6)),
            Some(Host::Domain(_)) => None,
            None => return Err(FetchError::Refused("the address names no site".to_owned())),
        };
        match literal {
            Some(ip) if !self.policy.allows(ip) => {
                Err(FetchError::Refused(format!("{ip} is not a public address")))
            }
            _ => Ok(()),
        }
    }

    fn host_slot(&self, url: &Url) -> Arc<Semaphore> {
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        let mut slots = self
            .per_host
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Hosts no fetch holds any more are forgotten, so the table stays small.
        slots.retain(|_, slot| Arc::strong_count(slot) > 1);
        Arc::clone(
            slots
                .entry(host)
                .or_insert_with(|| Arc::new(Semaphore::new(1))),
        )
    }

    async fn read(&self, url: Url, mut response: reqwest::Response) -> Result<Fetched, FetchError> {
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let essence = content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        let status = response.status().as_u16();
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let validators = Validators {
            etag: header(ETAG),
            last_modified: header(LAST_MODIFIED),
        };
        // An error page's type does not matter: the status is what the editor is told.
        if response.status().is_success() && !KEPT_TYPES.contains(&essence.as_str()) {
            return Err(FetchError::UnwantedType(if essence.is_empty() {
                "no content type".to_owned()
            } else {
                essence
            }));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.explain(e))? {
            if body.len() + chunk.len() > self.limits.max_body {
                return Err(FetchError::TooLarge(self.limits.max_body / (1024 * 1024)));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched {
            final_url: url,
            status,
            content_type: essence,
            body,
            validators,
        })
    }

    fn explain(&self, error: reqwest::Error) -> FetchError {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&error);
        while let Some(cause) = source {
            if let Some(refused) = cause.downcast_ref::<resolver::Refused>() {
                return FetchError::Refused(refused.0.clone());
            }
            if let Some(unknown) = cause.downcast_ref::<resolver::NameNotFound>() {
                return FetchError::Unreachable(unknown.to_string());
            }
            if cause
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused)
            {
                return FetchError::Unreachable("the site refused the connection".to_owned());
            }
            source = cause.source();
        }
        if error.is_timeout() {
            let waited = if error.is_connect() {
                self.limits.connect_timeout
            } else {
                self.limits.read_timeout
            };
            return FetchError::TimedOut(waited.as_secs());
        }
        let mut why = error.to_string();
        let mut cause = std::error::Error::source(&error);
        while let Some(inner) = cause {
            why = inner.to_string();
            cause = inner.source();
        }
        FetchError::Unreachable(format!("the site could not be reached: {why}"))
    }
}

fn closed(_: tokio::sync::AcquireError) -> FetchError {
    FetchError::Unreachable("the server is shutting down".to_owned())
}
