//! An author's page: who they are, and their published fact-checks, newest first.

use crate::db::authors;
use crate::domain::author::AuthorPage;
use crate::domain::fields::Slug;
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::web::PathText;
use crate::web::form::Query;
use crate::web::meta::Meta;
use askama::Template;
use axum::extract::State;
use axum::response::Html;

/// `?after=slug`: the page after the fact-check with that slug (a keyset cursor, so a deep
/// page costs what the first does).
#[derive(serde::Deserialize)]
pub struct AuthorQuery {
    after: Option<String>,
}

#[derive(Template)]
#[template(path = "public/author.html")]
struct AuthorView {
    meta: Meta,
    author: AuthorPage,
    /// The cursor this page was read from: its first page is linked when set.
    after: Option<String>,
}

pub async fn author(
    State(state): State<AppState>,
    PathText(slug): PathText,
    Query(AuthorQuery { after }): Query<AuthorQuery>,
) -> AppResult<Html<String>> {
    // Only well-formed slugs are looked up: anything else names no one.
    let slug = Slug::parse(&slug).map_err(|_| AppError::NotFound)?;
    let after = match after.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(raw) => Some(
            Slug::parse(raw)
                .map_err(|_| AppError::BadRequest("?after= must be a fact-check's slug".into()))?
                .as_str()
                .to_owned(),
        ),
        None => None,
    };
    let per_page = state.per_page;
    let (lookup, cursor) = (slug.as_str().to_owned(), after.clone());
    let author = state
        .db
        .read(|conn| authors::author_page(conn, &lookup, cursor.as_deref(), per_page))?
        .ok_or(AppError::NotFound)?;
    let description = if author.bio.is_empty() {
        state.ui().t_with(
            "author-description",
            &[
                ("name", author.name.as_str()),
                ("site", state.site.name.as_str()),
            ],
        )
    } else {
        author.bio.clone()
    };
    let path = format!("/authors/{}", author.slug);
    let mut meta = Meta::page(&state.site, author.name.clone(), &description, &path);
    if after.is_some() {
        // Later pages are for reading on, not for search engines to list as the author.
        meta = meta.not_indexed();
    }
    render(&AuthorView {
        meta,
        author,
        after,
    })
}
