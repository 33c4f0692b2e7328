//! `factdesk check-links`: the link watch run once, for cron, with a progress bar on a
//! terminal and a summary line at the end.

use super::existing;
use crate::cli::CheckLinksArgs;
use crate::db::Db;
use crate::domain::Moment;
use crate::fetch::{AddressPolicy, FetchLimits, Fetcher};
use crate::jobs::link_watch::{self, Round};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

pub(super) fn run(path: &std::path::Path, args: &CheckLinksArgs) -> Result<(), String> {
    existing(path)?;
    let opened = Db::open(path).map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Runtime::new().map_err(|e| format!("cannot start: {e}"))?;
    let policy = AddressPolicy {
        allow_private: args.allow_private_fetch,
        ..AddressPolicy::default()
    };
    let round = Round {
        now: Moment::now(),
        limit: link_watch::BATCH,
        all: args.all,
        every: chrono::Duration::hours(i64::from(if args.every_hours == 0 {
            24
        } else {
            args.every_hours
        })),
    };
    let waiting =
        link_watch::waiting(&opened.db, round.now, round.all).map_err(|e| e.to_string())?;
    // Cron mails whatever a job prints: a bar only for a person watching.
    let bar = if std::io::stdout().is_terminal() {
        let bar = ProgressBar::new(u64::try_from(waiting).unwrap_or(u64::MAX));
        if let Ok(style) = ProgressStyle::with_template("checking links {bar:30} {pos}/{len}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let tally = runtime.block_on(async {
        let fetcher = Fetcher::new(policy, FetchLimits::default(), &args.base_url)?;
        link_watch::check_everything(&opened.db, &fetcher, round, |so_far| {
            bar.set_position(u64::try_from(so_far.checked()).unwrap_or(u64::MAX));
        })
        .await
        .map_err(|e| e.to_string())
    })?;
    bar.finish_and_clear();
    println!("{}", tally.summary());
    Ok(())
}
