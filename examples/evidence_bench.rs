//! Timing for issue 12's benchmark row: main-text extraction of a 200 KB page, and the
//! syndication grouping of a fact-check with 40 sources of ~100 KB text each.
//! Run in release: `cargo run --release --example evidence_bench`. Each figure is printed
//! for people, then as a `BENCH_EVIDENCE` JSON line that `bench/run.sh` records.

use factdesk::domain::independence::{self, SourceText};
use factdesk::fetch::extract;
use std::time::{Duration, Instant};

/// A deterministic word stream (a linear congruential generator over a made-up vocabulary),
/// so every run times the same input.
struct Words(u64);

impl Words {
    fn next_word(&mut self) -> String {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        let n = (self.0 >> 33) % 3000;
        let syllables = ["ka", "lo", "ven", "tri", "sor", "mel", "da", "run"];
        let mut word = String::new();
        let mut k = n;
        for _ in 0..3 {
            word.push_str(syllables[(k % 8) as usize]);
            k /= 8;
        }
        word
    }

    fn text(&mut self, bytes: usize) -> String {
        let mut text = String::new();
        while text.len() < bytes {
            for _ in 0..60 {
                text.push_str(&self.next_word());
                text.push(' ');
            }
            text.push_str(".\n\n");
        }
        text
    }
}

fn page(bytes: usize, words: &mut Words) -> String {
    let chrome = "<div class=\"cookie-bar\"><p>We use cookies to run this site.</p></div>\
        <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
        <aside class=\"related-stories\"><ul><li><a href=\"/a\">Another story</a></li></ul></aside>";
    let mut html = format!(
        "<html><head><title>Bench page</title></head><body>{chrome}<article><h1>Bench page</h1>"
    );
    while html.len() < bytes {
        html.push_str("<p>");
        html.push_str(words.text(600).trim_end());
        html.push_str("</p>\n");
    }
    html.push_str("</article><footer>All rights reserved.</footer></body></html>");
    html
}

/// The CPU time this thread has used, from Linux's scheduler statistics (`None` elsewhere):
/// wall time on a machine others build on says more about them than about this code.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(
        stat.split_whitespace().next()?.parse().ok()?,
    ))
}

/// Runs `work` `count` times; prints the median, fastest and slowest wall time and the mean
/// CPU time a run, for people and as one `BENCH_EVIDENCE` line.
fn measure(measured: &str, input: &str, count: usize, mut work: impl FnMut()) {
    let cpu_before = thread_cpu();
    let mut runs: Vec<Duration> = (0..count)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    // Summed over all runs: the scheduler's figure for a running thread can lag by a tick.
    let cpu = match (cpu_before, thread_cpu()) {
        (Some(before), Some(after)) => format!("{:.2}", ms(after - before) / count as f64),
        _ => "null".to_owned(),
    };
    runs.sort();
    let (median, fastest, slowest) = (ms(runs[count / 2]), ms(runs[0]), ms(runs[count - 1]));
    println!("{measured}, {input}: median {median:.1} ms over {count} runs, CPU {cpu} ms a run");
    println!(
        "BENCH_EVIDENCE {{\"measured\": \"{measured}\", \"input\": \"{input}\", \"runs\": {count}, \
         \"median_ms\": {median:.2}, \"min_ms\": {fastest:.2}, \"max_ms\": {slowest:.2}, \
         \"cpu_ms\": {cpu}}}"
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let mut words = Words(12);
    let url = url::Url::parse("https://news.example/bench").expect("a valid address");
    let html = page(200 * 1024, &mut words);
    measure(
        "main text (fetch::extract::main_text)",
        &format!("a {} KB page", html.len() / 1024),
        51,
        || {
            let text = extract::main_text(&html, &url).text;
            assert!(text.len() > 150_000, "the article should be extracted");
        },
    );

    // Ten stories, each run by four outlets, the reprints with every 25th word changed.
    let mut sources = Vec::new();
    for story in 0..10 {
        let original = words.text(100 * 1024);
        for outlet in 0..4 {
            let text: String = original
                .split(' ')
                .enumerate()
                .map(|(i, w)| {
                    if outlet > 0 && i % 25 == outlet {
                        "changed"
                    } else {
                        w
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            sources.push(SourceText {
                outlet: format!("Outlet {story}-{outlet}"),
                published_on: Some(format!("2025-01-{:02}", outlet + 1)),
                byline: None,
                text,
            });
        }
    }
    measure(
        "grouping by story (domain::independence::stories)",
        &format!("{} sources of ~100 KB, ten stories of four", sources.len()),
        11,
        || {
            let groups = independence::stories(&sources);
            assert_eq!(groups.len(), 10, "ten stories of four");
        },
    );
}
