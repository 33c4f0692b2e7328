//! The comparison on small texts written for it: wording, order, and what groups with what.

use super::*;

const STORY: &str = "The harbour board voted on Monday to close the old fish market \
    for repairs, and the traders who rent its stalls will move to a tent on the quay \
    until the roof has been replaced next spring.";

fn source(outlet: &str, published_on: Option<&str>, text: &str) -> SourceText {
    SourceText {
        outlet: outlet.to_owned(),
        published_on: published_on.map(str::to_owned),
        byline: None,
        text: text.to_owned(),
    }
}

#[test]
fn similarity_asks_how_much_of_the_captured_text_survives() {
    let grown = format!("{STORY} Readers' comments are closed on this story.");
    assert_eq!(similarity(STORY, &grown), 1.0, "additions lose nothing");
    let cut = "The harbour board voted on Monday to close the old fish market.";
    assert!(
        similarity(STORY, cut) < 0.3,
        "most of what was cited is gone"
    );
    assert_eq!(similarity(STORY, "This page has moved."), 0.0);
    assert_eq!(
        similarity(STORY, &STORY.to_uppercase().replace(',', "")),
        1.0
    );
}

#[test]
fn the_wire_leads_its_group_then_the_earliest_then_the_first_listed() {
    let cases: &[(&str, [SourceText; 3], &str)] = &[
        (
            "a dateline naming the wire beats an earlier date",
            [
                source("Daily A", Some("2025-01-01"), STORY),
                source(
                    "Daily B",
                    Some("2025-01-02"),
                    &format!("PORT (AFP) - {STORY}"),
                ),
                source("Daily C", None, STORY),
            ],
            "Daily A and Daily C ran the same text as Daily B",
        ),
        (
            "without a wire, the earliest date; undated last",
            [
                source("Daily A", None, STORY),
                source("Daily B", Some("2025-01-03"), STORY),
                source("Daily C", Some("2025-01-02"), STORY),
            ],
            "Daily A and Daily B ran the same text as Daily C",
        ),
        (
            "\"AP\" only as a word: April is no wire, so list order decides",
            [
                source("Daily A", None, &format!("APRIL 3 - {STORY}")),
                source("Daily B", None, STORY),
                source("Daily C", None, STORY),
            ],
            "Daily B and Daily C ran the same text as Daily A",
        ),
    ];
    for (why, sources, expected) in cases {
        let groups = stories(sources);
        assert_eq!(groups.len(), 1, "{why}");
        assert_eq!(
            same_text(sources, &groups[0]).as_deref(),
            Some(*expected),
            "{why}"
        );
    }
}

#[test]
fn readers_are_told_how_many_sources_stand_alone() {
    let two_of_one = vec![vec![2, 0], vec![1]];
    assert_eq!(independent(3, &two_of_one), 2);
    assert_eq!(
        independent(4, &two_of_one),
        3,
        "a source with no captured text counts as independent"
    );
    assert_eq!(independent(1, &[vec![0]]), 1);
    assert!(all_one_story(3, &[vec![1, 0, 2]]));
    assert!(!all_one_story(1, &[vec![0]]), "one source is not a warning");
    assert!(
        !all_one_story(4, &[vec![1, 0, 2]]),
        "the uncaptured one may differ"
    );
}

#[test]
fn a_short_or_empty_text_groups_with_nothing() {
    let sources = [
        source("A", None, ""),
        source("B", None, ""),
        source("C", None, "Closed."),
    ];
    assert_eq!(stories(&sources), [vec![0], vec![1], vec![2]]);
    assert_eq!(same_text(&sources, &[0]), None);
}

#[test]
fn long_texts_are_compared_on_a_sample_and_still_grouped_right() {
    let text = |from: usize, changed_every: usize| {
        (from..from + 1_500)
            .map(|i| {
                if changed_every > 0 && i % changed_every == 0 {
                    format!("edited{i}")
                } else {
                    format!("word{i}")
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let sources = [
        source("Wire", Some("2025-06-01"), &text(0, 0)),
        source("Reprint", Some("2025-06-02"), &text(0, 60)),
        source("Other", Some("2025-06-01"), &text(10_000, 0)),
    ];
    assert!(
        shingles(&sources[0].text).len() > SAMPLE_ABOVE,
        "long enough to be sampled"
    );
    assert_eq!(stories(&sources), vec![vec![0, 1], vec![2]]);
}
