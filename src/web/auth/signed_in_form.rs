//! The extractor behind every signed-in form post: the session, the role the route needs,
//! the fields, and the CSRF token that proves the form came from this session's page.

use super::Editor;
use crate::domain::SignedIn;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::form::FormData;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::response::{IntoResponse, Response};
use std::marker::PhantomData;

/// Who may send a form: checked before its token, so a writer is told what the role
/// allows rather than that the form has expired.
pub trait RoleNeeded {
    fn check(editor: &SignedIn) -> AppResult<()>;
}

/// Any signed-in person.
pub enum Anyone {}

/// Editors and admins.
pub enum Reviewer {}

/// Admins only.
pub enum Admin {}

impl RoleNeeded for Anyone {
    fn check(_: &SignedIn) -> AppResult<()> {
        Ok(())
    }
}

impl RoleNeeded for Reviewer {
    fn check(editor: &SignedIn) -> AppResult<()> {
        allowed_or(
            editor.can_review(),
            "Only editors and admins can review, publish or unpublish fact-checks.",
        )
    }
}

impl RoleNeeded for Admin {
    fn check(editor: &SignedIn) -> AppResult<()> {
        allowed_or(
            editor.is_admin(),
            "Only admins can manage accounts and read the audit log.",
        )
    }
}

fn allowed_or(allowed: bool, refusal: &str) -> AppResult<()> {
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden(refusal.to_owned()))
    }
}

/// A form posted by a signed-in person whose role is `R` or above, with its CSRF token
/// checked. Without a session it answers as `Editor` does (to the sign-in page).
pub struct SignedInForm<R: RoleNeeded = Anyone> {
    pub editor: SignedIn,
    pub form: FormData,
    role: PhantomData<R>,
}

impl<R: RoleNeeded> FromRequest<AppState> for SignedInForm<R> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let Editor(editor) = Editor::from_request_parts(&mut parts, state).await?;
        R::check(&editor).map_err(IntoResponse::into_response)?;
        let form = FormData::from_request(Request::from_parts(parts, body), state).await?;
        check_csrf(&editor, &form).map_err(IntoResponse::into_response)?;
        Ok(SignedInForm {
            editor,
            form,
            role: PhantomData,
        })
    }
}

/// Refuses a form that does not echo this session's CSRF token.
fn check_csrf(editor: &SignedIn, form: &FormData) -> AppResult<()> {
    check_csrf_token(editor, form.get("csrf").unwrap_or_default())
}

/// The same check for a form that is not URL-encoded (an upload's multipart body).
pub fn check_csrf_token(editor: &SignedIn, sent: &str) -> AppResult<()> {
    let sent = sent.as_bytes();
    let expected = editor.csrf_token.as_bytes();
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
