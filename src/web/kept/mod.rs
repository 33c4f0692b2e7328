//! Public pages kept as sent — verdicts, listings, the API, feeds, sitemaps and assets — and
//! answered in front of the route table, before routing, tracing, the security headers,
//! admission and `caching` run, with exactly the headers those would have set.
//!
//! A page depends only on what is stored and on the site's settings: no clock (cards show
//! exact dates, which `static/time.js` words as "5 minutes ago" in the browser), nothing per
//! reader. So a copy is exact while the database's epoch (`Db::epoch`) stays the same: this
//! server's commits move it before the write returns, another process's commits within
//! 100 ms (`db::WATCH_EVERY` is 50 ms), and a scheduled publication falling due within
//! 50 ms of its time. Checking costs one atomic load per request.
//!
//! The first request for a page runs the whole stack with no `Accept-Encoding` and no
//! `If-None-Match`, keeps the answer (its headers prebuilt), and answers itself from the
//! copy; a compressed form is made once, on the first request that accepts it
//! (`encoding::KEPT`), and kept beside it with its own ETag.

mod key;
#[cfg(test)]
pub(in crate::web) use key::kept_parameters;

use crate::state::AppState;
use crate::state::kept_pages::{KeptPage, Making, Turn, Variant};
use crate::web::encoding::{self, Encoding};
use axum::body::{Body, HttpBody};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::future::{BoxFuture, Either, Ready, ready};
use std::convert::Infallible;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};

/// How long a reader waits for another's render of the same page before making it too.
const WAIT_FOR_ANOTHER: std::time::Duration = std::time::Duration::from_secs(10);

/// Larger answers (a big sitemap file) are sent afresh each time.
const MAX_KEPT_BODY: usize = 4 * 1024 * 1024;

/// What a 304 repeats of its 200 (RFC 9110 §15.4.5), and the headers every answer carries.
const NOT_MODIFIED_HEADERS: [header::HeaderName; 10] = [
    header::CACHE_CONTROL,
    header::VARY,
    header::CONTENT_LOCATION,
    header::EXPIRES,
    header::ACCESS_CONTROL_ALLOW_ORIGIN,
    header::ACCESS_CONTROL_EXPOSE_HEADERS,
    header::ETAG,
    header::CONTENT_SECURITY_POLICY,
    header::X_CONTENT_TYPE_OPTIONS,
    header::REFERRER_POLICY,
];

/// Set per request by `app::strict_transport_security`; a kept copy must not carry the
/// first reader's.
const HSTS: HeaderValue = HeaderValue::from_static("max-age=31536000; includeSubDomains");

/// What `app::app` serves: kept pages answered here, everything else by `inner` (the
/// route table with its middleware), before routing or any layer runs.
#[derive(Clone)]
pub struct Kept<S> {
    inner: S,
    state: AppState,
}

impl<S> Kept<S> {
    pub fn new(state: AppState, inner: S) -> Self {
        Kept { inner, state }
    }
}

impl<S: Send + Sync> crate::server::KeptAnswers for Kept<S> {
    /// A kept answer ready to send as it is (compressed already if asked for), answered by
    /// the server before it even builds the request the route table takes.
    fn ready<B: HttpBody>(&self, request: &axum::http::Request<B>) -> Option<Response> {
        let key = kept_key(&self.state, request)?;
        let page = self.state.kept_pages.get(self.state.db.epoch(), &key)?;
        let asked = Asked::of(request);
        made(&page, asked.encoding).then(|| respond(&page, &asked))
    }
}

/// What of the request decides which form of a kept page it gets.
struct Asked {
    encoding: Option<Encoding>,
    if_none_match: Option<HeaderValue>,
    https: bool,
    head: bool,
}

impl Asked {
    fn of<B>(request: &axum::http::Request<B>) -> Asked {
        let headers = request.headers();
        Asked {
            encoding: encoding::preferred(headers),
            if_none_match: headers.get(header::IF_NONE_MATCH).cloned(),
            https: headers
                .get("x-forwarded-proto")
                .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https")),
            head: request.method() == Method::HEAD,
        }
    }
}

type Answer = Result<Response, Infallible>;

