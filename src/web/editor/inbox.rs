//! The claim inbox for editors: tips readers sent, newest first, with what the desk already
//! checked beside each; moving a tip through its states, giving it to someone, and
//! starting a fact-check from it.

use crate::db::{similar, tips};
use crate::domain::similar::SimilarMatch;
use crate::domain::{
    AppearanceInput, FactCheckId, FactCheckInput, Moment, SignedIn, Tip, TipId, TipState, UserId,
};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::web::auth::{Editor, Reviewer, SignedInForm};
use crate::web::form::{PageNumber, Query};
use crate::web::{Pager, PathText};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

/// Tips per page: each runs an "already checked?" lookup, so pages stay short.
const INBOX_PAGE: usize = 10;

#[derive(Template)]
#[template(path = "editor/inbox.html")]
struct InboxPage {
    editor: SignedIn,
    /// Each tip with the fact-checks that may already answer it.
    tips: Vec<(Tip, Vec<SimilarMatch>)>,
    /// The state shown, or every state.
    state: Option<TipState>,
    people: Vec<(UserId, String)>,
    pager: Pager,
    /// A refused "duplicate of": the tip, what was typed, and why.
    problem: Option<(TipId, String, String)>,
    /// Days a contact email is kept, to say why one is gone.
    email_days: i64,
}

impl InboxPage {
    fn states(&self) -> [TipState; 5] {
        TipState::ALL
    }

    fn showing(&self, state: &TipState) -> bool {
        self.state == Some(*state)
    }

    fn problem_for(&self, tip: &TipId) -> Option<(&str, &str)> {
        self.problem
            .as_ref()
            .filter(|(id, _, _)| id == tip)
            .map(|(_, typed, why)| (typed.as_str(), why.as_str()))
    }
}

/// The inbox is the editors' triage: writers are not shown it (nor readers' emails).
fn check_may_triage(editor: &SignedIn) -> AppResult<()> {
    if editor.can_review() {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Only editors and admins read the inbox.".to_owned(),
        ))
    }
}

#[derive(serde::Deserialize)]
pub struct InboxQuery {
    #[serde(default)]
    page: PageNumber,
    state: Option<String>,
}

/// `GET /editor/inbox?state=&page=`.
pub async fn inbox(
    State(state): State<AppState>,
    Editor(editor): Editor,
    Query(query): Query<InboxQuery>,
) -> AppResult<Response> {
    check_may_triage(&editor)?;
    let shown = match query.state.as_deref().map(str::trim) {
        None | Some("") | Some("all") => None,
        Some(name) => Some(TipState::from_stored(name).ok_or(AppError::NotFound)?),
    };
    let page = inbox_page(&state, editor, shown, query.page.0, None).await?;
    Ok(render(&page)?.into_response())
}

async fn inbox_page(
    state: &AppState,
    editor: SignedIn,
    shown: Option<TipState>,
    page: usize,
    problem: Option<(TipId, String, String)>,
) -> AppResult<InboxPage> {
    // Up to INBOX_PAGE similarity lookups make this a slow read.
    let (tips, has_more, people) = state
        .db
        .read_slow(move |conn| {
            let (tips, has_more) = tips::page(conn, shown, page, INBOX_PAGE)?;
            let mut with_matches = Vec::with_capacity(tips.len());
            for tip in tips {
                let except = tip.reported.as_ref().map(|(id, _)| *id);
                let found = similar::similar(conn, &tip.claim, except, None, similar::BUDGET)?;
                with_matches.push((tip, found));
            }
            Ok((with_matches, has_more, tips::assignable(conn)?))
        })
        .await?;
    let path = match shown {
        Some(s) => format!("/editor/inbox?state={}", s.as_str()),
        None => "/editor/inbox".to_owned(),
    };
    Ok(InboxPage {
        editor,
        tips,
        state: shown,
        people,
        pager: Pager::new(path, page, has_more),
        problem,
        email_days: state.tip_email_days,
    })
}

fn parse_tip(raw: &str) -> AppResult<TipId> {
    raw.parse().map_err(|_| AppError::NotFound)
}

