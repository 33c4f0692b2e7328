//! The link watch's judgement: where a cited address stands after one more check, from what
//! the check found and the address's recent history, with the time given, never read.

use super::Moment;
use super::evidence::LinkState;

/// Below this share of the citation text still found on the page (word shingles, see
/// `independence::similarity`), the page has changed materially. Measured on the test pages
/// in `tests/app/evidence/link_watch.rs`: a fixed typo keeps 0.961, a correction appended
/// 0.969, a new date line and footer 1.0; one paragraph of four dropped 0.736, a rewrite
/// that keeps some sentences 0.566, another story 0.0. 0.8 sits between the careful
/// corrections and the lost paragraph.
pub const CHANGED_BELOW: f64 = 0.8;

/// Unreachable this many checks in a row, over at least `DEAD_AFTER`, and a link is dead.
pub const DEAD_AFTER_CHECKS: usize = 3;
/// See `DEAD_AFTER_CHECKS`: a site down for a weekend is not yet gone.
pub const DEAD_AFTER: chrono::Duration = chrono::Duration::hours(72);

/// What one check of an address found.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// The site answered: its status after redirects, where they led, and for a page with a
    /// text the share of the citation text still in it.
    Answered {
        status: u16,
        final_url: String,
        similarity: Option<f64>,
    },
    /// 304: the page is the version the last check saw.
    NotModified,
    /// Nothing usable answered: a timeout, a name not found, a refused or broken connection.
    Failed { why: String },
}

/// One earlier check of the address, as kept in its history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PastCheck {
    pub checked_at: Moment,
    /// What that check found by itself, before the history was weighed.
    pub outcome: LinkState,
}

/// The judgement of one check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged {
    /// What this check found by itself; kept in the history.
    pub outcome: LinkState,
    /// Where the address stands now, history weighed.
    pub state: LinkState,
    /// Why it is not ok, in words for the editor.
    pub why: Option<String>,
}

/// Judges a check of `cited` made at `now`. `previous` is the address's state before it and
/// `recent` its earlier checks, newest first (a few are enough: only the latest run of
/// failures counts).
pub fn judge(
    cited: &str,
    finding: &Finding,
    previous: LinkState,
    recent: &[PastCheck],
    now: Moment,
) -> Judged {
    let found = |outcome, why: Option<String>| Judged {
        outcome,
        state: outcome,
        why,
    };
    match finding {
        // Validators are kept only from pages that answered 2xx, so a 304 says the page is
        // the one the last answer served: its outcome stands again, and failures since then
        // (a site down for a while) are over.
        Finding::NotModified => {
            let answered = recent
                .iter()
                .map(|c| c.outcome)
                .find(|o| *o != LinkState::Unreachable)
                .unwrap_or(LinkState::Ok);
            found(answered, None)
        }
        Finding::Answered { status, .. } if matches!(status, 404 | 410) => {
            found(LinkState::Dead, Some(format!("the site answered {status}")))
        }
        Finding::Answered { final_url, .. } if is_sent_home(cited, final_url) => found(
            LinkState::Dead,
            Some("the address now leads to the site's home page".to_owned()),
        ),
        Finding::Answered { status, .. } if *status >= 500 => {
            unreachable(format!("the site answered {status}"), previous, recent, now)
        }
        // A refusal such as 403 or 429 (a bot wall, a rate limit) says the page is there but
        // not shown to us: not working, and never by itself proof that the page is gone.
        Finding::Answered { status, .. } if !(200..300).contains(status) => found(
            LinkState::Unreachable,
            Some(format!("the site answered {status}")),
        ),
        Finding::Answered {
            similarity: Some(share),
            ..
        } if *share < CHANGED_BELOW => found(
            LinkState::Changed,
            Some(format!(
                "{:.0}% of the text cited is still on the page",
                share * 100.0
            )),
        ),
        Finding::Answered { .. } => found(LinkState::Ok, None),
        Finding::Failed { why } => unreachable(why.clone(), previous, recent, now),
    }
}

