//! Public answers kept as sent, with their compressed forms beside them, for as long as the
//! database's epoch (`Db::epoch`) stays the same. `web::kept` decides what is kept and
//! answers from it; this is only the bounded store.

use axum::body::Bytes;
use axum::http::HeaderMap;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, OnceLock};
use tokio::sync::watch;

/// At most this many answers are kept…
const MAX_PAGES: usize = 8_192;
/// …holding at most this much: 48 MB, about 1,400 verdict pages of 17 KB with both of their
/// compressed forms (peak RSS target: 200 MB at 1,000,000 fact-checks). A full store makes
/// room by the clock rule: an answer read since the hand last passed it stays for another
/// round, one not read goes. Pages readers keep asking for therefore stay while a flood of
/// addresses asked for once (`/?before=` every slug, a crawler) passes through.
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
    /// Set by the one request that compresses a form (in `Encoding` order); others asking
    /// meanwhile are sent the page uncompressed rather than wait on a thread each.
    pub compressing: [AtomicBool; 2],
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
    rendering: Arc<Mutex<HashMap<Box<str>, watch::Receiver<bool>>>>,
}

/// Whose turn it is to make an answer not kept yet.
pub enum Turn {
    /// Make it; others wait until this is dropped.
    Make(Making),
    /// Someone else is making it: `changed()` returns once they are done, well or not,
    /// and the value is then `true` if what they made cannot be kept (an error page, a
    /// redirect), so each waiter may make its own at once.
    Wait(watch::Receiver<bool>),
}

/// Held while an answer is made; dropping it (done, failed or abandoned) wakes the waiters.
pub struct Making {
    rendering: Arc<Mutex<HashMap<Box<str>, watch::Receiver<bool>>>>,
    key: Box<str>,
    /// Dropped after the key is taken out: the waiters' `changed()` then ends.
    done: watch::Sender<bool>,
}

impl Making {
    /// Tells the waiters that the answer was not kept and they need not take turns.
    pub fn not_kept(&self) {
        self.done.send_replace(true);
    }
}

impl Drop for Making {
    fn drop(&mut self) {
        let mut rendering = self.rendering.lock().unwrap_or_else(|p| p.into_inner());
        rendering.remove(&self.key);
    }
}

struct Entry {
    page: Arc<KeptPage>,
    /// Read since the clock's hand last passed.
    read: bool,
}

#[derive(Default)]
struct Store {
    epoch: u64,
    bytes: usize,
    pages: HashMap<Box<str>, Entry>,
    /// The clock: every kept key once, in the order the hand meets them.
    hand: VecDeque<Box<str>>,
}

impl Store {
    fn start_over(&mut self, epoch: u64) {
        self.pages.clear();
        self.hand.clear();
        self.bytes = 0;
        self.epoch = epoch;
    }

    /// Makes room for `bytes` more in one more page. Each answer passed is either spared
    /// (read lately: it loses the mark) or dropped, so two turns of the hand at most.
    fn make_room(&mut self, bytes: usize) {
        while !self.hand.is_empty()
            && (self.pages.len() >= MAX_PAGES || self.bytes + bytes > MAX_BYTES)
        {
            let Some(key) = self.hand.pop_front() else {
                break;
            };
            match self.pages.get_mut(&key) {
                Some(entry) if entry.read => {
                    entry.read = false;
                    self.hand.push_back(key);
                }
                Some(_) => {
                    if let Some(gone) = self.pages.remove(&key) {
                        self.bytes -= gone.page.reserved();
                    }
                }
                None => {}
            }
        }
    }
}

impl KeptPages {
    /// The answer kept for `key` in `epoch`. A later epoch forgets every earlier answer; a
    /// request that read an earlier one (it began before a commit) simply finds nothing.
    pub fn get(&self, epoch: u64, key: &str) -> Option<Arc<KeptPage>> {
        let mut store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        if store.epoch != epoch {
            if store.epoch < epoch {
                store.start_over(epoch);
            }
            return None;
        }
        let entry = store.pages.get_mut(key)?;
        entry.read = true;
        Some(Arc::clone(&entry.page))
    }

