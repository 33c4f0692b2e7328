//! Signing in and out, the session behind every editor page, the CSRF token its forms
//! carry, and the throttle on failed sign-ins.

use super::form::{FormData, query_value};
use crate::app::AppState;
use crate::db::{audit, users};
use crate::domain::{Moment, SignedIn, password_matches, random_token, token_hash};
use crate::error::{AppError, AppResult, render};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequestParts, OriginalUri, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;

pub const SESSION_COOKIE: &str = "factdesk_session";

/// Failed sign-ins allowed for one account from one address within `THROTTLE_WINDOW`.
const MAX_FAILURES: i64 = 5;
const THROTTLE_WINDOW: chrono::Duration = chrono::Duration::minutes(15);
/// A session's last-seen time is written at most this often, so browsing costs no writes.
const TOUCH_EVERY: chrono::Duration = chrono::Duration::minutes(1);

/// The signed-in person behind a request. Extracting it from a request without a live
/// session answers with a redirect to the sign-in page, and back here afterwards.
pub struct Editor(pub SignedIn);

/// The peer address of the connection, for throttling and the log.
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let address = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(|| "unknown".to_owned(), |info| info.0.ip().to_string());
        Ok(ClientAddress(address))
    }
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The live session named by the request's cookie, with its stored hash and last use.
fn session_of(
    headers: &HeaderMap,
    state: &AppState,
) -> AppResult<Option<(SignedIn, String, Moment)>> {
    match cookie(headers, SESSION_COOKIE) {
        Some(token) if !token.is_empty() && token.len() <= 128 => {
            let hash = token_hash(token);
            let cutoff = Moment(Moment::now().0 - state.session_idle);
            Ok(state
                .db
                .read(|conn| users::session(conn, &hash, cutoff))?
                .map(|(signed_in, last_seen)| (signed_in, hash, last_seen)))
        }
        _ => Ok(None),
    }
}

/// Only our own editor pages are allowed as a place to return to after signing in,
/// so the login form can't be used to bounce people to another site.
fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(path)
            if path.starts_with("/editor")
                && !path.starts_with("/editor/login")
                && path.bytes().all(|b| b.is_ascii_graphic())
                && !path.contains("//")
                && !path.contains('\\') =>
        {
            path
        }
        _ => "/editor",
    }
}

impl FromRequestParts<AppState> for Editor {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match session_of(&parts.headers, state) {
            Ok(Some((signed_in, hash, last_seen))) => {
                let now = Moment::now();
                if now.0 - last_seen.0 > TOUCH_EVERY {
                    state
                        .db
                        .write(move |tx| users::touch_session(tx, &hash, now))
                        .await
                        .map_err(IntoResponse::into_response)?;
                }
                Ok(Editor(signed_in))
            }
            Ok(None) => {
                // Nested routers see a shortened path; the original is the one to return to.
                let uri = parts
                    .extensions
                    .get::<OriginalUri>()
                    .map_or(&parts.uri, |original| &original.0);
                // Only a page can be gone back to; a form post is not replayed.
                let next = if parts.method == Method::GET {
                    uri.path_and_query().map_or("/editor", |pq| pq.as_str())
                } else {
                    "/editor"
                };
                let target: String = form_urlencoded::Serializer::new(String::new())
                    .append_pair("next", safe_next(Some(next)))
                    .finish();
                Err(Redirect::to(&format!("/editor/login?{target}")).into_response())
            }
            Err(e) => Err(e.into_response()),
        }
    }
}

impl Editor {
    /// Refuses a form that does not echo this session's CSRF token.
    pub fn check_csrf(&self, form: &FormData) -> AppResult<()> {
        let sent = form.get("csrf").unwrap_or_default().as_bytes();
        let expected = self.0.csrf_token.as_bytes();
        // Compare in constant time so the token cannot be guessed byte by byte.
        let same = sent.len() == expected.len()
            && sent
                .iter()
                .zip(expected)
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0;
        if same {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "This form has expired or did not come from this site. Go back, reload the page and try again.".to_owned(),
            ))
        }
    }

    /// Refuses people whose role does not allow what they asked for.
    pub fn require_reviewer(&self) -> AppResult<()> {
        if self.0.can_review() {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "Only editors and admins can review, publish or unpublish fact-checks.".to_owned(),
            ))
        }
    }

    pub fn require_admin(&self) -> AppResult<()> {
        if self.0.is_admin() {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "Only admins can manage accounts and read the audit log.".to_owned(),
            ))
        }
    }
}

#[derive(Template)]
#[template(path = "editor/login.html")]
struct LoginPage {
    email: String,
    next: String,
    error: Option<String>,
    email_error: Option<&'static str>,
    password_error: Option<&'static str>,
}

pub async fn login_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let next = query_value(query.as_deref(), "next");
    let next = safe_next(next.as_deref()).to_owned();
    if session_of(&headers, &state)?.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    let page = LoginPage {
        email: String::new(),
        next,
        error: None,
        email_error: None,
        password_error: None,
    };
    Ok(render(&page)?.into_response())
}