/// A failure is passing until it has lasted `DEAD_AFTER_CHECKS` checks over `DEAD_AFTER`;
/// a link already dead stays dead while it keeps failing.
fn unreachable(why: String, previous: LinkState, recent: &[PastCheck], now: Moment) -> Judged {
    let run: Vec<&PastCheck> = recent
        .iter()
        .take_while(|c| c.outcome == LinkState::Unreachable)
        .collect();
    let failing_since = run.last().map_or(now, |first| first.checked_at);
    let lasted = run.len() + 1 >= DEAD_AFTER_CHECKS && now.0 - failing_since.0 >= DEAD_AFTER;
    let state = if lasted || previous == LinkState::Dead {
        LinkState::Dead
    } else {
        LinkState::Unreachable
    };
    Judged {
        outcome: LinkState::Unreachable,
        state,
        why: Some(why),
    }
}

/// A deep link that now lands on the front page of a site: the article is gone, whatever
/// status the front page answers with.
pub fn is_sent_home(cited: &str, final_url: &str) -> bool {
    let (Ok(cited), Ok(landed)) = (url::Url::parse(cited), url::Url::parse(final_url)) else {
        return false;
    };
    // The front page: no path, or one step that names it ("index.html", "home") or a
    // language ("en", "pt-br"); a query (tracking tags) does not make it another page.
    let home = |u: &url::Url| {
        let steps: Vec<&str> = u.path().split('/').filter(|s| !s.is_empty()).collect();
        match steps.as_slice() {
            [] => true,
            [one] => {
                let one = one.to_ascii_lowercase();
                one.starts_with("index.")
                    || one == "home"
                    || (one.len() == 2 && one.chars().all(|c| c.is_ascii_alphabetic()))
                    || (one.len() == 5
                        && one.as_bytes()[2] == b'-'
                        && one.chars().filter(char::is_ascii_alphabetic).count() == 4)
            }
            _ => false,
        }
    };
    !home(&cited) && home(&landed)
}

