//! The longest text each form field takes, in characters, for validation and for the forms'
//! `maxlength` alike, so the browser stops typing where the server would refuse.

pub const HEADLINE: usize = 160;
pub const SUMMARY: usize = 600;
/// The explanation, in Markdown.
pub const EXPLANATION: usize = 50_000;
pub const CLAIM: usize = 500;
pub const CLAIMANT: usize = 120;
pub const APPEARANCE_PLATFORM: usize = 80;
pub const APPEARANCE_REACH: usize = 80;
pub const SOURCE_OUTLET: usize = 120;
pub const SOURCE_TITLE: usize = 300;
pub const SOURCE_AUTHORS: usize = 200;
pub const SOURCE_NOTE: usize = 500;
pub const REVIEW_COMMENT: usize = 2000;
pub const RETRACTION_NOTE: usize = 2000;
pub const CORRECTIONS_POLICY: usize = 5000;
pub const RATING_LABEL: usize = 60;
pub const RATING_DEFINITION: usize = 300;
pub const ACCOUNT_NAME: usize = 120;
pub const IMAGE_ALT: usize = 300;
pub const IMAGE_CAPTION: usize = 500;
pub const IMAGE_CREDIT: usize = 200;
/// An author page's biography: a few sentences, plain text.
pub const AUTHOR_BIO: usize = 600;
/// Key points above a verdict's explanation: a short list of short lines.
pub const KEY_POINTS: usize = 5;
pub const KEY_POINT: usize = 200;

/// Not a limit on what is kept: search engines cut a claim after about this many characters
/// in their fact-check snippets, so the form warns past it.
pub const CLAIM_SHOWN_IN_RESULTS: usize = 75;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{FactCheckDraft, FactCheckInput};

    fn valid_input() -> FactCheckInput {
        serde_json::from_str(
            r#"{"headline": "Moon is not made of cheese", "rating": "false",
                "summary": "It is rock.", "body": "Samples say rock.",
                "claim_text": "The Moon is made of cheese.", "claimant": "Social media users",
                "appearances": [{"url": "https://example.com/post", "platform": "X"}],
                "sources": [{"outlet": "NASA", "title": "Lunar samples"}]}"#,
        )
        .expect("a valid input")
    }

    type Setter = fn(&mut FactCheckInput, String);

    // The validation (src/domain/fact_check/draft.rs) names these constants; this proves
    // each is exactly where it stops accepting text, so a form's maxlength never cuts
    // short what the server would take, or lets through what it would refuse.
    #[test]
    fn each_limit_is_the_longest_text_the_validation_accepts() {
        let cases: &[(&str, usize, Setter)] = &[
            ("headline", HEADLINE, |f, v| f.headline = v),
            ("summary", SUMMARY, |f, v| f.summary = v),
            ("body", EXPLANATION, |f, v| f.body = v),
            ("claim_text", CLAIM, |f, v| f.claim_text = v),
            ("claimant", CLAIMANT, |f, v| f.claimant = v),
            ("appearance.0.platform", APPEARANCE_PLATFORM, |f, v| {
                f.appearances[0].platform = v
            }),
            ("appearance.0.reach", APPEARANCE_REACH, |f, v| {
                f.appearances[0].reach = v
            }),
            ("source.0.outlet", SOURCE_OUTLET, |f, v| {
                f.sources[0].outlet = v
            }),
            ("source.0.title", SOURCE_TITLE, |f, v| {
                f.sources[0].title = v
            }),
            ("source.0.authors", SOURCE_AUTHORS, |f, v| {
                f.sources[0].authors = v
            }),
            ("source.0.note", SOURCE_NOTE, |f, v| f.sources[0].note = v),
        ];
        for &(field, limit, set) in cases {
            let mut input = valid_input();
            set(&mut input, "a".repeat(limit));
            assert!(
                FactCheckDraft::try_from(&input).is_ok(),
                "{field} at {limit}"
            );
            set(&mut input, "a".repeat(limit + 1));
            let errors = FactCheckDraft::try_from(&input).err();
            assert!(
                errors.as_ref().and_then(|e| e.get(field)).is_some(),
                "{field} at {}: {errors:?}",
                limit + 1
            );
        }
    }
}
