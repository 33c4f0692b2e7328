//! Revision history of a fact-check, and the comparison of any two revisions.

use super::{check_can_open, load, parse_id, readable_diff};
use crate::db::assignments::{self, AssignmentChange};
use crate::db::fact_checks;
use crate::domain::{FactCheckId, FieldChange, Moment, RevisionSummary, SignedIn};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::web::PathText;
use crate::web::auth::Editor;
use crate::web::form::Query;
use askama::Template;
use axum::extract::State;
use axum::response::Html;

#[derive(Template)]
#[template(path = "editor/revisions.html")]
struct RevisionsPage {
    editor: SignedIn,
    id: FactCheckId,
    headline: String,
    current_version: i64,
    revisions: Vec<RevisionSummary>,
    /// The revisions with every change of assignee among them, newest first.
    history: Vec<HistoryLine>,
    comparison: Option<Comparison>,
}

/// One line of the history table: a saved version, or a hand-over that changed no text.
enum HistoryLine {
    Saved(RevisionSummary),
    Assigned(AssignmentChange),
}

/// Interleaves the two histories by time, newest first; a version and a hand-over in the
/// same second (one Save did both) show the version first.
fn history_of(revisions: &[RevisionSummary], changes: Vec<AssignmentChange>) -> Vec<HistoryLine> {
    let mut lines: Vec<(Moment, u8, HistoryLine)> = revisions
        .iter()
        .map(|r| (r.saved_at, 0, HistoryLine::Saved(r.clone())))
        .chain(
            changes
                .into_iter()
                .map(|c| (c.at, 1, HistoryLine::Assigned(c))),
        )
        .collect();
    // Stable: each history is already newest first.
    lines.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    lines.into_iter().map(|(_, _, line)| line).collect()
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

/// `?from=&to=`: the two versions to compare.
#[derive(serde::Deserialize)]
pub struct CompareQuery {
    from: Option<String>,
    to: Option<String>,
}

pub async fn revisions(
    State(state): State<AppState>,
    Editor(editor): Editor,
    PathText(id): PathText,
    Query(query): Query<CompareQuery>,
) -> AppResult<Html<String>> {
    let id = parse_id(&id)?;
    let fc = load(&state, id)?;
    check_can_open(&editor, &fc)?;
    let (revisions, changes) = state.db.read(|conn| {
        Ok((
            fact_checks::revisions(conn, id)?,
            assignments::history(conn, id)?,
        ))
    })?;
    let version_param = |name: &str, raw: Option<&String>| -> AppResult<Option<i64>> {
        raw.map(|raw| {
            raw.trim()
                .parse()
                .map_err(|_| AppError::BadRequest(format!("“{name}” must be a version number.")))
        })
        .transpose()
    };
    let from = version_param("from", query.from.as_ref())?;
    let to = version_param("to", query.to.as_ref())?;
    let comparison = match (from, to) {
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
        history: history_of(&revisions, changes),
        revisions,
        comparison,
    })
}
