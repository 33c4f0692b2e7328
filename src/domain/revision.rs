//! Revisions and public corrections: how a change to a fact-check is marked, and what
//! changed between two saved versions.

use super::stored::stored_as_text;
use super::{FactCheckInput, FieldErrors, Moment, bounded_text};

/// How a save is recorded. Before publication every save is a draft save; afterwards the
/// editor says whether it was a minor fix or a public Update or Correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Draft,
    Minor,
    Update,
    Correction,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Draft => "draft",
            ChangeKind::Minor => "minor",
            ChangeKind::Update => "update",
            ChangeKind::Correction => "correction",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Draft => "Draft save",
            ChangeKind::Minor => "Minor fix",
            ChangeKind::Update => "Update",
            ChangeKind::Correction => "Correction",
        }
    }

    pub fn is_public(self) -> bool {
        matches!(self, ChangeKind::Update | ChangeKind::Correction)
    }
}

stored_as_text!(ChangeKind: Draft, Minor, Update, Correction);

/// The longest public note of an Update or a Correction, in characters: a note says what
/// changed and why; the explanation holds the rest.
pub const MAX_PUBLIC_NOTE_LEN: usize = 1000;

/// The most corrections one imported record may carry. The editor adds them one save at a
/// time; a record with more is not a fact-check's history but a flood.
pub const MAX_CORRECTIONS: usize = 50;

/// A public note as readers will see it: required, at most `MAX_PUBLIC_NOTE_LEN`
/// characters, no control characters.
pub fn public_note(raw: &str) -> Result<String, String> {
    bounded_text("The public note", raw, MAX_PUBLIC_NOTE_LEN, true).map(Option::unwrap_or_default)
}

/// A save's kind and, for Updates and Corrections, the note readers will see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeMark {
    pub kind: ChangeKind,
    pub note: Option<String>,
}

impl ChangeMark {
    pub const DRAFT: ChangeMark = ChangeMark {
        kind: ChangeKind::Draft,
        note: None,
    };

    /// Reads the form's choice for a fact-check readers have seen (`public`); for any
    /// other, every save is a draft save and the fields are ignored.
    pub fn parse(kind: &str, note: &str, public: bool) -> Result<ChangeMark, FieldErrors> {
        if !public {
            return Ok(ChangeMark::DRAFT);
        }
        let mut errors = FieldErrors::new();
        let kind = match kind.trim() {
            "" | "minor" => ChangeKind::Minor,
            "update" => ChangeKind::Update,
            "correction" => ChangeKind::Correction,
            _ => {
                errors.add("change_kind", "Choose minor fix, Update or Correction.");
                ChangeKind::Minor
            }
        };
        let note = errors.check(
            "change_note",
            bounded_text(
                "The public note",
                note,
                MAX_PUBLIC_NOTE_LEN,
                kind.is_public(),
            ),
        );
        match note {
            Some(note) if errors.is_empty() => Ok(ChangeMark {
                kind,
                note: if kind.is_public() { note } else { None },
            }),
            _ => Err(errors),
        }
    }
}

/// One entry of a fact-check's history.
#[derive(Debug, Clone)]
pub struct RevisionSummary {
    pub version: i64,
    pub saved_by: String,
    pub saved_at: Moment,
    pub kind: ChangeKind,
}

/// A correction or update as readers see it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct PublicCorrection {
    pub kind: String,
    pub note: String,
    pub created_at: Moment,
    pub old_rating: Option<String>,
    pub new_rating: Option<String>,
    /// The two ratings' slugs (read with the verdict page and the corrections list, which
    /// name ratings in the reader's language) and values (the API names a rating by all
    /// three; read with the verdict page only).
    #[serde(default)]
    pub old_rating_slug: Option<String>,
    #[serde(default)]
    pub old_rating_value: Option<i64>,
    #[serde(default)]
    pub new_rating_slug: Option<String>,
    #[serde(default)]
    pub new_rating_value: Option<i64>,
}

impl PublicCorrection {
    pub fn label(&self) -> &'static str {
        if self.kind == "correction" {
            "Correction"
        } else {
            "Update"
        }
    }

    /// The two ratings' labels in `ui`'s language, when the change moved the rating.
    pub fn rating_change_in(&self, ui: &crate::domain::Ui) -> Option<(String, String)> {
        let label = |slug: &Option<String>, label: &Option<String>| -> Option<String> {
            let label = label.as_deref()?;
            Some(match slug {
                Some(slug) => ui.rating_label(&crate::domain::Rating {
                    slug: slug.clone(),
                    label: label.to_owned(),
                    value: None,
                    definition: String::new(),
                    colour: String::new(),
                }),
                None => label.to_owned(),
            })
        };
        if self.old_rating == self.new_rating {
            return None;
        }
        Some((
            label(&self.old_rating_slug, &self.old_rating)?,
            label(&self.new_rating_slug, &self.new_rating)?,
        ))
    }
}

/// A correction in the site-wide list, with the fact-check it belongs to.
#[derive(Debug, Clone)]
pub struct ListedCorrection {
    pub slug: String,
    pub headline: String,
    pub correction: PublicCorrection,
}

/// A field whose value differs between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

