//! Maps another publisher's `reviewRating` onto our rating scale: by label (ours, or a
//! common synonym or translation), else by the number between worst and best.

use super::jsonld::{number, text_at};
use crate::domain::Rating;
use serde_json::Value;

/// Labels other fact-checkers use, lowercased, with the slug of our rating they mean.
/// Only slugs the newsroom's scale still has are used.
const SYNONYMS: &[(&str, &str)] = &[
    // false
    ("pants on fire", "false"),
    ("falso", "false"),
    ("falsa", "false"),
    ("faux", "false"),
    ("fausse", "false"),
    ("falsch", "false"),
    ("fake", "false"),
    ("incorrect", "false"),
    ("wrong", "false"),
    ("onwaar", "false"),
    ("altered", "false"),
    ("fabricated", "false"),
    // mostly false
    ("misleading", "mostly-false"),
    ("engañoso", "mostly-false"),
    ("enganoso", "mostly-false"),
    ("engañosa", "mostly-false"),
    ("trompeur", "mostly-false"),
    ("irreführend", "mostly-false"),
    ("fuorviante", "mostly-false"),
    ("mostly false", "mostly-false"),
    ("largely false", "mostly-false"),
    ("mayormente falso", "mostly-false"),
    ("plutôt faux", "mostly-false"),
    ("überwiegend falsch", "mostly-false"),
    // mixture
    ("half true", "mixture"),
    ("half-true", "mixture"),
    ("mixed", "mixture"),
    ("partly false", "mixture"),
    ("partly true", "mixture"),
    ("partially true", "mixture"),
    ("partially false", "mixture"),
    ("medio verdadero", "mixture"),
    ("verdad a medias", "mixture"),
    ("à moitié vrai", "mixture"),
    ("teilweise falsch", "mixture"),
    ("teilweise richtig", "mixture"),
    // mostly true
    ("mostly true", "mostly-true"),
    ("largely true", "mostly-true"),
    ("missing context", "mostly-true"),
    ("needs context", "mostly-true"),
    ("mayormente verdadero", "mostly-true"),
    ("plutôt vrai", "mostly-true"),
    ("überwiegend richtig", "mostly-true"),
    // true
    ("verdadero", "true"),
    ("verdadera", "true"),
    ("verdadeiro", "true"),
    ("vrai", "true"),
    ("wahr", "true"),
    ("richtig", "true"),
    ("correct", "true"),
    ("accurate", "true"),
    ("vero", "true"),
    // the ratings without a number
    ("unverified", "unproven"),
    ("unsupported", "unproven"),
    ("no evidence", "unproven"),
    ("sin evidencia", "unproven"),
    ("non prouvé", "unproven"),
    ("unbelegt", "unproven"),
    ("satira", "satire"),
    ("sátira", "satire"),
    ("parody", "satire"),
    ("falsely attributed", "misattributed"),
    ("out of context", "miscaptioned"),
    ("false context", "miscaptioned"),
    ("old", "outdated"),
];

/// The slug of the rating for a publisher's verdict that maps onto none of ours.
pub const NOT_RATED: &str = "not-rated";

