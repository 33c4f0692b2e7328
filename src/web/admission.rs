//! What every request must pass before any handler runs: a host name the site answers
//! for, a form post from the site itself, and a body sent whole in time. One middleware
//! rather than three, because each layer costs every request (a verdict page is ~19 µs).

use crate::config::{BODY_LIMIT, UPLOAD_BODY_LIMIT, UPLOAD_PATH};
use crate::state::AppState;
use axum::body::{Body, HttpBody};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;

pub async fn admit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if let Some(refusal) = unknown_host(&state, &request) {
        return refusal;
    }
    if request.method() != Method::GET
        && request.method() != Method::HEAD
        && let Some(refusal) = cross_site(&state, &request)
    {
        return refusal;
    }
    if request.body().size_hint().exact() == Some(0) {
        return next.run(request).await;
    }
    read_body_within(&state, request, next).await
}

/// Answers only for the site's own host names (`--base-url`, `--allowed-host`), so a hostile
/// name pointed at this server (DNS rebinding) gets nothing from it. `X-Forwarded-Host` is
/// not consulted: proxies pass `Host` through, and nothing here builds links from either.
fn unknown_host(state: &AppState, request: &Request) -> Option<Response> {
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
        return None;
    }
    tracing::info!(host = ?host, "request for an unknown host refused");
    let message = format!(
        "This server does not answer for that host name. The site is at {}/. \
         If you run this site and want this name too, start it with --allowed-host.",
        state.site.base_url
    );
    Some(if path.starts_with("/api/") {
        super::api::error(StatusCode::BAD_REQUEST, &message)
    } else {
        crate::error::error_page(StatusCode::BAD_REQUEST, "Unknown host", &message)
    })
}

/// A second line of defence behind the CSRF token: browsers send `Origin` with every form
/// post, and a post whose origin is not this site is refused before any handler runs. The
/// comparison is with the configured site, never with the request's own `Host`, which
/// whoever sends the request chooses.
fn cross_site(state: &AppState, request: &Request) -> Option<Response> {
    let origin = request.headers().get(header::ORIGIN)?;
    let from_site = origin
        .to_str()
        .is_ok_and(|origin| state.allowed_hosts.allows_origin(origin));
    (!from_site).then(|| {
        crate::error::AppError::Forbidden(
            "This form was sent from another site, so it was refused.".to_owned(),
        )
        .into_response()
    })
}

/// A body past the limit is still read, and dropped, up to this size before the 413 is
/// sent: closing a connection while the client is still sending makes its kernel answer
/// our close with a reset, which discards the 413 before the client reads it (the
/// "lingering close" of RFC 9112 §9.6). A larger body is refused without waiting for it,
/// and so is one still arriving `DROPPING_AT_MOST` after it passed the limit.
const READ_AND_DROPPED_AT_MOST: u64 = 4 * 1024 * 1024;
const DROPPING_AT_MOST: std::time::Duration = std::time::Duration::from_secs(2);

/// The least time an editor's upload is given to arrive, whatever `--body-timeout` says.
const UPLOAD_BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// Reads the whole request body within `Settings::body_timeout` before any handler runs,
/// so a client that sends a body a byte at a time (or never finishes it) holds a
/// connection for that long at most; a body past `BODY_LIMIT` is refused (see
/// `READ_AND_DROPPED_AT_MOST`). Handlers then read it from memory. The refusals are bare
/// statuses, which `app::style_bare_errors` turns into pages.
async fn read_body_within(state: &AppState, request: Request, next: Next) -> Response {
    // Only an editor's image upload may be larger than a form, and take longer to arrive
    // (10 MB in 30 s asks for about 3 Mbit/s).
    let upload = request.method() == Method::POST
        && request.uri().path() == UPLOAD_PATH
        && crate::web::auth::has_session(request.headers(), state);
    let (limit, within) = if upload {
        (
            UPLOAD_BODY_LIMIT as u64,
            state.body_timeout.max(UPLOAD_BODY_TIMEOUT),
        )
    } else {
        (BODY_LIMIT as u64, state.body_timeout)
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > READ_AND_DROPPED_AT_MOST.max(limit)) {
        return too_large();
    }
    let (parts, body) = request.into_parts();
    match tokio::time::timeout(within, read_bounded(body, limit)).await {
        Ok(Ok(Some(bytes))) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(Ok(None)) => too_large(),
        Ok(Err(())) => StatusCode::BAD_REQUEST.into_response(),
        Err(_) => {
            tracing::info!(path = %parts.uri.path(), "request body not sent in time");
            // The rest of the body may still be on its way: close rather than read it.
            (StatusCode::REQUEST_TIMEOUT, [(header::CONNECTION, "close")]).into_response()
        }
    }
}

/// The body, or `None` when it is over `limit` (keeping at most that much, and
/// reading on, without keeping, to `READ_AND_DROPPED_AT_MOST`); `Err` when it broke off.
async fn read_bounded(mut body: Body, limit: u64) -> Result<Option<Vec<u8>>, ()> {
    let mut kept = Vec::new();
    let mut seen: u64 = 0;
    let mut dropping_until = None;
    loop {
        let next = match dropping_until {
            None => body.frame().await,
            Some(until) => match tokio::time::timeout_at(until, body.frame()).await {
                Ok(next) => next,
                Err(_) => break,
            },
        };
        let Some(frame) = next else { break };
        let Ok(data) = frame.map_err(|_| ())?.into_data() else {
            continue; // trailers
        };
        seen += data.len() as u64;
        if seen <= limit {
            kept.extend_from_slice(&data);
        } else if seen > READ_AND_DROPPED_AT_MOST.max(limit) {
            break;
        } else if dropping_until.is_none() {
            dropping_until = Some(tokio::time::Instant::now() + DROPPING_AT_MOST);
        }
    }
    Ok((seen <= limit).then_some(kept))
}

fn too_large() -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [(header::CONNECTION, "close")],
    )
        .into_response()
}
