//! Real-browser tests: headless Chromium, driven over WebDriver, against the real server.
//!
//! Run with `cargo test --features browser --test browser` after installing Debian's
//! `chromium` and `chromium-driver` and running `npm ci --prefix tests/browser` (axe-core).
//! Screenshots are written to `target/screenshots/`.

// A failed unwrap is a failed test, with its location: exactly what a test wants.
#![allow(clippy::unwrap_used)]

mod accessibility;
mod autofill;
mod cross_origin;
mod dates;
mod editorial;
mod first_screen;
mod form;
#[allow(dead_code, unused_imports)] // Shared with tests/app, which uses all of it.
#[path = "../app/helpers/mod.rs"]
mod helpers;
mod media;
mod page;
mod preview;
mod similar;
mod webdriver;
mod xss;
