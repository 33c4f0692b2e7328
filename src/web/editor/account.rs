//! The name and short biography each person shows readers on their author page: their
//! own at /editor/account, anyone's for an admin at /editor/users/{id}/profile.

use crate::db::authors;
use crate::domain::author::Profile;
use crate::domain::{FieldErrors, SignedIn, UserId};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::web::PathText;
use crate::web::auth::{Admin, Editor, SignedInForm};
use crate::web::form::Query;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

/// `?saved=1` after a save.
#[derive(serde::Deserialize)]
pub struct AccountQuery {
    saved: Option<String>,
}

#[derive(Template)]
#[template(path = "editor/account.html")]
struct AccountPage {
    editor: SignedIn,
    /// Where the form posts: the person's own page or an admin's for them.
    action: String,
    own: bool,
    name: String,
    bio: String,
    /// The author page, linked so the person sees what readers will.
    slug: String,
    errors: FieldErrors,
    saved: bool,
}

impl AccountPage {
    fn err(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }
}

fn page(state: &AppState, editor: SignedIn, whose: UserId, saved: bool) -> AppResult<Response> {
    let (profile, slug) = state
        .db
        .read(|conn| authors::profile(conn, whose))?
        .ok_or(AppError::NotFound)?;
    let own = whose == editor.user_id;
    Ok(render(&AccountPage {
        action: action(own, whose),
        own,
        editor,
        name: profile.name,
        bio: profile.bio,
        slug,
        errors: FieldErrors::new(),
        saved,
    })?
    .into_response())
}

fn action(own: bool, whose: UserId) -> String {
    if own {
        "/editor/account".to_owned()
    } else {
        format!("/editor/users/{whose}/profile")
    }
}

async fn save(
    state: &AppState,
    editor: SignedIn,
    whose: UserId,
    form: &crate::web::form::FormData,
) -> AppResult<Response> {
    let (name, bio) = (form.text("name"), form.text("bio"));
    let own = whose == editor.user_id;
    match Profile::parse(&name, &bio) {
        Ok(profile) => {
            state
                .db
                .write(move |tx| authors::save_profile(tx, whose, &profile))
                .await?;
            Ok(Redirect::to(&format!("{}?saved=1", action(own, whose))).into_response())
        }
        Err(errors) => {
            let slug = state
                .db
                .read(|conn| authors::profile(conn, whose))?
                .ok_or(AppError::NotFound)?
                .1;
            let page = AccountPage {
                action: action(own, whose),
                own,
                editor,
                name,
                bio,
                slug,
                errors,
                saved: false,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

pub async fn account_form(
    State(state): State<AppState>,
    editor: Editor,
    Query(query): Query<AccountQuery>,
) -> AppResult<Response> {
    let whose = editor.0.user_id;
    page(&state, editor.0, whose, query.saved.is_some())
}

pub async fn save_account(
    State(state): State<AppState>,
    SignedInForm { editor, form, .. }: SignedInForm,
) -> AppResult<Response> {
    let whose = editor.user_id;
    save(&state, editor, whose, &form).await
}

fn user_id(id: &str) -> AppResult<UserId> {
    Ok(UserId(id.parse().map_err(|_| AppError::NotFound)?))
}

pub async fn profile_form(
    State(state): State<AppState>,
    PathText(id): PathText,
    editor: Editor,
    Query(query): Query<AccountQuery>,
) -> AppResult<Response> {
    editor.require_admin()?;
    page(&state, editor.0, user_id(&id)?, query.saved.is_some())
}

pub async fn save_profile(
    State(state): State<AppState>,
    PathText(id): PathText,
    SignedInForm { editor, form, .. }: SignedInForm<Admin>,
) -> AppResult<Response> {
    save(&state, editor, user_id(&id)?, &form).await
}
