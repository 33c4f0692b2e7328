//! Claims sent in by readers (the inbox): what a tip holds, the states editors move it
//! through, and the limits a public form must keep.

use super::stored::stored_as_text;
use super::{Email, FactCheckId, FieldErrors, Moment, TipId, UserId, WebUrl, bounded_text};

/// The longest text each field of the public forms takes, in characters.
pub const TIP_CLAIM: usize = 1000;
pub const TIP_WHERE_SEEN: usize = 500;

/// Tips one client address may send in `TIP_WINDOW`; more are dropped unseen.
pub const TIPS_PER_ADDRESS: usize = 5;
pub const TIP_WINDOW: chrono::Duration = chrono::Duration::hours(1);
/// New tips the whole site keeps in `TIP_WINDOW` from everyone together, so a botnet of
/// many addresses cannot fill the disk; past it the form answers 503 for a while.
pub const TIPS_PER_HOUR_SITE_WIDE: i64 = 500;
/// Days a contact email is kept by default (`--tip-email-days`), then cleared.
pub const DEFAULT_EMAIL_DAYS: i64 = 90;

/// A reader's suggestion of a claim to check, or a report of an error in a fact-check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TipKind {
    Suggestion,
    ErrorReport,
}

impl TipKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TipKind::Suggestion => "suggestion",
            TipKind::ErrorReport => "error_report",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TipKind::Suggestion => "Claim to check",
            TipKind::ErrorReport => "Error report",
        }
    }
}

stored_as_text!(TipKind: Suggestion, ErrorReport);

/// Where a tip stands on the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TipState {
    New,
    Accepted,
    Duplicate,
    NotCheckable,
    Done,
}

impl TipState {
    pub const ALL: [TipState; 5] = [
        TipState::New,
        TipState::Accepted,
        TipState::Duplicate,
        TipState::NotCheckable,
        TipState::Done,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TipState::New => "new",
            TipState::Accepted => "accepted",
            TipState::Duplicate => "duplicate",
            TipState::NotCheckable => "not_checkable",
            TipState::Done => "done",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TipState::New => "New",
            TipState::Accepted => "Accepted",
            TipState::Duplicate => "Duplicate",
            TipState::NotCheckable => "Not checkable",
            TipState::Done => "Done",
        }
    }
}

stored_as_text!(TipState: New, Accepted, Duplicate, NotCheckable, Done);

/// A submission that passed every field check, ready to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTip {
    pub kind: TipKind,
    pub claim: String,
    pub seen_link: Option<WebUrl>,
    pub seen_where: Option<String>,
    pub contact_email: Option<Email>,
    /// For an error report: the fact-check it is about.
    pub reported: Option<FactCheckId>,
}

/// The public form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TipInput {
    pub claim: String,
    pub seen_link: String,
    pub seen_where: String,
    pub contact_email: String,
}

impl NewTip {
    /// Every field checked at once, each message under its field's name. The claim is
    /// required; a link, if given, must be a web address.
    pub fn parse(
        kind: TipKind,
        input: &TipInput,
        reported: Option<FactCheckId>,
    ) -> Result<NewTip, FieldErrors> {
        let mut errors = FieldErrors::new();
        let what = match kind {
            TipKind::Suggestion => "The claim",
            TipKind::ErrorReport => "What is wrong",
        };
        let claim = errors.check(
            "claim",
            bounded_text(what, &input.claim, TIP_CLAIM, true).map(Option::unwrap_or_default),
        );
        let seen_link = errors.check(
            "seen_link",
            WebUrl::parse_optional("The link", &input.seen_link),
        );
        let seen_where = errors.check(
            "seen_where",
            bounded_text("Where you saw it", &input.seen_where, TIP_WHERE_SEEN, false),
        );
        let contact_email = errors.check(
            "contact_email",
            if input.contact_email.trim().is_empty() {
                Ok(None)
            } else {
                Email::parse(&input.contact_email).map(Some)
            },
        );
        match (claim, seen_link, seen_where, contact_email) {
            (Some(claim), Some(seen_link), Some(seen_where), Some(contact_email))
                if errors.is_empty() =>
            {
                Ok(NewTip {
                    kind,
                    claim,
                    seen_link,
                    seen_where,
                    contact_email,
                    reported,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A tip as the inbox shows it.
#[derive(Debug, Clone)]
pub struct Tip {
    pub id: TipId,
    pub kind: TipKind,
    pub claim: String,
    pub seen_link: Option<String>,
    pub seen_where: Option<String>,
    /// `None` once purged, or for readers who gave none; never shown to writers.
    pub contact_email: Option<String>,
    pub email_purged: bool,
    /// The fact-check an error report is about: (id, headline).
    pub reported: Option<(FactCheckId, String)>,
    /// The fact-check started from it, or the one it duplicates: (id, headline).
    pub linked: Option<(FactCheckId, String)>,
    pub state: TipState,
    pub assigned_to: Option<(UserId, String)>,
    pub created_at: Moment,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(claim: &str, link: &str, email: &str) -> TipInput {
        TipInput {
            claim: claim.to_owned(),
            seen_link: link.to_owned(),
            seen_where: String::new(),
            contact_email: email.to_owned(),
        }
    }

    #[test]
    fn a_claim_with_a_link_and_an_email_is_kept_as_typed() {
        let tip = NewTip::parse(
            TipKind::Suggestion,
            &input(
                " Tea cures colds. ",
                "https://example.org/post",
                "r@example.org",
            ),
            None,
        )
        .unwrap();
        assert_eq!(tip.claim, "Tea cures colds.");
        assert_eq!(tip.seen_link.unwrap().as_str(), "https://example.org/post");
        assert_eq!(tip.contact_email.unwrap().as_str(), "r@example.org");
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let long = "x".repeat(TIP_CLAIM + 1);
        let errors = NewTip::parse(
            TipKind::Suggestion,
            &input(&long, "javascript:x", "nope"),
            None,
        )
        .unwrap_err();
        assert!(errors.get("claim").unwrap().contains("at most 1000"));
        assert!(errors.get("seen_link").is_some());
        assert!(errors.get("contact_email").is_some());
        let errors = NewTip::parse(TipKind::ErrorReport, &input("  ", "", ""), None).unwrap_err();
        assert_eq!(errors.get("claim"), Some("What is wrong is required."));
    }

    #[test]
    fn states_read_back_from_their_stored_names() {
        for state in TipState::ALL {
            assert_eq!(TipState::from_stored(state.as_str()), Some(state));
        }
    }
}
