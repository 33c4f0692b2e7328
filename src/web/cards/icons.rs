//! PNG icons for browsers and home screens that do not take the SVG favicon, drawn from
//! static/favicon.svg at the first request and kept.

use super::draw::DrawError;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use resvg::{tiny_skia, usvg};
use std::sync::OnceLock;

const FAVICON: &str = include_str!("../../../static/favicon.svg");

/// The icon's background, for the corners a home screen would otherwise show black.
const BRAND: [u8; 3] = [0x1d, 0x35, 0x57];

/// Icons change only with a new build, as the other assets do.
const CACHE: &str = "public, max-age=3600";

/// `size`×`size` PNG of the favicon; `opaque` fills the rounded corners with the brand.
pub fn icon_png(size: u32, opaque: bool) -> Result<Vec<u8>, DrawError> {
    let tree = usvg::Tree::from_str(FAVICON, &usvg::Options::default())?;
    let mut pixmap =
        tiny_skia::Pixmap::new(size, size).ok_or_else(|| DrawError::Png("no pixmap".into()))?;
    if opaque {
        pixmap.fill(tiny_skia::Color::from_rgba8(
            BRAND[0], BRAND[1], BRAND[2], 0xff,
        ));
    }
    let scale = size as f32 / tree.size().width();
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| DrawError::Png(e.to_string()))
}

fn kept(slot: &'static OnceLock<Vec<u8>>, size: u32, opaque: bool) -> Response {
    let png = slot.get_or_init(|| {
        icon_png(size, opaque).unwrap_or_else(|e| {
            tracing::error!(error = %e, "icon not drawn");
            Vec::new()
        })
    });
    (
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, CACHE),
        ],
        png.as_slice(),
    )
        .into_response()
}

/// `GET /favicon-32.png`: tabs and bookmarks.
pub async fn favicon_32() -> Response {
    static PNG: OnceLock<Vec<u8>> = OnceLock::new();
    kept(&PNG, 32, false)
}

/// `GET /favicon-192.png`: Android's home screen and larger tabs.
pub async fn favicon_192() -> Response {
    static PNG: OnceLock<Vec<u8>> = OnceLock::new();
    kept(&PNG, 192, false)
}

/// `GET /apple-touch-icon.png`: iOS rounds the corners itself, so the square is filled.
pub async fn apple_touch_icon() -> Response {
    static PNG: OnceLock<Vec<u8>> = OnceLock::new();
    kept(&PNG, 180, true)
}
