//! HTTP caching for public answers: a strong ETag from the bytes sent, 304 for a matching
//! `If-None-Match`, and a `Cache-Control` that lets a CDN absorb a traffic spike.
//!
//! The ETag is a hash of the body itself, so any change readers could see (a publish, an
//! edit, a new correction) changes it at once, and nothing has to remember to invalidate
//! anything. Text answers are compressed here too (gzip or brotli, cheaply: see
//! `encoding`), each encoding under its own ETag; only public answers, never an
//! editor's page or one setting a cookie, whose secrets a compressed length could betray
//! (BREACH). Kept pages (`kept`) are compressed once, harder, by that layer.

use crate::error::AppError;
use crate::state::AppState;
use crate::web::encoding::{self, PER_REQUEST};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Public pages are small; anything larger than this is passed through unhashed.
const MAX_HASHED_BODY: usize = 8 * 1024 * 1024;
/// Answers up to this size are hashed and compressed where they were made.
const INLINE_BODY: usize = 32 * 1024;

/// A strong ETag from the bytes: 128 bits of SipHash-1-3. It names versions of our own
/// pages for caches, so it needs no resistance to forgery, only to chance collisions, and
/// it is about four times cheaper than BLAKE2b (which was 12% of a verdict's first render
/// over its 17 KB, bench/NOTES.md).
pub fn etag_of(body: &[u8]) -> HeaderValue {
    use std::hash::Hasher;
    let mut hasher = siphasher::sip128::SipHasher13::new();
    hasher.write(body);
    let digest = siphasher::sip128::Hasher128::finish128(&hasher).as_u128();
    let tag = format!("\"{digest:032x}\"");
    HeaderValue::from_str(&tag).unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

/// Does `If-None-Match` (a list, `*`, weak tags allowed: RFC 9110 §13.1.2) name `etag`?
pub(crate) fn names(if_none_match: &HeaderValue, etag: &HeaderValue) -> bool {
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
    let accepted = (request.method() == Method::GET)
        .then(|| encoding::preferred(request.headers()))
        .flatten();
    let response = next.run(request).await;
    if !cacheable_request
        || response.status() != StatusCode::OK
        || response.headers().contains_key(header::SET_COOKIE)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let compressible = encoding::is_compressible(&parts.headers);
    // A HEAD's body is already gone: compressing it would announce the wrong length.
    let wanted = accepted.filter(|_| compressible);
    let preset = parts.headers.get(header::ETAG).cloned();
    // A handler that already knows its ETag (a kept card) sets it itself.
    let (etag, body) = match preset {
        Some(etag) if wanted.is_none() => (etag, body),
        preset => {
            // Bodies of unknown or large size pass through unhashed (our pages are sized
            // strings).
            let size = axum::body::HttpBody::size_hint(&body).upper();
            if size.is_none_or(|n| n > MAX_HASHED_BODY as u64) {
                return Response::from_parts(parts, body);
            }
            let Ok(bytes) = axum::body::to_bytes(body, MAX_HASHED_BODY).await else {
                return (StatusCode::INTERNAL_SERVER_ERROR, "response body failed").into_response();
            };
            let work = move || {
                let etag = preset.unwrap_or_else(|| etag_of(&bytes));
                let compressed =
                    wanted.and_then(|e| Some((e, encoding::compress(&bytes, e, PER_REQUEST)?)));
                (etag, bytes, compressed)
            };
            // Hashing and compressing cost about 10 µs a kilobyte: a large answer (a sitemap
            // file, a long list) has it done on a blocking thread.
            let (etag, bytes, compressed) = if size.is_some_and(|n| n <= INLINE_BODY as u64) {
                work()
            } else {
                match tokio::task::spawn_blocking(work).await {
                    Ok(done) => done,
                    Err(e) => {
                        return AppError::Internal(format!("hashing an answer: {e}"))
                            .into_response();
                    }
                }
            };
            match compressed {
                Some((chosen, compressed)) => {
                    parts
                        .headers
                        .insert(header::CONTENT_ENCODING, chosen.name());
                    parts.headers.remove(header::CONTENT_LENGTH);
                    (
                        encoding::etag(&etag, chosen, PER_REQUEST),
                        Body::from(compressed),
                    )
                }
                None => (etag, Body::from(bytes)),
            }
        }
    };
    if compressible {
        encoding::vary_on_encoding(&mut parts.headers);
    }
    // Assets set their own, longer lifetime.
    if !parts.headers.contains_key(header::CACHE_CONTROL) {
        parts
            .headers
            .insert(header::CACHE_CONTROL, state.cache_control.clone());
    }
    if if_none_match.is_some_and(|v| names(&v, &etag)) {
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
                names(&HeaderValue::from_str(&header).unwrap(), &etag),
                "{header}"
            );
        }
        assert!(!names(&HeaderValue::from_static("\"other\""), &etag));
        assert_ne!(etag_of(b"page"), etag_of(b"page!"));
    }
}
