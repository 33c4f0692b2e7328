//! Admin pages: accounts and the audit log.

use super::auth::{Admin, Editor, SignedInForm};
use super::form::{FormData, Paged, Query};
use super::{Pager, PathText};
use crate::db::audit::{self, AuditEntry};
use crate::db::users::{self, Account, Change};
use crate::domain::{
    AuditAction, FieldErrors, Moment, NewUser, Password, Role, SignedIn, UserId, generate_password,
};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, post};

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
    SignedInForm { editor, form, .. }: SignedInForm<Admin>,
) -> AppResult<Response> {
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
        let mut page = users_page(&state, editor, errors)?;
        (page.email, page.name, page.role) = (email, name, role_text);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    };
    let admin = editor.user_id;
    let (new_email, new_name) = (user.email.as_str().to_owned(), user.name.clone());
    let result = state
        .db
        .write(move |tx| {
            let now = Moment::now();
            let (_, role) = users::create(tx, &new_email, &new_name, &hash, Some(role), now)?;
            audit::record(
                tx,
                Some(admin),
                AuditAction::AccountCreated,
                &new_email,
                role.as_str(),
                now,
            )
        })
        .await;
    match result {
        Ok(()) => {
            let mut page = users_page(&state, editor, FieldErrors::new())?;
            if typed.is_empty() {
                page.issued = Some((
                    user.email.as_str().to_owned(),
                    user.password.expose().to_owned(),
                ));
            }
            Ok((StatusCode::CREATED, render(&page)?).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let mut page = users_page(&state, editor, errors)?;
            (page.email, page.name, page.role) = (email, name, role_text);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e),
    }
}

/// The account a change names; an id that is no number names nothing.
fn account_of(state: &AppState, id: &str) -> AppResult<Account> {
    let id = UserId(id.parse().map_err(|_| AppError::NotFound)?);
    state
        .db
        .read(|conn| users::account(conn, id))?
        .ok_or(AppError::NotFound)
}

/// After a change: back to the list, or the list with the password to pass on, or the
/// list with what was refused.
fn changed(
    state: &AppState,
    editor: SignedIn,
    result: AppResult<Option<(String, String)>>,
) -> AppResult<Response> {
    match result {
        Ok(None) => Ok(Redirect::to("/editor/users").into_response()),
        Ok(issued) => {
            let mut page = users_page(state, editor, FieldErrors::new())?;
            page.issued = issued;
            Ok(render(&page)?.into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let page = users_page(state, editor, errors)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e),
    }
}

async fn set_role(
    state: &AppState,
    by: UserId,
    account: Account,
    form: &FormData,
) -> AppResult<Option<(String, String)>> {
    let role = Role::parse(&form.text("role")).map_err(|m| AppError::invalid("role", m))?;
    state
        .db
        .write(move |tx| users::change(tx, account.id, Change::Role(role), by, Moment::now()))
        .await?;
    Ok(None)
}

async fn set_disabled(
    state: &AppState,
    by: UserId,
    account: Account,
    disable: bool,
) -> AppResult<Option<(String, String)>> {
    state
        .db
        .write(move |tx| {
            let change = if disable {
                Change::Disable
            } else {
                Change::Enable
            };
            users::change(tx, account.id, change, by, Moment::now())
        })
        .await?;
    Ok(None)
}

/// A new generated password, shown once; generated ones carry ~116 random bits, so they
/// need no strength estimate.
async fn reset_password(
    state: &AppState,
    by: UserId,
    account: Account,
) -> AppResult<Option<(String, String)>> {
    let password = generate_password().map_err(AppError::Internal)?;
    let parsed = Password::parse(&password).map_err(AppError::Internal)?;
    let hash = tokio::task::spawn_blocking(move || parsed.hash())
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(AppError::Internal)?;
    let issued = (account.email.clone(), password);
    state
        .db
        .write(move |tx| users::change(tx, account.id, Change::Password(&hash), by, Moment::now()))
        .await?;
    Ok(Some(issued))
}

/// The changes the accounts list offers, each at `/editor/users/{id}/{name}`.
#[derive(Clone, Copy)]
pub enum AccountChange {
    Role,
    Disable,
    Enable,
    Password,
}

impl AccountChange {
    fn parse(name: &str) -> Option<Self> {
        match name {
            "role" => Some(AccountChange::Role),
            "disable" => Some(AccountChange::Disable),
            "enable" => Some(AccountChange::Enable),
            "password" => Some(AccountChange::Password),
            _ => None,
        }
    }
}

/// The one path of every account change: find the account, make the change, answer.
async fn change_account(
    state: &AppState,
    id: &str,
    SignedInForm { editor, form, .. }: SignedInForm<Admin>,
    change: Option<AccountChange>,
) -> AppResult<Response> {
    let account = account_of(state, id)?;
    let by = editor.user_id;
    let result = match change {
        Some(AccountChange::Role) => set_role(state, by, account, &form).await,
        Some(AccountChange::Disable) => set_disabled(state, by, account, true).await,
        Some(AccountChange::Enable) => set_disabled(state, by, account, false).await,
        Some(AccountChange::Password) => reset_password(state, by, account).await,
        None => Err(AppError::BadRequest("Unknown account action.".to_owned())),
    };
    changed(state, editor, result)
}

/// `POST /editor/users/{id}/{name}`: each change the accounts list offers has its own address,
/// all answered alike.
pub fn change_at(change: AccountChange) -> MethodRouter<AppState> {
    post(
        move |State(state): State<AppState>, PathText(id): PathText, form: SignedInForm<Admin>| async move {
            change_account(&state, &id, form, Some(change)).await
        },
    )
}

/// `POST /editor/users/{id}` with `action=`: how the account forms were sent before each
/// change had its own address, still answered for pages opened before then. No page posts
/// here any more (account pages are never cached), so it can go in the release after next.
pub async fn change(
    State(state): State<AppState>,
    PathText(id): PathText,
    form: SignedInForm<Admin>,
) -> AppResult<Response> {
    let change = AccountChange::parse(&form.form.text("action"));
    change_account(&state, &id, form, change).await
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
    query: Result<Query<Paged>, AppError>,
) -> AppResult<Html<String>> {
    // The role first, so a writer learns only that the log is not theirs to read.
    editor.require_admin()?;
    let Query(Paged { page }) = query?;
    let page = page.0;
    let (entries, has_more) = state.db.read(|conn| audit::recent(conn, page, 50))?;
    render(&AuditPage {
        editor: editor.0,
        entries,
        pager: Pager::new("/editor/audit", page, has_more),
    })
}
