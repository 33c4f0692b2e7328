//! What every answer under `/api/` carries, whoever made it (a handler, axum's router, the
//! admission checks): JSON, and the CORS headers that let a script on another site read it
//! (the Fetch standard's CORS protocol). The API is public and sends no cookies, so any
//! origin may read it (`*`), a preflight is answered here before anything else runs, and
//! scripts may read the `ETag` to ask again with `If-None-Match`.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

/// What a preflight is told: the methods the API takes, any request header (the API reads
/// only `If-None-Match` and `Accept-Encoding`, and sends no credentials, so `*` is allowed),
/// for a day.
const PREFLIGHT: [(HeaderName, &str); 4] = [
    (header::ACCESS_CONTROL_ALLOW_METHODS, ALLOWED),
    (header::ACCESS_CONTROL_ALLOW_HEADERS, "*"),
    (header::ACCESS_CONTROL_MAX_AGE, "86400"),
    (header::ALLOW, ALLOWED),
];

/// The methods every address under `/api/` takes.
const ALLOWED: &str = "GET, HEAD, OPTIONS";

/// The headers a script may read beside the CORS-safelisted ones.
const EXPOSED: &str = "ETag, Retry-After, Link";

pub async fn answers(request: Request, next: Next) -> Response {
    if !is_api(request.uri().path()) {
        return next.run(request).await;
    }
    let mut response = if request.method() == Method::OPTIONS {
        let mut response = Response::new(axum::body::Body::empty());
        *response.status_mut() = StatusCode::NO_CONTENT;
        for (name, value) in PREFLIGHT {
            response
                .headers_mut()
                .insert(name, HeaderValue::from_static(value));
        }
        response
    } else {
        as_json(next.run(request).await)
    };
    let refused_method = response.status() == StatusCode::METHOD_NOT_ALLOWED;
    let headers = response.headers_mut();
    if refused_method {
        // axum names the route's own methods; a preflight (OPTIONS) is taken too.
        headers.insert(header::ALLOW, HeaderValue::from_static(ALLOWED));
    }
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(EXPOSED),
    );
    response
}

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// An error page made outside the API's handlers (an address no route takes, a path that
/// is not UTF-8, a refusal before routing) becomes the API's JSON error of that status.
fn as_json(response: Response) -> Response {
    let status = response.status();
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let message = match status {
        StatusCode::NOT_FOUND => "Nothing is published at this address.",
        StatusCode::METHOD_NOT_ALLOWED => "The API only reads: use GET.",
        StatusCode::FORBIDDEN => "This request was refused.",
        s if s.is_server_error() => "The server could not complete this request.",
        _ => "The request could not be understood.",
    };
    let mut answer = super::error(status, message);
    for name in [header::ALLOW, header::RETRY_AFTER, header::CONNECTION] {
        if let Some(value) = response.headers().get(&name) {
            answer.headers_mut().insert(name, value.clone());
        }
    }
    answer
}
