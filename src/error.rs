//! The one error type of the application, and how each kind answers over HTTP.

use crate::domain::{FieldErrors, Ui};
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// Someone saved a newer version of what the request tried to change.
    #[error("edit conflict")]
    Conflict,
    /// Input that breaks a rule; forms catch this and show each message beside its field.
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("template error: {0}")]
    Template(#[from] askama::Error),
    /// Too many requests of an expensive kind at once; the client should retry.
    #[error("server busy")]
    Busy,
    /// The slow-read pool's queue is full (see `db::read_slow`); the client should retry.
    #[error("too many slow reads at once")]
    Overloaded,
    /// A search that would cost more than its budget; the message says how to narrow it.
    #[error("search too broad: {0}")]
    TooBroad(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::new();
        errors.add(field, message);
        AppError::Invalid(errors)
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Busy | AppError::Overloaded => StatusCode::SERVICE_UNAVAILABLE,
            AppError::TooBroad(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Database(_) | AppError::Template(_) | AppError::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    /// What the reader is told. Server-side details stay in the log.
    pub fn public_message(&self) -> (&'static str, String) {
        match self {
            AppError::NotFound => (
                "Page not found",
                "There is no published fact-check or page at this address. It may have moved, or it may not be public yet.".to_owned(),
            ),
            AppError::BadRequest(why) => ("Bad request", why.clone()),
            AppError::Forbidden(why) => ("Not allowed", why.clone()),
            AppError::Conflict => (
                "Edit conflict",
                "Someone else changed this while you were working on it. Reload it to see their changes.".to_owned(),
            ),
            AppError::Invalid(errors) => (
                "Please correct the input",
                errors.to_string(),
            ),
            AppError::Busy => (
                "Busy",
                "Too many sign-ins are being checked right now. Please try again in a few seconds.".to_owned(),
            ),
            AppError::Overloaded => (
                "Busy",
                "Many searches and long listings are being answered right now. Please try again in a few seconds; fact-check pages and the latest fact-checks are still available.".to_owned(),
            ),
            AppError::TooBroad(why) => ("Search too broad", why.clone()),
            AppError::Database(_) | AppError::Template(_) | AppError::Internal(_) => (
                "Something went wrong",
                "The server could not complete this request. It has been logged; please try again in a moment.".to_owned(),
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let (title, message) = self.public_message();
        let mut response = error_page(status, title, &message);
        add_retry_after(&self, &mut response);
        response
    }
}

/// How long a refused client should wait before trying again.
pub const RETRY_AFTER_SECONDS: u32 = 5;

/// A 503 says when to come back (RFC 9110 §10.2.3), so well-behaved clients and CDNs back
/// off instead of retrying at once.
pub fn add_retry_after(error: &AppError, response: &mut Response) {
    if matches!(error, AppError::Busy | AppError::Overloaded) {
        response.headers_mut().insert(
            axum::http::header::RETRY_AFTER,
            axum::http::HeaderValue::from(RETRY_AFTER_SECONDS),
        );
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    title: &'a str,
    message: &'a str,
    status: u16,
}

/// The styled page every error answers with.
pub fn error_page(status: StatusCode, title: &str, message: &str) -> Response {
    let page = ErrorPage {
        title,
        message,
        status: status.as_u16(),
    };
    match with_brand(None, |values| page.render_with_values(values)) {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            (status, message.to_owned()).into_response()
        }
    }
}

/// Renders a page template, turning a rendering failure into an `AppError`.
pub fn render(template: &impl askama::Template) -> Result<Html<String>, AppError> {
    Ok(Html(with_brand(None, |values| {
        template.render_with_values(values)
    })?))
}

/// As `render`, with the page's fixed text in `ui` rather than the site's language (a
/// verdict page is shown in its fact-check's language).
pub fn render_in(template: &impl askama::Template, ui: &Ui) -> Result<Html<String>, AppError> {
    Ok(Html(with_brand(Some(ui), |values| {
        template.render_with_values(values)
    })?))
}

/// Runs `render` with what `base.html` reads at run time: the serving site's name and
/// logo, as `String`s (the template asks for them by type), and the language of the page's
/// fixed text.
fn with_brand<T>(ui: Option<&Ui>, render: impl FnOnce(&[(&str, &dyn std::any::Any); 4]) -> T) -> T {
    let brand = serving_brand();
    let ui = ui.unwrap_or(&brand.ui);
    render(&[
        ("site_name", &brand.name),
        ("site_logo", &brand.logo_src),
        ("site_logo_srcset", &brand.logo_srcset),
        ("ui", ui),
    ])
}

/// The site as every page's header, titles and footer show it.
#[derive(Debug, Clone, Default)]
pub struct Brand {
    /// `--site-name`.
    pub name: String,
    /// The logo chosen in the media library: its address and `srcset`, empty for none.
    pub logo_src: String,
    pub logo_srcset: String,
    /// The site's language (`site_language`), which its pages' fixed text is in.
    pub ui: Ui,
}

tokio::task_local! {
    /// The site the request being answered belongs to, set around each request by `app`,
    /// so every page names it without each template struct carrying it.
    pub static SITE_BRAND: Arc<Brand>;
}

/// The site while answering a request. No page is rendered outside one; should one be, it
/// goes unnamed rather than wrongly named.
fn serving_brand() -> Arc<Brand> {
    SITE_BRAND.try_with(Arc::clone).unwrap_or_default()
}

pub type AppResult<T> = Result<T, AppError>;
