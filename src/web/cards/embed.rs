//! A verdict other sites may show in an iframe, and the oEmbed answer that hands them the
//! iframe from the verdict's address.

use super::{CardContent, HEIGHT, WIDTH, card_url, content_of};
use crate::config::Site;
use crate::db::fact_checks;
use crate::domain::rating_graphic::escape;
use crate::domain::{FactCheckCard, Ui};
use crate::error::{AppError, AppResult, render};
use crate::state::AppState;
use crate::web::PathText;
use crate::web::form::Query;
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

/// The embed is framed by any site, and runs no script of its own or anyone's.
const EMBED_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
                         base-uri 'none'; form-action 'none'; frame-ancestors *";

/// The iframe's size when the consumer sets no limit: the card reads well from 300 px.
const FRAME_WIDTH: u32 = 560;
const FRAME_HEIGHT: u32 = 300;

/// How long a consumer may keep an oEmbed answer (seconds).
const CACHE_AGE: u32 = 3600;

#[derive(Template)]
#[template(path = "public/embed.html")]
struct EmbedPage<'a> {
    card: &'a FactCheckCard,
    page_url: String,
    site_name: &'a str,
    /// In the fact-check's language.
    ui: Ui,
}

/// `GET /fact-checks/{slug}/embed`: the verdict as a small card, for an iframe.
pub async fn embed(State(state): State<AppState>, PathText(slug): PathText) -> AppResult<Response> {
    let card = state
        .db
        .read(|conn| fact_checks::published_card(conn, &slug))?
        .ok_or(AppError::NotFound)?;
    let page = EmbedPage {
        card: &card,
        page_url: state.site.url(&format!("/fact-checks/{}", card.slug)),
        site_name: &state.site.name,
        ui: state.ui().in_language(&card.language),
    };
    let mut response = render(&page)?.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(EMBED_CSP),
    );
    headers.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    Ok(response)
}

/// The iframe code for the embed of `slug`, `width`×`height`, titled in `ui`'s language
/// (the fact-check's).
pub fn iframe(site: &Site, ui: &Ui, slug: &str, headline: &str, w: u32, h: u32) -> String {
    format!(
        "<iframe src=\"{src}\" width=\"{w}\" height=\"{h}\" title=\"{title}\" \
         loading=\"lazy\"></iframe>",
        src = escape(&site.url(&format!("/fact-checks/{slug}/embed"))),
        title = escape(&format!("{} {headline}", ui.t("fact-check"))),
    )
}

#[derive(Deserialize)]
pub struct OembedQuery {
    url: Option<String>,
    format: Option<String>,
    maxwidth: Option<String>,
    maxheight: Option<String>,
}

/// oEmbed 1.0's answer for a rich resource (section 2.3.4).
#[derive(Serialize)]
struct Oembed {
    version: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    provider_name: String,
    provider_url: String,
    cache_age: u32,
    html: String,
    width: u32,
    height: u32,
    thumbnail_url: String,
    thumbnail_width: u32,
    thumbnail_height: u32,
}

/// `GET /oembed?url=…`: JSON for one of our published verdicts. XML is the other format
/// the spec names; it answers 501, as the spec asks of a format not offered.
pub async fn oembed(
    State(state): State<AppState>,
    Query(query): Query<OembedQuery>,
) -> AppResult<Response> {
    let url = query
        .url
        .filter(|u| !u.trim().is_empty())
        .ok_or_else(|| AppError::BadRequest("Give the address of a fact-check as url.".into()))?;
    match query.format.as_deref() {
        None | Some("json") => {}
        Some(_) => {
            return Ok(
                (StatusCode::NOT_IMPLEMENTED, "Only format=json is offered.").into_response(),
            );
        }
    }
    let limit = |given: Option<String>, default: u32| -> AppResult<u32> {
        match given.filter(|v| !v.is_empty()) {
            None => Ok(default),
            Some(text) => text
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .map(|n| n.min(default))
                .ok_or_else(|| {
                    AppError::BadRequest(
                        "maxwidth and maxheight are whole numbers of pixels.".into(),
                    )
                }),
        }
    };
    let width = limit(query.maxwidth, FRAME_WIDTH)?;
    let height = limit(query.maxheight, FRAME_HEIGHT)?;
    let slug = our_verdict_slug(&state.site, &url).ok_or(AppError::NotFound)?;
    let card = state
        .db
        .read(|conn| fact_checks::published_card(conn, &slug))?
        .ok_or(AppError::NotFound)?;
    let site_ui = state.ui();
    let ui = site_ui.in_language(&card.language);
    let content: CardContent<'_> = content_of(&state.site, &site_ui, &card, None);
    let answer = Oembed {
        version: "1.0",
        kind: "rich",
        title: card.headline.clone(),
        provider_name: state.site.name.clone(),
        provider_url: state.site.url("/"),
        cache_age: CACHE_AGE,
        html: iframe(&state.site, &ui, &card.slug, &card.headline, width, height),
        width,
        height,
        thumbnail_url: card_url(&state.site, &card.slug, &content),
        thumbnail_width: WIDTH,
        thumbnail_height: HEIGHT,
    };
    let json = serde_json::to_string(&answer).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

/// The slug of `url` if it is a verdict's address on this site (its query and fragment
/// aside, as a shared link may carry them).
fn our_verdict_slug(site: &Site, url: &str) -> Option<String> {
    let ours = url::Url::parse(&site.url("/")).ok()?;
    let given = url::Url::parse(url.trim()).ok()?;
    if given.scheme() != ours.scheme()
        || given.host_str() != ours.host_str()
        || given.port_or_known_default() != ours.port_or_known_default()
    {
        return None;
    }
    let slug = given
        .path()
        .strip_prefix("/fact-checks/")?
        .trim_end_matches('/');
    (!slug.is_empty() && !slug.contains('/')).then(|| slug.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_verdict_addresses_name_a_slug() {
        let site = Site::new("Harbour Checks", "https://checks.example");
        let slug = |url: &str| our_verdict_slug(&site, url);
        assert_eq!(
            slug("https://checks.example/fact-checks/moon").as_deref(),
            Some("moon")
        );
        assert_eq!(
            slug("https://checks.example/fact-checks/moon/?utm=x#top").as_deref(),
            Some("moon")
        );
        assert_eq!(
            slug("https://checks.example:443/fact-checks/moon").as_deref(),
            Some("moon")
        );
        for other in [
            "https://elsewhere.example/fact-checks/moon",
            "http://checks.example/fact-checks/moon",
            "https://checks.example/tags/moon",
            "https://checks.example/fact-checks/moon/embed",
            "https://checks.example/fact-checks/",
            "not a url",
        ] {
            assert_eq!(slug(other), None, "{other}");
        }
    }

    #[test]
    fn the_iframe_code_escapes_the_headline() {
        let site = Site::new("Harbour Checks", "https://checks.example");
        let code = iframe(
            &site,
            &Ui::english(),
            "moon",
            "The \"moon\" <b>landing</b>",
            560,
            300,
        );
        assert_eq!(
            code,
            "<iframe src=\"https://checks.example/fact-checks/moon/embed\" width=\"560\" \
             height=\"300\" title=\"Fact Check: The &quot;moon&quot; &lt;b&gt;landing&lt;/b&gt;\" \
             loading=\"lazy\"></iframe>"
        );
    }
}