/// A refused sign-in: the form again, with what was typed (never the password).
fn refuse(status: StatusCode, page: LoginPage) -> AppResult<Response> {
    Ok((status, render(&page)?).into_response())
}

fn secure_request(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
}

fn session_cookie(token: &str, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    )
}

pub async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let form = FormData::parse(&body);
    let email = form.text("email").trim().to_owned();
    let password = form.text("password");
    let next = safe_next(form.get("next")).to_owned();

    if email.is_empty() || password.is_empty() {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            LoginPage {
                email_error: email.is_empty().then_some("Enter your email address."),
                password_error: password.is_empty().then_some("Enter your password."),
                email,
                next,
                error: None,
            },
        );
    }

    let now = Moment::now();
    let (attempt_email, attempt_address) = (email.clone(), address.clone());
    let attempt = state
        .db
        .write(move |tx| {
            users::begin_attempt(
                tx,
                &attempt_email,
                &attempt_address,
                THROTTLE_WINDOW,
                MAX_FAILURES,
                now,
            )
        })
        .await?;
    let attempt = match attempt {
        users::Attempt::Allowed(id) => id,
        users::Attempt::Throttled(free_at) => {
            let seconds = (free_at.0 - now.0).num_seconds().max(1);
            let minutes = (seconds + 59) / 60;
            tracing::warn!(%email, %address, "sign-in throttled");
            let mut response = refuse(
                StatusCode::TOO_MANY_REQUESTS,
                LoginPage {
                    email,
                    next,
                    error: Some(format!(
                        "Too many failed sign-ins for this account from your address. Try again in {minutes} minute{}.",
                        if minutes == 1 { "" } else { "s" }
                    )),
                    email_error: None,
                    password_error: None,
                },
            )?;
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            return Ok(response);
        }
    };

    let credentials = state.db.read(|conn| users::credentials(conn, &email))?;
    let (user, hash) = match credentials {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let verified = check_password(&state, hash, password).await?;
    let user = match user {
        Some(user) if verified => user,
        _ => {
            // The attempt is already on record as a failure.
            tracing::info!(%email, %address, "sign-in refused");
            // One message for an unknown email and a wrong password alike.
            return refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                LoginPage {
                    email,
                    next,
                    error: Some(
                        "That email and password do not match an editor account.".to_owned(),
                    ),
                    email_error: None,
                    password_error: None,
                },
            );
        }
    };

    // A brand-new session id at every sign-in, so a planted cookie never becomes a session.
    let token = random_token().map_err(AppError::Internal)?;
    let csrf = random_token().map_err(AppError::Internal)?;
    let hash = token_hash(&token);
    let idle_cutoff = Moment(now.0 - state.session_idle);
    let (log_email, log_address) = (email.clone(), address.clone());
    state
        .db
        .write(move |tx| {
            users::attempt_succeeded(tx, attempt)?;
            users::delete_idle_sessions(tx, idle_cutoff)?;
            users::create_session(tx, &hash, user, &csrf, now)?;
            audit::record(
                tx,
                Some(user),
                "sign_in",
                &log_email,
                &format!("from {log_address}"),
                now,
            )
        })
        .await?;
    tracing::info!(%email, %address, "signed in");
    let cookie = HeaderValue::from_str(&session_cookie(&token, secure_request(&headers)))
        .map_err(|e| AppError::Internal(format!("bad cookie: {e}")))?;
    let mut response = Redirect::to(&next).into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

/// Verifies a password off the async threads. Each check holds 19 MiB for tens of
/// milliseconds, so only as many run at once as there are cores: a flood of sign-ins
/// waits its turn (or is told to retry) instead of exhausting memory.
async fn check_password(
    state: &AppState,
    hash: Option<String>,
    password: String,
) -> AppResult<bool> {
    let permit = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        state.password_checks.clone().acquire_owned(),
    )
    .await
    .map_err(|_| AppError::Busy)?
    .map_err(|_| AppError::Busy)?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        password_matches(hash.as_deref(), &password)
    })
    .await
    .map_err(|e| AppError::Internal(format!("password check failed: {e}")))
}

pub async fn logout(
    State(state): State<AppState>,
    editor: Editor,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    editor.check_csrf(&FormData::parse(&body))?;
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        let hash = token_hash(token);
        let (user, email) = (editor.0.user_id, editor.0.email.clone());
        state
            .db
            .write(move |tx| {
                users::delete_session(tx, &hash)?;
                audit::record(tx, Some(user), "sign_out", &email, "", Moment::now())
            })
            .await?;
    }
    let expired = format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if secure_request(&headers) {
            "; Secure"
        } else {
            ""
        }
    );
    let mut response = Redirect::to("/").into_response();
    if let Ok(value) = HeaderValue::from_str(&expired) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_editor_pages_are_returned_to() {
        assert_eq!(
            safe_next(Some("/editor/fact-checks/3")),
            "/editor/fact-checks/3"
        );
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/editor//evil",
            "/",
            "/editor/login",
        ] {
            assert_eq!(safe_next(Some(bad)), "/editor", "{bad}");
        }
        assert_eq!(safe_next(None), "/editor");
    }
}