/// Lowercase, separators as spaces, trailing punctuation and extra spaces dropped:
/// "Pants-on-Fire!" and "pants on fire" compare equal.
fn normalize(label: &str) -> String {
    label
        .to_lowercase()
        .replace(['-', '_'], " ")
        .trim_end_matches(['!', '.', '?'])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The newsroom's rating scale, as an import reads it.
pub struct Scale {
    ratings: Vec<Rating>,
}

impl Scale {
    pub fn new(ratings: Vec<Rating>) -> Self {
        Scale { ratings }
    }

    /// Our rating for a label ("Falso", "Mostly False", "mostly-false"), if it names one; or
    /// for a sentence that starts with one, as many fact-checkers write their rating
    /// ("Incorrect. The figure refers to…", "False: the photo is from 2019").
    pub fn by_label(&self, label: &str) -> Option<&Rating> {
        self.by_name(label).or_else(|| {
            let first = label
                .split(['.', ',', ':', ';', '—', '–', '(', '!'])
                .next()?;
            (first.len() < label.trim().len())
                .then(|| self.by_name(first))
                .flatten()
        })
    }

    fn by_name(&self, label: &str) -> Option<&Rating> {
        let wanted = normalize(label);
        if wanted.is_empty() {
            return None;
        }
        self.ratings
            .iter()
            .find(|r| normalize(&r.label) == wanted || normalize(&r.slug) == wanted)
            .or_else(|| {
                let (_, slug) = SYNONYMS.iter().find(|(name, _)| *name == wanted)?;
                self.ratings.iter().find(|r| r.slug == *slug)
            })
    }

    /// The rating a record gets when it matches none of ours (migration 0020).
    pub fn not_rated(&self) -> Option<&Rating> {
        self.ratings.iter().find(|r| r.slug == NOT_RATED)
    }

    /// Our rating for a schema.org `Rating`: its `alternateName` (or `name`) first, then its
    /// `ratingValue` placed between `worstRating` and `bestRating` (1 and 5 when absent)
    /// and rounded onto our 1–5 scale.
    pub fn resolve(&self, rating: &Value) -> Result<&Rating, String> {
        let label = text_at(rating, "alternateName").or_else(|| text_at(rating, "name"));
        if let Some(found) = label.as_deref().and_then(|l| self.by_name(l)) {
            return Ok(found);
        }
        let value = number(rating.get("ratingValue"));
        let worst = number(rating.get("worstRating")).unwrap_or(1.0);
        let best = number(rating.get("bestRating")).unwrap_or(5.0);
        let by_value = value.filter(|_| best != worst).and_then(|v| {
            let share = ((v - worst) / (best - worst)).clamp(0.0, 1.0);
            let ours = (1.0 + share * 4.0).round() as i64;
            self.ratings.iter().find(|r| r.value == Some(ours))
        });
        // A sentence's first words only when its number says nothing ("True, but
        // misleading" with a ratingValue of 2 is the number's).
        let by_value = by_value.or_else(|| label.as_deref().and_then(|l| self.by_label(l)));
        // Never refused for its label alone: the publisher's words are kept beside it.
        if let Some(not_rated) = by_value.is_none().then(|| self.not_rated()).flatten() {
            return Ok(not_rated);
        }
        by_value.ok_or_else(|| match (label, value) {
            (Some(label), _) => format!(
                "rating \"{label}\" matches none of our ratings and has no usable ratingValue"
            ),
            (None, Some(v)) => format!("ratingValue {v} cannot be placed on our scale"),
            (None, None) => "reviewRating has neither alternateName nor ratingValue".to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn scale() -> Scale {
        let rating = |slug: &str, label: &str, value: Option<i64>| Rating {
            slug: slug.into(),
            label: label.into(),
            value,
            definition: String::new(),
            colour: String::new(),
        };
        Scale::new(vec![
            rating("true", "True", Some(5)),
            rating("mostly-true", "Mostly True", Some(4)),
            rating("mixture", "Mixture", Some(3)),
            rating("mostly-false", "Mostly False", Some(2)),
            rating("false", "False", Some(1)),
            rating("satire", "Satire", None),
            rating("not-rated", "Not rated on our scale", None),
        ])
    }

    #[test]
    fn labels_in_other_words_and_languages_find_our_rating() {
        let scale = scale();
        for (label, slug) in [
            ("Falso", "false"),
            ("FAUX", "false"),
            ("Pants on Fire!", "false"),
            ("Engañoso", "mostly-false"),
            ("misleading", "mostly-false"),
            ("Half True", "mixture"),
            ("Vrai", "true"),
            ("Wahr", "true"),
            ("mostly-true", "mostly-true"),
            ("Satire", "satire"),
            ("Incorrect. The figure refers to a different year.", "false"),
            ("False: the photo was taken in 2019", "false"),
            ("Mostly false — the bill was never passed", "mostly-false"),
            ("Engañoso, porque omite el contexto", "mostly-false"),
            ("Falso.", "false"),
            ("Incorrect round", "not-rated"),
            ("Ni idea", "not-rated"),
        ] {
            let found = scale.resolve(&json!({"alternateName": label})).unwrap();
            assert_eq!(found.slug, slug, "{label}");
        }
    }

    #[test]
    fn numbers_are_placed_between_worst_and_best() {
        let scale = scale();
        let slug = |v: Value| scale.resolve(&v).map(|r| r.slug.clone());
        assert_eq!(
            slug(json!({"ratingValue": "1", "bestRating": "7", "worstRating": "1"})).unwrap(),
            "false"
        );
        assert_eq!(
            slug(json!({"ratingValue": 7, "bestRating": 7, "worstRating": 1})).unwrap(),
            "true"
        );
        assert_eq!(slug(json!({"ratingValue": "4"})).unwrap(), "mostly-true");
        assert_eq!(
            slug(json!({"alternateName": "Ni idea", "ratingValue": 3})).unwrap(),
            "mixture"
        );
        assert_eq!(
            slug(json!({"alternateName": "Ni idea"})).unwrap(),
            "not-rated"
        );
        assert_eq!(
            slug(json!({"ratingValue": 3, "bestRating": 3, "worstRating": 3})).unwrap(),
            "not-rated"
        );
        // A scale without the not-rated rating still refuses, saying why.
        let without = Scale::new(
            super::tests::scale()
                .ratings
                .into_iter()
                .filter(|r| r.slug != "not-rated")
                .collect(),
        );
        assert!(
            without
                .resolve(&json!({"alternateName": "Ni idea"}))
                .unwrap_err()
                .contains("Ni idea")
        );
    }
}
