//! Editor pages: the dashboard, the fact-check form (new and edit), the review workflow,
//! publication, and revision history.

use super::PathText;
use super::auth::Editor;
use super::form::{FormData, query_value};
use crate::app::AppState;
use crate::db::{audit, claimants, fact_checks, ratings, search};
use crate::domain::{
    AppearanceInput, ChangeMark, ClaimantKind, ClaimantProposal, DashboardRow, EditableFactCheck,
    FactCheckDraft, FactCheckId, FactCheckInput, FieldChange, FieldErrors, Moment,
    ProposalDecision, Rating, RevisionSummary, Role, SearchQuery, SignedIn, SourceInput, Status,
    bounded_text, diff,
};
use crate::error::{AppError, AppResult, render};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{NaiveDateTime, TimeZone, Utc};

#[derive(Template)]
#[template(path = "editor/dashboard.html")]
struct DashboardPage {
    editor: SignedIn,
    rows: Vec<DashboardRow>,
    /// The search box as typed; results replace the full list when it holds words.
    typed: String,
    searched: bool,
    /// Why the words typed were not searched (too costly), shown beside the box.
    refusal: Option<String>,
    pager: super::Pager,
}

/// Fact-checks per page of the desk.
const DESK_PAGE: usize = 50;

/// The desk, or with `?q=` the best matches among every fact-check, drafts included.
pub async fn dashboard(
    State(state): State<AppState>,
    Editor(editor): Editor,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let page = super::page_number(query.as_deref())?;
    let typed = query_value(query.as_deref(), "q").unwrap_or_default();
    let (searched, mut refusal) = match SearchQuery::parse(&typed) {
        Ok(searched) => (searched, None),
        Err(why) => (None, Some(why)),
    };
    // Writers work on their own fact-checks; the whole desk is the editors' view.
    let own = (editor.role == Role::Writer).then_some(editor.user_id);
    let budget = state.search_budget;
    // The desk sorts every fact-check by status and time, so even its first page is a
    // slow read on a large newsroom.
    // A refused search lists nothing, so the desk below it is not taken for its results.
    let refused = refusal.is_some();
    let (searched, found) = state
        .db
        .read_slow(move |conn| {
            let found = match &searched {
                Some(q) => match search::everything(conn, q, own, budget) {
                    Err(AppError::TooBroad(why)) => Err(why),
                    rows => Ok((rows?, false)),
                },
                None if refused => Ok((Vec::new(), false)),
                None => Ok(fact_checks::dashboard(conn, own, page, DESK_PAGE)?),
            };
            Ok((searched, found))
        })
        .await?;
    let (rows, has_more) = found.unwrap_or_else(|why| {
        refusal = Some(why);
        (Vec::new(), false)
    });
    let status = match refusal {
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
        None => StatusCode::OK,
    };
    let html = render(&DashboardPage {
        editor,
        rows,
        searched: searched.is_some() && refusal.is_none(),
        typed: searched.map(|q| q.text).unwrap_or(typed),
        refusal,
        pager: super::Pager {
            path: "/editor".to_owned(),
            page,
            has_more,
        },
    })?;
    Ok((status, html).into_response())
}

/// What the form knows about a fact-check that is already saved.
struct Saved {
    id: FactCheckId,
    version: i64,
    status: Status,
    slug: String,
    author: String,
    updated_at: Moment,
    published_at: Option<Moment>,
    scheduled: bool,
    /// Live now or retracted: readers have seen it.
    seen_by_readers: bool,
    review_note: Option<String>,
    retraction_note: Option<String>,
    claimant_url_on_file: Option<String>,
    claimant_kind_on_file: ClaimantKind,
    claimant_proposal: Option<ClaimantProposal>,
}