impl<S> tower_service::Service<Request> for Kept<S>
where
    S: tower_service::Service<Request, Response = Response, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Either<Ready<Answer>, BoxFuture<'static, Answer>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let Some(key) = kept_key(&self.state, &request) else {
            return Either::Right(Box::pin(self.inner.call(request)));
        };
        let epoch = self.state.db.epoch();
        let asked = Asked::of(&request);
        if let Some(page) = self.state.kept_pages.get(epoch, &key) {
            if made(&page, asked.encoding) {
                return Either::Left(ready(Ok(respond(&page, &asked))));
            }
            return Either::Right(Box::pin(async move { Ok(respond_kept(page, asked).await) }));
        }
        // The copy is made from a plain GET, whatever this request asked.
        let (mut parts, body) = request.into_parts();
        parts.headers.remove(header::ACCEPT_ENCODING);
        parts.headers.remove(header::IF_NONE_MATCH);
        parts.method = Method::GET;
        let request = Request::from_parts(parts, body);
        let state = self.state.clone();
        match state.kept_pages.turn(&key) {
            Turn::Make(making) => {
                let answered = self.inner.call(request);
                Either::Right(Box::pin(async move {
                    let response = answered.await?;
                    Ok(keep_and_respond(&state, epoch, &key, response, asked, Some(making)).await)
                }))
            }
            Turn::Wait(done) => {
                let inner = self.inner.clone();
                Either::Right(Box::pin(wait_for_another(
                    state, inner, key, request, asked, done,
                )))
            }
        }
    }
}

/// Waits for another reader's render of `key`, and takes the next turn when that was not
/// kept (an error page, a commit meanwhile), so readers arriving together still make one
/// render at a time; past `WAIT_FOR_ANOTHER` in all, makes its own.
async fn wait_for_another<S>(
    state: AppState,
    mut inner: S,
    key: String,
    request: Request,
    asked: Asked,
    mut done: tokio::sync::watch::Receiver<bool>,
) -> Answer
where
    S: tower_service::Service<Request, Response = Response, Error = Infallible>,
{
    let deadline = tokio::time::Instant::now() + WAIT_FOR_ANOTHER;
    let making = loop {
        let _ = tokio::time::timeout_at(deadline, done.changed()).await;
        if let Some(page) = state.kept_pages.get(state.db.epoch(), &key) {
            return Ok(respond_kept(page, asked).await);
        }
        // Not keepable (every reader gets an error page or a redirect): all make it now.
        if *done.borrow() || tokio::time::Instant::now() >= deadline {
            break None;
        }
        match state.kept_pages.turn(&key) {
            Turn::Make(making) => break Some(making),
            Turn::Wait(next) => done = next,
        }
    };
    let epoch = state.db.epoch();
    let response = inner.call(request).await?;
    Ok(keep_and_respond(&state, epoch, &key, response, asked, making).await)
}

/// Keeps `response` when it may be kept and answers `asked` from it. `making`, this
/// request's turn if it had one, ends as soon as the page is kept (waiters then find it
/// while this request compresses its own form), or with word that the answer cannot be kept
/// when it would be the same for every waiter (a redirect, a 400 or 404, a 200 too large or
/// setting a cookie): they make theirs at once. After a 503 or a 500 they take turns, so an
/// overloaded moment is not met by all of them together.
async fn keep_and_respond(
    state: &AppState,
    epoch: u64,
    key: &str,
    response: Response,
    asked: Asked,
    making: Option<Making>,
) -> Response {
    let status = response.status();
    match keepable(response).await {
        Ok(page) => {
            let page = Arc::new(page);
            state.kept_pages.keep(epoch, key, Arc::clone(&page));
            drop(making);
            respond_kept(page, asked).await
        }
        Err(response) => {
            let same_for_all = status.is_redirection()
                || status.is_success()
                || matches!(status.as_u16(), 400 | 404 | 410);
            if let Some(making) = making.filter(|_| same_for_all) {
                making.not_kept();
            }
            if asked.head {
                without_body(response)
            } else {
                response
            }
        }
    }
}

/// The key of a request whose answer may be kept: a GET or HEAD without a body, for a host
/// `admission` lets through, at an address `key::of` keeps.
fn kept_key<B: HttpBody>(state: &AppState, request: &axum::http::Request<B>) -> Option<String> {
    if !matches!(*request.method(), Method::GET | Method::HEAD)
        || request.body().size_hint().exact() != Some(0)
    {
        return None;
    }
    let host = request.uri().authority().map(|a| a.as_str()).or_else(|| {
        request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
    })?;
    if !state.allowed_hosts.allows_host(host) {
        return None;
    }
    key::of(request.uri().path(), request.uri().query())
}

