//! A page's details for the form, fetched and read within bounds: the fetch within the
//! fetcher's limits, then the HTML read on a blocking thread, a few at a time, so a burst
//! of pasted links can neither stall the async workers nor take every blocking thread.

use super::{Fetcher, tangle};
use tokio::sync::Semaphore;
use url::Url;

/// Reading a 5 MB page takes tens of milliseconds; two at once keep the other blocking
/// work (database reads, password checks) moving on a small machine.
static READING: Semaphore = Semaphore::const_new(2);

/// Fetches `address` and reads it with `read` (`facts::read` for a source,
/// `facts::read_appearance` for an appearance), or says why not, in an editor's words.
pub async fn look_up<T: Send + 'static>(
    fetcher: &Fetcher,
    address: &str,
    read: fn(&str, &Url) -> T,
) -> Result<T, String> {
    let page = fetcher.fetch(address).await.map_err(|e| e.to_string())?;
    if !(200..300).contains(&page.status) {
        return Err(format!("the site answered {}", page.status));
    }
    if !page.content_type.contains("html") {
        return Err(format!("it is not a web page ({})", page.content_type));
    }
    let turn = READING
        .acquire()
        .await
        .map_err(|_| "the server is shutting down".to_owned())?;
    // The turn moves into the blocking task: a caller that gives up does not free it
    // while the parse still runs.
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let html = String::from_utf8_lossy(&page.body);
        if tangle::too_deep(&html) {
            return Err("the page is nested too deeply to read".to_owned());
        }
        Ok(read(&html, &page.final_url))
    })
    .await
    .map_err(|_| "the page could not be read".to_owned())?
}
