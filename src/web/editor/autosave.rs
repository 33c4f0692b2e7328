//! Autosave: `POST /editor/autosave` keeps the form as typed in the editor's own slot (for
//! static/autosave.js, every ~20 s of typing); reopening the form offers to restore it
//! (`?autosave=restore`) or discard it (`POST /editor/autosave/discard`). A slot is never a
//! revision and never touches the fact-check: a restored form is saved, or refused with the
//! conflict page, by the ordinary save.

use super::opened::{check_can_save, opened_version};
use super::{Extras, Saved, load, parse_id};
use crate::db::fact_checks;
use crate::domain::{Autosave, FactCheckId, FactCheckInput, Moment, SignedIn, UserId};
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::api::json;
use crate::web::auth::SignedInForm;
use crate::web::form::FormData;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

/// Fields the form carries that are not what the editor typed: the session's token, and
/// what names the slot (the version is kept as `based_on`).
const NOT_TYPED: &[&str] = &["csrf", "version", "fact_check"];

/// What the form page says about the editor's slot.
#[derive(Default)]
pub(super) struct AutosaveNote {
    /// An unsaved form kept earlier: offered to restore or discard.
    pub(super) offered: Option<Kept>,
    /// The form holds what was restored from the slot.
    pub(super) restored: Option<Kept>,
    /// How often the script keeps the form while it changes, in seconds.
    pub(super) every_seconds: u64,
}

pub(super) struct Kept {
    pub(super) saved_at: Moment,
    /// Someone saved a newer version after this was typed.
    pub(super) stale: bool,
}

impl AutosaveNote {
    pub(super) fn quiet(state: &AppState) -> Self {
        AutosaveNote {
            every_seconds: state.autosave_every.as_secs().max(1),
            ..AutosaveNote::default()
        }
    }
}

/// The editor's slot as they asked to restore it, with the form it holds.
pub(super) type Restored = Option<(Autosave, FormData)>;

/// The editor's slot for `fact_check` as a form, when they asked to restore it.
pub(super) fn to_restore(
    state: &AppState,
    editor: &SignedIn,
    fact_check: Option<FactCheckId>,
    restoring: bool,
) -> AppResult<Restored> {
    if !restoring {
        return Ok(None);
    }
    let slot = state
        .db
        .read(|conn| fact_checks::autosave(conn, editor.user_id, fact_check))?;
    Ok(slot.map(|slot| {
        let form = FormData::from_pairs(slot.fields.clone());
        (slot, form)
    }))
}

/// The fact-check's fields as the restored form holds them, without the empty rows the
/// form had for typing into (the form adds its own again).
pub(super) fn restored_input(restored: &Restored) -> Option<FactCheckInput> {
    restored.as_ref().map(|(_, form)| {
        let mut input = FactCheckInput::from(form);
        input.appearances.retain(|a| !a.is_blank());
        input.sources.retain(|s| !s.is_blank());
        input
    })
}

/// What the form page says about `user`'s slot for the fact-check `saved` (none: the new
/// form): what was restored into it, or else what may be; and a restored form's extras.
/// A restored form keeps the version it was typed over, so that saving it over someone's
/// newer save leads to the conflict page rather than replacing their work.
pub(super) fn note(
    state: &AppState,
    user: UserId,
    saved: Option<&mut Saved>,
    can_save: bool,
    restored: Restored,
) -> AppResult<(AutosaveNote, Option<Extras>)> {
    let mut note = AutosaveNote::quiet(state);
    let current = saved.as_ref().map(|s| (s.version, s.updated_at));
    let stale = |slot: &Autosave| current.is_some_and(|(version, _)| slot.is_stale(version));
    if let Some((slot, form)) = restored {
        note.restored = Some(Kept {
            stale: stale(&slot),
            saved_at: slot.saved_at,
        });
        if let (Some(saved), Some(based_on)) = (saved, slot.based_on) {
            saved.version = based_on;
        }
        return Ok((note, Some(Extras::from_form(&form))));
    }
    let fact_check = saved.map(|s| s.id);
    let slot = state
        .db
        .read(|conn| fact_checks::autosave(conn, user, fact_check))?;
    note.offered = slot
        .filter(|slot| can_save && slot.worth_offering(current))
        .map(|slot| Kept {
            stale: stale(&slot),
            saved_at: slot.saved_at,
        });
    Ok((note, None))
}

/// The fact-check a form post names (`fact_check`: its id, empty for the new form), once
/// this editor is known to be allowed to change it.
fn slot_of(state: &AppState, editor: &SignedIn, form: &FormData) -> AppResult<Option<FactCheckId>> {
    match form.get("fact_check").map(str::trim) {
        None | Some("") => Ok(None),
        Some(raw) => {
            let id = parse_id(raw)?;
            check_can_save(editor, &load(state, id)?)?;
            Ok(Some(id))
        }
    }
}

pub async fn autosave(
    State(state): State<AppState>,
    SignedInForm { editor, form, .. }: SignedInForm,
) -> AppResult<Response> {
    let saved_at = keep_typed(&state, &editor, &form).await?;
    Ok(json(
        StatusCode::OK,
        &serde_json::json!({ "saved_at": saved_at.rfc3339() }),
    ))
}

/// Keeps the form as posted in the editor's slot for the fact-check it names (`fact_check`),
/// once they are known to be allowed to change it; when it was kept.
pub(super) async fn keep_typed(
    state: &AppState,
    editor: &SignedIn,
    form: &FormData,
) -> AppResult<Moment> {
    let fact_check = slot_of(state, editor, form)?;
    let based_on = match fact_check {
        Some(_) => Some(opened_version(form)?),
        None => None,
    };
    let fields = form
        .pairs()
        .iter()
        .filter(|(name, _)| !NOT_TYPED.contains(&name.as_str()))
        .cloned()
        .collect();
    let kept = Autosave {
        fields,
        based_on,
        saved_at: Moment::now(),
    };
    let saved_at = kept.saved_at;
    let user = editor.user_id;
    state
        .db
        .write(move |tx| fact_checks::keep_autosave(tx, user, fact_check, &kept))
        .await?;
    Ok(saved_at)
}

/// Empties the slot and reopens the form as saved. Offered only when the form opens,
/// before anything is typed, as it leaves the page.
pub async fn discard(
    State(state): State<AppState>,
    SignedInForm { editor, form, .. }: SignedInForm,
) -> AppResult<Response> {
    let fact_check = slot_of(&state, &editor, &form)?;
    let user = editor.user_id;
    state
        .db
        .write(move |tx| fact_checks::discard_autosave(tx, user, fact_check))
        .await?;
    let form_path = match fact_check {
        Some(id) => format!("/editor/fact-checks/{id}"),
        None => "/editor/fact-checks/new".to_owned(),
    };
    Ok(Redirect::to(&form_path).into_response())
}
