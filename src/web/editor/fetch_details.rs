//! "Fetch details" on a source row: Factdesk fetches the row's link and fills the fields
//! the editor left empty from what the page says of itself, then shows the form again with
//! everything typed kept. Nothing is saved; a field the editor typed is never replaced.

use super::form::{FormPage, form_response};
use super::{Extras, Saved};
use crate::domain::{FactCheckInput, FieldErrors, SignedIn, SourceInput};
use crate::error::{AppError, AppResult};
use crate::fetch::facts::{self, PageFacts};
use crate::state::AppState;
use crate::web::form::FormData;
use axum::http::StatusCode;
use axum::response::Response;

/// The form again, with source row `row` (as the button sent it) filled in, or with the
/// reason it could not be beside the row's link.
pub(super) async fn answer(
    state: &AppState,
    editor: SignedIn,
    saved: Option<Saved>,
    form: &FormData,
    extras: Extras,
    row: &str,
) -> AppResult<Response> {
    let mut input = FactCheckInput::from(form);
    let index = row
        .trim()
        .parse::<usize>()
        .ok()
        .and_then(|row| form.row_position("source", row))
        .filter(|i| *i < input.sources.len())
        .ok_or_else(|| AppError::BadRequest("That source row is not in the form.".to_owned()))?;
    let url = input.sources[index].url.trim().to_owned();
    let mut errors = FieldErrors::new();
    let field = format!("source.{index}.url");
    let found = if url.is_empty() {
        errors.add(
            &field,
            "Paste the page's address here first, then fetch its details.",
        );
        false
    } else {
        match look_up(state, &url).await {
            Ok(facts) => {
                fill(&mut input.sources[index], facts);
                true
            }
            Err(why) => {
                errors.add(
                    &field,
                    format!("Could not fetch its details: {why}. Type them by hand."),
                );
                false
            }
        }
    };
    let mut page = FormPage::new(state, editor, saved, input, errors)?;
    page.extras = extras;
    if found {
        page.notice = Some("Details fetched from the page. Check them before saving.");
    }
    form_response(StatusCode::OK, &page)
}

async fn look_up(state: &AppState, url: &str) -> Result<PageFacts, String> {
    let page = state.fetcher.fetch(url).await.map_err(|e| e.to_string())?;
    if !(200..300).contains(&page.status) {
        return Err(format!("the site answered {}", page.status));
    }
    if !page.content_type.contains("html") {
        return Err(format!("it is not a web page ({})", page.content_type));
    }
    // Parsing up to 5 MB of HTML is work for a blocking thread, not an async one.
    tokio::task::spawn_blocking(move || {
        let html = String::from_utf8_lossy(&page.body);
        facts::read(&html, &page.final_url)
    })
    .await
    .map_err(|_| "the page could not be read".to_owned())
}

/// Fills only what is empty.
fn fill(row: &mut SourceInput, facts: PageFacts) {
    let put = |slot: &mut String, value: Option<String>| {
        if slot.trim().is_empty()
            && let Some(value) = value
        {
            *slot = value;
        }
    };
    put(&mut row.outlet, facts.outlet);
    put(&mut row.title, facts.title);
    put(
        &mut row.authors,
        (!facts.authors.is_empty()).then(|| facts.authors.join(", ")),
    );
    put(&mut row.date, facts.published);
}
