//! The editors' desk: fact-checks under the chosen filters a page at a time, or the best
//! matches for a search among those filters.

use crate::db::{fact_checks, ratings, search, users};
use crate::domain::{
    Assignee, DashboardRow, DeskFilter, DeskParams, DeskSort, DeskStatus, Person, Rating, Role,
    SearchQuery, SignedIn, TagLookup, UserId,
};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::web::auth::Editor;
use crate::web::form::Query;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Template)]
#[template(path = "editor/dashboard.html")]
struct DashboardPage {
    editor: SignedIn,
    rows: Vec<DashboardRow>,
    /// The search box as typed; results replace the list when it holds words.
    typed: String,
    searched: bool,
    /// Why the words typed were not searched (too costly), shown beside the box.
    refusal: Option<String>,
    filter: DeskFilter,
    ratings: Vec<Rating>,
    /// Everyone who has an account, for the author filter (editors only).
    authors: Vec<Person>,
    assignable: Vec<Person>,
    /// The next page of this view, and the first (when this is not it).
    older: Option<String>,
    first: Option<String>,
    /// Cited pages gone, changed or never captured; on the desk's first page only.
    attention: Vec<crate::db::links::NeedsAttention>,
    /// Tips no editor has handled yet (none for writers): "N new in the inbox".
    inbox_new: i64,
}

impl DashboardPage {
    fn is_writer(&self) -> bool {
        self.editor.role == Role::Writer
    }

    fn statuses(&self) -> [DeskStatus; 5] {
        DeskStatus::ALL
    }

    fn status_is(&self, status: &DeskStatus) -> bool {
        self.filter.status == Some(*status)
    }

    fn rating_is(&self, slug: &str) -> bool {
        self.filter.rating.as_deref() == Some(slug)
    }

    fn author_is(&self, id: &UserId) -> bool {
        self.filter.author == Some(*id)
    }

    /// "me", "nobody", a person's id or "" (anyone), as the assignee select names them.
    fn assignee_value(&self) -> String {
        match self.filter.assignee {
            None => String::new(),
            Some(Assignee::Nobody) => "nobody".to_owned(),
            Some(Assignee::Person(id)) if id == self.editor.user_id => "me".to_owned(),
            Some(Assignee::Person(id)) => id.to_string(),
        }
    }

    fn oldest_first(&self) -> bool {
        self.filter.sort == DeskSort::Oldest
    }

    fn tag_typed(&self) -> &str {
        self.filter.tag.as_ref().map_or("", TagLookup::typed)
    }

    /// What the table lists, for its caption and heading.
    fn view_label(&self) -> &'static str {
        match self.filter.status {
            Some(DeskStatus::Draft) if self.is_writer() => "Your drafts, sent back first",
            Some(status) => status.label(),
            None => "Every status",
        }
    }
}

/// Fact-checks per page of the desk.
const DESK_PAGE: usize = 50;

/// The desk's filters (see `DeskParams`) and `?q=`, words to search for among them.
#[derive(serde::Deserialize)]
pub struct DeskQuery {
    q: Option<String>,
    status: Option<String>,
    rating: Option<String>,
    author: Option<String>,
    assignee: Option<String>,
    tag: Option<String>,
    sort: Option<String>,
    after: Option<String>,
}

/// The desk, or with `?q=` the best matches among every fact-check, drafts included.
pub async fn dashboard(
    State(state): State<AppState>,
    Editor(editor): Editor,
    Query(query): Query<DeskQuery>,
) -> AppResult<Response> {
    let typed = query.q.unwrap_or_default();
    // A search from a bare link looks through everything, not the landing queue.
    let status = match query.status {
        None if !typed.trim().is_empty() => Some("any".to_owned()),
        status => status,
    };
    let params = DeskParams {
        status,
        rating: query.rating,
        author: query.author,
        assignee: query.assignee,
        tag: query.tag,
        sort: query.sort,
        after: query.after,
    };
    let filter = DeskFilter::parse(&params, &editor).map_err(AppError::BadRequest)?;
    let (searched, mut refusal) = match SearchQuery::parse(&typed) {
        Ok(searched) => (searched, None),
        Err(why) => (None, Some(why.to_string())),
    };
    // Writers work on their own fact-checks; the whole desk is the editors' view.
    let own = editor.own_work_only();
    let budget = state.search_budget;
    // A refused search lists nothing, so the desk below it is not taken for its results.
    let refused = refusal.is_some();
    let first_page = searched.is_none() && !refused && filter.after.is_none();
    let chosen = filter.clone();
    let (searched, found, attention, choices) = state
        .db
        .read_slow(move |conn| {
            let choices = (
                ratings::all(conn)?,
                users::all(conn)?,
                users::assignable(conn)?,
            );
            check_known(&chosen, &choices)?;
            let attention = if first_page {
                super::links::needing_attention(conn, own)?
            } else {
                Vec::new()
            };
            let found = match &searched {
                Some(q) => match search::everything(conn, q, own, budget) {
                    Err(AppError::TooBroad(why)) => Err(why),
                    rows => {
                        let mut rows = rows?;
                        let passing = fact_checks::passing(conn, &chosen, &rows)?;
                        rows.retain(|row| passing.contains(&row.id.0));
                        Ok((rows, None))
                    }
                },
                None if refused => Ok((Vec::new(), None)),
                None => Ok(fact_checks::desk(conn, &chosen, DESK_PAGE)?),
            };
            Ok((searched, found, attention, choices))
        })
        .await?;
    let (rows, next) = found.unwrap_or_else(|why| {
        refusal = Some(why);
        (Vec::new(), None)
    });
    let status = match refusal {
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
        None => StatusCode::OK,
    };
    let view = format!("/editor?{}", filter.query_string(&editor));
    let (ratings, accounts, assignable) = choices;
    let inbox_new = super::inbox::new_in_inbox(&state, &editor)?;
    let html = render(&DashboardPage {
        inbox_new,
        older: next.map(|cursor| format!("{view}&after={}", cursor.to_param())),
        first: filter.after.is_some().then_some(view),
        authors: accounts
            .into_iter()
            .map(|a| Person {
                id: a.id,
                name: a.name,
            })
            .collect(),
        editor,
        rows,
        searched: searched.is_some() && refusal.is_none(),
        typed: searched.map(|q| q.text).unwrap_or(typed),
        refusal,
        filter,
        ratings,
        assignable,
        attention,
    })?;
    Ok((status, html).into_response())
}

/// A rating, author or assignee the lists do not offer is a bad link, not an empty desk.
fn check_known(
    filter: &DeskFilter,
    (ratings, accounts, _): &(Vec<Rating>, Vec<users::Account>, Vec<Person>),
) -> AppResult<()> {
    let refuse = |what: &str| {
        Err(AppError::BadRequest(format!(
            "Choose {what} from the list."
        )))
    };
    if let Some(slug) = &filter.rating
        && !ratings.iter().any(|r| &r.slug == slug)
    {
        return refuse("a rating");
    }
    let known = |id: UserId| accounts.iter().any(|a| a.id == id);
    if filter.author.is_some_and(|id| !known(id)) {
        return refuse("an author");
    }
    if let Some(Assignee::Person(id)) = filter.assignee
        && !known(id)
    {
        return refuse("an assignee");
    }
    Ok(())
}
