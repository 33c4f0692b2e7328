//! The newsroom's editorial rules: who may open and change which fact-check, and what a
//! publication or a public change must carry.

use super::{ChangeKind, FieldErrors, SignedIn, Status, UserId};

impl SignedIn {
    /// Writers may open only their own fact-checks; editors and admins any.
    pub fn may_open(&self, author: UserId) -> bool {
        self.can_review() || author == self.user_id
    }

    /// Writers may edit only their own drafts; editors and admins any fact-check.
    pub fn may_edit(&self, author: UserId, status: Status) -> bool {
        self.can_review() || (author == self.user_id && status == Status::Draft)
    }
}

/// Publishing needs at least one source: readers need to see the evidence.
pub fn check_publishable(sources: i64) -> Result<(), FieldErrors> {
    if sources > 0 {
        return Ok(());
    }
    Err(one_error(
        "publish",
        "Add at least one source before publishing: readers need to see the evidence.",
    ))
}

/// What kind of change a save is: any save of a fact-check readers have not seen is a
/// draft change, and one they have seen is at least a minor one.
pub fn kind_of_save(seen_by_readers: bool, chosen: ChangeKind) -> ChangeKind {
    match (seen_by_readers, chosen) {
        (false, _) => ChangeKind::Draft,
        (true, ChangeKind::Draft) => ChangeKind::Minor,
        (true, kind) => kind,
    }
}

/// Readers who saw one rating must be told, by a public Update or Correction, that it
/// changed.
pub fn check_rating_change(
    seen_by_readers: bool,
    rating_changed: bool,
    kind: ChangeKind,
) -> Result<(), FieldErrors> {
    if !seen_by_readers || !rating_changed || kind.is_public() {
        return Ok(());
    }
    Err(one_error(
        "change_kind",
        "The rating changed, which readers must be told about: mark this save as a Correction or an Update and write the public note.",
    ))
}

fn one_error(field: &str, message: &str) -> FieldErrors {
    let mut errors = FieldErrors::new();
    errors.add(field, message);
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_rating_change_needs_a_public_note() {
        let kind = kind_of_save(true, ChangeKind::Draft);
        assert_eq!(kind, ChangeKind::Minor);
        assert!(check_rating_change(true, true, kind).is_err());
        assert!(check_rating_change(true, true, ChangeKind::Update).is_ok());
        assert!(check_rating_change(true, false, kind).is_ok());
        assert_eq!(
            kind_of_save(false, ChangeKind::Correction),
            ChangeKind::Draft
        );
        assert!(check_rating_change(false, true, ChangeKind::Draft).is_ok());
    }

    #[test]
    fn publishing_needs_a_source() {
        assert!(check_publishable(0).is_err());
        assert!(check_publishable(1).is_ok());
    }
}
