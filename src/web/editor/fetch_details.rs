//! "Fetch details" on a source or appearance row: Factdesk fetches the row's link and fills
//! the fields the editor left empty from what the page says of itself, then shows the form
//! again with everything typed kept. Nothing is saved; a field the editor typed is never
//! replaced. `autofill` answers the same question in JSON for the form's script.

use super::form::{FormPage, form_response};
use super::{Extras, Saved};
use crate::domain::{AppearanceInput, FactCheckInput, FieldErrors, SignedIn, SourceInput};
use crate::error::{AppError, AppResult};
use crate::fetch::details::look_up;
use crate::fetch::facts::{self, AppearanceFacts, PageFacts};
use crate::state::AppState;
use crate::web::form::FormData;
use axum::http::StatusCode;
use axum::response::Response;

/// The kind of row whose button was pressed.
#[derive(Clone, Copy)]
pub(super) enum RowKind {
    Source,
    Appearance,
}

impl RowKind {
    fn field_prefix(self) -> &'static str {
        match self {
            RowKind::Source => "source",
            RowKind::Appearance => "appearance",
        }
    }
}

/// The "Fetch details" button pressed in this form, if any: its row kind and row number.
pub(super) fn pressed(form: &FormData) -> Option<(RowKind, String)> {
    form.get("fetch_source")
        .map(|row| (RowKind::Source, row.to_owned()))
        .or_else(|| {
            form.get("fetch_appearance")
                .map(|row| (RowKind::Appearance, row.to_owned()))
        })
}

/// The form again, with row `row` (as the button sent it) filled in, or with the reason it
/// could not be beside the row's link.
pub(super) async fn answer(
    state: &AppState,
    editor: SignedIn,
    saved: Option<Saved>,
    form: &FormData,
    extras: Extras,
    (kind, row): (RowKind, String),
) -> AppResult<Response> {
    let mut input = FactCheckInput::from(form);
    let rows = match kind {
        RowKind::Source => input.sources.len(),
        RowKind::Appearance => input.appearances.len(),
    };
    let index = row
        .trim()
        .parse::<usize>()
        .ok()
        .and_then(|row| form.row_position(kind.field_prefix(), row))
        .filter(|i| *i < rows)
        .ok_or_else(|| AppError::BadRequest("That row is not in the form.".to_owned()))?;
    let url = match kind {
        RowKind::Source => input.sources[index].url.trim().to_owned(),
        RowKind::Appearance => input.appearances[index].url.trim().to_owned(),
    };
    let mut errors = FieldErrors::new();
    let field = format!("{}.{index}.url", kind.field_prefix());
    let looked_up = if url.is_empty() {
        Err("Paste the page's address here first, then fetch its details.".to_owned())
    } else {
        match kind {
            RowKind::Source => look_up(&state.fetcher, &url, facts::read)
                .await
                .map(|found| fill_source(&mut input.sources[index], found)),
            RowKind::Appearance => look_up(&state.fetcher, &url, facts::read_appearance)
                .await
                .map(|found| fill_appearance(&mut input.appearances[index], found)),
        }
        .map_err(|why| format!("Could not fetch its details: {why}. Type them by hand."))
    };
    if let Err(message) = &looked_up {
        errors.add(&field, message);
    }
    let mut page = FormPage::new(state, editor, saved, input, errors)?;
    page.extras = extras;
    if looked_up.is_ok() {
        page.notice = Some("Details fetched from the page. Check them before saving.");
    }
    form_response(StatusCode::OK, &page)
}

/// Puts `value` in `slot` only if the editor left it empty.
fn put(slot: &mut String, value: Option<String>) {
    if slot.trim().is_empty()
        && let Some(value) = value
    {
        *slot = value;
    }
}

fn fill_source(row: &mut SourceInput, facts: PageFacts) {
    put(&mut row.outlet, facts.outlet);
    put(&mut row.title, facts.title);
    put(
        &mut row.authors,
        (!facts.authors.is_empty()).then(|| facts.authors.join(", ")),
    );
    put(&mut row.date, facts.published);
}

fn fill_appearance(row: &mut AppearanceInput, facts: AppearanceFacts) {
    put(&mut row.platform, facts.platform);
    put(&mut row.date, facts.published);
}
