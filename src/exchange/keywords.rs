//! A record's `keywords` as our tags.

use super::jsonld::{list, text};
use crate::domain::{MAX_TAGS, TagName};
use serde_json::Value;
use std::collections::HashSet;

/// Keywords looked at for tags: far more than the `MAX_TAGS` kept, so duplicates and
/// unusable ones among the first cannot starve the list, and no more than that.
const MAX_KEYWORDS_READ: usize = 1_000;

/// Keywords as our tags: a valid tag is kept as written, in any script ("Irán"); others
/// lose the punctuation tags cannot hold and their spaces ("climate change" →
/// "ClimateChange"; words of a script without capitals are joined by `_`, "الشرق_الأوسط");
/// each tag once, whatever its case or accents; at most `MAX_TAGS`, from the first
/// `MAX_KEYWORDS_READ`.
pub(super) fn tags(keywords: Option<&Value>) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    let mut looked_at = 0;
    'keywords: for raw in list(keywords).into_iter().filter_map(text) {
        // A single string may hold a comma-separated list.
        for keyword in raw.split(',').map(str::trim).filter(|k| !k.is_empty()) {
            looked_at += 1;
            if looked_at > MAX_KEYWORDS_READ || words.len() == MAX_TAGS {
                break 'keywords;
            }
            let tag = TagName::parse(keyword).or_else(|_| TagName::parse(&joined(keyword)));
            if let Ok(tag) = tag
                && seen.insert(tag.key())
            {
                words.push(tag.as_str().to_owned());
            }
        }
    }
    words
}

/// A keyword of several words as one tag, cut to a tag's length.
fn joined(keyword: &str) -> String {
    let mut tag = String::new();
    for word in keyword.split_whitespace() {
        let word = icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(word);
        let word: String = word
            .chars()
            .filter(|c| crate::domain::tag::is_tag_char(*c))
            .collect();
        let mut chars = word.chars();
        let Some(first) = chars.next() else { continue };
        let uncased = first.is_alphabetic() && !first.is_lowercase() && !first.is_uppercase();
        if uncased && !tag.is_empty() {
            tag.push('_');
        }
        tag.extend(first.to_uppercase());
        tag.push_str(chars.as_str());
    }
    tag.chars().take(TagName::MAX_LEN).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keywords_become_tags_in_any_script() {
        assert_eq!(
            tags(Some(&json!([
                "COVID-19",
                "climate change",
                "Élections, vote",
                "Irán",
                "IRAN",
                "medio oriente",
                "Election 2024",
                "الشرق الأوسط",
                "हिन्दी समाचार",
                "!!!"
            ]))),
            [
                "COVID-19",
                "ClimateChange",
                "Élections",
                "vote",
                "Irán",
                "MedioOriente",
                "Election2024",
                "الشرق_الأوسط",
                "हिन्दी_समाचार"
            ]
        );
    }
}
