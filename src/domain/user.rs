//! Editor accounts: emails, passwords and the signed-in session.

use super::{FieldErrors, UserId, limits, required_line};

/// An email address, trimmed; checked only for shape, since the newsroom types its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.trim();
        if text.is_empty() {
            return Err("Email is required.".to_owned());
        }
        let shaped = text.len() <= Email::MAX
            && !text.chars().any(|c| c.is_whitespace() || c.is_control())
            && matches!(text.split_once('@'), Some((local, domain)) if !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !domain.contains('@'));
        if !shaped {
            return Err("Enter an email address like name@example.org.".to_owned());
        }
        Ok(Email(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Email {
    /// The longest address SMTP can carry (RFC 5321), in bytes.
    pub const MAX: usize = 254;
}

/// A password as chosen: any characters, 12 to 128 of them.
pub struct Password(String);

impl Password {
    pub const MIN: usize = 12;
    pub const MAX: usize = 128;

    pub fn parse(raw: &str) -> Result<Self, String> {
        let chars = raw.chars().count();
        if chars < Self::MIN {
            return Err(format!(
                "The password must be at least {} characters (it has {chars}).",
                Self::MIN
            ));
        }
        if chars > Self::MAX {
            return Err(format!(
                "The password must be at most {} characters.",
                Self::MAX
            ));
        }
        Ok(Password(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A password someone is choosing: the length rule, then zxcvbn's estimate, which must
    /// say it resists at least ~10^8 guesses (score 3) and must not lean on the account's
    /// own name or email.
    pub fn parse_new(raw: &str, account_words: &[&str]) -> Result<Self, String> {
        let password = Self::parse(raw)?;
        // zxcvbn matches whole inputs: give it every word of the name and email too.
        let words: Vec<String> = account_words
            .iter()
            .flat_map(|w| std::iter::once(*w).chain(w.split(|c: char| !c.is_alphanumeric())))
            .filter(|w| w.len() >= 3)
            .map(str::to_lowercase)
            .collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let estimate = zxcvbn::zxcvbn(raw, &words);
        if (estimate.score() as u8) < 3 {
            let mut message = "This password is too easy to guess.".to_owned();
            if let Some(feedback) = estimate.feedback() {
                if let Some(warning) = feedback.warning() {
                    message.push_str(&format!(" {warning}."));
                }
                for suggestion in feedback.suggestions() {
                    message.push_str(&format!(" {suggestion}."));
                }
            }
            return Err(message.replace("..", "."));
        }
        Ok(password)
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

/// A new account, validated.
#[derive(Debug)]
pub struct NewUser {
    pub email: Email,
    pub name: String,
    pub password: Password,
}

impl NewUser {
    pub fn parse(email: &str, name: &str, password: &str) -> Result<Self, FieldErrors> {
        let (email_text, name_text) = (email, name);
        let mut errors = FieldErrors::new();
        let email = errors.check("email", Email::parse(email));
        let name = errors.check("name", required_line("Name", name, limits::ACCOUNT_NAME));
        let password = errors.check(
            "password",
            Password::parse_new(password, &[email_text, name_text]),
        );
        match (email, name, password) {
            (Some(email), Some(name), Some(password)) => Ok(NewUser {
                email,
                name,
                password,
            }),
            _ => Err(errors),
        }
    }
}

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Writes and edits their own drafts, and submits them for review.
    Writer,
    /// Edits any fact-check, reviews, publishes and retracts.
    Editor,
    /// Everything an editor does, plus accounts and the audit log.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Writer, Role::Editor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Writer => "writer",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Result<Role, String> {
        match text.trim() {
            "writer" => Ok(Role::Writer),
            "editor" => Ok(Role::Editor),
            "admin" => Ok(Role::Admin),
            _ => Err("Choose writer, editor or admin.".to_owned()),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Writer => "Writer",
            Role::Editor => "Editor",
            Role::Admin => "Admin",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Role::Writer => "writes and edits their own drafts and submits them for review",
            Role::Editor => "edits any fact-check, reviews, publishes and retracts",
            Role::Admin => "everything an editor does, plus accounts and the audit log",
        }
    }

    pub fn can_review(self) -> bool {
        self >= Role::Editor
    }

    pub fn can_manage_accounts(self) -> bool {
        self == Role::Admin
    }
}

impl rusqlite::types::FromSql for Role {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        Role::parse(value.as_str()?).map_err(|e| rusqlite::types::FromSqlError::Other(e.into()))
    }
}

/// The person behind a request, with the token their forms must carry.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub csrf_token: String,
}

impl SignedIn {
    pub fn can_review(&self) -> bool {
        self.role.can_review()
    }

    pub fn is_admin(&self) -> bool {
        self.role.can_manage_accounts()
    }

    /// A writer works on their own fact-checks: lists of others' unpublished work are
    /// limited to this author. `None` for editors, who see the whole desk.
    pub fn own_work_only(&self) -> Option<UserId> {
        (self.role == Role::Writer).then_some(self.user_id)
    }
}

/// argon2id at OWASP's floor (19 MiB, 2 passes, 1 lane); a stored hash carries its own
/// parameters, so raising these later still verifies old hashes.
pub(super) fn hasher() -> argon2::Argon2<'static> {
    let params =
        argon2::Params::new(19 * 1024, 2, 1, None).unwrap_or_else(|_| argon2::Params::default());
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}

impl Password {
    /// The PHC string to store. Slow on purpose (~tens of ms): call it off the async threads.
    pub fn hash(&self) -> Result<String, String> {
        use argon2::PasswordHasher;
        hasher()
            .hash_password(self.0.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| format!("cannot hash password: {e}"))
    }
}

/// A random secret: 256 bits from the operating system's CSPRNG, as hex.
pub fn random_token() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness available: {e}"))?;
    Ok(hex(&bytes))
}

/// What the sessions table stores instead of the token itself.
pub fn token_hash(token: &str) -> String {
    use blake2::Digest;
    hex(&blake2::Blake2b256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// A password for accounts made without one typed: 20 characters from a 57-letter
/// alphabet without look-alikes (~116 bits).
pub fn generate_password() -> Result<String, String> {
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut out = String::with_capacity(20);
    while out.len() < 20 {
        let mut byte = [0u8; 1];
        getrandom::fill(&mut byte).map_err(|e| format!("no randomness available: {e}"))?;
        // Rejection sampling keeps every letter equally likely.
        let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
        if byte[0] < limit {
            out.push(ALPHABET[byte[0] as usize % ALPHABET.len()] as char);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::password_matches;

    #[test]
    fn a_hashed_password_verifies_and_others_do_not() {
        let password = Password::parse("correct horse battery").unwrap();
        let hash = password.hash().unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(password_matches(Some(&hash), "correct horse battery"));
        assert!(!password_matches(Some(&hash), "wrong horse battery"));
        assert!(!password_matches(None, "correct horse battery"));
    }

    #[test]
    fn generated_secrets_are_long_and_distinct() {
        let a = random_token().unwrap();
        assert_eq!(a.len(), 64);
        assert_ne!(a, random_token().unwrap());
        assert_eq!(token_hash(&a).len(), 64);
        let password = generate_password().unwrap();
        assert!(Password::parse(&password).is_ok());
    }

    #[test]
    fn new_passwords_must_be_hard_to_guess() {
        let weak = Password::parse_new("password1234", &[]).unwrap_err();
        assert!(
            weak.starts_with("This password is too easy to guess."),
            "{weak}"
        );
        let own_name = Password::parse_new("Erin Editor 1", &["Erin Editor", "erin@news.example"]);
        assert!(own_name.is_err());
        assert!(Password::parse_new("plum tractor sideways 48 lanterns", &[]).is_ok());
    }

    #[test]
    fn passwords_are_checked_for_length_only_at_sign_in() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂").is_ok());
        assert!(Password::parse(&"x".repeat(129)).is_err());
    }
}
