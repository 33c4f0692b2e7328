//! Accounts, their sign-in sessions, and the record of sign-in attempts.

use super::audit::{self, Subject};
use super::on_unique;
use super::rows::{self, from_columns};
use crate::domain::{
    AuditAction, Moment, NewUser, Person, Role, SignInThrottle, SignedIn, UserId, generate_password,
};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

/// An account as the admin's list shows it.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub disabled_at: Option<Moment>,
    pub created_at: Moment,
}

/// Creates an account. The first account of a newsroom is always an admin, so someone can
/// manage the others; later ones get `role` (editor when not given).
pub fn create(
    tx: &Transaction<'_>,
    email: &str,
    name: &str,
    password_hash: &str,
    role: Option<Role>,
    now: Moment,
) -> Result<(UserId, Role), AppError> {
    let existing: i64 = tx
        .prepare_cached("SELECT count(*) FROM users")?
        .query_row([], |row| row.get(0))?;
    let role = if existing == 0 {
        Role::Admin
    } else {
        role.unwrap_or(Role::Editor)
    };
    tx.prepare_cached(
        "INSERT INTO users (email, name, password_hash, role, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![email, name, password_hash, role.as_str(), now])
    .map_err(|e| on_unique(e, "email", "An account with this email already exists."))?;
    let id = UserId(tx.last_insert_rowid());
    super::authors::give_slug(tx, id, name)?;
    Ok((id, role))
}

/// An account the binary makes for data of its own (the demo editor, the benchmark editor),
/// with a generated password. The hash is computed here, before any transaction, so the slow
/// hashing never holds the writer.
pub(crate) struct SeedAccount {
    user: NewUser,
    hash: String,
    pub password: String,
}

impl SeedAccount {
    /// `what` names the account in the error should the fixed email or name be refused.
    pub(crate) fn new(email: &str, name: &str, what: &str) -> Result<SeedAccount, AppError> {
        let password = generate_password().map_err(AppError::Internal)?;
        let user = NewUser::parse(email, name, &password)
            .map_err(|e| AppError::Internal(format!("{what} is invalid: {e:?}")))?;
        let hash = user.password.hash().map_err(AppError::Internal)?;
        Ok(SeedAccount {
            user,
            hash,
            password,
        })
    }

    pub(crate) fn create(&self, tx: &Transaction<'_>) -> Result<UserId, AppError> {
        let (id, _) = create(
            tx,
            self.user.email.as_str(),
            &self.user.name,
            &self.hash,
            None,
            Moment::now(),
        )?;
        Ok(id)
    }
}

/// The id and password hash of an enabled account with this email.
pub fn credentials(conn: &Connection, email: &str) -> Result<Option<(UserId, String)>, AppError> {
    Ok(conn
        .prepare_cached(
            "SELECT id, password_hash FROM users WHERE email = ?1 AND disabled_at IS NULL",
        )?
        .query_row([email.trim()], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?)
}

const ACCOUNT_COLUMNS: &str = "id, email, name, role, disabled_at, created_at";

fn account_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Account> {
    from_columns!(row[0..] => Account { id, email, name, role, disabled_at, created_at })
}

pub fn all(conn: &Connection) -> Result<Vec<Account>, AppError> {
    rows::all(
        conn,
        &format!(
            "SELECT {ACCOUNT_COLUMNS} FROM users ORDER BY disabled_at IS NOT NULL, name COLLATE NOCASE"
        ),
        [],
        account_from_row,
    )
}

/// The people a fact-check by `author` can be given to: every account that can sign in and
/// open it (editors and admins, and the author), by name.
pub fn assignable_to(conn: &Connection, author: UserId) -> Result<Vec<Person>, AppError> {
    rows::all(
        conn,
        "SELECT id, name FROM users
         WHERE disabled_at IS NULL AND (role <> 'writer' OR id = ?1)
         ORDER BY name COLLATE NOCASE, id",
        [author],
        |row| from_columns!(row[0..] => Person { id, name }),
    )
}

/// Every account that can sign in, by name: the desk's "assigned to" filter.
pub fn assignable(conn: &Connection) -> Result<Vec<Person>, AppError> {
    rows::all(
        conn,
        "SELECT id, name FROM users WHERE disabled_at IS NULL ORDER BY name COLLATE NOCASE, id",
        [],
        |row| from_columns!(row[0..] => Person { id, name }),
    )
}

pub fn account(conn: &Connection, id: UserId) -> Result<Option<Account>, AppError> {
    rows::first(
        conn,
        &format!("SELECT {ACCOUNT_COLUMNS} FROM users WHERE id = ?1"),
        [id],
        account_from_row,
    )
}

/// Refuses a change that would leave the newsroom with no enabled admin.
fn keep_an_admin(tx: &Transaction<'_>, id: UserId) -> Result<(), AppError> {
    let other_admins: i64 = tx
        .prepare_cached(
            "SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id != ?1",
        )?
        .query_row([id], |row| row.get(0))?;
    if other_admins == 0 {
        return Err(AppError::invalid(
            "role",
            "This is the only enabled admin: make someone else an admin first.",
        ));
    }
    Ok(())
}

/// What an admin changes about an account.
#[derive(Debug, Clone, Copy)]
pub enum Change<'a> {
    Role(Role),
    /// Ends every one of the account's sessions at once.
    Disable,
    Enable,
    /// A new password hash; sessions signed in with the old one end.
    Password(&'a str),
}

/// Makes an admin's change to account `id`, with its audit entry. Refuses one that would
/// leave the newsroom with no enabled admin.
pub fn change(
    tx: &Transaction<'_>,
    id: UserId,
    change: Change<'_>,
    by: UserId,
    now: Moment,
) -> Result<(), AppError> {
    let ends_sessions = matches!(change, Change::Disable | Change::Password(_));
    let (rows, action, detail) = match change {
        Change::Role(role) => {
            if role != Role::Admin {
                keep_an_admin(tx, id)?;
            }
            let sql = "UPDATE users SET role = ?2 WHERE id = ?1";
            let rows = tx
                .prepare_cached(sql)?
                .execute(params![id, role.as_str()])?;
            (rows, AuditAction::RoleChanged, role.as_str())
        }
        Change::Disable => {
            keep_an_admin(tx, id)?;
            let sql = "UPDATE users SET disabled_at = coalesce(disabled_at, ?2) WHERE id = ?1";
            let rows = tx.prepare_cached(sql)?.execute(params![id, now])?;
            (rows, AuditAction::AccountDisabled, "")
        }
        Change::Enable => {
            let sql = "UPDATE users SET disabled_at = NULL WHERE id = ?1";
            let rows = tx.prepare_cached(sql)?.execute([id])?;
            (rows, AuditAction::AccountEnabled, "")
        }
        Change::Password(hash) => {
            let sql = "UPDATE users SET password_hash = ?2 WHERE id = ?1";
            let rows = tx.prepare_cached(sql)?.execute(params![id, hash])?;
            (rows, AuditAction::PasswordReset, "")
        }
    };
    if rows == 0 {
        return Err(AppError::NotFound);
    }
    if ends_sessions {
        delete_sessions_of(tx, id)?;
    }
    audit::record_about(tx, by, action, Subject::Account(id), detail, now)
}

pub fn create_session(
    tx: &Transaction<'_>,
    token_hash: &str,
    user: UserId,
    csrf_token: &str,
    now: Moment,
) -> Result<(), AppError> {
    tx.prepare_cached(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
    )?
    .execute(params![token_hash, user, csrf_token, now])?;
    Ok(())
}

/// The person signed in with this session, if it is still live: seen after `idle_cutoff`,
/// and its account not disabled. Also returns when it was last seen.
pub fn session(
    conn: &Connection,
    token_hash: &str,
    idle_cutoff: Moment,
) -> Result<Option<(SignedIn, Moment)>, AppError> {
    Ok(conn
        .prepare_cached(
            "SELECT u.id, u.name, u.email, u.role, s.csrf_token, s.last_seen_at
             FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = ?1 AND s.last_seen_at > ?2 AND u.disabled_at IS NULL",
        )?
        .query_row(params![token_hash, idle_cutoff], |row| {
            Ok((
                SignedIn {
                    user_id: row.get(0)?,
                    name: row.get(1)?,
                    email: row.get(2)?,
                    role: row.get(3)?,
                    csrf_token: row.get(4)?,
                },
                row.get(5)?,
            ))
        })
        .optional()?)
}

/// Records activity on a session, pushing back its idle timeout.
pub fn touch_session(tx: &Transaction<'_>, token_hash: &str, now: Moment) -> Result<(), AppError> {
    tx.prepare_cached("UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1")?
        .execute(params![token_hash, now])?;
    Ok(())
}

pub fn delete_session(tx: &Transaction<'_>, token_hash: &str) -> Result<(), AppError> {
    tx.prepare_cached("DELETE FROM sessions WHERE token_hash = ?1")?
        .execute([token_hash])?;
    Ok(())
}

pub fn delete_sessions_of(tx: &Transaction<'_>, user: UserId) -> Result<(), AppError> {
    tx.prepare_cached("DELETE FROM sessions WHERE user_id = ?1")?
        .execute([user])?;
    Ok(())
}

/// Sessions idle past the cutoff can never be used again; dropping them keeps the table
/// small. Returns how many went.
pub fn delete_idle_sessions(tx: &Transaction<'_>, idle_cutoff: Moment) -> Result<usize, AppError> {
    Ok(tx
        .prepare_cached("DELETE FROM sessions WHERE last_seen_at <= ?1")?
        .execute([idle_cutoff])?)
}

/// What the throttle says about a sign-in attempt about to be checked.
#[derive(Debug, PartialEq, Eq)]
pub enum Attempt {
    /// Go ahead; the attempt is recorded as a failure until `attempt_succeeded` says otherwise.
    Allowed(i64),
    /// Too many recent failures for this account from this address: try again after this.
    Throttled(Moment),
    /// The account is being guessed at from many addresses: one try at a time, the next
    /// after this moment, from anywhere.
    SlowedDown(Moment),
}

/// Counts recent failures for this email and, if the throttle allows, records this attempt
/// as a failure in the same transaction. Writes are serialized, so parallel guesses each
/// see the others: no more than `SignInThrottle::PER_ADDRESS` can ever be checked per window
/// from one address.
///
/// Failures count from the address's last success on, compared by row id rather than by
/// time: times are stored to the second, and failures in the second of a success were
/// otherwise not counted at all.
pub fn begin_attempt(
    tx: &Transaction<'_>,
    email: &str,
    address: &str,
    now: Moment,
) -> Result<Attempt, AppError> {
    let since = Moment(now.0 - SignInThrottle::WINDOW);
    let (from_address, oldest, for_account, latest): (i64, Option<Moment>, i64, Option<Moment>) =
        tx.prepare_cached(
            "WITH recent AS (
                 SELECT address, at FROM login_attempts
                 WHERE email = ?1 AND succeeded = 0 AND at > ?3
                   AND (address != ?2 OR id > coalesce(
                        (SELECT max(id) FROM login_attempts
                         WHERE email = ?1 AND address = ?2 AND succeeded = 1), 0)))
             SELECT (SELECT count(*) FROM recent WHERE address = ?2),
                    (SELECT min(at) FROM recent WHERE address = ?2),
                    (SELECT count(*) FROM recent),
                    (SELECT max(at) FROM login_attempts WHERE email = ?1)",
        )?
        .query_row(params![email, address, since], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })?;
    if from_address >= SignInThrottle::PER_ADDRESS {
        let oldest = oldest.map_or(now.0, |t| t.0);
        return Ok(Attempt::Throttled(Moment(oldest + SignInThrottle::WINDOW)));
    }
    // An address that has not failed for this account is the owner as far as anyone can
    // tell: it is always checked, so the slow-down never locks the owner out.
    if from_address > 0
        && for_account >= SignInThrottle::ACCOUNT_SLOWDOWN_AFTER
        && let Some(latest) = latest
        && now.0 < latest.0 + SignInThrottle::ACCOUNT_SPACING
    {
        return Ok(Attempt::SlowedDown(Moment(
            latest.0 + SignInThrottle::ACCOUNT_SPACING,
        )));
    }
    tx.prepare_cached(
        "INSERT INTO login_attempts (email, address, at, succeeded) VALUES (?1, ?2, ?3, 0)",
    )?
    .execute(params![email, address, now])?;
    Ok(Attempt::Allowed(tx.last_insert_rowid()))
}

pub fn attempt_succeeded(tx: &Transaction<'_>, attempt: i64) -> Result<(), AppError> {
    tx.prepare_cached("UPDATE login_attempts SET succeeded = 1 WHERE id = ?1")?
        .execute([attempt])?;
    Ok(())
}

/// Takes back an attempt that was never checked (the server was too busy), so it does not
/// count against the account.
pub fn forget_attempt(tx: &Transaction<'_>, attempt: i64) -> Result<(), AppError> {
    tx.prepare_cached("DELETE FROM login_attempts WHERE id = ?1 AND succeeded = 0")?
        .execute([attempt])?;
    Ok(())
}

/// Attempts from before `cutoff` no longer count for the throttle (older than its window).
/// Returns how many were deleted.
pub fn delete_attempts_before(tx: &Transaction<'_>, cutoff: Moment) -> Result<usize, AppError> {
    Ok(tx
        .prepare_cached("DELETE FROM login_attempts WHERE at < ?1")?
        .execute([cutoff])?)
}
