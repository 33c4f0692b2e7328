//! The rating scale in each language the newsroom publishes in (`/editor/ratings`): its own
//! label and definition for every rating, per language, where the shipped wording (the
//! Fluent files, or the rating's own English) is not the one it wants readers to see.

use crate::db::{audit, ratings, settings};
use crate::domain::ui::RatingWords;
use crate::domain::{AuditAction, FieldErrors, Language, Moment, Rating, SignedIn, Ui, limits};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::web::auth::{Editor, Reviewer, SignedInForm};
use crate::web::form::Query;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// `?language=es`, and `&saved=1` after a save.
#[derive(serde::Deserialize)]
pub struct WordsQuery {
    language: Option<String>,
    saved: Option<String>,
}

/// One rating's row of the form, as shown or as typed.
struct Row {
    rating: Rating,
    label: String,
    definition: String,
}

#[derive(Template)]
#[template(path = "editor/ratings.html")]
struct RatingWordsPage {
    editor: SignedIn,
    /// The primary subtag the words are for.
    language: String,
    rows: Vec<Row>,
    errors: FieldErrors,
    /// The newsroom's words for the language as the form was opened, to tell a save made
    /// in between.
    loaded: String,
    saved: bool,
}

pub async fn rating_words_form(
    State(state): State<AppState>,
    editor: Editor,
    Query(query): Query<WordsQuery>,
) -> AppResult<Html<String>> {
    editor.require_reviewer()?;
    let (scale, words, site) = state.db.read(|conn| {
        Ok((
            ratings::all(conn)?,
            ratings::words(conn)?,
            settings::site_language(conn)?,
        ))
    })?;
    let language = match query.language.as_deref().filter(|l| !l.trim().is_empty()) {
        Some(typed) => Language::parse(typed).map_err(AppError::BadRequest)?,
        None => site,
    };
    // Shown from the words just read, which the fingerprint is of, not from the copy pages
    // render with: a save over stale text would put it back.
    let loaded = fingerprint(&words, language.primary());
    let ui = Ui::for_language(&language).with_rating_words(Arc::new(words));
    let language = language.primary().to_owned();
    let rows = scale
        .into_iter()
        .map(|rating| Row {
            label: ui.rating_label(&rating),
            definition: ui.rating_definition(&rating),
            rating,
        })
        .collect();
    render(&RatingWordsPage {
        editor: editor.0,
        loaded,
        language,
        rows,
        errors: FieldErrors::new(),
        saved: query.saved.as_deref() == Some("1"),
    })
}

pub async fn save_rating_words(
    State(state): State<AppState>,
    SignedInForm { editor, form, .. }: SignedInForm<Reviewer>,
) -> AppResult<Response> {
    let language = Language::parse(&form.text("language")).map_err(AppError::BadRequest)?;
    let defaults = Ui::for_language(&language);
    let language = language.primary().to_owned();
    let scale = state.db.read(ratings::all)?;
    let mut errors = FieldErrors::new();
    let mut rows = Vec::with_capacity(scale.len());
    let mut wording = Vec::with_capacity(scale.len());
    for rating in scale {
        let (label_field, definition_field) = fields_of(&rating);
        let (label, definition) = (form.text(&label_field), form.text(&definition_field));
        let checked_label = crate::domain::required_line("Label", &label, limits::RATING_LABEL);
        let checked_definition =
            crate::domain::required_text("Definition", &definition, limits::RATING_DEFINITION);
        match (checked_label, checked_definition) {
            (Ok(label), Ok(definition)) => {
                // The wording Factdesk ships is not stored: a later release may improve it.
                let own = (label, definition);
                let kept = (own != defaults.default_rating_words(&rating)).then_some(own);
                wording.push((rating.slug.clone(), kept));
            }
            (label_error, definition_error) => {
                if let Err(why) = label_error {
                    errors.add(label_field, why);
                }
                if let Err(why) = definition_error {
                    errors.add(definition_field, why);
                }
            }
        }
        rows.push(Row {
            rating,
            label,
            definition,
        });
    }
    let loaded = form.text("loaded");
    if errors.is_empty() {
        let (by, lang, expected) = (editor.user_id, language.clone(), loaded.clone());
        let saved = state
            .db
            .write(move |tx| {
                if fingerprint(&ratings::words(tx)?, &lang) != expected {
                    return Ok(false);
                }
                ratings::set_words(tx, &lang, &wording)?;
                audit::record(
                    tx,
                    Some(by),
                    AuditAction::SettingsChanged,
                    "rating words",
                    &lang,
                    Moment::now(),
                )?;
                Ok(true)
            })
            .await?;
        if saved {
            state.reload_rating_words()?;
            let to = format!("/editor/ratings?language={language}&saved=1");
            return Ok(Redirect::to(&to).into_response());
        }
        errors.add(
            "language",
            "Someone saved this language's wording after you opened this page. Your text is \
             below: open the page again in another tab to see theirs, then save what should \
             stay (saving this form again now replaces theirs).",
        );
    }
    // After a refusal for a newer save, saving this form again is a choice made knowingly:
    // it goes through.
    let loaded = if errors.get("language").is_some() {
        fingerprint(&state.db.read(ratings::words)?, &language)
    } else {
        loaded
    };
    let page = RatingWordsPage {
        editor,
        language,
        rows,
        errors,
        loaded,
        saved: false,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

/// The form's field names for `rating`.
fn fields_of(rating: &Rating) -> (String, String) {
    (
        format!("label.{}", rating.slug),
        format!("definition.{}", rating.slug),
    )
}

/// A digest of the newsroom's words for `language`, in a stable order.
fn fingerprint(words: &RatingWords, language: &str) -> String {
    let mut mine: Vec<_> = words.iter().filter(|((_, l), _)| l == language).collect();
    mine.sort();
    // SipHash with fixed keys: the same digest from every build, so an upgrade between
    // opening the form and saving it does not refuse the save.
    let mut hasher = siphasher::sip::SipHasher13::new();
    mine.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}
