//! Claimants: how ClaimReview names one, a draft's proposed change to a shared claimant
//! record, and an editor's answer to it.
//!
//! A claimant is shared by every fact-check naming them, so a save never changes one that is
//! already on file: the difference is kept with the draft until an editor publishes it.

use super::stored::stored_as_text;

/// How ClaimReview names a claimant. Groups ("Social media users") are organizations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClaimantKind {
    #[default]
    Person,
    Organization,
}

impl ClaimantKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimantKind::Person => "person",
            ClaimantKind::Organization => "organization",
        }
    }

    /// The schema.org type.
    pub fn schema_type(self) -> &'static str {
        match self {
            ClaimantKind::Person => "Person",
            ClaimantKind::Organization => "Organization",
        }
    }

    /// Reads the form's choice; empty means "as on file".
    pub fn parse_optional(raw: &str) -> Result<Option<ClaimantKind>, String> {
        match raw.trim() {
            "" => Ok(None),
            "person" => Ok(Some(ClaimantKind::Person)),
            "organization" => Ok(Some(ClaimantKind::Organization)),
            _ => Err("Choose a person or an organization.".to_owned()),
        }
    }
}

stored_as_text!(ClaimantKind: Person, Organization);

/// What a draft would change about a claimant already on file: only the parts that differ
/// from the record, each beside what is on file now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimantProposal {
    claimant: String,
    url: Option<String>,
    kind: Option<ClaimantKind>,
    url_on_file: Option<String>,
    kind_on_file: ClaimantKind,
}

impl ClaimantProposal {
    /// The proposal a draft makes for `claimant`, or `None` when it would change nothing (no
    /// link or kind given, or the same ones as on file).
    pub fn between(
        claimant: &str,
        url_on_file: Option<String>,
        kind_on_file: ClaimantKind,
        proposed_url: Option<&str>,
        proposed_kind: Option<ClaimantKind>,
    ) -> Option<ClaimantProposal> {
        let url = proposed_url
            .filter(|url| Some(*url) != url_on_file.as_deref())
            .map(str::to_owned);
        let kind = proposed_kind.filter(|kind| *kind != kind_on_file);
        (url.is_some() || kind.is_some()).then(|| ClaimantProposal {
            claimant: claimant.to_owned(),
            url,
            kind,
            url_on_file,
            kind_on_file,
        })
    }

    pub fn claimant(&self) -> &str {
        &self.claimant
    }

    /// The new link, when the draft proposes one.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// The new kind, when the draft proposes one.
    pub fn kind(&self) -> Option<ClaimantKind> {
        self.kind
    }

    pub fn url_on_file(&self) -> Option<&str> {
        self.url_on_file.as_deref()
    }

    pub fn kind_on_file(&self) -> ClaimantKind {
        self.kind_on_file
    }

    /// Old and new values in one line, for the audit log.
    pub fn change_text(&self) -> String {
        let mut parts = Vec::new();
        if let Some(url) = &self.url {
            let old = self.url_on_file.as_deref().unwrap_or("(none)");
            parts.push(format!("link {old} → {url}"));
        }
        if let Some(kind) = self.kind {
            parts.push(format!(
                "kind {} → {}",
                self.kind_on_file.as_str(),
                kind.as_str()
            ));
        }
        parts.join("; ")
    }
}

/// An editor's answer, on publication, to a draft's proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalDecision {
    /// Change the claimant as proposed, on every fact-check naming them.
    Apply,
    /// Keep the claimant as on file and drop the proposal.
    Decline,
}

impl ProposalDecision {
    /// Reads the publish form's choice; empty means the editor has not chosen.
    pub fn parse_optional(raw: &str) -> Result<Option<ProposalDecision>, String> {
        match raw.trim() {
            "" => Ok(None),
            "apply" => Ok(Some(ProposalDecision::Apply)),
            "decline" => Ok(Some(ProposalDecision::Decline)),
            _ => Err(
                "Choose to apply the proposed change or to keep the claimant as on file."
                    .to_owned(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_differs_from_the_record_is_proposed() {
        let on_file = Some("https://en.wikipedia.org/wiki/Vladimir_Putin".to_owned());
        assert_eq!(
            ClaimantProposal::between("Putin", on_file.clone(), ClaimantKind::Person, None, None),
            None
        );
        assert_eq!(
            ClaimantProposal::between(
                "Putin",
                on_file.clone(),
                ClaimantKind::Person,
                on_file.as_deref(),
                Some(ClaimantKind::Person)
            ),
            None
        );
        let proposal = ClaimantProposal::between(
            "Putin",
            on_file.clone(),
            ClaimantKind::Person,
            Some("https://evil.example/putin"),
            Some(ClaimantKind::Person),
        )
        .unwrap();
        assert_eq!(proposal.url(), Some("https://evil.example/putin"));
        assert_eq!(proposal.kind(), None);
        assert_eq!(
            proposal.change_text(),
            "link https://en.wikipedia.org/wiki/Vladimir_Putin → https://evil.example/putin"
        );
        let proposal = ClaimantProposal::between(
            "Putin",
            None,
            ClaimantKind::Person,
            None,
            Some(ClaimantKind::Organization),
        )
        .unwrap();
        assert_eq!(proposal.change_text(), "kind person → organization");
    }

    #[test]
    fn an_editor_answers_apply_or_decline() {
        assert_eq!(ProposalDecision::parse_optional(""), Ok(None));
        assert_eq!(
            ProposalDecision::parse_optional(" apply "),
            Ok(Some(ProposalDecision::Apply))
        );
        assert_eq!(
            ProposalDecision::parse_optional("decline"),
            Ok(Some(ProposalDecision::Decline))
        );
        assert!(ProposalDecision::parse_optional("yes").is_err());
    }
}
