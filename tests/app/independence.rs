//! Which sources are one story, over fixture pages as they would be fetched: each page's
//! facts and main text read as a snapshot would read them, then grouped.

use factdesk::domain::independence::{self, SAME_STORY, SourceText};
use factdesk::fetch::{extract, facts};
use url::Url;

/// The pages, in the order a fact-check might list them, and the story each belongs to.
const PAGES: &[(&str, &str)] = &[
    ("a_reprint_ledger.html", "bridge"),
    ("a_wire.html", "bridge"),
    ("a_local_report.html", "bridge report"),
    ("a_reprint_courier.html", "bridge"),
    ("a_commentary.html", "bridge column"),
    ("b_trimmed_reprint.html", "drought"),
    ("b_wire.html", "drought"),
    ("c_press_conference_herald.html", "measles herald"),
    ("c_press_conference_eastbank.html", "measles eastbank"),
];

fn source(name: &str) -> SourceText {
    let path = format!(
        "{}/tests/fixtures/independence/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let url = Url::parse(&format!("https://news.example/{name}")).unwrap();
    let facts = facts::read(&html, &url);
    let page = extract::main_text(&html, &url);
    SourceText {
        outlet: facts.outlet.unwrap(),
        published_on: facts.published,
        byline: page.byline.or_else(|| facts.authors.first().cloned()),
        text: page.text,
    }
}

#[test]
fn reprints_of_one_wire_story_are_grouped_and_everything_else_stands_alone() {
    let sources: Vec<SourceText> = PAGES.iter().map(|(name, _)| source(name)).collect();
    let groups = independence::stories(&sources);
    let named: Vec<Vec<&str>> = groups
        .iter()
        .map(|g| g.iter().map(|&i| PAGES[i].0).collect())
        .collect();
    assert_eq!(
        named,
        [
            vec![
                "a_wire.html",
                "a_reprint_ledger.html",
                "a_reprint_courier.html"
            ],
            vec!["a_local_report.html"],
            vec!["a_commentary.html"],
            vec!["b_wire.html", "b_trimmed_reprint.html"],
            vec!["c_press_conference_herald.html"],
            vec!["c_press_conference_eastbank.html"],
        ],
        "each wire story leads its group; the report, the column and the two press-conference \
         stories share quotes but not text"
    );
    assert_eq!(
        independence::independent(sources.len(), &groups),
        6,
        "9 sources, 6 independent"
    );
    let marks: Vec<String> = groups
        .iter()
        .filter_map(|g| independence::same_text(&sources, g))
        .collect();
    assert_eq!(
        marks,
        [
            "Northern Ledger and Gulf Courier ran the same text as Reuters",
            "Valley Post ran the same text as AP News",
        ]
    );
}

/// Every pair of pages judged "same story" or not, against what each page is: the figures
/// the threshold's documentation quotes.
#[test]
fn same_story_decisions_are_exact_with_a_wide_margin() {
    let sources: Vec<SourceText> = PAGES.iter().map(|(name, _)| source(name)).collect();
    let (mut true_pos, mut false_pos, mut false_neg) = (0, 0, 0);
    let (mut lowest_same, mut highest_other) = (f64::MAX, 0.0_f64);
    for a in 0..sources.len() {
        for b in a + 1..sources.len() {
            let score = independence::story_overlap(&sources[a].text, &sources[b].text);
            let same = PAGES[a].1 == PAGES[b].1;
            match (same, score >= SAME_STORY) {
                (true, true) => true_pos += 1,
                (false, true) => false_pos += 1,
                (true, false) => false_neg += 1,
                (false, false) => {}
            }
            if same {
                lowest_same = lowest_same.min(score);
            } else {
                highest_other = highest_other.max(score);
            }
        }
    }
    let precision = f64::from(true_pos) / f64::from(true_pos + false_pos);
    let recall = f64::from(true_pos) / f64::from(true_pos + false_neg);
    assert_eq!((true_pos, precision, recall), (4, 1.0, 1.0));
    assert!(
        lowest_same - SAME_STORY > 0.3 && SAME_STORY - highest_other > 0.3,
        "the threshold {SAME_STORY} should sit well inside [{highest_other:.3}, {lowest_same:.3}]"
    );
}

/// The chrome each site wraps its story in never reaches the compared text.
#[test]
fn no_site_chrome_reaches_the_compared_text() {
    const CHROME: &[&str] = &[
        "cookies",
        "newsletter",
        "Sign up",
        "Subscribe",
        "Previous article",
        "Next Article",
        "Read more",
        "Related to this topic",
        "Also worth reading",
        "More from",
        "All rights reserved",
        "Comments",
        "window.analytics",
    ];
    for (name, _) in PAGES {
        let text = source(name).text;
        for chrome in CHROME {
            assert!(!text.contains(chrome), "{name} kept {chrome:?}:\n{text}");
        }
        assert!(
            text.split("\n\n").count() >= 3,
            "{name} lost its paragraphs:\n{text}"
        );
    }
}
