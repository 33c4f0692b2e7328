//! The sign-in form and its handler: length limits first, then the throttle, then a place
//! in the password-check queue, then the check itself, so that each refusal costs less
//! than the step it saves.

use super::{ClientAddress, safe_next, secure_request, session_cookie, session_of};
use crate::db::{audit, users};
use crate::domain::{
    AuditAction, FieldErrors, Moment, SignInForm, UserId, random_token, token_hash,
};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::state::password_checks::Slot;
use crate::web::form::{FormData, Query};
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

/// What a reader is told to wait when every password-check place is taken.
const BUSY_RETRY_SECONDS: i64 = 2;

#[derive(Template)]
#[template(path = "editor/login.html")]
struct LoginPage {
    email: String,
    next: String,
    error: Option<String>,
    email_error: Option<String>,
    password_error: Option<String>,
}

impl LoginPage {
    fn new(email: String, next: String) -> Self {
        LoginPage {
            email,
            next,
            error: None,
            email_error: None,
            password_error: None,
        }
    }

    fn with_error(mut self, message: String) -> Self {
        self.error = Some(message);
        self
    }
}

/// `?next=`: the editor page to return to once signed in.
#[derive(serde::Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
}

pub async fn login_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LoginQuery>,
) -> AppResult<Response> {
    let next = safe_next(query.next.as_deref()).to_owned();
    if session_of(&headers, &state)?.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    Ok(render(&LoginPage::new(String::new(), next))?.into_response())
}

