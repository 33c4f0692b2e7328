//! The link watch: re-checks every captured address on a schedule, conditionally (ETag,
//! Last-Modified), measures the page now against the copy taken at citation, and records
//! each check with where the address now stands. The server runs it in the background and
//! `factdesk check-links` runs it from cron; tests call `check_due` with the time they choose.

use crate::db::{Db, links};
use crate::domain::Moment;
use crate::domain::evidence::{LinkState, normalize_text};
use crate::domain::independence::similarity;
use crate::domain::link_watch::{Finding, judge, next_check_at};
use crate::error::AppError;
use crate::fetch::{Fetched, Fetcher, Validators, capture};
use std::time::Duration;

/// How often a page is checked unless told otherwise.
pub const DAILY: chrono::Duration = chrono::Duration::days(1);

/// Addresses taken at once: fetched side by side within the fetcher's own limits (a few at
/// once, one per host), so a bigger batch only holds more pages in memory.
pub const BATCH: usize = 32;

/// How long the background loop waits when nothing is due.
pub const IDLE: Duration = Duration::from_secs(10 * 60);

/// How many checks came to each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub ok: usize,
    pub changed: usize,
    pub unreachable: usize,
    pub dead: usize,
}

impl Tally {
    pub fn checked(&self) -> usize {
        self.ok + self.changed + self.unreachable + self.dead
    }

    fn count(&mut self, state: LinkState) {
        match state {
            LinkState::Ok => self.ok += 1,
            LinkState::Changed => self.changed += 1,
            LinkState::Unreachable => self.unreachable += 1,
            LinkState::Dead => self.dead += 1,
        }
    }

    fn add(&mut self, other: Tally) {
        self.ok += other.ok;
        self.changed += other.changed;
        self.unreachable += other.unreachable;
        self.dead += other.dead;
    }

    /// "checked 12: 9 ok, 1 changed, 1 unreachable, 1 dead"
    pub fn summary(&self) -> String {
        format!(
            "checked {}: {} ok, {} changed, {} unreachable, {} dead",
            self.checked(),
            self.ok,
            self.changed,
            self.unreachable,
            self.dead
        )
    }
}

/// Which addresses a round takes, and how far ahead it schedules the next check.
#[derive(Debug, Clone, Copy)]
pub struct Round {
    pub now: Moment,
    pub limit: usize,
    /// Every watched address, not only those due.
    pub all: bool,
    pub every: chrono::Duration,
}

/// Checks up to `limit` addresses due at `now`, the next check a day later.
pub async fn check_due(
    db: &Db,
    fetcher: &Fetcher,
    now: Moment,
    limit: usize,
) -> Result<Tally, AppError> {
    let round = Round {
        now,
        limit,
        all: false,
        every: DAILY,
    };
    check_round(db, fetcher, round).await
}

/// One round: the addresses `round` selects (with `all`, the first `limit`), checked side
/// by side, each recorded in its own transaction as it finishes.
pub async fn check_round(db: &Db, fetcher: &Fetcher, round: Round) -> Result<Tally, AppError> {
    let after = round.all.then(String::new);
    Ok(round_after(db, fetcher, round, after).await?.0)
}

/// `check_round` from the address after `after` when walking all of them; also the last
/// address taken, where the walk goes on from.
async fn round_after(
    db: &Db,
    fetcher: &Fetcher,
    round: Round,
    after: Option<String>,
) -> Result<(Tally, Option<String>), AppError> {
    let Round {
        now, limit, every, ..
    } = round;
    db.write(move |tx| links::forget_uncited(tx, now, limit))
        .await?;
    let due = db
        .read_slow(move |c| links::due(c, now, limit, after.as_deref()))
        .await?;
    let last = due.last().map(|link| link.url.clone());
    let mut checks = tokio::task::JoinSet::new();
    for link in due {
        let fetcher = fetcher.clone();
        checks.spawn(async move { check_one(&fetcher, link, now, every).await });
    }
    let mut tally = Tally::default();
    let mut found = Vec::new();
    while let Some(done) = checks.join_next().await {
        let check = done.map_err(|e| AppError::Internal(format!("link check failed: {e}")))?;
        tally.count(check.judged.state);
        found.push(check);
    }
    // One commit for the round: each commit empties every thread's kept verdict pages.
    db.write(move |tx| found.iter().try_for_each(|check| links::record(tx, check)))
        .await?;
    Ok((tally, last))
}

