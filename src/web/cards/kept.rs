//! Cards as drawn, kept by what they were drawn from, so a card is drawn once per change
//! of its fact-check and answered from memory after that.

use axum::body::Bytes;
use axum::http::HeaderValue;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// About 200 cards. A full store starts over, as `state::KeptPages` does: the cards being
/// shared come back at once.
const CAPACITY_BYTES: usize = 16 * 1024 * 1024;

#[derive(Clone)]
pub struct KeptCard {
    pub png: Bytes,
    pub etag: HeaderValue,
}

#[derive(Default)]
struct Store {
    bytes: usize,
    /// By `CardContent::version` (and "site:" + the name for a site card).
    by_version: HashMap<String, KeptCard>,
}

static STORE: LazyLock<Mutex<Store>> = LazyLock::new(Mutex::default);

pub fn kept(version: &str) -> Option<KeptCard> {
    let store = STORE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    store.by_version.get(version).cloned()
}

pub fn keep(version: String, card: KeptCard) {
    let mut store = STORE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if store.bytes + card.png.len() > CAPACITY_BYTES {
        store.by_version.clear();
        store.bytes = 0;
    }
    store.bytes += card.png.len();
    if let Some(old) = store.by_version.insert(version, card) {
        store.bytes -= old.png.len();
    }
}