fn saved_of(fc: &EditableFactCheck) -> Saved {
    Saved {
        id: fc.id,
        version: fc.version,
        status: fc.status,
        slug: fc.input.slug.clone(),
        author: fc.author.clone(),
        updated_at: fc.updated_at,
        published_at: fc.published_at,
        scheduled: fc.is_scheduled(),
        seen_by_readers: fc.seen_by_readers(),
        review_note: fc.review_note.clone(),
        retraction_note: fc.retraction_note.clone(),
        claimant_url_on_file: fc.claimant_url_on_file.clone(),
        claimant_kind_on_file: fc.claimant_kind_on_file,
        claimant_proposal: fc.claimant_proposal.clone(),
    }
}

/// The form's extra fields that are not part of the fact-check itself.
#[derive(Default)]
struct Extras {
    change_kind: String,
    change_note: String,
    review_comment: String,
    retraction_note: String,
    publish_at: String,
    /// "apply" or "decline": the editor's answer to the draft's claimant proposal.
    claimant_proposal: String,
    /// The version shown when a workflow button was pressed.
    version: Option<i64>,
}

impl Extras {
    fn from_form(form: &FormData) -> Self {
        Extras {
            change_kind: form.text("change_kind"),
            change_note: form.text("change_note"),
            review_comment: form.text("review_comment"),
            retraction_note: form.text("retraction_note"),
            publish_at: form.text("publish_at"),
            claimant_proposal: form.text("claimant_proposal"),
            version: form.get("version").and_then(|v| v.trim().parse().ok()),
        }
    }
}

#[derive(Template)]
#[template(path = "editor/fact_check_form.html")]
struct FormPage {
    editor: SignedIn,
    saved: Option<Saved>,
    input: FactCheckInput,
    extras: Extras,
    errors: FieldErrors,
    ratings: Vec<Rating>,
    claimants: Vec<String>,
    notice: Option<&'static str>,
    /// Someone saved a newer version while this form was open; these are their changes.
    conflict: Option<Vec<FieldChange>>,
    /// The revision this form was filled from, when restoring.
    restoring: Option<i64>,
    can_save: bool,
}

impl FormPage {
    fn new(
        state: &AppState,
        editor: SignedIn,
        saved: Option<Saved>,
        mut input: FactCheckInput,
        errors: FieldErrors,
    ) -> AppResult<Self> {
        // Empty rows to type into: lists grow without JavaScript, one save at a time.
        let blank_appearances = if input.appearances.is_empty() { 2 } else { 1 };
        input.appearances.extend(std::iter::repeat_n(
            AppearanceInput::default(),
            blank_appearances,
        ));
        let blank_sources = if input.sources.is_empty() { 3 } else { 2 };
        input
            .sources
            .extend(std::iter::repeat_n(SourceInput::default(), blank_sources));
        let (ratings, claimants) = state
            .db
            .read(|conn| Ok((ratings::all(conn)?, claimants::names(conn)?)))?;
        let can_save = saved
            .as_ref()
            .is_none_or(|s| editor.can_review() || s.status == Status::Draft);
        Ok(FormPage {
            editor,
            saved,
            input,
            extras: Extras::default(),
            errors,
            ratings,
            claimants,
            notice: None,
            conflict: None,
            restoring: None,
            can_save,
        })
    }

    fn err(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }

    fn row_err(&self, kind: &str, index: &usize, field: &str) -> Option<&str> {
        self.errors.get(&format!("{kind}.{index}.{field}"))
    }

    fn error_count(&self) -> usize {
        self.errors.len()
    }

    fn anchor(&self, field: &str) -> String {
        FieldErrors::anchor(field)
    }

    fn row_label(&self, field: &str) -> String {
        FieldErrors::row_label(field)
    }

    /// Readers have seen this fact-check, so a save must say what kind of change it is.
    fn is_public(&self) -> bool {
        self.saved.as_ref().is_some_and(|s| s.seen_by_readers)
    }

    /// Published (or scheduled) or retracted: an editor's save changes the claimant record
    /// itself rather than proposing (see `fact_checks::update`).
    fn is_out(&self) -> bool {
        self.saved
            .as_ref()
            .is_some_and(|s| matches!(s.status, Status::Published | Status::Retracted))
    }

    fn change_kind_is(&self, kind: &str) -> bool {
        let chosen = if self.extras.change_kind.is_empty() {
            "minor"
        } else {
            self.extras.change_kind.as_str()
        };
        chosen == kind
    }
}

