//! Admin pages: accounts, the audit log, and site settings.

use super::auth::Editor;
use super::form::FormData;
use super::{Pager, PathText, page_number};
use crate::db::audit::{self, AuditEntry};
use crate::db::settings;
use crate::db::users::{self, Account};
use crate::domain::{
    FieldErrors, Moment, NewUser, Password, Role, SignedIn, UserId, generate_password,
};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

#[derive(Template)]
#[template(path = "editor/users.html")]
struct UsersPage {
    editor: SignedIn,
    accounts: Vec<Account>,
    roles: [Role; 3],
    errors: FieldErrors,
    email: String,
    name: String,
    role: String,
    /// A password an admin just set or generated, shown once.
    issued: Option<(String, String)>,
}

impl UsersPage {
    fn err(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }
}

fn users_page(state: &AppState, editor: SignedIn, errors: FieldErrors) -> AppResult<UsersPage> {
    let accounts = state.db.read(users::all)?;
    Ok(UsersPage {
        editor,
        accounts,
        roles: Role::ALL,
        errors,
        email: String::new(),
        name: String::new(),
        role: "writer".to_owned(),
        issued: None,
    })
}

pub async fn list(State(state): State<AppState>, editor: Editor) -> AppResult<Html<String>> {
    editor.require_admin()?;
    render(&users_page(&state, editor.0, FieldErrors::new())?)
}

