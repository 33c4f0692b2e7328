//! What a running server holds and every handler shares: the settings `factdesk serve` set
//! (`Settings`, behind one `Arc` as `AppState`) and the password-checking threads.

pub mod kept_pages;
pub mod password_checks;
pub mod tip_limits;

pub use kept_pages::KeptPages;
pub use password_checks::PasswordChecks;
pub use tip_limits::TipLimiter;

use crate::config::{DEFAULT_BASE_URL, DEFAULT_CACHE_CONTROL, DEFAULT_SITE_NAME, Site};
use crate::db::Db;
use crate::domain::media::ShownImage;
use crate::domain::{AllowedHosts, TrustedProxies};
use crate::error::Brand;
use crate::fetch::{AddressPolicy, FetchLimits, Fetcher};
use axum::http::HeaderValue;
use std::sync::{Arc, RwLock};

/// What every handler shares, behind one `Arc`: axum clones the state for each middleware
/// and handler of every request, and cloning the fields one by one took about 1 µs of a
/// 20 µs verdict page.
#[derive(Clone)]
pub struct AppState(Arc<Settings>);

/// The fields of `AppState`, set before the server starts (`AppState::from`).
pub struct Settings {
    pub db: Db,
    /// Fact-checks per listing page.
    pub per_page: usize,
    /// A session unused for this long is signed out.
    pub session_idle: chrono::Duration,
    /// The threads that check passwords, and the bounded queue in front of them.
    pub password_checks: PasswordChecks,
    /// Who publishes: for canonical links and ClaimReview data.
    pub site: Arc<Site>,
    /// The `Host` values answered, and the origins whose forms are accepted (`set_site`).
    pub allowed_hosts: Arc<AllowedHosts>,
    /// Peers whose `X-Forwarded-For` names the client (`--trusted-proxy`).
    pub trusted_proxies: Arc<TrustedProxies>,
    /// `Cache-Control` for public answers (see `web::caching`).
    pub cache_control: HeaderValue,
    /// SQLite steps one search may take (see `db::search::within_budget`).
    pub search_budget: u64,
    /// Fetches the pages editors cite ("Fetch details"); only public addresses unless
    /// `--allow-private-fetch`.
    pub fetcher: Fetcher,
    /// A request body must arrive whole within this time (see `web::admission`).
    pub body_timeout: std::time::Duration,
    /// Tips counted per client address (see `TipLimiter`).
    pub tip_limiter: TipLimiter,
    /// Tips kept from everyone together in an hour; past it the forms answer 503.
    pub tips_per_hour: i64,
    /// Days a tip's contact email is kept (`--tip-email-days`), as readers are told.
    pub tip_email_days: i64,
    /// How often the fact-check form's script keeps what is typed (see `editor::autosave`).
    pub autosave_every: std::time::Duration,
    /// The name and logo pages show (`AppState::brand`), set from `site` and the
    /// database when the state is made, and again when an admin changes the logo.
    pub brand: RwLock<Arc<Brand>>,
    /// Public answers kept as sent until the database's epoch moves (see `web::kept`).
    pub kept_pages: KeptPages,
}

impl std::ops::Deref for AppState {
    type Target = Settings;

    fn deref(&self) -> &Settings {
        &self.0
    }
}

impl From<Settings> for AppState {
    fn from(settings: Settings) -> Self {
        let state = AppState(Arc::new(settings));
        // A database that cannot be read yet shows the name alone until a logo is chosen.
        let logo = state
            .db
            .read(crate::db::media::site_logo)
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "the site logo could not be read");
                None
            });
        state.set_logo(logo.as_ref());
        match state.db.read(crate::db::settings::site_language) {
            Ok(language) => state.set_language(&language),
            Err(e) => tracing::warn!(error = %e, "the site language could not be read"),
        }
        if let Err(e) = state.reload_rating_words() {
            tracing::warn!(error = %e, "the newsroom's rating words could not be read");
        }
        state
    }
}

impl AppState {
    pub fn new(db: Db) -> Self {
        Settings::new(db).into()
    }

    /// The site as pages show it now: its name and logo.
    pub fn brand(&self) -> Arc<Brand> {
        Arc::clone(&self.brand.read().unwrap_or_else(|p| p.into_inner()))
    }

