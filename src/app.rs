//! The route table and the middleware around it: which handler answers which address,
//! and the headers every answer carries.

use crate::config::{BODY_LIMIT, UPLOAD_BODY_LIMIT};
use crate::state::AppState;
use crate::web::admin::AccountChange;
use crate::web::{
    admin, admission, api, assets, auth, caching, cards, editor, kept, media, public, syndication,
};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use tower_http::set_header::SetResponseHeaderLayer;

const CSP: &str = "default-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; \
                   frame-ancestors 'none'; form-action 'self'";

/// The whole site as served: kept pages answered in front of the route table, which
/// makes everything else (see `web::kept`).
pub type Site = kept::Kept<Router>;

pub fn app(state: AppState) -> Site {
    kept::Kept::new(state.clone(), routes(state))
}

fn routes(state: AppState) -> Router {
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
        .route("/copies/{id}", get(public::editor_copy))
        .route("/link-checks/{id}", get(editor::link_change))
        .route("/fetch-details", post(editor::fetch_details_json))
        .route("/similar", get(editor::similar_json))
        .route(
            "/fact-checks/{id}/add-appearance",
            post(editor::add_appearance),
        )
        .route("/inbox", get(editor::inbox))
        .route("/inbox/{id}/state", post(editor::change_tip_state))
        .route("/inbox/{id}/assign", post(editor::assign_tip))
        .route("/fact-checks/preview", post(editor::preview_new))
        .route("/fact-checks/{id}/preview", post(editor::preview_edit))
        .route("/markdown-preview", post(editor::markdown_preview))
        .route("/autosave", post(editor::autosave))
        .route("/autosave/discard", post(editor::discard_autosave))
        .route("/users", get(admin::list).post(admin::create))
        .route("/users/{id}", post(admin::change))
        .route("/users/{id}/role", admin::change_at(AccountChange::Role))
        .route(
            "/users/{id}/disable",
            admin::change_at(AccountChange::Disable),
        )
        .route(
            "/users/{id}/enable",
            admin::change_at(AccountChange::Enable),
        )
        .route(
            "/users/{id}/password",
            admin::change_at(AccountChange::Password),
        )
        .route("/audit", get(admin::audit_log))
        .route(
            "/account",
            get(editor::account_form).post(editor::save_account),
        )
        .route(
            "/users/{id}/profile",
            get(editor::profile_form).post(editor::save_profile),
        )
        .route(
            "/settings",
            get(editor::settings_form).post(editor::save_settings),
        )
        .route(
            "/ratings",
            get(editor::rating_words_form).post(editor::save_rating_words),
        )
        .route(
            "/media",
            get(media::library)
                .post(media::upload)
                .layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route("/media/{id}", post(media::edit_image))
        .route("/media/{id}/remove", post(media::remove_image))
        .route("/media/{id}/photo", post(media::use_as_photo))
        .route("/media/{id}/logo", post(media::use_as_logo))
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
        .route("/changes", get(api::changes))
        .route("/openapi.json", get(api::document))
        .fallback(api::not_found);

    Router::new()
        .route("/", get(public::home))
        .route("/fact-checks/{slug}", get(public::fact_check))
        .route("/copies/{id}", get(public::copy))
        .route("/tags/{tag}", get(public::tag))
        .route("/corrections", get(public::corrections))
        .route("/search", get(public::search))
        .route("/tags", get(public::tags))
        .route("/ratings", get(public::ratings))
        .route("/ratings/{slug}", get(public::rating))
        .route("/claimants", get(public::claimants))
        .route("/claimants/{slug}", get(public::claimant))
        .route("/authors/{slug}", get(public::author))
        .route("/healthz", get(public::healthz))
        .route("/tips", get(public::tip_form).post(public::send_tip))
        .route("/tips/thanks", get(public::thanks_page))
        .route(
            "/fact-checks/{slug}/report",
            get(public::report_form).post(public::send_report),
        )
        .route("/feed.atom", get(syndication::site_feed))
        .route("/tags/{tag}/feed.atom", get(syndication::tag_feed))
        .route(
            "/claimants/{slug}/feed.atom",
            get(syndication::claimant_feed),
        )
        .route("/sitemap.xml", get(syndication::sitemap_index))
        .route("/sitemaps/{file}", get(syndication::sitemap_moved))
        // Any other method at a top-level address is the same 404 as an unknown one.
        .route(
            "/{file}",
            get(syndication::sitemap_file).fallback(public::not_found),
        )
        .route("/robots.txt", get(syndication::robots))
        .route("/static/site.css", get(assets::stylesheet))
        .route("/static/ratings.css", get(assets::rating_colours))
        .route("/static/editor.js", get(assets::editor_script))
        .route("/static/fetch.js", get(assets::fetch_script))
        .route("/static/similar.js", get(assets::similar_script))
        .route("/static/rows.js", get(assets::rows_script))
        .route("/static/preview.js", get(assets::preview_script))
        .route("/static/autosave.js", get(assets::autosave_script))
        .route("/static/media-picker.js", get(assets::media_picker_script))
        .route("/static/share.js", get(assets::share_script))
        .route("/static/time.js", get(assets::time_script))
        .route("/favicon.svg", get(assets::favicon))
        .route("/fact-checks/{slug}/card.png", get(cards::fact_check_png))
        .route("/card.png", get(cards::site_png))
        .route("/fact-checks/{slug}/embed", get(cards::embed))
        .route("/oembed", get(cards::oembed))
        .route("/static/embed.css", get(assets::embed_stylesheet))
        .route("/favicon-32.png", get(cards::favicon_32))
        .route("/favicon-192.png", get(cards::favicon_192))
        .route("/apple-touch-icon.png", get(cards::apple_touch_icon))
        .route("/media/{name}", get(media::serve))
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
            admission::admit,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            style_bare_errors,
        ))
        // Outside the admission checks and refusals, so every answer under /api/ is JSON
        // with CORS headers and a preflight never meets the cross-site check.
        .layer(middleware::from_fn(api::answers))
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
async fn style_bare_errors(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    // Every page rendered from here in, these refusals too, shows this server's site (see
    // `error::SITE_BRAND`); set here rather than in a layer of its own, which cost a kept
    // verdict page 16% more instructions (bench/NOTES.md, issue 14).
    crate::error::SITE_BRAND
        .scope(state.brand(), styled_refusals(request, next))
        .await
}

async fn styled_refusals(request: Request, next: Next) -> Response {
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
        crate::error::error_page(status, title, message)
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
