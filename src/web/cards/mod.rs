//! Pictures of our pages for other sites: the social card every verdict page names as its
//! `og:image`, the site's card for the other pages, and where they are drawn.

mod draw;
mod embed;
mod fonts;
mod icons;
mod kept;
#[cfg(test)]
mod tests;

pub use draw::{CardContent, DrawError, HEIGHT, WIDTH, fact_check_card, site_card};
pub use embed::{embed, iframe, oembed};
pub use icons::{apple_touch_icon, favicon_32, favicon_192};

use crate::config::Site;
use crate::db::{fact_checks, media};
use crate::domain::{FactCheckCard, FactCheckPage, Status, Ui};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::meta::{Meta, MetaImage};
use crate::web::{PathText, caching};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use kept::KeptCard;
use tokio::sync::Semaphore;

/// Cards drawn at once: drawing takes tens of milliseconds of a core, and the machine has
/// other pages to answer.
static DRAWING: Semaphore = Semaphore::const_new(2);

/// How long a card waits for a turn before the answer is 503 with `Retry-After`.
const WAIT_FOR_TURN: std::time::Duration = std::time::Duration::from_secs(3);

/// The address of a fact-check's card, naming what it is drawn from, so a changed card is
/// a new address to sites that keep the old picture.
pub fn card_url(site: &Site, slug: &str, content: &CardContent<'_>) -> String {
    site.url(&format!(
        "/fact-checks/{slug}/card.png?v={}",
        content.version()
    ))
}

/// A published verdict's page names its own card and its oEmbed address, and offers the
/// code that embeds it; its preview offers the code too, as the page will once it is out.
/// A retracted verdict is neither shared nor embedded.
/// `ui` is in the fact-check's language.
pub fn verdict_meta(meta: Meta, site: &Site, ui: &Ui, fc: &FactCheckPage, preview: bool) -> Meta {
    if fc.status == Status::Retracted {
        return meta;
    }
    let embed_code = embed::iframe(site, ui, &fc.slug, &fc.headline, 560, 300);
    if preview || !fc.status.is_published() {
        return meta.with_embed_code(embed_code);
    }
    let content = CardContent {
        site_name: &site.name,
        rating: &fc.rating,
        label: ui.rating_label(&fc.rating),
        claim_word: ui.t("card-claim"),
        claim: &fc.claim.text,
        image: None,
        image_name: fc.featured_image.as_ref().map(|i| i.largest_url.as_str()),
    };
    let page: String =
        form_urlencoded::byte_serialize(site.url(&format!("/fact-checks/{}", fc.slug)).as_bytes())
            .collect();
    meta.with_card(
        MetaImage {
            url: card_url(site, &fc.slug, &content),
            alt: ui.t_with(
                "card-alt",
                &[
                    ("rating", content.label.as_str()),
                    ("claim", &fc.claim.text),
                ],
            ),
        },
        site.url(&format!("/oembed?url={page}&format=json")),
    )
    .with_embed_code(embed_code)
}

/// What the card of `card` is drawn from, and `image`, its featured image's bytes, when
/// it is to be drawn; `site_ui` is the site's interface, put in the card's language here.
pub fn content_of<'a>(
    site: &'a Site,
    site_ui: &Ui,
    card: &'a FactCheckCard,
    image: Option<&'a [u8]>,
) -> CardContent<'a> {
    let ui = site_ui.in_language(&card.language);
    CardContent {
        site_name: &site.name,
        rating: &card.rating,
        label: ui.rating_label(&card.rating),
        claim_word: ui.t("card-claim"),
        claim: &card.claim_text,
        image,
        image_name: card.featured_image.as_ref().map(|i| i.largest_url.as_str()),
    }
}

/// `GET /fact-checks/{slug}/card.png`: drawn at the first request after a change, then
/// answered from memory.
pub async fn fact_check_png(
    State(state): State<AppState>,
    PathText(slug): PathText,
) -> AppResult<Response> {
    let card = state
        .db
        .read(|conn| fact_checks::published_card(conn, &slug))?
        .ok_or(AppError::NotFound)?;
    let ui = state.ui();
    let version = content_of(&state.site, &ui, &card, None).version();
    if let Some(kept) = kept::kept(&version) {
        return Ok(png_response(kept));
    }
    // Read only when the card is to be drawn: a kept card needs no image bytes.
    let image = match &card.featured_image {
        Some(featured) => state
            .db
            .read(|conn| media::card_image_bytes(conn, featured.id))?,
        None => None,
    };
    let site = state.site.clone();
    answer(version, move || {
        fact_check_card(&content_of(&site, &ui, &card, image.as_deref()))
    })
    .await
}

/// `GET /card.png`: the picture for listings and every page that is not one fact-check.
pub async fn site_png(State(state): State<AppState>) -> AppResult<Response> {
    let site = state.site.clone();
    let tagline = state.ui().t("card-tagline");
    // The tagline is named too: a change of the site's language is a new card.
    let version = format!("site:{}:{tagline}", site.name);
    answer(version, move || site_card(&site.name, &tagline)).await
}

/// The kept card for `version`, or one drawn off the async threads, a few at a time.
async fn answer<F>(version: String, draw: F) -> AppResult<Response>
where
    F: FnOnce() -> Result<Vec<u8>, DrawError> + Send + 'static,
{
    if let Some(card) = kept::kept(&version) {
        return Ok(png_response(card));
    }
    // Crawlers come together right after a verdict is shared: a short wait for a turn
    // serves them all from the one drawing, where an instant refusal would not.
    let Ok(Ok(permit)) = tokio::time::timeout(WAIT_FOR_TURN, DRAWING.acquire()).await else {
        return Err(AppError::Busy);
    };
    // The drawing holds the turn and keeps its card itself, so a reader who hangs up
    // neither frees the turn early nor throws the work away.
    let card = tokio::task::spawn_blocking(move || {
        let png = draw()?;
        let card = KeptCard {
            etag: caching::etag_of(&png),
            png: Bytes::from(png),
        };
        kept::keep(version, card.clone());
        drop(permit);
        Ok::<_, DrawError>(card)
    })
    .await
    .map_err(|e| AppError::Internal(format!("card drawing stopped: {e}")))?
    .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(png_response(card))
}

fn png_response(card: KeptCard) -> Response {
    let mut response = ([(header::CONTENT_TYPE, "image/png")], card.png).into_response();
    response.headers_mut().insert(header::ETAG, card.etag);
    response
}
