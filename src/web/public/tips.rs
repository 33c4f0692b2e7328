//! The public forms of the claim inbox: "Suggest a claim to check" (`/tips`) and "Report
//! an error" on every verdict page. No session, no script, no third-party service: a
//! honeypot, a per-address limit and a site-wide hourly cap keep them from being flooded,
//! and a refused tip gets the same thank-you as a kept one.

use crate::db::{fact_checks, tips};
use crate::domain::{FactCheckId, FieldErrors, Moment, NewTip, TIP_WINDOW, TipInput, TipKind};
use crate::error::{AppError, AppResult, error_page, render};
use crate::state::AppState;
use crate::state::tip_limits::Admission;
use crate::web::PathText;
use crate::web::auth::ClientAddress;
use crate::web::form::FormData;
use crate::web::meta::Meta;
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

/// The field people never see; a bot that fills in every field fills it in too.
pub const HONEYPOT: &str = "website";
/// How long a refused client is asked to wait when the site-wide cap is reached.
const FULL_RETRY_AFTER_SECONDS: u32 = 600;

#[derive(Template)]
#[template(path = "public/tip_form.html")]
struct TipPage {
    meta: Meta,
    /// The fact-check an error report is about: its slug and headline.
    reported: Option<(String, String)>,
    input: TipInput,
    errors: FieldErrors,
    /// Days the contact email is kept, as the form promises.
    email_days: i64,
}

impl TipPage {
    fn err(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }

    fn action(&self) -> String {
        match &self.reported {
            Some((slug, _)) => format!("/fact-checks/{slug}/report"),
            None => "/tips".to_owned(),
        }
    }
}

#[derive(Template)]
#[template(path = "public/tip_thanks.html")]
struct ThanksPage {
    meta: Meta,
}

fn suggestion_page(state: &AppState, input: TipInput, errors: FieldErrors) -> TipPage {
    let ui = state.ui();
    TipPage {
        meta: Meta::page(
            &state.site,
            ui.t("footer-tip"),
            &ui.t("tip-description"),
            "/tips",
        ),
        reported: None,
        input,
        errors,
        email_days: state.tip_email_days,
    }
}

fn report_page(
    state: &AppState,
    slug: &str,
    headline: String,
    input: TipInput,
    errors: FieldErrors,
) -> TipPage {
    let ui = state.ui();
    TipPage {
        meta: Meta::page(
            &state.site,
            ui.t_with("report-error-title", &[("headline", headline.as_str())]),
            &ui.t("report-description"),
            &format!("/fact-checks/{slug}/report"),
        )
        .not_indexed(),
        reported: Some((slug.to_owned(), headline)),
        input,
        errors,
        email_days: state.tip_email_days,
    }
}

/// `GET /tips`.
pub async fn tip_form(State(state): State<AppState>) -> AppResult<Response> {
    let page = suggestion_page(&state, TipInput::default(), FieldErrors::new());
    Ok(render(&page)?.into_response())
}

/// `POST /tips`.
pub async fn send_tip(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    form: FormData,
) -> AppResult<Response> {
    let input = input_of(&form);
    match NewTip::parse(TipKind::Suggestion, &input, None) {
        Ok(tip) => keep(&state, &client, &form, tip).await,
        Err(_) if filled_honeypot(&form) => Ok(thanks()),
        Err(errors) => unprocessable(&suggestion_page(&state, input, errors)),
    }
}

/// `GET /fact-checks/{slug}/report`.
pub async fn report_form(
    State(state): State<AppState>,
    PathText(slug): PathText,
) -> AppResult<Response> {
    let (_, headline, slug) = reported(&state, &slug)?;
    let page = report_page(
        &state,
        &slug,
        headline,
        TipInput::default(),
        FieldErrors::new(),
    );
    Ok(render(&page)?.into_response())
}