    /// Keeps `page`, made from what was read after `epoch` was taken. A page of an epoch
    /// already left behind, or larger than the whole store, is not kept.
    pub fn keep(&self, epoch: u64, key: &str, page: Arc<KeptPage>) {
        let mut store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        if store.epoch > epoch || page.reserved() > MAX_BYTES {
            return;
        }
        if store.epoch < epoch {
            store.start_over(epoch);
        }
        if let Some(old) = store.pages.remove(key) {
            store.bytes -= old.page.reserved();
            store.hand.retain(|k| **k != *key);
        }
        store.make_room(page.reserved());
        store.bytes += page.reserved();
        store.hand.push_back(key.into());
        store.pages.insert(key.into(), Entry { page, read: false });
    }

    /// Whether the caller makes the answer for `key` or waits for the one being made.
    pub fn turn(&self, key: &str) -> Turn {
        let mut rendering = self.rendering.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(done) = rendering.get(key) {
            return Turn::Wait(done.clone());
        }
        let (done, waiting) = watch::channel(false);
        rendering.insert(key.into(), waiting);
        Turn::Make(Making {
            rendering: Arc::clone(&self.rendering),
            key: key.into(),
            done,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn page(bytes: usize) -> Arc<KeptPage> {
        Arc::new(KeptPage {
            identity: Variant {
                headers: HeaderMap::new(),
                not_modified: HeaderMap::new(),
                body: Bytes::from(vec![b'x'; bytes]),
            },
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
            compressing: Default::default(),
        })
    }

    #[test]
    fn pages_readers_keep_asking_for_outlast_a_flood_of_addresses_asked_once() {
        let kept = KeptPages::default();
        kept.keep(1, "/", page(10));
        kept.keep(1, "/tags", page(10));
        for n in 0..3 * MAX_PAGES {
            // The two popular pages are read between every few new addresses.
            if n % 1_000 == 0 {
                assert!(kept.get(1, "/").is_some(), "home still kept after {n}");
                assert!(kept.get(1, "/tags").is_some(), "tags still kept after {n}");
            }
            kept.keep(1, &format!("/?before=made-up-{n}"), page(10));
        }
        let store = kept.store.lock().unwrap();
        assert!(store.pages.len() <= MAX_PAGES, "{}", store.pages.len());
        assert_eq!(store.hand.len(), store.pages.len());
        assert_eq!(
            store.bytes,
            store.pages.len() * 20,
            "bytes are counted exactly"
        );
    }

    #[test]
    fn the_store_holds_no_more_bytes_than_its_bound() {
        let kept = KeptPages::default();
        let size = MAX_BYTES / 2 / 10;
        for n in 0..25 {
            kept.keep(1, &format!("/fact-checks/{n}"), page(size));
        }
        let store = kept.store.lock().unwrap();
        assert!(store.bytes <= MAX_BYTES);
        assert_eq!(store.pages.len(), 10, "as many as fit");
        drop(store);
        kept.keep(1, "/sitemap.xml", page(MAX_BYTES));
        assert!(
            kept.get(1, "/sitemap.xml").is_none(),
            "larger than the store"
        );
    }

    #[test]
    fn a_request_from_before_a_commit_neither_reads_nor_wipes_the_newer_pages() {
        let kept = KeptPages::default();
        kept.keep(2, "/", page(10));
        assert!(kept.get(1, "/").is_none(), "an older epoch reads nothing");
        kept.keep(1, "/tags", page(10));
        assert!(kept.get(2, "/").is_some(), "and leaves the newer pages be");
        assert!(kept.get(2, "/tags").is_none(), "nor adds its own");
        assert!(kept.get(3, "/").is_none(), "a newer epoch starts over");
    }
}
