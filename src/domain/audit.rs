//! What the audit log records: the actions, under the names stored in `audit_log.action`.

use rusqlite::ToSql;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};

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
}

impl AuditAction {
    pub const ALL: [AuditAction; 18] = [
        AuditAction::SignIn,
        AuditAction::SignOut,
        AuditAction::AccountCreated,
        AuditAction::AccountDisabled,
        AuditAction::AccountEnabled,
        AuditAction::RoleChanged,
        AuditAction::PasswordReset,
        AuditAction::SettingsChanged,
        AuditAction::SubmitForReview,
        AuditAction::ReturnToDraft,
        AuditAction::Publish,
        AuditAction::Schedule,
        AuditAction::Unschedule,
        AuditAction::Retract,
        AuditAction::ClaimantChange,
        AuditAction::ClaimantChangeDeclined,
        AuditAction::Import,
        AuditAction::ImportUpdate,
    ];

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
        }
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        AuditAction::ALL
            .into_iter()
            .find(|action| action.as_str() == text)
            .ok_or_else(|| format!("not an audit action: {text}"))
    }
}

impl std::fmt::Display for AuditAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ToSql for AuditAction {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for AuditAction {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        AuditAction::parse(value.as_str()?).map_err(|e| FromSqlError::Other(e.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::AuditAction;

    #[test]
    fn every_action_reads_back_from_its_stored_name() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Ok(action));
        }
        assert!(AuditAction::parse("Sign_In").is_err());
        assert!(AuditAction::parse("").is_err());
    }
}
