//! Public answers kept as sent, with their compressed forms beside them, for as long as the
//! database's epoch (`Db::epoch`) stays the same. `web::kept` decides what is kept and
//! answers from it; this is only the bounded store.

use axum::body::Bytes;
use axum::http::HeaderMap;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use tokio::sync::watch;

/// At most this many answers are kept…
const MAX_PAGES: usize = 8_192;
/// …holding at most this much: 48 MB, about 1,400 verdict pages of 17 KB with both of their
/// compressed forms (peak RSS target: 200 MB at 1,000,000 fact-checks). A full store starts
/// over: the pages being read come back at once, and a hit needs no bookkeeping.
const MAX_BYTES: usize = 48 * 1024 * 1024;

/// One way of sending a kept answer: its body and every header that goes with it.
pub struct Variant {
    /// For a 200: everything the full middleware stack sets, but `Strict-Transport-Security`,
    /// which depends on the request.
    pub headers: HeaderMap,
    /// For a 304 to a matching `If-None-Match`: what RFC 9110 §15.4.5 asks to repeat.
    pub not_modified: HeaderMap,
    pub body: Bytes,
}

/// A kept answer and its compressed forms, each made once on the first request that
/// accepts it (`None` inside: not worth sending compressed).
pub struct KeptPage {
    pub identity: Variant,
    pub gzip: OnceLock<Option<Variant>>,
    pub brotli: OnceLock<Option<Variant>>,
}

impl KeptPage {
    /// What the page may hold: a compressed form is kept only when at most half the size,
    /// so the two together never pass the page's own size.
    fn reserved(&self) -> usize {
        self.identity.body.len() * 2
    }
}

#[derive(Default)]
pub struct KeptPages {
    store: Mutex<Store>,
    /// The answers being made now, so that readers arriving together for a page no one
    /// keeps yet (a popular page just after a commit) wait for one render instead of each
    /// making their own: 64 at once had queued the slow reads full and been refused.
    rendering: Arc<Mutex<HashMap<Box<str>, watch::Receiver<()>>>>,
}

/// Whose turn it is to make an answer not kept yet.
pub enum Turn {
    /// Make it; others wait until this is dropped.
    Make(Making),
    /// Someone else is making it: `changed()` returns once they are done, well or not.
    Wait(watch::Receiver<()>),
}

/// Held while an answer is made; dropping it (done, failed or abandoned) wakes the waiters.
pub struct Making {
    rendering: Arc<Mutex<HashMap<Box<str>, watch::Receiver<()>>>>,
    key: Box<str>,
    /// Dropped after the key is taken out: the waiters' `changed()` then ends.
    _done: watch::Sender<()>,
}

impl Drop for Making {
    fn drop(&mut self) {
        let mut rendering = self.rendering.lock().unwrap_or_else(|p| p.into_inner());
        rendering.remove(&self.key);
    }
}

#[derive(Default)]
struct Store {
    epoch: u64,
    bytes: usize,
    pages: HashMap<Box<str>, Arc<KeptPage>>,
}

impl Store {
    fn start_over(&mut self, epoch: u64) {
        self.pages.clear();
        self.bytes = 0;
        self.epoch = epoch;
    }
}

impl KeptPages {
    /// The answer kept for `key` in `epoch`. Forgets every answer of an earlier epoch.
    pub fn get(&self, epoch: u64, key: &str) -> Option<Arc<KeptPage>> {
        let mut store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        if store.epoch != epoch {
            store.start_over(epoch);
            return None;
        }
        store.pages.get(key).cloned()
    }

    /// Keeps `page`, made from what was read after `epoch` was taken. A page of an epoch
    /// already left behind is not kept.
    pub fn keep(&self, epoch: u64, key: &str, page: Arc<KeptPage>) {
        let mut store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        if store.epoch > epoch {
            return;
        }
        if store.epoch < epoch
            || store.pages.len() >= MAX_PAGES
            || store.bytes + page.reserved() > MAX_BYTES
        {
            store.start_over(epoch);
        }
        store.bytes += page.reserved();
        if let Some(old) = store.pages.insert(key.into(), page) {
            store.bytes -= old.reserved();
        }
    }

    /// Whether the caller makes the answer for `key` or waits for the one being made.
    pub fn turn(&self, key: &str) -> Turn {
        let mut rendering = self.rendering.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(done) = rendering.get(key) {
            return Turn::Wait(done.clone());
        }
        let (done, waiting) = watch::channel(());
        rendering.insert(key.into(), waiting);
        Turn::Make(Making {
            rendering: Arc::clone(&self.rendering),
            key: key.into(),
            _done: done,
        })
    }
}
