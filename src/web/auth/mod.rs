//! Signing out, the session behind every editor page and the CSRF token its forms carry;
//! signing in, with its throttle, is in `login`.

mod client;
mod login;
mod signed_in_form;

pub use client::ClientAddress;
pub use login::{login, login_form};
pub use signed_in_form::{Admin, Anyone, Reviewer, RoleNeeded, SignedInForm, check_csrf_token};

use crate::db::{audit, users};
use crate::domain::{AuditAction, Moment, SignedIn, token_hash};
use crate::error::AppResult;
use crate::state::AppState;
use axum::extract::{FromRequestParts, OriginalUri, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::response::{IntoResponse, Redirect, Response};

pub const SESSION_COOKIE: &str = "factdesk_session";

/// A session's last-seen time is written at most this often, so browsing costs no writes.
const TOUCH_EVERY: chrono::Duration = chrono::Duration::minutes(1);

/// The signed-in person behind a request. Extracting it from a request without a live
/// session answers with a redirect to the sign-in page, and back here afterwards.
pub struct Editor(pub SignedIn);

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
pub(super) fn session_of(
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

/// Whether the request comes from a signed-in editor: checked before a body larger than a
/// form's is read, so only editors can make the server hold an upload's 10 MB.
pub fn has_session(headers: &HeaderMap, state: &AppState) -> bool {
    matches!(session_of(headers, state), Ok(Some(_)))
}

/// Only our own editor pages are allowed as a place to return to after signing in,
/// so the login form can't be used to bounce people to another site.
pub(super) fn safe_next(next: Option<&str>) -> &str {
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
    /// For pages: forms check the role through `SignedInForm<Reviewer>`.
    pub fn require_reviewer(&self) -> AppResult<()> {
        Reviewer::check(&self.0)
    }

    pub fn require_admin(&self) -> AppResult<()> {
        Admin::check(&self.0)
    }
}

pub(super) fn secure_request(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
}

pub(super) fn session_cookie(token: &str, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    )
}

pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    SignedInForm { editor, .. }: SignedInForm,
) -> AppResult<Response> {
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        let hash = token_hash(token);
        let (user, email) = (editor.user_id, editor.email.clone());
        state
            .db
            .write(move |tx| {
                users::delete_session(tx, &hash)?;
                audit::record(
                    tx,
                    Some(user),
                    AuditAction::SignOut,
                    &email,
                    "",
                    Moment::now(),
                )
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
