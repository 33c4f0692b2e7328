//! The site settings editors keep: the corrections policy readers are shown.

use crate::db::{audit, settings};
use crate::domain::{AuditAction, Moment, SignedIn};
use crate::error::{AppResult, render};
use crate::state::AppState;
use crate::web::auth::{Editor, Reviewer, SignedInForm};
use crate::web::form::Query;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

/// `?saved=1` after a save.
#[derive(serde::Deserialize)]
pub struct SettingsQuery {
    saved: Option<String>,
}

#[derive(Template)]
#[template(path = "editor/settings.html")]
struct SettingsPage {
    editor: SignedIn,
    policy: String,
    error: Option<String>,
    saved: bool,
}

pub async fn settings_form(
    State(state): State<AppState>,
    editor: Editor,
    Query(query): Query<SettingsQuery>,
) -> AppResult<Html<String>> {
    editor.require_reviewer()?;
    let policy = state
        .db
        .read(|conn| settings::get(conn, settings::CORRECTIONS_POLICY))?;
    let saved = query.saved.as_deref() == Some("1");
    render(&SettingsPage {
        editor: editor.0,
        policy,
        error: None,
        saved,
    })
}

pub async fn save_settings(
    State(state): State<AppState>,
    SignedInForm { editor, form, .. }: SignedInForm<Reviewer>,
) -> AppResult<Response> {
    let policy = form.text("corrections_policy");
    let checked = crate::domain::required_text(
        "The corrections policy",
        &policy,
        crate::domain::limits::CORRECTIONS_POLICY,
    )
    .and_then(|text| crate::domain::markdown::check_nesting("The corrections policy", text));
    match checked {
        Ok(text) => {
            let by = editor.user_id;
            state
                .db
                .write(move |tx| {
                    settings::set(tx, settings::CORRECTIONS_POLICY, &text)?;
                    audit::record(
                        tx,
                        Some(by),
                        AuditAction::SettingsChanged,
                        "corrections policy",
                        "",
                        Moment::now(),
                    )
                })
                .await?;
            Ok(Redirect::to("/editor/settings?saved=1").into_response())
        }
        Err(message) => {
            let page = SettingsPage {
                editor,
                policy,
                error: Some(message),
                saved: false,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}
