//! Verdict pages as rendered, kept per thread until the database changes, so a fact-check
//! many people read is not queried, rendered and hashed again for each of them.
//!
//! A verdict page depends only on what is stored and on the site's settings: no clock (it
//! shows dates, never "5 minutes ago"), nothing per reader. A copy is therefore exact for as
//! long as nothing is committed. Each thread's copies belong to one `DataVersion`; any
//! commit, by this server or by another process such as `factdesk import`, changes the
//! version, and the copies are dropped before the next page is answered. Per thread,
//! because versions are those of the thread's own read connection.

use crate::config::Site;
use crate::db::DataVersion;
use axum::body::Bytes;
use axum::http::HeaderValue;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

/// Pages kept per thread, about 10 MB of HTML. A full cache starts over: the pages being
/// read come back at once, and a hit needs no bookkeeping.
const CAPACITY: usize = 1_000;

#[derive(Clone)]
pub struct RenderedPage {
    pub html: Bytes,
    pub etag: HeaderValue,
}

#[derive(Default)]
struct Kept {
    version: Option<DataVersion>,
    /// Held, not just compared by address, so a dropped site's address cannot come back.
    site: Option<Arc<Site>>,
    by_slug: HashMap<String, RenderedPage>,
}

thread_local! {
    static VERDICTS: RefCell<Kept> = RefCell::new(Kept::default());
}

/// This thread's copy of the verdict page for `slug`, if it was rendered for `site` with
/// nothing committed since `version` was taken. Forgets every copy made at another version.
pub fn verdict(version: DataVersion, site: &Arc<Site>, slug: &str) -> Option<RenderedPage> {
    VERDICTS.with_borrow_mut(|kept| {
        let same_site = kept.site.as_ref().is_some_and(|s| Arc::ptr_eq(s, site));
        if kept.version != Some(version) || !same_site {
            kept.by_slug.clear();
            kept.version = Some(version);
            kept.site = Some(Arc::clone(site));
            return None;
        }
        kept.by_slug.get(slug).cloned()
    })
}

/// Keeps a page rendered from data read after `verdict` was asked at `version` (on this
/// thread: call both from one synchronous stretch of code).
pub fn keep_verdict(version: DataVersion, site: &Arc<Site>, slug: &str, page: RenderedPage) {
    VERDICTS.with_borrow_mut(|kept| {
        let same_site = kept.site.as_ref().is_some_and(|s| Arc::ptr_eq(s, site));
        if kept.version != Some(version) || !same_site {
            return;
        }
        if kept.by_slug.len() >= CAPACITY {
            kept.by_slug.clear();
        }
        kept.by_slug.insert(slug.to_owned(), page);
    })
}
