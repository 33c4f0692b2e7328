//! The form's "Assigned to" field: who can be chosen, what is chosen, and saving it with
//! the form's own Save.

use super::Extras;
use crate::db::{assignments, users};
use crate::domain::{FactCheckId, FieldErrors, Moment, Person, SignedIn, UserId};
use crate::error::{AppError, AppResult};
use crate::web::form::FormData;
use rusqlite::{Connection, Transaction};

/// The name of the form field, and of the field its errors are about.
pub(super) const FIELD: &str = "assigned_to";

/// What the select offers and what the fact-check is assigned to now.
#[derive(Default)]
pub(super) struct AssignmentField {
    pub(super) people: Vec<Person>,
    /// Who it is assigned to as saved (None: nobody, or not saved yet).
    saved: Option<UserId>,
    /// The current assignee when their account is disabled: kept in the select, so saving
    /// other changes does not unassign them, but not offered to anyone new.
    pub(super) disabled: Option<Person>,
}

impl AssignmentField {
    /// The choices `editor` has: editors anyone who can sign in and open it (editors, and
    /// its author); a writer only themself (see `domain::desk::may_assign`); and whoever
    /// holds the fact-check now.
    pub(super) fn load(
        conn: &Connection,
        editor: &SignedIn,
        id: Option<FactCheckId>,
    ) -> AppResult<AssignmentField> {
        let (saved, author) = match id {
            Some(id) => (
                assignments::current(conn, id)?,
                assignments::author_of(conn, id)?.unwrap_or(editor.user_id),
            ),
            None => (None, editor.user_id),
        };
        let everyone = users::assignable_to(conn, author)?;
        let disabled = match saved {
            Some(holder) if !everyone.iter().any(|p| p.id == holder) => {
                users::account(conn, holder)?.map(|a| Person {
                    id: a.id,
                    name: a.name,
                })
            }
            _ => None,
        };
        let people = everyone
            .into_iter()
            .filter(|p| editor.can_review() || p.id == editor.user_id || Some(p.id) == saved)
            .collect();
        Ok(AssignmentField {
            people,
            saved,
            disabled,
        })
    }

    /// Who holds it as saved, for a page that cannot change it.
    pub(super) fn current(&self) -> Option<&Person> {
        let saved = self.saved?;
        self.people
            .iter()
            .chain(self.disabled.as_ref())
            .find(|p| p.id == saved)
    }

    /// The assignee the form was first opened with, carried through every refill.
    pub(super) fn opened(&self, from: &Option<String>) -> String {
        match from {
            Some(from) => from.trim().to_owned(),
            None => self.saved.map(|id| id.to_string()).unwrap_or_default(),
        }
    }

    /// The option to show selected: what was typed into the form, or else what is saved.
    pub(super) fn chosen(&self, typed: &Option<String>) -> String {
        match typed {
            Some(typed) => typed.trim().to_owned(),
            None => self.saved.map(|id| id.to_string()).unwrap_or_default(),
        }
    }
}

/// What a save asks of the assignee: `None` leaves it as it is, `Some(None)` is nobody.
pub(super) type Asked = Option<Option<UserId>>;

/// The assignee the form asks for: `None` when the form has no such field (leave it as it
/// is), `Some(None)` for nobody. Anything but a number or nothing names no one.
pub(super) fn asked(extras: &Extras) -> Result<Asked, FieldErrors> {
    let Some(typed) = extras.assigned_to.as_deref().map(str::trim) else {
        return Ok(None);
    };
    // Left as it was when the form opened: someone may have handed it over since.
    if extras.assigned_from.as_deref().map(str::trim) == Some(typed) {
        return Ok(None);
    }
    if typed.is_empty() {
        return Ok(Some(None));
    }
    typed.parse().map(|id| Some(Some(UserId(id)))).map_err(|_| {
        let mut errors = FieldErrors::new();
        errors.add(FIELD, "Choose someone from the list.");
        errors
    })
}

/// The typed assignee, as `Extras` keeps it.
pub(super) fn typed(form: &FormData) -> Option<String> {
    form.get(FIELD).map(str::to_owned)
}

/// Why the asked-for assignment would be refused, for a form sent back with other errors
/// so that every problem shows at once.
pub(super) fn problems(
    conn: &Connection,
    editor: &SignedIn,
    id: Option<FactCheckId>,
    extras: &Extras,
) -> AppResult<FieldErrors> {
    let to = match asked(extras) {
        Ok(Some(to)) => to,
        Ok(None) => return Ok(FieldErrors::new()),
        Err(errors) => return Ok(errors),
    };
    let (from, author) = match id {
        Some(id) => (
            assignments::current(conn, id)?,
            assignments::author_of(conn, id)?.ok_or(AppError::NotFound)?,
        ),
        None => (None, editor.user_id),
    };
    let mut errors = FieldErrors::new();
    if let Some(why) = assignments::problem(conn, editor, author, from, to)? {
        errors.add(FIELD, why);
    }
    Ok(errors)
}

/// Saves the asked-for assignment inside the form's transaction (nothing when the form did
/// not carry the field). The answer says whether the assignee changed.
pub(super) fn save(
    tx: &Transaction<'_>,
    id: FactCheckId,
    to: Asked,
    by: &SignedIn,
    now: Moment,
) -> Result<bool, AppError> {
    match to {
        Some(to) => assignments::assign(tx, id, to, by, now),
        None => Ok(false),
    }
}

/// Adds every problem of `more` after those of `errors`, so the form shows them all at once.
pub(super) fn merge(errors: &mut FieldErrors, more: &FieldErrors) {
    for (field, message) in more.iter() {
        errors.add(field, message);
    }
}
