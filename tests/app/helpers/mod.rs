//! `TestApp`: a real server on a loopback port over a fresh database file, driven the way a
//! person drives it — sign in, fill in forms, read pages.

mod database;
mod editing;
mod fetching;
mod http;
mod media;
mod process;
mod spawn;

pub use database::{CONTENT_TABLES, rows_in};
pub use editing::{fields, moon_fact_check, urlencoded, with};
pub use fetching::{fetcher_for_this_machine, serve_site};
pub use media::{
    encoded, jpeg, multipart_body, phone_photo_with_location, png_claiming, transparent_png,
};
pub use process::{SETTINGS, ServerProcess, add_editor_account, run_factdesk};

use factdesk::db::Db;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION};
use std::sync::Arc;
use tempfile::TempDir;

pub const EDITOR_EMAIL: &str = "ed@newsroom.example";
pub const EDITOR_PASSWORD: &str = "a long enough password";
pub const WRITER_EMAIL: &str = "wes@newsroom.example";
pub const WRITER_PASSWORD: &str = "writer passphrase long enough 7";

/// One browser on one newsroom's server. `another_browser` opens a second one on the same
/// server, for two people working at once.
pub struct TestApp {
    pub address: String,
    pub db: Db,
    client: reqwest::Client,
    session_cookie: Option<String>,
    /// The database's folder, removed with the last browser; none for a server started
    /// from the binary, whose test owns the folder.
    dir: Option<Arc<TempDir>>,
}

/// A page as the browser got it.
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// The CSRF token the page's forms carry.
    pub fn csrf(&self) -> String {
        self.hidden_field("csrf")
    }

    /// The version an edit form was opened at, which its save sends back.
    pub fn version(&self) -> i64 {
        self.hidden_field("version")
            .parse()
            .expect("version is a number")
    }

    fn hidden_field(&self, name: &str) -> String {
        let marker = format!(r#"name="{name}" value=""#);
        let start = self
            .body
            .find(&marker)
            .unwrap_or_else(|| panic!("page has no {name} field:\n{}", self.body))
            + marker.len();
        let end = self.body[start..].find('"').expect("field value ends") + start;
        self.body[start..end].to_owned()
    }

    /// Byte offset of `text` in the body, failing the test with context when absent.
    pub fn position_of(&self, text: &str) -> usize {
        self.body
            .find(text)
            .unwrap_or_else(|| panic!("{text:?} not found on the page:\n{}", self.body))
    }
}