/// One line per item: its head, then each labelled value that is not empty, between `before`
/// and `after`.
fn labelled_lines<'a, const N: usize>(
    items: impl Iterator<Item = (String, [(&'a str, &'a String); N])>,
    (before, after): (&str, &str),
) -> String {
    items
        .map(|(mut line, labelled)| {
            for (label, value) in labelled.into_iter().filter(|(_, value)| !value.is_empty()) {
                line.push_str(&format!("{before}{label}: {value}{after}"));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn appearance_lines(input: &FactCheckInput) -> String {
    let items = input.appearances.iter().filter(|a| !a.is_blank()).map(|a| {
        let mut head = format!("{} — {}", a.platform, a.url);
        // A screenshot swapped, or no longer held back as sensitive, is a change readers see.
        match (a.image.trim(), a.sensitive) {
            ("", _) => {}
            (image, false) => head.push_str(&format!("; screenshot: Image {image}")),
            (image, true) => head.push_str(&format!("; screenshot: Image {image} (sensitive)")),
        }
        let labelled = [
            ("date", &a.date),
            ("reach", &a.reach),
            ("archived", &a.archived_url),
        ];
        (head, labelled)
    });
    labelled_lines(items, ("; ", ""))
}

fn source_lines(input: &FactCheckInput) -> String {
    let listed = input.sources.iter().filter(|s| !s.is_blank() && !s.remove);
    let items = listed.enumerate().map(|(i, s)| {
        let head = format!("{}. {}. {}.", i + 1, s.outlet, s.title);
        (
            head,
            [
                ("date", &s.date),
                ("authors", &s.authors),
                ("link", &s.url),
                ("archived", &s.archived_url),
                ("note", &s.note),
            ],
        )
    });
    labelled_lines(items, (" ", ";"))
}

/// The featured image as History names it: by its number in the media library.
fn featured_image_line(input: &FactCheckInput) -> String {
    match input.featured_image.trim() {
        "" => String::new(),
        id => format!("Image {id}"),
    }
}

/// Reads one compared field out of a fact-check, as text.
type FieldValue = fn(&FactCheckInput) -> String;

/// Field-by-field differences from `before` to `after`, in form order.
pub fn diff(before: &FactCheckInput, after: &FactCheckInput) -> Vec<FieldChange> {
    let fields: [(&'static str, FieldValue); 17] = [
        ("Headline", |i| i.headline.clone()),
        ("Slug", |i| i.slug.clone()),
        ("Rating", |i| i.rating.clone()),
        ("Summary", |i| i.summary.clone()),
        ("Key points", |i| i.key_points.clone()),
        ("Explanation", |i| i.body.clone()),
        ("Tags", |i| i.tags.clone()),
        ("Claim", |i| i.claim_text.clone()),
        ("Claimant", |i| i.claimant.clone()),
        ("Claimant link", |i| i.claimant_url.clone()),
        ("Claimant is", |i| i.claimant_kind.clone()),
        ("Claim date", |i| i.claim_date.clone()),
        ("Featured image", featured_image_line),
        ("Where it appeared", appearance_lines),
        ("Sources", source_lines),
        ("Language", |i| i.language.clone()),
        ("Translation of", |i| i.translation_of.clone()),
    ];
    fields
        .into_iter()
        .filter_map(|(field, value)| {
            let (before, after) = (value(before), value(after));
            (before.trim() != after.trim()).then_some(FieldChange {
                field,
                before,
                after,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::AppearanceInput;

    #[test]
    fn a_public_change_needs_its_note() {
        assert_eq!(
            ChangeMark::parse("whatever", "", false).unwrap(),
            ChangeMark::DRAFT
        );
        assert_eq!(
            ChangeMark::parse("minor", "ignored", true).unwrap().note,
            None
        );
        let errors = ChangeMark::parse("correction", "  ", true).unwrap_err();
        assert!(errors.get("change_note").is_some());
        let mark = ChangeMark::parse("update", "New figures arrived.", true).unwrap();
        assert_eq!(mark.kind, ChangeKind::Update);
    }

    #[test]
    fn the_diff_names_only_the_fields_that_changed() {
        let before = FactCheckInput {
            headline: "A".into(),
            rating: "unproven".into(),
            ..Default::default()
        };
        let after = FactCheckInput {
            rating: "false".into(),
            ..before.clone()
        };
        let changes = diff(&before, &after);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "Rating");
        assert_eq!(
            (changes[0].before.as_str(), changes[0].after.as_str()),
            ("unproven", "false")
        );
    }

    #[test]
    fn a_screenshot_shown_openly_instead_of_held_back_is_a_change() {
        let post = AppearanceInput {
            url: "https://example.com/post/1".into(),
            platform: "X".into(),
            image: "7".into(),
            sensitive: true,
            ..Default::default()
        };
        let before = FactCheckInput {
            appearances: vec![post.clone()],
            ..Default::default()
        };
        let after = FactCheckInput {
            appearances: vec![AppearanceInput {
                sensitive: false,
                ..post
            }],
            ..Default::default()
        };
        let changes = diff(&before, &after);
        assert_eq!(changes.len(), 1);
        assert!(
            changes[0]
                .before
                .contains("screenshot: Image 7 (sensitive)")
        );
        assert!(changes[0].after.ends_with("screenshot: Image 7"));
    }
}
