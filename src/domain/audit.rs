//! What the audit log records: the actions, under the names stored in `audit_log.action`.

use super::stored::stored_as_text;

/// One kind of entry in the audit log. The stored names never change: existing databases
/// and the admins who read the log know them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    SignIn,
    SignOut,
    AccountCreated,
    AccountDisabled,
    AccountEnabled,
    RoleChanged,
    PasswordReset,
    SettingsChanged,
    SubmitForReview,
    ReturnToDraft,
    Publish,
    Schedule,
    Unschedule,
    Retract,
    ClaimantChange,
    ClaimantChangeDeclined,
    Import,
    ImportUpdate,
    TipState,
    TipAssigned,
    TipEmailsPurged,
    Assigned,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::SignIn => "sign_in",
            AuditAction::SignOut => "sign_out",
            AuditAction::AccountCreated => "account_created",
            AuditAction::AccountDisabled => "account_disabled",
            AuditAction::AccountEnabled => "account_enabled",
            AuditAction::RoleChanged => "role_changed",
            AuditAction::PasswordReset => "password_reset",
            AuditAction::SettingsChanged => "settings_changed",
            AuditAction::SubmitForReview => "submit_for_review",
            AuditAction::ReturnToDraft => "return_to_draft",
            AuditAction::Publish => "publish",
            AuditAction::Schedule => "schedule",
            AuditAction::Unschedule => "unschedule",
            AuditAction::Retract => "retract",
            AuditAction::ClaimantChange => "claimant_change",
            AuditAction::ClaimantChangeDeclined => "claimant_change_declined",
            AuditAction::Import => "import",
            AuditAction::ImportUpdate => "import_update",
            AuditAction::TipState => "tip_state",
            AuditAction::TipAssigned => "tip_assigned",
            AuditAction::TipEmailsPurged => "tip_emails_purged",
            AuditAction::Assigned => "assigned",
        }
    }
}

stored_as_text!(
    AuditAction: SignIn,
    SignOut,
    AccountCreated,
    AccountDisabled,
    AccountEnabled,
    RoleChanged,
    PasswordReset,
    SettingsChanged,
    SubmitForReview,
    ReturnToDraft,
    Publish,
    Schedule,
    Unschedule,
    Retract,
    ClaimantChange,
    ClaimantChangeDeclined,
    Import,
    ImportUpdate,
    TipState,
    TipAssigned,
    TipEmailsPurged,
    Assigned,
);

#[cfg(test)]
mod tests {
    use super::AuditAction;

    #[test]
    fn stored_names_read_back_exactly() {
        assert_eq!(
            AuditAction::from_stored("sign_in"),
            Some(AuditAction::SignIn)
        );
        assert_eq!(
            AuditAction::from_stored("claimant_change_declined"),
            Some(AuditAction::ClaimantChangeDeclined)
        );
        assert_eq!(AuditAction::from_stored("Sign_In"), None);
        assert_eq!(AuditAction::from_stored(""), None);
    }
}