/// The answer as a kept page, or back as it was when it must not be kept: not a 200, a
/// cookie set, no ETag (`caching` passed it by), or too large.
async fn keepable(response: Response) -> Result<KeptPage, Response> {
    let headers = response.headers();
    if response.status() != StatusCode::OK
        || headers.contains_key(header::SET_COOKIE)
        || !headers.contains_key(header::ETAG)
        || response
            .body()
            .size_hint()
            .upper()
            .is_none_or(|n| n > MAX_KEPT_BODY as u64)
    {
        return Err(response);
    }
    let (mut parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, MAX_KEPT_BODY).await {
        Ok(body) => body,
        Err(_) => {
            return Err((StatusCode::INTERNAL_SERVER_ERROR, "response body failed").into_response());
        }
    };
    parts.headers.remove(header::STRICT_TRANSPORT_SECURITY);
    parts.headers.remove(header::CONTENT_LENGTH);
    let compressible = encoding::is_compressible(&parts.headers);
    let identity = variant(parts.headers, body);
    let unused = || {
        if compressible {
            OnceLock::new()
        } else {
            OnceLock::from(None)
        }
    };
    Ok(KeptPage {
        identity,
        gzip: unused(),
        brotli: unused(),
        compressing: Default::default(),
    })
}

fn variant(headers: HeaderMap, body: axum::body::Bytes) -> Variant {
    let mut not_modified = HeaderMap::with_capacity(NOT_MODIFIED_HEADERS.len());
    for name in NOT_MODIFIED_HEADERS {
        for value in headers.get_all(&name) {
            not_modified.append(name.clone(), value.clone());
        }
    }
    Variant {
        headers,
        not_modified,
        body,
    }
}

fn cell(page: &KeptPage, encoding: Encoding) -> &OnceLock<Option<Variant>> {
    match encoding {
        Encoding::Brotli => &page.brotli,
        Encoding::Gzip => &page.gzip,
    }
}

/// Whether the form `encoding` asks for is made already (or none is asked for).
fn made(page: &KeptPage, encoding: Option<Encoding>) -> bool {
    encoding.is_none_or(|e| cell(page, e).get().is_some())
}

/// `page` compressed as `encoding`, made once and kept beside it. Slow (brotli 9 takes a
/// millisecond on a verdict page, far more on a sitemap), so only on a blocking thread.
fn compress_kept(page: &KeptPage, encoding: Encoding) {
    cell(page, encoding).get_or_init(|| {
        let identity = &page.identity;
        let body = encoding::compress(&identity.body, encoding, encoding::KEPT)?;
        let etag = encoding::etag(
            identity.headers.get(header::ETAG)?,
            encoding,
            encoding::KEPT,
        );
        let mut headers = identity.headers.clone();
        headers.insert(header::ETAG, etag);
        headers.insert(header::CONTENT_ENCODING, encoding.name());
        Some(variant(headers, body))
    });
}

/// Answers `asked` from `page`, compressing it first (off the async threads) if this is
/// the first request for that form.
async fn respond_kept(page: Arc<KeptPage>, asked: Asked) -> Response {
    if let Some(encoding) = asked.encoding.filter(|_| !made(&page, asked.encoding)) {
        let flag = &page.compressing[encoding as usize];
        // One request compresses; those arriving meanwhile get the plain page (`respond`
        // never compresses), as they do should the thread fail.
        if !flag.swap(true, std::sync::atomic::Ordering::AcqRel) {
            let compressing = Arc::clone(&page);
            let done =
                tokio::task::spawn_blocking(move || compress_kept(&compressing, encoding)).await;
            if done.is_err() {
                // Left for the next request to try again.
                flag.store(false, std::sync::atomic::Ordering::Release);
            }
        }
    }
    respond(&page, &asked)
}

fn respond(page: &KeptPage, asked: &Asked) -> Response {
    let sent = asked
        .encoding
        .and_then(|e| cell(page, e).get().and_then(Option::as_ref))
        .unwrap_or(&page.identity);
    let unchanged = asked.if_none_match.as_ref().is_some_and(|asked| {
        sent.headers
            .get(header::ETAG)
            .is_some_and(|etag| super::caching::names(asked, etag))
    });
    let mut response = if unchanged {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        *response.headers_mut() = sent.not_modified.clone();
        response
    } else if asked.head {
        let mut response = Response::new(Body::empty());
        *response.headers_mut() = sent.headers.clone();
        response
            .headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(sent.body.len()));
        response
    } else {
        let mut response = Response::new(Body::from(sent.body.clone()));
        *response.headers_mut() = sent.headers.clone();
        response
    };
    if asked.https {
        response
            .headers_mut()
            .insert(header::STRICT_TRANSPORT_SECURITY, HSTS);
    }
    response
}

/// A HEAD answered by running GET: the headers, with the length the body would have had.
fn without_body(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    if let Some(length) = body.size_hint().exact() {
        parts
            .headers
            .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    Response::from_parts(parts, Body::empty())
}