    /// The site's language for reader pages' fixed text, as pages render it now.
    pub fn ui(&self) -> crate::domain::Ui {
        self.brand().ui.clone()
    }

    /// Shows `logo` beside the site's name from the next page on (`None`: the name alone).
    pub fn set_logo(&self, logo: Option<&ShownImage>) {
        self.change_brand(|brand| {
            brand.name = self.site.name.clone();
            brand.logo_src = logo.map(|l| l.fallback_url.clone()).unwrap_or_default();
            brand.logo_srcset = logo.map(|l| l.fallback_srcset.clone()).unwrap_or_default();
        });
        // Pages kept since the logo's commit may show the old one.
        self.db.mark_changed();
    }

    /// Shows the site's pages in `language` (when there is text for it) from the next on.
    pub fn set_language(&self, language: &crate::domain::Language) {
        self.change_brand(|brand| brand.ui = brand.ui.in_language(language));
        self.db.mark_changed();
    }

    /// Shows the newsroom's own rating words, as the database holds them now, from the next
    /// page on. Read under the brand's lock: of two saves' reloads, the later read is kept.
    pub fn reload_rating_words(&self) -> Result<(), crate::error::AppError> {
        let mut guard = self.brand.write().unwrap_or_else(|p| p.into_inner());
        let words = self.db.read(crate::db::ratings::words)?;
        let mut brand = Brand::clone(&guard);
        brand.ui = brand.ui.with_rating_words(Arc::new(words));
        *guard = Arc::new(brand);
        drop(guard);
        self.db.mark_changed();
        Ok(())
    }

    /// Changes the brand under one write lock, so two changes made at once both stay.
    fn change_brand(&self, change: impl FnOnce(&mut Brand)) {
        let mut guard = self.brand.write().unwrap_or_else(|p| p.into_inner());
        let mut brand = Brand::clone(&guard);
        change(&mut brand);
        *guard = Arc::new(brand);
    }
}

impl Settings {
    /// The defaults, which `factdesk serve`'s flags then change.
    pub fn new(db: Db) -> Self {
        Settings {
            db,
            per_page: 20,
            session_idle: chrono::Duration::hours(8),
            password_checks: PasswordChecks::per_core(),
            site: Arc::new(Site::new(DEFAULT_SITE_NAME, DEFAULT_BASE_URL)),
            allowed_hosts: Arc::new(AllowedHosts::default_local()),
            trusted_proxies: Arc::new(TrustedProxies::default()),
            cache_control: HeaderValue::from_static(DEFAULT_CACHE_CONTROL),
            search_budget: crate::db::search::DEFAULT_BUDGET,
            body_timeout: std::time::Duration::from_secs(30),
            tip_limiter: TipLimiter::default(),
            tips_per_hour: crate::domain::TIPS_PER_HOUR_SITE_WIDE,
            tip_email_days: crate::domain::DEFAULT_EMAIL_DAYS,
            autosave_every: std::time::Duration::from_secs(20),
            brand: RwLock::default(),
            kept_pages: KeptPages::default(),
            fetcher: Fetcher::new(
                AddressPolicy::default(),
                FetchLimits::default(),
                DEFAULT_BASE_URL,
            )
            // Building an HTTP client fails only when TLS cannot start at all.
            .expect("the HTTP client for fetching sources starts"),
        }
    }

    /// Names the site and the hosts it answers for. Without a `base_url` the site is the
    /// socket actually `bound`, under every loopback name (see `AllowedHosts::local`).
    pub fn set_site(
        &mut self,
        name: &str,
        base_url: Option<&str>,
        allowed_hosts: &[String],
        bound: std::net::SocketAddr,
    ) -> Result<(), String> {
        let (base_url, hosts) = match base_url {
            Some(url) => (url.to_owned(), AllowedHosts::new(url, allowed_hosts)?),
            None => AllowedHosts::local(bound, allowed_hosts)?,
        };
        self.site = Arc::new(Site::new(name, &base_url));
        self.allowed_hosts = Arc::new(hosts);
        Ok(())
    }
}
