//! Where a fact-check stands in the newsroom's workflow.

use crate::domain::Moment;
use crate::domain::stored::stored_as_text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    InReview,
    Published,
    Retracted,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in_review",
            Status::Published => "published",
            Status::Retracted => "retracted",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::InReview => "In review",
            Status::Published => "Published",
            Status::Retracted => "Retracted",
        }
    }

    pub fn is_published(self) -> bool {
        self == Status::Published
    }

    /// Published, with its publication moment still ahead: readers cannot see it yet.
    pub fn is_scheduled(self, published_at: Option<Moment>, now: Moment) -> bool {
        self == Status::Published && published_at.is_some_and(|at| at > now)
    }

    /// Readers have seen it (live now, or retracted): edits to it are public changes.
    pub fn seen_by_readers(self, published_at: Option<Moment>, now: Moment) -> bool {
        self == Status::Retracted
            || (self == Status::Published && !self.is_scheduled(published_at, now))
    }
}

stored_as_text!(Status: Draft, InReview, Published, Retracted);
