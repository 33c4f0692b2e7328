//! Editor pages: the dashboard, the fact-check form (new and edit), publish and unpublish.

use super::PathText;
use super::auth::Editor;
use super::form::{FormData, query_value};
use crate::app::AppState;
use crate::db::{claimants, fact_checks, ratings};
use crate::domain::{
    AppearanceInput, DashboardRow, EditableFactCheck, FactCheckDraft, FactCheckId, FactCheckInput,
    FieldErrors, Moment, Rating, SignedIn, SourceInput, Status,
};
use crate::error::{AppError, AppResult, render};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

#[derive(Template)]
#[template(path = "editor/dashboard.html")]
struct DashboardPage {
    editor: SignedIn,
    rows: Vec<DashboardRow>,
}

pub async fn dashboard(
    State(state): State<AppState>,
    Editor(editor): Editor,
) -> AppResult<Html<String>> {
    let rows = state.db.read(fact_checks::dashboard)?;
    render(&DashboardPage { editor, rows })
}

/// What the form knows about a fact-check that is already saved.
struct Saved {
    id: FactCheckId,
    version: i64,
    status: Status,
    slug: String,
    updated_at: Moment,
    published_at: Option<Moment>,
}

#[derive(Template)]
#[template(path = "editor/fact_check_form.html")]
struct FormPage {
    editor: SignedIn,
    saved: Option<Saved>,
    input: FactCheckInput,
    errors: FieldErrors,
    ratings: Vec<Rating>,
    claimants: Vec<String>,
    notice: Option<&'static str>,
    /// Someone saved a newer version while this form was open.
    conflict: bool,
}

impl FormPage {
    fn new(
        state: &AppState,
        editor: SignedIn,
        saved: Option<Saved>,
        mut input: FactCheckInput,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        // Empty rows to type into: lists grow without JavaScript, one save at a time.
        let blank_appearances = if input.appearances.is_empty() { 2 } else { 1 };
        input.appearances.extend(std::iter::repeat_n(
            AppearanceInput::default(),
            blank_appearances,
        ));
        let blank_sources = if input.sources.is_empty() { 3 } else { 2 };
        input
            .sources
            .extend(std::iter::repeat_n(SourceInput::default(), blank_sources));
        let (ratings, claimants) = state
            .db
            .read(|conn| Ok((ratings::all(conn)?, claimants::names(conn)?)))?;
        Ok(FormPage {
            editor,
            saved,
            input,
            errors,
            ratings,
            claimants,
            notice: None,
            conflict: false,
        })
    }

    fn err(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }

    fn row_err(&self, kind: &str, index: &usize, field: &str) -> Option<&str> {
        self.errors.get(&format!("{kind}.{index}.{field}"))
    }

    fn error_count(&self) -> usize {
        self.errors.len()
    }
}

fn saved_of(fc: &EditableFactCheck) -> Saved {
    Saved {
        id: fc.id,
        version: fc.version,
        status: fc.status,
        slug: fc.input.slug.clone(),
        updated_at: fc.updated_at,
        published_at: fc.published_at,
    }
}

/// Ids in editor URLs are numbers; anything else names nothing.
fn parse_id(raw: &str) -> AppResult<FactCheckId> {
    raw.parse().map_err(|_| AppError::NotFound)
}

fn load(state: &AppState, id: FactCheckId) -> AppResult<EditableFactCheck> {
    state
        .db
        .read(|conn| fact_checks::editable(conn, id))?
        .ok_or(AppError::NotFound)
}

fn form_response(status: StatusCode, page: &FormPage) -> AppResult<Response> {
    Ok((status, render(page)?).into_response())
}

pub async fn new_form(
    State(state): State<AppState>,
    Editor(editor): Editor,
) -> AppResult<Response> {
    let page = FormPage::new(
        &state,
        editor,
        None,
        FactCheckInput::default(),
        FieldErrors::new(),
    )?;
    form_response(StatusCode::OK, &page)
}