/// When to check `url` next after a check at `now`: `every` later, spread over a further
/// quarter of `every` by the address, so the pages one fact-check cites (checked together
/// once) drift apart instead of hitting one site at once every day.
pub fn next_check_at(url: &str, now: Moment, every: chrono::Duration) -> Moment {
    let spread = url
        .bytes()
        .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    let window = u64::try_from((every.num_seconds() / 4).max(1)).unwrap_or(1);
    let seconds = i64::try_from(spread % window).unwrap_or(0);
    Moment(now.0 + every + chrono::Duration::seconds(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use LinkState::{Changed, Dead, Ok, Unreachable};

    const CITED: &str = "https://news.example/2025/06/harbour-strike";

    /// `hours` after a fixed day, so every run sees the same times.
    fn at(hours: i64) -> Moment {
        let day = chrono::DateTime::UNIX_EPOCH + chrono::Duration::days(20_000);
        Moment(day + chrono::Duration::hours(hours))
    }

    fn answered(status: u16, similarity: Option<f64>) -> Finding {
        Finding::Answered {
            status,
            final_url: CITED.to_owned(),
            similarity,
        }
    }

    fn failed() -> Finding {
        Finding::Failed {
            why: "no answer within 10 s".to_owned(),
        }
    }

    /// Runs `checks` (hour, finding) in order from an ok link, returning each state.
    fn watch(checks: &[(i64, Finding)]) -> Vec<LinkState> {
        let (mut state, mut history) = (Ok, Vec::<PastCheck>::new());
        checks
            .iter()
            .map(|(hour, finding)| {
                let judged = judge(CITED, finding, state, &history, at(*hour));
                history.insert(
                    0,
                    PastCheck {
                        checked_at: at(*hour),
                        outcome: judged.outcome,
                    },
                );
                state = judged.state;
                state
            })
            .collect()
    }

    #[test]
    fn states_over_simulated_time() {
        /// A story, its checks (hour, finding), and the state after each.
        type Case = (&'static str, Vec<(i64, Finding)>, Vec<LinkState>);
        let cases: &[Case] = &[
            (
                "the page answers with the cited text",
                vec![
                    (24, answered(200, Some(1.0))),
                    (48, answered(200, Some(0.97))),
                ],
                vec![Ok, Ok],
            ),
            (
                "a rewrite is changed, and ok again when the text comes back",
                vec![
                    (24, answered(200, Some(0.1))),
                    (48, answered(200, Some(1.0))),
                ],
                vec![Changed, Ok],
            ),
            (
                "404 is dead at once",
                vec![(24, answered(404, None))],
                vec![Dead],
            ),
            (
                "410 is dead at once",
                vec![(24, answered(410, None))],
                vec![Dead],
            ),
            (
                "three failures over 72 h are dead",
                vec![(0, failed()), (36, answered(503, None)), (72, failed())],
                vec![Unreachable, Unreachable, Dead],
            ),
            (
                "three failures within 72 h are still unreachable",
                vec![(0, failed()), (24, failed()), (48, failed())],
                vec![Unreachable, Unreachable, Unreachable],
            ),
            (
                "two failures over 96 h are still unreachable",
                vec![(0, failed()), (96, failed())],
                vec![Unreachable, Unreachable],
            ),
            (
                "an answer in between starts the count again",
                vec![
                    (0, failed()),
                    (24, failed()),
                    (48, answered(200, Some(1.0))),
                    (72, failed()),
                    (96, failed()),
                ],
                vec![Unreachable, Unreachable, Ok, Unreachable, Unreachable],
            ),
            (
                "a dead link that stops answering stays dead",
                vec![(0, answered(404, None)), (24, failed())],
                vec![Dead, Dead],
            ),
            (
                "304 keeps the state before it",
                vec![
                    (0, answered(200, Some(0.2))),
                    (24, Finding::NotModified),
                    (48, answered(200, Some(1.0))),
                    (72, Finding::NotModified),
                ],
                vec![Changed, Changed, Ok, Ok],
            ),
            (
                "a site back after three days down answers 304: ok again, not dead",
                vec![
                    (0, answered(200, Some(1.0))),
                    (24, failed()),
                    (60, failed()),
                    (100, failed()),
                    (124, Finding::NotModified),
                    (148, failed()),
                ],
                vec![Ok, Unreachable, Unreachable, Dead, Ok, Unreachable],
            ),
            (
                "403 and 429 say not shown to us, never that the page is gone",
                vec![
                    (0, answered(403, None)),
                    (40, answered(429, None)),
                    (80, answered(403, None)),
                    (120, answered(403, None)),
                ],
                vec![Unreachable, Unreachable, Unreachable, Unreachable],
            ),
            (
                "a page without a text to compare is ok while it answers",
                vec![(0, answered(200, None))],
                vec![Ok],
            ),
        ];
        for (story, checks, expected) in cases {
            assert_eq!(&watch(checks), expected, "{story}");
        }
    }

    #[test]
    fn a_deep_link_sent_to_the_home_page_is_dead() {
        let home = Finding::Answered {
            status: 200,
            final_url: "https://news.example/".to_owned(),
            similarity: Some(0.0),
        };
        let judged = judge(CITED, &home, Ok, &[], at(0));
        assert_eq!(judged.state, Dead);
        assert_eq!(
            judged.why.as_deref(),
            Some("the address now leads to the site's home page")
        );
        assert!(!is_sent_home(
            "https://news.example/",
            "https://news.example/"
        ));
        assert!(!is_sent_home(CITED, "https://news.example/2025/06/harbour"));
        assert!(is_sent_home(CITED, "https://news.example/index.html"));
        for front in ["/?utm_source=gone", "/en/", "/pt-br", "/home"] {
            assert!(
                is_sent_home(CITED, &format!("https://news.example{front}")),
                "{front}"
            );
        }
        assert!(
            !is_sent_home(CITED, "https://news.example/sport"),
            "a section is no home"
        );
    }

    #[test]
    fn checks_are_a_day_apart_and_spread_by_address() {
        let day = chrono::Duration::days(1);
        let times: Vec<Moment> = (0..20)
            .map(|n| next_check_at(&format!("{CITED}/{n}"), at(0), day))
            .collect();
        for t in &times {
            assert!(t.0 >= at(24).0 && t.0 < at(30).0, "{t:?}");
        }
        let distinct: std::collections::HashSet<_> = times.iter().map(|t| t.0).collect();
        assert!(
            distinct.len() >= 15,
            "20 pages spread out: {}",
            distinct.len()
        );
    }
}
