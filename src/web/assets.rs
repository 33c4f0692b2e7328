//! Static files, compiled into the binary so `factdesk` runs from any directory.

use axum::http::header;
use axum::response::IntoResponse;

const CSS: &str = include_str!("../../static/site.css");
const EMBED_CSS: &str = include_str!("../../static/embed.css");
const FAVICON: &str = include_str!("../../static/favicon.svg");
const EDITOR_JS: &str = include_str!("../../static/editor.js");
const FETCH_JS: &str = include_str!("../../static/fetch.js");
const SIMILAR_JS: &str = include_str!("../../static/similar.js");
const ROWS_JS: &str = include_str!("../../static/rows.js");
const PREVIEW_JS: &str = include_str!("../../static/preview.js");
const AUTOSAVE_JS: &str = include_str!("../../static/autosave.js");
const MEDIA_PICKER_JS: &str = include_str!("../../static/media-picker.js");
const SHARE_JS: &str = include_str!("../../static/share.js");
const TIME_JS: &str = include_str!("../../static/time.js");

/// Assets change only with a new build; an hour of caching is safe and spares the server.
const CACHE: &str = "public, max-age=3600";

pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, CACHE),
        ],
        CSS,
    )
}

/// The embed's own stylesheet: framed on other sites, it needs none of the site's.
pub async fn embed_stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, CACHE),
        ],
        EMBED_CSS,
    )
}

pub async fn editor_script() -> impl IntoResponse {
    script(EDITOR_JS)
}

/// Paste a link, get a source: fills a row from its link in place.
pub async fn fetch_script() -> impl IntoResponse {
    script(FETCH_JS)
}

/// "Already checked?": refreshes the form's similar fact-checks as the claim is typed.
pub async fn similar_script() -> impl IntoResponse {
    script(SIMILAR_JS)
}

/// "Add appearance" and "Add source" in place.
pub async fn rows_script() -> impl IntoResponse {
    script(ROWS_JS)
}

/// The explanation rendered as readers will see it, while it is typed.
pub async fn preview_script() -> impl IntoResponse {
    script(PREVIEW_JS)
}

/// Keeps what is typed in the editor's autosave slot.
pub async fn autosave_script() -> impl IntoResponse {
    script(AUTOSAVE_JS)
}

/// "Insert into explanation" beside each image of the form's picker.
pub async fn media_picker_script() -> impl IntoResponse {
    script(MEDIA_PICKER_JS)
}

/// Copies the verdict page's address for its "Copy link" button.
pub async fn share_script() -> impl IntoResponse {
    script(SHARE_JS)
}

/// "5 minutes ago" beside cards, from the exact date kept pages show.
pub async fn time_script() -> impl IntoResponse {
    script(TIME_JS)
}

fn script(source: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, CACHE),
        ],
        source,
    )
}

pub async fn favicon() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, CACHE),
        ],
        FAVICON,
    )
}

/// Badge colours, made from the ratings table so a newsroom's own scale needs no CSS
/// change (and no inline style, which the Content-Security-Policy forbids).
pub async fn rating_colours(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
) -> Result<impl IntoResponse, crate::error::AppError> {
    let ratings = state.db.read(crate::db::ratings::all)?;
    let mut css = String::with_capacity(ratings.len() * 96);
    for rating in ratings {
        // Slugs and colours are checked by the schema; filter anyway so no rule can break out.
        let slug: String = rating
            .slug
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let colour: String = rating
            .colour
            .chars()
            .filter(|c| c.is_ascii_hexdigit() || *c == '#')
            .collect();
        css.push_str(&format!(".rating-{slug}{{background:{colour}}}\n"));
        // The large label beside a graphic: the same colour as text on white, which every
        // rating's colour passes at 4.5:1 as white on it does.
        css.push_str(&format!(".rating-ink-{slug}{{color:{colour}}}\n"));
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        css,
    ))
}
