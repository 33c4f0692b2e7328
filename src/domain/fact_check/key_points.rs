//! "Key points": the few lines a reader takes away, typed one per line and shown as a list
//! above the explanation.

use crate::domain::bounded_text;
use crate::domain::limits::{KEY_POINT, KEY_POINTS};

/// The key points typed in the form (one per line, blank lines ignored), or why they
/// cannot be kept: at most `KEY_POINTS` of them, each at most `KEY_POINT` characters.
pub fn key_points(raw: &str) -> Result<Vec<String>, String> {
    let points: Vec<&str> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if points.len() > KEY_POINTS {
        return Err(format!(
            "Give at most {KEY_POINTS} key points, one per line (there are {}).",
            points.len()
        ));
    }
    points
        .into_iter()
        .enumerate()
        .map(|(i, point)| {
            bounded_text(&format!("Key point {}", i + 1), point, KEY_POINT, true)
                .map(Option::unwrap_or_default)
        })
        .collect()
}

/// The key points as stored (one per line), for the page, the API and the export.
pub fn key_points_of(stored: &str) -> Vec<String> {
    stored
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_points_are_a_few_short_lines() {
        assert_eq!(
            key_points("  The post misquotes the report.\n\n No figures support it. \n").unwrap(),
            ["The post misquotes the report.", "No figures support it."]
        );
        assert!(key_points("").unwrap().is_empty());
        let six = "a point\n".repeat(KEY_POINTS + 1);
        assert!(key_points(&six).unwrap_err().contains("at most 5"));
        let long = format!("fine\n{}", "x".repeat(KEY_POINT + 1));
        let refused = key_points(&long).unwrap_err();
        assert!(
            refused.starts_with("Key point 2 must be at most 200"),
            "{refused}"
        );
        assert_eq!(key_points_of("one\ntwo\n"), ["one", "two"]);
    }
}