/// A diff as editors read it: ratings by their labels ("Mostly False"), not their slugs.
fn readable_diff(
    state: &AppState,
    before: &FactCheckInput,
    after: &FactCheckInput,
) -> AppResult<Vec<FieldChange>> {
    let ratings = state.db.read(ratings::all)?;
    let label = |slug: &str| {
        ratings
            .iter()
            .find(|r| r.slug == slug)
            .map_or_else(|| slug.to_owned(), |r| r.label.clone())
    };
    Ok(diff(before, after)
        .into_iter()
        .map(|mut change| {
            if change.field == "Rating" {
                change.before = label(&change.before);
                change.after = label(&change.after);
            }
            change
        })
        .collect())
}

/// Ids in editor URLs are numbers; anything else names nothing.
fn parse_id(raw: &str) -> AppResult<FactCheckId> {
    raw.parse().map_err(|_| AppError::NotFound)
}

fn load(state: &AppState, id: FactCheckId) -> AppResult<EditableFactCheck> {
    state
        .db
        .read(|conn| fact_checks::editable(conn, id))?
        .ok_or(AppError::NotFound)
}

/// Writers may open only their own fact-checks.
fn check_can_open(editor: &SignedIn, fc: &EditableFactCheck) -> AppResult<()> {
    if editor.can_review() || fc.author_id == editor.user_id {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Writers can open only their own fact-checks.".to_owned(),
        ))
    }
}

/// Writers may change only their own drafts; editors and admins any fact-check.
fn check_can_save(editor: &SignedIn, fc: &EditableFactCheck) -> AppResult<()> {
    check_can_open(editor, fc)?;
    if editor.can_review() || fc.status == Status::Draft {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "This fact-check is {}: only an editor can change it now.",
            fc.status.label().to_lowercase()
        )))
    }
}

fn form_response(status: StatusCode, page: &FormPage) -> AppResult<Response> {
    Ok((status, render(page)?).into_response())
}

fn edit_page_of(
    state: &AppState,
    editor: SignedIn,
    fc: EditableFactCheck,
    errors: FieldErrors,
) -> AppResult<FormPage> {
    FormPage::new(state, editor, Some(saved_of(&fc)), fc.input, errors)
}

pub async fn new_form(
    State(state): State<AppState>,
    Editor(editor): Editor,
) -> AppResult<Response> {
    let page = FormPage::new(
        &state,
        editor,
        None,
        FactCheckInput::default(),
        FieldErrors::new(),
    )?;
    form_response(StatusCode::OK, &page)
}

