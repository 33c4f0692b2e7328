//! The site settings editors keep: the corrections policy readers are shown, and the
//! site's language (of its pages, and of fact-checks saved without one).

use crate::db::{audit, settings};
use crate::domain::{AuditAction, Language, Moment, SignedIn};
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
    /// As typed: a BCP 47 tag.
    language: String,
    language_error: Option<String>,
    saved: bool,
}

pub async fn settings_form(
    State(state): State<AppState>,
    editor: Editor,
    Query(query): Query<SettingsQuery>,
) -> AppResult<Html<String>> {
    editor.require_reviewer()?;
    let (policy, language) = state.db.read(|conn| {
        Ok((
            settings::get(conn, settings::CORRECTIONS_POLICY)?,
            settings::site_language(conn)?,
        ))
    })?;
    let saved = query.saved.as_deref() == Some("1");
    render(&SettingsPage {
        editor: editor.0,
        policy,
        error: None,
        language: language.to_string(),
        language_error: None,
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
    let language = form.text("site_language");
    // Left empty (or sent by a form from before the field): the language stays as it is.
    let parsed = if language.trim().is_empty() {
        Ok(state.db.read(settings::site_language)?)
    } else {
        Language::parse(&language)
    };
    match (checked, parsed) {
        (Ok(text), Ok(tag)) => {
            let by = editor.user_id;
            let saved_tag = tag.clone();
            state
                .db
                .write(move |tx| {
                    settings::set(tx, settings::CORRECTIONS_POLICY, &text)?;
                    settings::set(tx, settings::SITE_LANGUAGE, saved_tag.as_str())?;
                    audit::record(
                        tx,
                        Some(by),
                        AuditAction::SettingsChanged,
                        "corrections policy and site language",
                        saved_tag.as_str(),
                        Moment::now(),
                    )
                })
                .await?;
            state.set_language(&tag);
            Ok(Redirect::to("/editor/settings?saved=1").into_response())
        }
        (checked, parsed) => {
            let page = SettingsPage {
                editor,
                policy,
                error: checked.err(),
                language,
                language_error: parsed.err(),
                saved: false,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}