pub async fn create(
    State(state): State<AppState>,
    editor: Editor,
    body: Bytes,
) -> AppResult<Response> {
    let form = FormData::parse(&body);
    editor.check_csrf(&form)?;
    let input = FactCheckInput::from(&form);
    let Editor(editor) = editor;
    let draft = match FactCheckDraft::try_from(&input) {
        Ok(draft) => draft,
        Err(errors) => {
            let page = FormPage::new(&state, editor, None, input, errors)?;
            return form_response(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let author = editor.user_id;
    match state
        .db
        .write(move |tx| fact_checks::create(tx, &draft, author, Moment::now()))
        .await
    {
        Ok(id) => {
            Ok(Redirect::to(&format!("/editor/fact-checks/{id}?done=created")).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let page = FormPage::new(&state, editor, None, input, errors)?;
            form_response(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}

fn notice_for(done: Option<&str>) -> Option<&'static str> {
    match done? {
        "created" => Some("Draft saved. Check its sources, then publish it when it is ready."),
        "saved" => Some("Changes saved."),
        "published" => Some("Published: readers can now see this fact-check."),
        "unpublished" => {
            Some("Unpublished: this fact-check is a draft again and hidden from readers.")
        }
        _ => None,
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    Editor(editor): Editor,
    PathText(id): PathText,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let fc = load(&state, parse_id(&id)?)?;
    let mut page = FormPage::new(
        &state,
        editor,
        Some(saved_of(&fc)),
        fc.input,
        FieldErrors::new(),
    )?;
    page.notice = notice_for(query_value(query.as_deref(), "done").as_deref());
    form_response(StatusCode::OK, &page)
}

pub async fn update(
    State(state): State<AppState>,
    editor: Editor,
    PathText(id): PathText,
    body: Bytes,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let form = FormData::parse(&body);
    editor.check_csrf(&form)?;
    let Editor(editor) = editor;
    let current = load(&state, id)?;
    let opened_version: i64 = form
        .get("version")
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| {
            AppError::BadRequest("The form is missing its version; reload the page.".to_owned())
        })?;
    let input = FactCheckInput::from(&form);
    let mut saved = saved_of(&current);
    // Until a conflict is seen, the form keeps the version it was opened at.
    saved.version = opened_version;

    let draft = match FactCheckDraft::try_from(&input) {
        Ok(draft) => draft,
        Err(errors) => {
            let page = FormPage::new(&state, editor, Some(saved), input, errors)?;
            return form_response(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    match state
        .db
        .write(move |tx| fact_checks::update(tx, id, opened_version, &draft, Moment::now()))
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/editor/fact-checks/{id}?done=saved")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let page = FormPage::new(&state, editor, Some(saved), input, errors)?;
            form_response(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(AppError::Conflict) => {
            // Keep everything typed; the form now carries the newest version, so saving
            // again is a deliberate choice to replace the other editor's save.
            let latest = load(&state, id)?;
            let mut page = FormPage::new(
                &state,
                editor,
                Some(saved_of(&latest)),
                input,
                FieldErrors::new(),
            )?;
            page.conflict = true;
            form_response(StatusCode::CONFLICT, &page)
        }
        Err(e) => Err(e),
    }
}

async fn change_status(
    state: AppState,
    editor: Editor,
    id: String,
    body: Bytes,
    publish: bool,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    editor.check_csrf(&FormData::parse(&body))?;
    let result = state
        .db
        .write(move |tx| {
            if publish {
                fact_checks::publish(tx, id, Moment::now())
            } else {
                fact_checks::unpublish(tx, id, Moment::now())
            }
        })
        .await;
    match result {
        Ok(()) => {
            tracing::info!(editor = %editor.0.email, %id, publish, "status changed");
            let done = if publish { "published" } else { "unpublished" };
            Ok(Redirect::to(&format!("/editor/fact-checks/{id}?done={done}")).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let fc = load(&state, id)?;
            let page = FormPage::new(&state, editor.0, Some(saved_of(&fc)), fc.input, errors)?;
            form_response(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}

pub async fn publish(
    State(state): State<AppState>,
    editor: Editor,
    PathText(id): PathText,
    body: Bytes,
) -> AppResult<Response> {
    change_status(state, editor, id, body, true).await
}

pub async fn unpublish(
    State(state): State<AppState>,
    editor: Editor,
    PathText(id): PathText,
    body: Bytes,
) -> AppResult<Response> {
    change_status(state, editor, id, body, false).await
}