pub async fn create(
    State(state): State<AppState>,
    editor: Editor,
    body: Bytes,
) -> AppResult<Response> {
    let form = FormData::parse(&body);
    editor.check_csrf(&form)?;
    let input = FactCheckInput::from(&form);
    let Editor(editor) = editor;
    let draft = match FactCheckDraft::try_from(&input) {
        Ok(draft) => draft,
        Err(errors) => {
            let page = FormPage::new(&state, editor, None, input, errors)?;
            return form_response(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let author = editor.user_id;
    match state
        .db
        .write(move |tx| fact_checks::create(tx, &draft, author, Moment::now()))
        .await
    {
        Ok(id) => {
            Ok(Redirect::to(&format!("/editor/fact-checks/{id}?done=created")).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let page = FormPage::new(&state, editor, None, input, errors)?;
            form_response(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}

fn notice_for(done: Option<&str>) -> Option<&'static str> {
    match done? {
        "created" => {
            Some("Draft saved. Check its sources, then submit it for review or publish it.")
        }
        "saved" => Some("Changes saved."),
        "submitted" => {
            Some("Submitted for review: an editor will publish it or send it back with a comment.")
        }
        "returned" => Some("Sent back to the writer as a draft, with your comment."),
        "published" => Some("Published: readers can now see this fact-check."),
        "scheduled" => Some("Scheduled: readers will see this fact-check from the time set."),
        "unscheduled" => Some("No longer scheduled: this fact-check is a draft again."),
        "retracted" => Some("Retracted: the page now shows your note in place of the verdict."),
        _ => None,
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    Editor(editor): Editor,
    PathText(id): PathText,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let mut fc = load(&state, id)?;
    check_can_open(&editor, &fc)?;
    let mut restoring = None;
    if let Some(raw) = query_value(query.as_deref(), "restore") {
        let version: i64 = raw.trim().parse().map_err(|_| AppError::NotFound)?;
        fc.input = state
            .db
            .read(|conn| fact_checks::revision(conn, id, version))?
            .ok_or(AppError::NotFound)?;
        // The claimant's link and kind belong to their shared record, not to this
        // fact-check's history: a restore never brings back what an old draft proposed.
        fc.input.claimant_url.clear();
        fc.input.claimant_kind.clear();
        restoring = Some(version);
    }
    let mut page = edit_page_of(&state, editor, fc, FieldErrors::new())?;
    page.notice = notice_for(query_value(query.as_deref(), "done").as_deref());
    page.restoring = restoring;
    form_response(StatusCode::OK, &page)
}

pub async fn update(
    State(state): State<AppState>,
    editor: Editor,
    PathText(id): PathText,
    body: Bytes,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let form = FormData::parse(&body);
    editor.check_csrf(&form)?;
    let Editor(editor) = editor;
    let current = load(&state, id)?;
    check_can_save(&editor, &current)?;
    let opened_version: i64 = form
        .get("version")
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| {
            AppError::BadRequest("The form is missing its version; reload the page.".to_owned())
        })?;
    let input = FactCheckInput::from(&form);
    let extras = Extras::from_form(&form);
    let mut saved = saved_of(&current);
    // Until a conflict is seen, the form keeps the version it was opened at.
    saved.version = opened_version;

    let parsed = (
        FactCheckDraft::try_from(&input),
        ChangeMark::parse(
            &extras.change_kind,
            &extras.change_note,
            current.seen_by_readers(),
        ),
    );
    let (draft, mark) = match parsed {
        (Ok(draft), Ok(mark)) => (draft, mark),
        (draft, mark) => {
            let mut errors = draft.err().unwrap_or_default();
            for (field, message) in mark.err().unwrap_or_default().iter() {
                errors.add(field, message);
            }
            let mut page = FormPage::new(&state, editor, Some(saved), input, errors)?;
            page.extras = extras;
            return form_response(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let by = editor.clone();
    match state
        .db
        .write(move |tx| {
            fact_checks::update(tx, id, opened_version, &draft, &mark, &by, Moment::now())
        })
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/editor/fact-checks/{id}?done=saved")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let mut page = FormPage::new(&state, editor, Some(saved), input, errors)?;
            page.extras = extras;
            form_response(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(AppError::Conflict) => {
            // Keep everything typed and show what the other save changed; the form now
            // carries the newest version, so saving again is a deliberate choice.
            let latest = load(&state, id)?;
            let opened = state
                .db
                .read(|conn| fact_checks::revision(conn, id, opened_version))?
                .unwrap_or_default();
            let changes = readable_diff(&state, &opened, &latest.input)?;
            let mut page = FormPage::new(
                &state,
                editor,
                Some(saved_of(&latest)),
                input,
                FieldErrors::new(),
            )?;
            page.extras = extras;
            page.conflict = Some(changes);
            form_response(StatusCode::CONFLICT, &page)
        }
        Err(e) => Err(e),
    }
}

/// The outcome of a workflow button: where to go, or the edit page with the problem.
async fn workflow_result(
    state: &AppState,
    editor: SignedIn,
    id: FactCheckId,
    extras: Extras,
    result: AppResult<&'static str>,
) -> AppResult<Response> {
    match result {
        Ok(done) => {
            Ok(Redirect::to(&format!("/editor/fact-checks/{id}?done={done}")).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let fc = load(state, id)?;
            let mut page = edit_page_of(state, editor, fc, errors)?;
            page.extras = extras;
            form_response(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}

/// The common start of every workflow button: the id, a checked form, the fact-check.
fn workflow_request(
    state: &AppState,
    editor: &Editor,
    id: &str,
    body: &Bytes,
) -> AppResult<(FactCheckId, EditableFactCheck, Extras)> {
    let id = parse_id(id)?;
    let form = FormData::parse(body);
    editor.check_csrf(&form)?;
    let fc = load(state, id)?;
    check_can_open(&editor.0, &fc)?;
    Ok((id, fc, Extras::from_form(&form)))
}

pub async fn submit(
    State(state): State<AppState>,
    editor: Editor,
    PathText(id): PathText,
    body: Bytes,
) -> AppResult<Response> {
    let (id, fc, extras) = workflow_request(&state, &editor, &id, &body)?;
    let (user, headline) = (editor.0.user_id, fc.input.headline.clone());
    let result = state
        .db
        .write(move |tx| {
            let now = Moment::now();
            fact_checks::submit_for_review(tx, id, now)?;
            audit::record(tx, Some(user), "submit_for_review", &headline, "", now)?;
            Ok("submitted")
        })
        .await;
    workflow_result(&state, editor.0, id, extras, result).await
}

pub async fn send_back(
    State(state): State<AppState>,
    editor: Editor,
    PathText(id): PathText,
    body: Bytes,
) -> AppResult<Response> {
    editor.require_reviewer()?;
    let (id, fc, extras) = workflow_request(&state, &editor, &id, &body)?;
    let (user, headline) = (editor.0.user_id, fc.input.headline.clone());
    let result = match bounded_text("Your comment", &extras.review_comment, 2000, true) {
        Err(message) => Err(AppError::invalid("review_comment", message)),
        Ok(comment) => {
            let comment = comment.unwrap_or_default();
            state
                .db
                .write(move |tx| {
                    let now = Moment::now();
                    fact_checks::return_to_draft(tx, id, &comment, now)?;
                    audit::record(tx, Some(user), "return_to_draft", &headline, &comment, now)?;
                    Ok("returned")
                })
                .await
        }
    };
    workflow_result(&state, editor.0, id, extras, result).await
}

/// `<input type="datetime-local">` gives "2025-06-24T09:30" with no zone; the form says UTC.
fn parse_publish_at(raw: &str) -> Result<Option<Moment>, String> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .filter(|naive| (1970..=9999).contains(&chrono::Datelike::year(naive)))
        .map(|naive| Some(Moment(Utc.from_utc_datetime(&naive))))
        .ok_or_else(|| {
            "Publication time must be a date and time, like 2025-06-24T09:30 (UTC).".to_owned()
        })
}

pub async fn publish(
    State(state): State<AppState>,
    editor: Editor,
    PathText(id): PathText,
    body: Bytes,
) -> AppResult<Response> {
    editor.require_reviewer()?;
    let (id, fc, extras) = workflow_request(&state, &editor, &id, &body)?;
    let reviewed_version = extras.version;
    let (user, headline) = (editor.0.user_id, fc.input.headline.clone());
    let parsed = (
        parse_publish_at(&extras.publish_at),
        ProposalDecision::parse_optional(&extras.claimant_proposal),
    );
    let result = match parsed {
        (Err(message), _) => Err(AppError::invalid("publish_at", message)),
        (_, Err(message)) => Err(AppError::invalid("claimant_proposal", message)),
        (Ok(at), Ok(decision)) => {
            state
                .db
                .write(move |tx| {
                    let now = Moment::now();
                    let at = at.filter(|at| *at > now).unwrap_or(now);
                    fact_checks::publish(tx, id, reviewed_version, at, now)?;
                    claimants::settle_proposal(tx, id, decision, user, now)?;
                    let scheduled = at > now;
                    let action = if scheduled { "schedule" } else { "publish" };
                    audit::record(tx, Some(user), action, &headline, &at.rfc3339(), now)?;
                    Ok(if scheduled { "scheduled" } else { "published" })
                })
                .await
        }
    };
    if let Ok(done) = result {
        tracing::info!(editor = %editor.0.email, %id, done, "publication changed");
    }
    workflow_result(&state, editor.0, id, extras, result).await
}

pub async fn unpublish(
    State(state): State<AppState>,
    editor: Editor,
    PathText(id): PathText,
    body: Bytes,
) -> AppResult<Response> {
    editor.require_reviewer()?;
    let (id, fc, extras) = workflow_request(&state, &editor, &id, &body)?;
    let (user, headline) = (editor.0.user_id, fc.input.headline.clone());
    let result = match bounded_text("The retraction note", &extras.retraction_note, 2000, false) {
        Err(message) => Err(AppError::invalid("retraction_note", message)),
        Ok(note) => {
            state
                .db
                .write(move |tx| {
                    let now = Moment::now();
                    Ok(match fact_checks::withdraw(tx, id, note.as_deref(), now)? {
                        fact_checks::Withdrawal::Unscheduled => {
                            audit::record(tx, Some(user), "unschedule", &headline, "", now)?;
                            "unscheduled"
                        }
                        fact_checks::Withdrawal::Retracted => {
                            let note = note.unwrap_or_default();
                            audit::record(tx, Some(user), "retract", &headline, &note, now)?;
                            "retracted"
                        }
                    })
                })
                .await
        }
    };
    workflow_result(&state, editor.0, id, extras, result).await
}

#[derive(Template)]
#[template(path = "editor/revisions.html")]
struct RevisionsPage {
    editor: SignedIn,
    id: FactCheckId,
    headline: String,
    current_version: i64,
    revisions: Vec<RevisionSummary>,
    comparison: Option<Comparison>,
}

struct Comparison {
    from: i64,
    to: i64,
    changes: Vec<FieldChange>,
}

impl RevisionsPage {
    fn is_from(&self, version: &i64) -> bool {
        self.comparison
            .as_ref()
            .map_or(self.revisions.get(1).map(|r| r.version), |c| Some(c.from))
            == Some(*version)
    }

    fn is_to(&self, version: &i64) -> bool {
        self.comparison
            .as_ref()
            .map_or(Some(self.current_version), |c| Some(c.to))
            == Some(*version)
    }
}

pub async fn revisions(
    State(state): State<AppState>,
    Editor(editor): Editor,
    PathText(id): PathText,
    RawQuery(query): RawQuery,
) -> AppResult<Html<String>> {
    let id = parse_id(&id)?;
    let fc = load(&state, id)?;
    check_can_open(&editor, &fc)?;
    let revisions = state.db.read(|conn| fact_checks::revisions(conn, id))?;
    let version_param =
        |name: &str| -> AppResult<Option<i64>> {
            match query_value(query.as_deref(), name) {
                None => Ok(None),
                Some(raw) => raw.trim().parse().map(Some).map_err(|_| {
                    AppError::BadRequest(format!("“{name}” must be a version number."))
                }),
            }
        };
    let comparison = match (version_param("from")?, version_param("to")?) {
        (Some(from), Some(to)) => {
            let (before, after) = state.db.read(|conn| {
                Ok((
                    fact_checks::revision(conn, id, from)?,
                    fact_checks::revision(conn, id, to)?,
                ))
            })?;
            match (before, after) {
                (Some(before), Some(after)) => Some(Comparison {
                    from,
                    to,
                    changes: readable_diff(&state, &before, &after)?,
                }),
                _ => return Err(AppError::NotFound),
            }
        }
        _ => None,
    };
    render(&RevisionsPage {
        editor,
        id,
        headline: fc.input.headline,
        current_version: fc.version,
        revisions,
        comparison,
    })
}

#[cfg(test)]
mod tests {
    use super::parse_publish_at;

    #[test]
    fn publication_times_are_read_as_utc() {
        let at = parse_publish_at("2025-06-24T09:30").unwrap().unwrap();
        assert_eq!(at.rfc3339(), "2025-06-24T09:30:00Z");
        assert_eq!(parse_publish_at("  ").unwrap(), None);
        assert!(parse_publish_at("tomorrow").is_err());
        assert!(parse_publish_at("+10000-01-01T00:00").is_err());
    }
}