/// Rounds until nothing selected is left, `each` told the running total after every round;
/// for `factdesk check-links`.
pub async fn check_everything(
    db: &Db,
    fetcher: &Fetcher,
    round: Round,
    mut each: impl FnMut(Tally),
) -> Result<Tally, AppError> {
    let mut total = Tally::default();
    let mut after = round.all.then(String::new);
    loop {
        let (tally, last) = round_after(db, fetcher, round, after).await?;
        total.add(tally);
        each(total);
        if tally.checked() < round.limit {
            return Ok(total);
        }
        after = last.filter(|_| round.all);
    }
}

/// How many addresses a round with `all` (or without) would take in all.
pub fn waiting(db: &Db, now: Moment, all: bool) -> Result<usize, AppError> {
    db.read(|c| links::count_due(c, now, all))
}

async fn check_one(
    fetcher: &Fetcher,
    link: links::Due,
    now: Moment,
    every: chrono::Duration,
) -> links::Check {
    let known = Validators {
        etag: link.etag.clone(),
        last_modified: link.last_modified.clone(),
    };
    let fetched = fetcher.fetch_conditional(&link.url, &known).await;
    let (http_status, final_url, validators) = match &fetched {
        // Validators only from a page that answered: a 304 must mean "as last served".
        Ok(page) => (
            Some(page.status),
            Some(page.final_url.to_string()),
            if (200..300).contains(&page.status) {
                page.validators.clone()
            } else {
                Validators::default()
            },
        ),
        Err(_) => (None, None, Validators::default()),
    };
    let (finding, text) = match fetched {
        Ok(page) if page.status == 304 => (Finding::NotModified, None),
        Ok(page) if (200..300).contains(&page.status) => {
            let cited = link.cited_text.clone();
            // Extraction is CPU work; it stays off the threads that serve requests.
            tokio::task::spawn_blocking(move || measure(page, cited.as_deref()))
                .await
                .unwrap_or_else(|_| {
                    let why = "the page could not be read".to_owned();
                    (Finding::Failed { why }, None)
                })
        }
        Ok(page) => (
            Finding::Answered {
                status: page.status,
                final_url: page.final_url.to_string(),
                similarity: None,
            },
            None,
        ),
        Err(e) => (Finding::Failed { why: e.to_string() }, None),
    };
    let similarity = match &finding {
        Finding::Answered { similarity, .. } => *similarity,
        _ => None,
    };
    let judged = judge(&link.url, &finding, link.state, &link.recent, now);
    links::Check {
        next_check_at: next_check_at(&link.url, now, every),
        url: link.url,
        checked_at: now,
        http_status,
        final_url,
        judged,
        similarity,
        text,
        etag: validators.etag,
        last_modified: validators.last_modified,
    }
}

/// The page's text now, and how much of the cited text is still in it.
fn measure(page: Fetched, cited: Option<&str>) -> (Finding, Option<String>) {
    let status = page.status;
    let kept = capture::read(page);
    let text = normalize_text(&kept.text);
    let share = cited
        .filter(|c| !c.is_empty())
        .map(|cited| similarity(cited, &text));
    let finding = Finding::Answered {
        status,
        final_url: kept.final_url,
        similarity: share,
    };
    (finding, Some(text).filter(|t| !t.is_empty()))
}

/// Runs the watch until the runtime shuts down: a round whenever addresses are due, every
/// `IDLE` when none are, each page re-checked `every` after its last check. A failed round
/// is logged and never stops the server.
pub fn start(db: Db, fetcher: Fetcher, every: chrono::Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let round = Round {
                now: Moment::now(),
                limit: BATCH,
                all: false,
                every,
            };
            match check_round(&db, &fetcher, round).await {
                Ok(tally) if tally.checked() == 0 => tokio::time::sleep(IDLE).await,
                Ok(tally) => tracing::info!(summary = %tally.summary(), "checked cited links"),
                Err(e) => {
                    tracing::error!(error = %e, "link check failed");
                    tokio::time::sleep(IDLE).await;
                }
            }
        }
    })
}
