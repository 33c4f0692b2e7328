//! `POST /editor/fetch-details`, the form script's way to "Fetch details": given `url` and
//! `kind` (`source` or `appearance`) with the session's CSRF token, it answers in JSON what
//! the page says of itself, for static/fetch.js to put in the row's empty fields, or why
//! the page could not be fetched. Bounded like the button: the fetcher's limits, then a
//! few parses at a time off the async threads (`fetch::details`).

use crate::fetch::details::look_up;
use crate::fetch::facts::{self, AppearanceFacts, PageFacts};
use crate::state::AppState;
use crate::web::api::{error, json};
use crate::web::auth::SignedInForm;
use axum::extract::{FromRequest, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

/// What a source's page says; absent fields are `null`.
#[derive(Serialize)]
struct SourceFound {
    outlet: Option<String>,
    title: Option<String>,
    /// Comma-separated, as the form's field takes them.
    authors: Option<String>,
    date: Option<String>,
    /// "Found: title, outlet, date", for the row's status line.
    summary: String,
}

/// What an appearance's page says.
#[derive(Serialize)]
struct AppearanceFound {
    platform: Option<String>,
    date: Option<String>,
    summary: String,
}

pub async fn fetch_details_json(State(state): State<AppState>, request: Request) -> Response {
    let form = match SignedInForm::<crate::web::auth::Anyone>::from_request(request, &state).await {
        Ok(signed_in) => signed_in.form,
        Err(refusal) => return as_json(refusal),
    };
    let url = form.text("url").trim().to_owned();
    if url.is_empty() {
        return error(StatusCode::BAD_REQUEST, "Paste the page's address first.");
    }
    // The page could not give its details: the request was fine, the address is what
    // could not be used, so 422 with the reason rather than a server error.
    let unusable = |why: String| error(StatusCode::UNPROCESSABLE_ENTITY, &why);
    match form.text("kind").as_str() {
        "source" => match look_up(&state.fetcher, &url, facts::read).await {
            Ok(found) => json(StatusCode::OK, &SourceFound::from(found)),
            Err(why) => unusable(why),
        },
        "appearance" => match look_up(&state.fetcher, &url, facts::read_appearance).await {
            Ok(found) => json(StatusCode::OK, &AppearanceFound::from(found)),
            Err(why) => unusable(why),
        },
        _ => error(
            StatusCode::BAD_REQUEST,
            "Say which kind of row this is: source or appearance.",
        ),
    }
}

/// The session and CSRF checks answer as pages want (a redirect to sign in, an error
/// page); a script wants JSON it can show in the row.
fn as_json(refusal: Response) -> Response {
    let status = refusal.status();
    if status.is_redirection() {
        error(
            StatusCode::UNAUTHORIZED,
            "you are signed out: sign in again in another tab, then paste the link again",
        )
    } else if status == StatusCode::FORBIDDEN {
        error(
            StatusCode::FORBIDDEN,
            "this page has expired: reload it, then paste the link again",
        )
    } else {
        refusal
    }
}

/// "Found: title, outlet, date" from what was found, or that nothing was.
fn summary(parts: &[&Option<String>]) -> String {
    let found: Vec<&str> = parts.iter().filter_map(|p| p.as_deref()).collect();
    if found.is_empty() {
        "The page gives no details: type them by hand.".to_owned()
    } else {
        format!("Found: {}. Check them before saving.", found.join(", "))
    }
}

impl From<PageFacts> for SourceFound {
    fn from(facts: PageFacts) -> Self {
        let authors = (!facts.authors.is_empty()).then(|| facts.authors.join(", "));
        SourceFound {
            summary: summary(&[&facts.title, &facts.outlet, &facts.published]),
            outlet: facts.outlet,
            title: facts.title,
            authors,
            date: facts.published,
        }
    }
}

impl From<AppearanceFacts> for AppearanceFound {
    fn from(facts: AppearanceFacts) -> Self {
        AppearanceFound {
            summary: summary(&[&facts.platform, &facts.published]),
            platform: facts.platform,
            date: facts.published,
        }
    }
}
