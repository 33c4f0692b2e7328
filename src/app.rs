//! The application state, the route table and the middleware, in one place.

use crate::db::Db;
use crate::domain::{AllowedHosts, TrustedProxies};
use crate::web::{admin, api, assets, auth, caching, editor, public, syndication};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;

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
    pub password_checks: auth::PasswordChecks,
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
    /// A request body must arrive whole within this time (see `read_body_within`).
    pub body_timeout: std::time::Duration,
}

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

impl std::ops::Deref for AppState {
    type Target = Settings;

    fn deref(&self) -> &Settings {
        &self.0
    }
}

impl From<Settings> for AppState {
    fn from(settings: Settings) -> Self {
        AppState(Arc::new(settings))
    }
}

impl AppState {
    pub fn new(db: Db) -> Self {
        Settings::new(db).into()
    }
}

impl Settings {
    /// The defaults, which `factdesk serve`'s flags then change.
    pub fn new(db: Db) -> Self {
        Settings {
            db,
            per_page: 20,
            session_idle: chrono::Duration::hours(8),
            password_checks: auth::PasswordChecks::per_core(),
            site: Arc::new(Site::new("Factdesk", DEFAULT_BASE_URL)),
            allowed_hosts: Arc::new(AllowedHosts::default_local()),
            trusted_proxies: Arc::new(TrustedProxies::default()),
            cache_control: HeaderValue::from_static(caching::DEFAULT_CACHE_CONTROL),
            search_budget: crate::db::search::DEFAULT_BUDGET,
            body_timeout: std::time::Duration::from_secs(30),
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

/// Where a server started without `--base-url` on the default address is reached.
const DEFAULT_BASE_URL: &str = "http://127.0.0.1:3000";

/// Forms are small; anything larger is refused (413) before it is read.
pub const BODY_LIMIT: usize = 256 * 1024;

const CSP: &str = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
                   frame-ancestors 'none'; form-action 'self'";

pub fn app(state: AppState) -> Router {
    let editor_routes = Router::new()
        .route("/", get(editor::dashboard))
        .route("/login", get(auth::login_form).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/fact-checks", post(editor::create))
        .route("/fact-checks/new", get(editor::new_form))
        .route(
            "/fact-checks/{id}",
            get(editor::edit_form).post(editor::update),
        )
        .route("/fact-checks/{id}/submit", post(editor::submit))
        .route("/fact-checks/{id}/send-back", post(editor::send_back))
        .route("/fact-checks/{id}/publish", post(editor::publish))
        .route("/fact-checks/{id}/unpublish", post(editor::unpublish))
        .route("/fact-checks/{id}/revisions", get(editor::revisions))
        .route("/users", get(admin::list).post(admin::create))
        .route("/users/{id}", post(admin::change))
        .route("/audit", get(admin::audit_log))
        .route(
            "/settings",
            get(admin::settings_form).post(admin::save_settings),
        )
        // Pages for signed-in editors must never be kept by a browser or proxy cache.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        ));

    let api_routes = Router::new()
        .route("/fact-checks", get(api::fact_checks))
        .route("/fact-checks/{slug}", get(api::fact_check))
        .route("/claimants", get(api::claimants))
        .route("/ratings", get(api::ratings))
        .fallback(api::not_found)
        // Other newsrooms' pages may read the API from the browser.
        .layer(SetResponseHeaderLayer::overriding(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ));

    Router::new()
        .route("/", get(public::home))
        .route("/fact-checks/{slug}", get(public::fact_check))
        .route("/tags/{tag}", get(public::tag))
        .route("/corrections", get(public::corrections))
        .route("/search", get(public::search))
        .route("/tags", get(public::tags))
        .route("/ratings", get(public::ratings))
        .route("/ratings/{slug}", get(public::rating))
        .route("/claimants", get(public::claimants))
        .route("/claimants/{slug}", get(public::claimant))
        .route("/healthz", get(public::healthz))
        .route("/feed.atom", get(syndication::site_feed))
        .route("/tags/{tag}/feed.atom", get(syndication::tag_feed))
        .route(
            "/claimants/{slug}/feed.atom",
            get(syndication::claimant_feed),
        )
        .route("/sitemap.xml", get(syndication::sitemap_index))
        .route("/sitemaps/pages.xml", get(syndication::sitemap_pages))
        .route("/sitemaps/{file}", get(syndication::sitemap_fact_checks))
        .route("/robots.txt", get(syndication::robots))
        .route("/static/site.css", get(assets::stylesheet))
        .route("/static/ratings.css", get(assets::rating_colours))
        .route("/static/editor.js", get(assets::editor_script))
        .route("/favicon.svg", get(assets::favicon))
        // "/editor/" names the desk too; nested routes match "/editor" only.
        .route("/editor/", get(desk_with_slash))
        .nest("/editor", editor_routes)
        .nest("/api/v1", api_routes)
        .fallback(public::not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            caching::http_cache,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            read_body_within,
        ))
        .layer(middleware::from_fn(style_bare_errors))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            refuse_cross_site_posts,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            refuse_unknown_hosts,
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(middleware::from_fn(strict_transport_security))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

async fn desk_with_slash(axum::extract::RawQuery(query): axum::extract::RawQuery) -> Response {
    match query {
        Some(query) => Redirect::permanent(&format!("/editor?{query}")),
        None => Redirect::permanent("/editor"),
    }
    .into_response()
}

/// Reads the whole request body within `Settings::body_timeout` and `BODY_LIMIT` before
/// any handler runs, so a client that sends a body a byte at a time (or never finishes
/// it) holds a connection for that long at most. Handlers then read it from memory.
async fn read_body_within(State(state): State<AppState>, request: Request, next: Next) -> Response {
    use axum::body::{Body, HttpBody};
    use http_body_util::BodyExt;
    if request.body().size_hint().exact() == Some(0) {
        return next.run(request).await;
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let (parts, body) = request.into_parts();
    let limited = http_body_util::Limited::new(body, BODY_LIMIT);
    match tokio::time::timeout(state.body_timeout, limited.collect()).await {
        Ok(Ok(collected)) => {
            let body = Body::from(collected.to_bytes());
            next.run(Request::from_parts(parts, body)).await
        }
        Ok(Err(e))
            if e.downcast_ref::<http_body_util::LengthLimitError>()
                .is_some() =>
        {
            StatusCode::PAYLOAD_TOO_LARGE.into_response()
        }
        Ok(Err(_)) => StatusCode::BAD_REQUEST.into_response(),
        Err(_) => {
            tracing::info!(path = %parts.uri.path(), "request body not sent in time");
            // The rest of the body may still be on its way: close rather than read it.
            (StatusCode::REQUEST_TIMEOUT, [(header::CONNECTION, "close")]).into_response()
        }
    }
}

/// Answers only for the site's own host names (`--base-url`, `--allowed-host`), so a hostile
/// name pointed at this server (DNS rebinding) gets nothing from it. `X-Forwarded-Host` is
/// not consulted: proxies pass `Host` through, and nothing here builds links from either.
async fn refuse_unknown_hosts(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    // An absolute-form request line carries the host in the URI; otherwise `Host` does.
    let host = request.uri().authority().map(|a| a.as_str()).or_else(|| {
        request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
    });
    // The stylesheets and icon are the same for everyone and reveal nothing, and the
    // refusal page itself needs them to be readable.
    let path = request.uri().path();
    let asset = path.starts_with("/static/") || path == "/favicon.svg";
    if asset || host.is_some_and(|host| state.allowed_hosts.allows_host(host)) {
        return next.run(request).await;
    }
    tracing::info!(host = ?host, "request for an unknown host refused");
    let message = format!(
        "This server does not answer for that host name. The site is at {}/. \
         If you run this site and want this name too, start it with --allowed-host.",
        state.site.base_url
    );
    if request.uri().path().starts_with("/api/") {
        crate::web::api::error(StatusCode::BAD_REQUEST, &message)
    } else {
        crate::web::error_page(StatusCode::BAD_REQUEST, "Unknown host", &message)
    }
}

/// A second line of defence behind the CSRF token: browsers send `Origin` with every form
/// post, and a post whose origin is not this site is refused before any handler runs. The
/// comparison is with the configured site, never with the request's own `Host`, which
/// whoever sends the request chooses.
async fn refuse_cross_site_posts(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let origin = request.headers().get(header::ORIGIN);
        let from_site = origin.is_none_or(|origin| {
            origin
                .to_str()
                .is_ok_and(|origin| state.allowed_hosts.allows_origin(origin))
        });
        if !from_site {
            return crate::error::AppError::Forbidden(
                "This form was sent from another site, so it was refused.".to_owned(),
            )
            .into_response();
        }
    }
    next.run(request).await
}

/// Behind an HTTPS proxy, tells browsers to use HTTPS for a year. Never sent over plain
/// HTTP, where it would be meaningless (and could lock out a local test site).
async fn strict_transport_security(request: Request, next: Next) -> Response {
    let https = request
        .headers()
        .get("x-forwarded-proto")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"));
    let mut response = next.run(request).await;
    if https {
        response.headers_mut().insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

/// axum's own refusals (wrong method, body too large…) are plain text; readers get the
/// same styled page as for our errors, API clients the same JSON body.
async fn style_bare_errors(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    let bare = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_none_or(|v| v.as_bytes().starts_with(b"text/plain"));
    if !status.is_client_error() || !bare {
        return response;
    }
    let title = status.canonical_reason().unwrap_or("Request refused");
    let message = match status.as_u16() {
        405 => "This address does not accept that kind of request.",
        408 => "The request was not sent in time. Check the connection and try again.",
        413 => "What was sent is too large. Shorten it and try again.",
        _ => "The request could not be understood.",
    };
    let mut styled = if api {
        crate::web::api::error(status, message)
    } else {
        crate::web::error_page(status, title, message)
    };
    // `Allow` tells a client what the address takes; `Connection: close` (a body cut off
    // by `read_body_within`) must survive, or the rest of that body is read as a request.
    for name in [header::ALLOW, header::CONNECTION] {
        if let Some(value) = response.headers().get(&name) {
            styled.headers_mut().insert(name, value.clone());
        }
    }
    styled
}
