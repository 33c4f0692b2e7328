//! HTTP caching for public answers: a strong ETag from the bytes sent, 304 for a matching
//! `If-None-Match`, and a `Cache-Control` that lets a CDN absorb a traffic spike.
//!
//! The ETag is a hash of the body itself, so any change readers could see (a publish, an
//! edit, a new correction, even "5 minutes ago" becoming "6 minutes ago") changes it at once,
//! and nothing has to remember to invalidate anything.

use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Public pages are small; anything larger than this is passed through unhashed.
const MAX_HASHED_BODY: usize = 8 * 1024 * 1024;

pub fn etag_of(body: &[u8]) -> HeaderValue {
    use blake2::Digest;
    use std::fmt::Write;
    let digest = blake2::Blake2b256::digest(body);
    let mut tag = String::with_capacity(34);
    tag.push('"');
    for byte in &digest[..16] {
        let _ = write!(tag, "{byte:02x}");
    }
    tag.push('"');
    HeaderValue::from_str(&tag).unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

/// Does `If-None-Match` (a list, `*`, weak tags allowed: RFC 9110 §13.1.2) name `etag`?
fn matches(if_none_match: &HeaderValue, etag: &HeaderValue) -> bool {
    let Ok(list) = if_none_match.to_str() else {
        return false;
    };
    let Ok(etag) = etag.to_str() else {
        return false;
    };
    list.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == etag
    })
}

pub async fn http_cache(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let cacheable_request = matches!(*request.method(), Method::GET | Method::HEAD)
        && !request.uri().path().starts_with("/editor")
        && request.uri().path() != "/healthz";
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    if !cacheable_request
        || response.status() != StatusCode::OK
        || response.headers().contains_key(header::SET_COOKIE)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // A handler that already knows its ETag (a kept page, see `verdict_cache`) sets it itself.
    let (etag, body) = match parts.headers.get(header::ETAG) {
        Some(etag) => (etag.clone(), body),
        None => {
            // Bodies of unknown or large size pass through unhashed (our pages are sized
            // strings).
            let size = axum::body::HttpBody::size_hint(&body).upper();
            if size.is_none_or(|n| n > MAX_HASHED_BODY as u64) {
                return Response::from_parts(parts, body);
            }
            let Ok(bytes) = axum::body::to_bytes(body, MAX_HASHED_BODY).await else {
                return (StatusCode::INTERNAL_SERVER_ERROR, "response body failed").into_response();
            };
            (etag_of(&bytes), Body::from(bytes))
        }
    };
    // Assets set their own, longer lifetime.
    if !parts.headers.contains_key(header::CACHE_CONTROL) {
        parts
            .headers
            .insert(header::CACHE_CONTROL, state.cache_control.clone());
    }
    if if_none_match.is_some_and(|v| matches(&v, &etag)) {
        let mut not_modified = Response::new(Body::empty());
        *not_modified.status_mut() = StatusCode::NOT_MODIFIED;
        // What a 200 would have carried that a cache or a browser still needs (RFC 9110 §15.4.5).
        for name in [
            header::CACHE_CONTROL,
            header::VARY,
            header::CONTENT_LOCATION,
            header::EXPIRES,
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
        ] {
            if let Some(value) = parts.headers.get(&name) {
                not_modified.headers_mut().insert(name, value.clone());
            }
        }
        not_modified.headers_mut().insert(header::ETAG, etag);
        return not_modified;
    }
    parts.headers.insert(header::ETAG, etag);
    Response::from_parts(parts, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_accepts_lists_weak_tags_and_star() {
        let etag = etag_of(b"page");
        let tag = etag.to_str().unwrap().to_owned();
        for header in [
            tag.clone(),
            format!("W/{tag}"),
            format!("\"x\", {tag}"),
            "*".into(),
        ] {
            assert!(
                matches(&HeaderValue::from_str(&header).unwrap(), &etag),
                "{header}"
            );
        }
        assert!(!matches(&HeaderValue::from_static("\"other\""), &etag));
        assert_ne!(etag_of(b"page"), etag_of(b"page!"));
    }
}