/// A refused sign-in: the form again, with what was typed (never the password).
fn refuse(status: StatusCode, page: LoginPage, retry_after: Option<i64>) -> AppResult<Response> {
    let mut response = (status, render(&page)?).into_response();
    if let Some(seconds) = retry_after
        && let Ok(value) = HeaderValue::from_str(&seconds.max(1).to_string())
    {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    Ok(response)
}

/// A wait of `seconds` as a person reads it: seconds up to a minute and a half, then whole
/// minutes, rounded up so nobody is told to come back too soon.
fn wait_for(seconds: i64) -> String {
    let (n, unit) = if seconds > 90 {
        ((seconds + 59) / 60, "minute")
    } else {
        (seconds.max(1), "second")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

/// A sign-in the throttle refused: why, and how long until `free_at`.
fn throttled(page: LoginPage, now: Moment, free_at: Moment, why: &str) -> AppResult<Response> {
    let seconds = (free_at.0 - now.0).num_seconds().max(1);
    let page = page.with_error(format!("{why} Try again in {}.", wait_for(seconds)));
    refuse(StatusCode::TOO_MANY_REQUESTS, page, Some(seconds))
}

pub async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    form: FormData,
) -> AppResult<Response> {
    let next = safe_next(form.get("next")).to_owned();
    let typed_email = form.get("email").unwrap_or_default();
    let page = LoginPage::new(SignInForm::email_to_show(typed_email), next);
    let SignInForm { email, password } =
        match SignInForm::parse(typed_email, form.get("password").unwrap_or_default()) {
            Ok(sign_in) => sign_in,
            Err(errors) => return refuse_typed(page, &errors),
        };
    drop(form);
    let now = Moment::now();
    let (attempt, page) = match begin_attempt(&state, &email, &address, page, now).await? {
        Ok(next) => next,
        Err(refused) => return Ok(refused),
    };
    let (slot, page) = match reserve_check(&state, attempt, &address, page).await? {
        Ok(next) => next,
        Err(refused) => return Ok(refused),
    };
    let Some(user) = verify(&state, slot, &email, password).await? else {
        // The attempt is already on record as a failure.
        tracing::info!(%email, %address, "sign-in refused");
        // One message for an unknown email and a wrong password alike.
        let page =
            page.with_error("That email and password do not match an editor account.".into());
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, page, None);
    };
    let token = start_session(&state, attempt, user, &email, &address, now).await?;
    tracing::info!(%email, %address, "signed in");
    let cookie = HeaderValue::from_str(&session_cookie(&token, secure_request(&headers)))
        .map_err(|e| AppError::Internal(format!("bad cookie: {e}")))?;
    let mut response = Redirect::to(&page.next).into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

/// The form again, with each typed field's problem beside it.
fn refuse_typed(mut page: LoginPage, errors: &FieldErrors) -> AppResult<Response> {
    for (field, message) in errors.iter() {
        match field {
            "email" => page.email_error = Some(message.to_owned()),
            _ => page.password_error = Some(message.to_owned()),
        }
    }
    refuse(StatusCode::UNPROCESSABLE_ENTITY, page, None)
}

/// An answer for the person signing in, or (with the page handed back) a way on.
type Step<T> = AppResult<Result<(T, LoginPage), Response>>;

/// Puts the attempt on record as a failure until it succeeds, unless the throttle refuses.
async fn begin_attempt(
    state: &AppState,
    email: &str,
    address: &str,
    page: LoginPage,
    now: Moment,
) -> Step<i64> {
    let (attempt_email, attempt_address) = (email.to_owned(), address.to_owned());
    let attempt = state
        .db
        .write(move |tx| users::begin_attempt(tx, &attempt_email, &attempt_address, now))
        .await?;
    match attempt {
        users::Attempt::Allowed(id) => Ok(Ok((id, page))),
        users::Attempt::Throttled(free_at) => {
            tracing::warn!(%email, %address, "sign-in throttled for this address");
            let why = "Too many failed sign-ins for this account from your address.";
            throttled(page, now, free_at, why).map(Err)
        }
        users::Attempt::SlowedDown(free_at) => {
            tracing::warn!(%email, %address, "sign-in slowed down for this account");
            let why = "This account has had many failed sign-ins from several places, so it takes one try at a time.";
            throttled(page, now, free_at, why).map(Err)
        }
    }
}

/// A place in the password-check queue. Taken after the throttle, so that guesses it
/// refuses never take a place; a sign-in then turned away for load is no guess, and its
/// attempt is taken back.
async fn reserve_check(
    state: &AppState,
    attempt: i64,
    address: &str,
    page: LoginPage,
) -> Step<Slot> {
    match state.password_checks.reserve() {
        Ok(slot) => Ok(Ok((slot, page))),
        Err(_) => {
            state
                .db
                .write(move |tx| users::forget_attempt(tx, attempt))
                .await?;
            tracing::warn!(%address, "sign-in refused: password checks busy");
            let page = page.with_error(format!(
                "Too many sign-ins are being checked right now. Try again in {}.",
                wait_for(BUSY_RETRY_SECONDS)
            ));
            let retry = Some(BUSY_RETRY_SECONDS);
            refuse(StatusCode::SERVICE_UNAVAILABLE, page, retry).map(Err)
        }
    }
}

/// The account whose password this is, if any; an unknown email costs a check too.
async fn verify(
    state: &AppState,
    slot: Slot,
    email: &str,
    password: String,
) -> AppResult<Option<UserId>> {
    let credentials = state.db.read(|conn| users::credentials(conn, email))?;
    let (user, hash) = match credentials {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let verified = state.password_checks.check(slot, hash, password).await?;
    Ok(user.filter(|_| verified))
}

/// A brand-new session id at every sign-in, so a planted cookie never becomes a session.
async fn start_session(
    state: &AppState,
    attempt: i64,
    user: UserId,
    email: &str,
    address: &str,
    now: Moment,
) -> AppResult<String> {
    let token = random_token().map_err(AppError::Internal)?;
    let csrf = random_token().map_err(AppError::Internal)?;
    let hash = token_hash(&token);
    let idle_cutoff = Moment(now.0 - state.session_idle);
    let (log_email, log_address) = (email.to_owned(), address.to_owned());
    state
        .db
        .write(move |tx| {
            users::attempt_succeeded(tx, attempt)?;
            users::delete_idle_sessions(tx, idle_cutoff)?;
            users::create_session(tx, &hash, user, &csrf, now)?;
            audit::record(
                tx,
                Some(user),
                AuditAction::SignIn,
                &log_email,
                &format!("from {log_address}"),
                now,
            )
        })
        .await?;
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::wait_for;

    #[test]
    fn waits_read_in_the_unit_that_fits() {
        for (seconds, shown) in [
            (0, "1 second"),
            (1, "1 second"),
            (2, "2 seconds"),
            (90, "90 seconds"),
            (91, "2 minutes"),
            (899, "15 minutes"),
            (900, "15 minutes"),
        ] {
            assert_eq!(wait_for(seconds), shown, "{seconds} s");
        }
    }
}
