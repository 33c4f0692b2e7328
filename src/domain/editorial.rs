//! The newsroom's editorial rules: who may open and change which fact-check.

use super::{SignedIn, Status, UserId};

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