/// `POST /fact-checks/{slug}/report`.
pub async fn send_report(
    State(state): State<AppState>,
    PathText(slug): PathText,
    ClientAddress(client): ClientAddress,
    form: FormData,
) -> AppResult<Response> {
    let (id, headline, slug) = reported(&state, &slug)?;
    let input = input_of(&form);
    match NewTip::parse(TipKind::ErrorReport, &input, Some(id)) {
        Ok(tip) => keep(&state, &client, &form, tip).await,
        Err(_) if filled_honeypot(&form) => Ok(thanks()),
        Err(errors) => unprocessable(&report_page(&state, &slug, headline, input, errors)),
    }
}

/// `GET /tips/thanks`: the one answer to every tip, kept or not.
pub async fn thanks_page(State(state): State<AppState>) -> AppResult<Response> {
    let ui = state.ui();
    let page = ThanksPage {
        meta: Meta::page(
            &state.site,
            ui.t("thank-you"),
            &ui.t("thanks-description"),
            "/tips/thanks",
        )
        .not_indexed(),
    };
    Ok(render(&page)?.into_response())
}

/// The fact-check a report is about: its id, headline and slug. An address it had before
/// (see `fact_checks::moved_to`) still reaches it, so a report link in an old copy works.
fn reported(state: &AppState, slug: &str) -> AppResult<(FactCheckId, String, String)> {
    state
        .db
        .read(|conn| {
            if let Some((id, headline)) = tips::reportable(conn, slug)? {
                return Ok(Some((id, headline, slug.to_owned())));
            }
            let Some(now) = fact_checks::moved_to(conn, slug)? else {
                return Ok(None);
            };
            let found = tips::reportable(conn, &now)?;
            Ok(found.map(|(id, headline)| (id, headline, now)))
        })?
        .ok_or(AppError::NotFound)
}

fn input_of(form: &FormData) -> TipInput {
    TipInput {
        claim: form.text("claim"),
        seen_link: form.text("seen_link"),
        seen_where: form.text("seen_where"),
        contact_email: form.text("contact_email"),
    }
}

fn filled_honeypot(form: &FormData) -> bool {
    form.get(HONEYPOT).is_some_and(|v| !v.trim().is_empty())
}

/// Stores `tip` unless the honeypot is filled or `client` is over its limit, and answers
/// as if it was stored either way; only the site-wide cap is told (503), since it says
/// nothing about this sender.
async fn keep(state: &AppState, client: &str, form: &FormData, tip: NewTip) -> AppResult<Response> {
    if filled_honeypot(form) {
        tracing::info!("tip dropped: honeypot filled");
        return Ok(thanks());
    }
    match state
        .tip_limiter
        .admission(client, std::time::Instant::now())
    {
        Admission::Admitted => {}
        Admission::OverLimit => {
            tracing::info!(%client, "tip dropped: over the per-address limit");
            return Ok(thanks());
        }
        Admission::Full => {
            tracing::warn!("tip refused: too many senders at once to count");
            return Ok(inbox_full());
        }
    }
    let cap = state.tips_per_hour;
    let kept = state
        .db
        .write(move |tx| {
            let now = Moment::now();
            if tips::count_since(tx, Moment(now.0 - TIP_WINDOW))? >= cap {
                return Ok(false);
            }
            tips::insert(tx, &tip, now)?;
            Ok(true)
        })
        .await?;
    if kept {
        Ok(thanks())
    } else {
        tracing::warn!("tip refused: the site-wide hourly cap is reached");
        Ok(inbox_full())
    }
}

/// The 503 a flood earns everyone: it says nothing about this sender.
fn inbox_full() -> Response {
    let mut response = error_page(
        StatusCode::SERVICE_UNAVAILABLE,
        "The inbox is full",
        "Many messages reached the desk in the last hour, so new ones are not taken for now. Please try again later.",
    );
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from(FULL_RETRY_AFTER_SECONDS),
    );
    response
}

fn thanks() -> Response {
    Redirect::to("/tips/thanks").into_response()
}

fn unprocessable(page: &TipPage) -> AppResult<Response> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(page)?).into_response())
}
