//! The draft's validation, case by case.

use super::*;
use crate::domain::AppearanceInput;

fn valid_input() -> FactCheckInput {
    FactCheckInput {
        headline: "Fact Check: Moon is not made of cheese".into(),
        rating: "false".into(),
        summary: "It is rock.".into(),
        body: "Samples say *rock*.".into(),
        tags: "#Space, moon space".into(),
        claim_text: "The Moon is made of cheese.".into(),
        claimant: "Social media users".into(),
        appearances: vec![AppearanceInput {
            url: "https://example.com/post".into(),
            platform: "X".into(),
            ..Default::default()
        }],
        sources: vec![
            SourceInput {
                outlet: "Second".into(),
                title: "B".into(),
                date: "2025-06-01".into(),
                position: "2".into(),
                ..Default::default()
            },
            SourceInput {
                outlet: "First".into(),
                title: "A".into(),
                date: "2025-06-01".into(),
                position: "1".into(),
                ..Default::default()
            },
            SourceInput {
                outlet: "Gone".into(),
                remove: true,
                ..Default::default()
            },
        ],
        ..Default::default()
    }
}

#[test]
fn a_valid_input_becomes_a_draft_in_the_editors_order() {
    let draft = FactCheckDraft::try_from(&valid_input()).unwrap();
    assert_eq!(draft.headline, "Moon is not made of cheese");
    let outlets: Vec<_> = draft.sources.iter().map(|s| s.outlet.as_str()).collect();
    assert_eq!(outlets, ["First", "Second"]);
    let tags: Vec<_> = draft.tags.iter().map(TagName::as_str).collect();
    assert_eq!(tags, ["Space", "moon"]);
    assert!(draft.body_html.contains("<em>rock</em>"));
}

#[test]
fn every_problem_is_reported_at_once() {
    let input = FactCheckInput {
        appearances: vec![AppearanceInput {
            url: "javascript:alert(1)".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let errors = FactCheckDraft::try_from(&input).unwrap_err();
    for field in [
        "headline",
        "rating",
        "summary",
        "body",
        "claim_text",
        "claimant",
        "appearance.0.url",
        "appearance.0.platform",
    ] {
        assert!(
            errors.get(field).is_some(),
            "no error for {field}: {errors:?}"
        );
    }
}
