//! The editors' desk: every fact-check by status, or the best matches for a search.

use crate::db::{fact_checks, search};
use crate::domain::{DashboardRow, Role, SearchQuery, SignedIn};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::web::auth::Editor;
use crate::web::form::{PageNumber, Query};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

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
    pager: crate::web::Pager,
    /// Cited pages gone, changed or never captured; on the desk's first page only.
    attention: Vec<crate::db::links::NeedsAttention>,
    /// Tips no editor has handled yet (none for writers): "N new in the inbox".
    inbox_new: i64,
}

/// Fact-checks per page of the desk.
const DESK_PAGE: usize = 50;

/// `?q=&page=`: words to search for, and the page of the desk.
#[derive(serde::Deserialize)]
pub struct DeskQuery {
    #[serde(default)]
    page: PageNumber,
    q: Option<String>,
}

/// The desk, or with `?q=` the best matches among every fact-check, drafts included.
pub async fn dashboard(
    State(state): State<AppState>,
    Editor(editor): Editor,
    Query(DeskQuery { page, q }): Query<DeskQuery>,
) -> AppResult<Response> {
    let (page, typed) = (page.0, q.unwrap_or_default());
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
    let desk = searched.is_none() && !refused && page == 1;
    let (searched, found, attention) = state
        .db
        .read_slow(move |conn| {
            let attention = if desk {
                super::links::needing_attention(conn, own)?
            } else {
                Vec::new()
            };
            let found = match &searched {
                Some(q) => match search::everything(conn, q, own, budget) {
                    Err(AppError::TooBroad(why)) => Err(why),
                    rows => Ok((rows?, false)),
                },
                None if refused => Ok((Vec::new(), false)),
                None => Ok(fact_checks::dashboard(conn, own, page, DESK_PAGE)?),
            };
            Ok((searched, found, attention))
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
    let inbox_new = super::inbox::new_in_inbox(&state, &editor)?;
    let html = render(&DashboardPage {
        inbox_new,
        editor,
        rows,
        searched: searched.is_some() && refusal.is_none(),
        typed: searched.map(|q| q.text).unwrap_or(typed),
        refusal,
        pager: crate::web::Pager::new("/editor", page, has_more),
        attention,
    })?;
    Ok((status, html).into_response())
}
