//! An edit form as posted: the fact-check it changes, checked as one this editor may save,
//! and the fields as typed. Saving and previewing an edit both start here.

use super::{Extras, Saved, check_can_open, load, parse_id, saved_of};
use crate::domain::{EditableFactCheck, FactCheckId, FactCheckInput, SignedIn};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::form::FormData;

/// An edit form as posted, by someone who may save it.
pub(super) struct OpenedEdit {
    pub(super) id: FactCheckId,
    /// The fact-check as saved now.
    pub(super) current: EditableFactCheck,
    /// What the form shows of it: until a conflict is seen, with the version it was opened at.
    pub(super) saved: Saved,
    pub(super) input: FactCheckInput,
    pub(super) extras: Extras,
}

pub(super) fn opened_edit(
    state: &AppState,
    editor: &SignedIn,
    id: &str,
    form: &FormData,
) -> AppResult<OpenedEdit> {
    let id = parse_id(id)?;
    let current = load(state, id)?;
    check_can_save(editor, &current)?;
    let mut saved = saved_of(&current);
    saved.version = opened_version(form)?;
    Ok(OpenedEdit {
        id,
        current,
        saved,
        input: FactCheckInput::from(form),
        extras: Extras::from_form(form),
    })
}

/// Writers may change only their own drafts; editors and admins any fact-check.
pub(super) fn check_can_save(editor: &SignedIn, fc: &EditableFactCheck) -> AppResult<()> {
    check_can_open(editor, fc)?;
    if editor.may_edit(fc.author_id, fc.status) {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "This fact-check is {}: only an editor can change it now.",
            fc.status.label().to_lowercase()
        )))
    }
}

/// The version the form was opened at, which a save must name.
pub(super) fn opened_version(form: &FormData) -> AppResult<i64> {
    form.get("version")
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| {
            AppError::BadRequest("The form is missing its version; reload the page.".to_owned())
        })
}
