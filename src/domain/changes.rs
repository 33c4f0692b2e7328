//! What changed on a watched page: the text cited and the text now, paragraph by
//! paragraph, for the editor's side-by-side view.

/// One paragraph of a side-by-side comparison, and whether the other side lacks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    /// Only on this side: removed since citation (left) or added since (right).
    pub only_here: bool,
}

/// The captured text and the text now, paragraph by paragraph, each paragraph marked when
/// the other side does not have it word for word.
pub fn compare_paragraphs(captured: &str, now: &str) -> (Vec<Paragraph>, Vec<Paragraph>) {
    let split = |text: &str| -> Vec<String> {
        text.split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect()
    };
    let (before, after) = (split(captured), split(now));
    let side = |these: &[String], others: &[String]| {
        let others: std::collections::HashSet<&String> = others.iter().collect();
        these
            .iter()
            .map(|p| Paragraph {
                text: p.clone(),
                only_here: !others.contains(p),
            })
            .collect()
    };
    (side(&before, &after), side(&after, &before))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_added_and_removed_are_marked() {
        let (before, after) = compare_paragraphs(
            "Kept  the same.\n\nDropped later.",
            "Kept the same.\n\nWritten since.",
        );
        let marks = |side: &[Paragraph]| -> Vec<(String, bool)> {
            side.iter().map(|c| (c.text.clone(), c.only_here)).collect()
        };
        assert_eq!(
            marks(&before),
            [
                ("Kept the same.".into(), false),
                ("Dropped later.".into(), true)
            ]
        );
        assert_eq!(
            marks(&after),
            [
                ("Kept the same.".into(), false),
                ("Written since.".into(), true)
            ]
        );
    }
}