/// Creates an account: with the password the admin typed, or a generated one shown once.
pub async fn create(
    State(state): State<AppState>,
    editor: Editor,
    body: Bytes,
) -> AppResult<Response> {
    editor.require_admin()?;
    let form = FormData::parse(&body);
    editor.check_csrf(&form)?;
    let (email, name, role_text) = (form.text("email"), form.text("name"), form.text("role"));
    let typed = form.text("password");
    let password = if typed.is_empty() {
        generate_password().map_err(AppError::Internal)?
    } else {
        typed.clone()
    };
    let mut errors = FieldErrors::new();
    let role = errors.check("role", Role::parse(&role_text));
    // The strength estimate and the hash both take real CPU time: off the async threads.
    let (parse_email, parse_name) = (email.clone(), name.clone());
    let checked = tokio::task::spawn_blocking(move || {
        NewUser::parse(&parse_email, &parse_name, &password).map(|user| {
            let hash = user.password.hash();
            (user, hash)
        })
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let user = match checked {
        Ok((user, hash)) => Some((user, hash.map_err(AppError::Internal)?)),
        Err(user_errors) => {
            for (field, message) in user_errors.iter() {
                errors.add(field, message);
            }
            None
        }
    };
    let (Some((user, hash)), Some(role), true) = (user, role, errors.is_empty()) else {
        let mut page = users_page(&state, editor.0, errors)?;
        (page.email, page.name, page.role) = (email, name, role_text);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    };
    let admin = editor.0.user_id;
    let (new_email, new_name) = (user.email.as_str().to_owned(), user.name.clone());
    let result = state
        .db
        .write(move |tx| {
            let now = Moment::now();
            let (_, role) = users::create(tx, &new_email, &new_name, &hash, Some(role), now)?;
            audit::record(
                tx,
                Some(admin),
                "account_created",
                &new_email,
                role.as_str(),
                now,
            )
        })
        .await;
    match result {
        Ok(()) => {
            let mut page = users_page(&state, editor.0, FieldErrors::new())?;
            if typed.is_empty() {
                page.issued = Some((
                    user.email.as_str().to_owned(),
                    user.password.expose().to_owned(),
                ));
            }
            Ok((StatusCode::CREATED, render(&page)?).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let mut page = users_page(&state, editor.0, errors)?;
            (page.email, page.name, page.role) = (email, name, role_text);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e),
    }
}

/// Role changes, disabling, enabling and password resets: one form each on the list.
pub async fn change(
    State(state): State<AppState>,
    editor: Editor,
    PathText(id): PathText,
    body: Bytes,
) -> AppResult<Response> {
    editor.require_admin()?;
    let form = FormData::parse(&body);
    editor.check_csrf(&form)?;
    let id = UserId(id.parse().map_err(|_| AppError::NotFound)?);
    let account = state
        .db
        .read(|conn| users::account(conn, id))?
        .ok_or(AppError::NotFound)?;
    let admin = editor.0.user_id;
    let action = form.text("action");
    let mut issued = None;
    let result = match action.as_str() {
        "role" => {
            let role = Role::parse(&form.text("role")).map_err(|m| AppError::invalid("role", m));
            match role {
                Ok(role) => {
                    let email = account.email.clone();
                    state
                        .db
                        .write(move |tx| {
                            users::set_role(tx, id, role)?;
                            audit::record(
                                tx,
                                Some(admin),
                                "role_changed",
                                &email,
                                role.as_str(),
                                Moment::now(),
                            )
                        })
                        .await
                }
                Err(e) => Err(e),
            }
        }
        "disable" | "enable" => {
            let email = account.email.clone();
            let disable = action == "disable";
            state
                .db
                .write(move |tx| {
                    let now = Moment::now();
                    if disable {
                        users::disable(tx, id, now)?;
                        audit::record(tx, Some(admin), "account_disabled", &email, "", now)
                    } else {
                        users::enable(tx, id)?;
                        audit::record(tx, Some(admin), "account_enabled", &email, "", now)
                    }
                })
                .await
        }
        "password" => {
            // Generated passwords carry ~116 random bits: no strength estimate needed.
            let password = generate_password().map_err(AppError::Internal)?;
            let parsed = Password::parse(&password).map_err(AppError::Internal)?;
            let hash = tokio::task::spawn_blocking(move || parsed.hash())
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?
                .map_err(AppError::Internal)?;
            let email = account.email.clone();
            issued = Some((account.email.clone(), password));
            state
                .db
                .write(move |tx| {
                    users::set_password(tx, id, &hash)?;
                    audit::record(tx, Some(admin), "password_reset", &email, "", Moment::now())
                })
                .await
        }
        _ => Err(AppError::BadRequest("Unknown account action.".to_owned())),
    };
    match result {
        Ok(()) if issued.is_some() => {
            let mut page = users_page(&state, editor.0, FieldErrors::new())?;
            page.issued = issued;
            Ok(render(&page)?.into_response())
        }
        Ok(()) => Ok(Redirect::to("/editor/users").into_response()),
        Err(AppError::Invalid(errors)) => {
            let page = users_page(&state, editor.0, errors)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "editor/audit.html")]
struct AuditPage {
    editor: SignedIn,
    entries: Vec<AuditEntry>,
    pager: Pager,
}

pub async fn audit_log(
    State(state): State<AppState>,
    editor: Editor,
    RawQuery(query): RawQuery,
) -> AppResult<Html<String>> {
    editor.require_admin()?;
    let page = page_number(query.as_deref())?;
    let (entries, has_more) = state.db.read(|conn| audit::recent(conn, page, 50))?;
    render(&AuditPage {
        editor: editor.0,
        entries,
        pager: Pager {
            path: "/editor/audit".to_owned(),
            page,
            has_more,
        },
    })
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
    RawQuery(query): RawQuery,
) -> AppResult<Html<String>> {
    editor.require_reviewer()?;
    let policy = state
        .db
        .read(|conn| settings::get(conn, settings::CORRECTIONS_POLICY))?;
    let saved = query.as_deref() == Some("saved=1");
    render(&SettingsPage {
        editor: editor.0,
        policy,
        error: None,
        saved,
    })
}

pub async fn save_settings(
    State(state): State<AppState>,
    editor: Editor,
    body: Bytes,
) -> AppResult<Response> {
    editor.require_reviewer()?;
    let form = FormData::parse(&body);
    editor.check_csrf(&form)?;
    let policy = form.text("corrections_policy");
    let checked = crate::domain::required_text("The corrections policy", &policy, 5000)
        .and_then(|text| crate::domain::markdown::check_nesting("The corrections policy", text));
    match checked {
        Ok(text) => {
            let admin = editor.0.user_id;
            state
                .db
                .write(move |tx| {
                    settings::set(tx, settings::CORRECTIONS_POLICY, &text)?;
                    audit::record(
                        tx,
                        Some(admin),
                        "settings_changed",
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
                editor: editor.0,
                policy,
                error: Some(message),
                saved: false,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}
