//! What the link watch found, for editors: the sources needing attention on the desk, and
//! for a changed page its captured text beside the text now.

use crate::db::{links, snapshots};
use crate::domain::SignedIn;
use crate::domain::changes::{Paragraph, compare_paragraphs};
use crate::domain::evidence::Snapshot;
use crate::domain::{Moment, Role, UserId};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::web::PathText;
use crate::web::auth::Editor;
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use rusqlite::Connection;

/// Addresses the desk lists at most; the rest wait until these are dealt with.
pub const ATTENTION_SHOWN: usize = 20;

/// The desk's "Sources needing attention", newest trouble first.
pub(super) fn needing_attention(
    conn: &Connection,
    own: Option<UserId>,
) -> AppResult<Vec<links::NeedsAttention>> {
    links::needing_attention(conn, ATTENTION_SHOWN, own)
}

#[derive(Template)]
#[template(path = "editor/link_change.html")]
struct ChangePage {
    editor: SignedIn,
    url: String,
    check: links::PastCheckRow,
    copy: Snapshot,
    captured: Vec<Paragraph>,
    now: Vec<Paragraph>,
}

impl ChangePage {
    fn share(&self) -> String {
        self.check
            .similarity
            .map_or_else(String::new, |s| format!("{:.0}%", s * 100.0))
    }
}

/// `/editor/link-checks/{id}`: the text cited and the text a check found, side by side.
pub async fn link_change(
    Editor(editor): Editor,
    State(state): State<AppState>,
    PathText(id): PathText,
) -> AppResult<Html<String>> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let (url, check, copy) = state
        .db
        .read(|conn| {
            let Some((url, check)) = links::check_by_id(conn, id)? else {
                return Ok(None);
            };
            if editor.role == Role::Writer
                && !links::writer_may_see(conn, &url, editor.user_id, Moment::now())?
            {
                return Ok(None);
            }
            let copy = snapshots::citation_copy(conn, &url)?;
            Ok(copy.map(|copy| (url, check, copy)))
        })?
        .ok_or(AppError::NotFound)?;
    let (captured, now) = compare_paragraphs(
        copy.text.as_deref().unwrap_or_default(),
        check.text.as_deref().unwrap_or_default(),
    );
    render(&ChangePage {
        editor,
        url,
        check,
        copy,
        captured,
        now,
    })
}