/// `POST /editor/inbox/{id}/state`: `state` one of the tip states; "duplicate" needs
/// `duplicate_of`, a fact-check's id or slug (a match's button sends its id).
pub async fn change_state(
    State(state): State<AppState>,
    PathText(id): PathText,
    SignedInForm { editor, form, .. }: SignedInForm<Reviewer>,
) -> AppResult<Response> {
    let id = parse_tip(&id)?;
    let chosen = TipState::from_stored(form.get("state").unwrap_or_default().trim())
        .ok_or_else(|| AppError::BadRequest("Choose a state for the tip.".to_owned()))?;
    let typed = form.text("duplicate_of");
    let duplicate_of = if chosen == TipState::Duplicate {
        let found = state.db.read(|conn| tips::fact_check_named(conn, &typed))?;
        match found {
            Some(fc) => Some(fc),
            None => {
                let why = if typed.trim().is_empty() {
                    "Name the fact-check this tip repeats: its number or its address."
                } else {
                    "There is no fact-check with that number or address."
                };
                let problem = Some((id, typed, why.to_owned()));
                let page = inbox_page(&state, editor, None, 1, problem).await?;
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
            }
        }
    } else {
        None
    };
    let by = editor.user_id;
    let changed = state
        .db
        .write(move |tx| tips::change_state(tx, id, chosen, duplicate_of, by, Moment::now()))
        .await?;
    if !changed {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("/editor/inbox#tip-{id}")).into_response())
}

/// `POST /editor/inbox/{id}/assign`: `person` an account's id, or empty for nobody.
pub async fn assign(
    State(state): State<AppState>,
    PathText(id): PathText,
    SignedInForm { editor, form, .. }: SignedInForm<Reviewer>,
) -> AppResult<Response> {
    let id = parse_tip(&id)?;
    let person = match form.get("person").map(str::trim) {
        None | Some("") => None,
        Some(raw) => {
            let person: UserId = raw
                .parse()
                .map_err(|_| AppError::BadRequest("Choose a person from the list.".to_owned()))?;
            let people = state.db.read(tips::assignable)?;
            if !people.iter().any(|(p, _)| *p == person) {
                return Err(AppError::BadRequest(
                    "That account cannot take tips: choose a person from the list.".to_owned(),
                ));
            }
            Some(person)
        }
    };
    let by = editor.user_id;
    let changed = state
        .db
        .write(move |tx| tips::change_assignee(tx, id, person, by, Moment::now()))
        .await?;
    if !changed {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("/editor/inbox#tip-{id}")).into_response())
}

/// The tip a new fact-check is started from (`?tip=` on the new form, the hidden `tip`
/// field on its save), for editors only; the tip must exist.
pub(super) fn started_from(
    state: &AppState,
    editor: &SignedIn,
    raw: &str,
) -> AppResult<Option<Tip>> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    check_may_triage(editor)?;
    let id = parse_tip(raw.trim())?;
    state
        .db
        .read(|conn| tips::get(conn, id))?
        .ok_or(AppError::NotFound)
        .map(Some)
}

/// How many tips wait for an editor: "N new in the inbox" on the desk (none for writers).
pub(super) fn new_in_inbox(state: &AppState, editor: &SignedIn) -> AppResult<i64> {
    if editor.can_review() {
        state.db.read(tips::new_count)
    } else {
        Ok(0)
    }
}

/// The new fact-check form as a tip starts it: the claim and where it was seen.
pub(super) fn prefill(tip: &Tip) -> FactCheckInput {
    let mut input = FactCheckInput {
        claim_text: tip.claim.clone(),
        ..FactCheckInput::default()
    };
    if let Some(link) = &tip.seen_link {
        input.appearances.push(AppearanceInput {
            url: link.clone(),
            ..AppearanceInput::default()
        });
    }
    input
}

/// Marks `tip` accepted and linked to fact-check `id`, in the transaction that created it.
pub(super) fn link_started(
    tx: &rusqlite::Transaction<'_>,
    tip: Option<TipId>,
    id: FactCheckId,
    by: UserId,
    now: Moment,
) -> AppResult<()> {
    if let Some(tip) = tip {
        tips::change_state(tx, tip, TipState::Accepted, Some(id), by, now)?;
    }
    Ok(())
}
