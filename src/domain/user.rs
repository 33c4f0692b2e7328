//! Editor accounts: emails, passwords and the signed-in session.

use super::{FieldErrors, UserId, required_line};

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

/// What the sign-in form sent, refused at once when a field is empty or longer than any
/// account's could be, so oversized input costs no database row and no password hash.
#[derive(Debug)]
pub struct SignInForm {
    pub email: String,
    pub password: String,
}

impl SignInForm {
    pub fn parse(email: &str, password: &str) -> Result<Self, FieldErrors> {
        let email = email.trim();
        let mut errors = FieldErrors::new();
        if email.is_empty() {
            errors.add("email", "Enter your email address.");
        } else if email.len() > Email::MAX {
            errors.add(
                "email",
                format!(
                    "Email addresses are at most {} characters long.",
                    Email::MAX
                ),
            );
        }
        if password.is_empty() {
            errors.add("password", "Enter your password.");
        } else if password.len() > 4 * Password::MAX || password.chars().count() > Password::MAX {
            errors.add(
                "password",
                format!("Passwords are at most {} characters long.", Password::MAX),
            );
        }
        if errors.is_empty() {
            Ok(SignInForm {
                email: email.to_owned(),
                password: password.to_owned(),
            })
        } else {
            Err(errors)
        }
    }

    /// What the form shows again after a refusal: the email as typed, cut to the longest
    /// an account can have so a huge paste is not sent back.
    pub fn email_to_show(typed: &str) -> String {
        let typed = typed.trim();
        let mut end = typed.len().min(Email::MAX);
        while !typed.is_char_boundary(end) {
            end -= 1;
        }
        typed[..end].to_owned()
    }
}

/// How hard sign-in resists guessing.
pub struct SignInThrottle;

impl SignInThrottle {
    /// Failures that count are this recent; older attempts are purged.
    pub const WINDOW: chrono::Duration = chrono::Duration::minutes(15);
    /// Failures for one account from one address before that address must wait.
    pub const PER_ADDRESS: i64 = 5;
    /// Failures for one account from all addresses together before it is slowed down...
    pub const ACCOUNT_SLOWDOWN_AFTER: i64 = 20;
    /// ...to one try per this long, from anywhere: a spread-out guesser gets ~1,800 tries
    /// an hour while the owner waits seconds, never the whole window.
    pub const ACCOUNT_SPACING: chrono::Duration = chrono::Duration::seconds(2);
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
        let name = errors.check("name", required_line("Name", name, 120));
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
}

/// argon2id at OWASP's floor (19 MiB, 2 passes, 1 lane); a stored hash carries its own
/// parameters, so raising these later still verifies old hashes.
fn hasher() -> argon2::Argon2<'static> {
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

/// Checks a typed password against a stored hash. With no account, it still spends the
/// same effort on a fixed hash, so response time does not reveal which emails exist.
pub fn password_matches(stored_hash: Option<&str>, candidate: &str) -> bool {
    HashMemory::new().password_matches(stored_hash, candidate)
}

/// argon2's working memory (19 MiB at our parameters), kept by a thread between checks.
///
/// Why not let argon2 allocate it: its blocks are 64-byte aligned, so each check asked
/// glibc for a fresh 19 MiB aligned chunk, which after the first (mmapped) one comes from
/// the heap, and the freed chunks were not reused for the next aligned request. Under 200
/// parallel sign-ins that left 3.6 GB resident while heaptrack saw at most 40 MB live.
/// Owning the buffer makes each checking thread's memory a constant.
pub struct HashMemory(Vec<argon2::Block>);

/// The most memory a stored hash may ask a check to use (256 MiB): ours ask 19 MiB, and a
/// hash that asked for more could only come from someone writing to the database by hand.
const MAX_HASH_BLOCKS: usize = 256 * 1024;

impl HashMemory {
    pub fn new() -> Self {
        HashMemory(Vec::new())
    }

    /// `password_matches`, in this memory.
    pub fn password_matches(&mut self, stored_hash: Option<&str>, candidate: &str) -> bool {
        const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$dXGiR6oUgsbXr5Dx9X2aLLm2N9hq0QqRp8W0rJ0mWfM";
        let verified = self.verify(stored_hash.unwrap_or(DECOY), candidate);
        verified && stored_hash.is_some()
    }

    /// What `argon2::PasswordVerifier` does, but in `self` rather than a new allocation.
    fn verify(&mut self, stored_hash: &str, candidate: &str) -> bool {
        use argon2::password_hash::phc::{Output, PasswordHash};
        let Ok(parsed) = PasswordHash::new(stored_hash) else {
            return false;
        };
        let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else {
            return false;
        };
        let (Ok(params), Ok(algorithm)) = (
            argon2::Params::try_from(&parsed),
            argon2::Algorithm::try_from(parsed.algorithm.as_str()),
        ) else {
            return false;
        };
        let version = match parsed.version.map(argon2::Version::try_from) {
            None => argon2::Version::default(),
            Some(Ok(version)) => version,
            Some(Err(_)) => return false,
        };
        let blocks = params.block_count();
        if blocks > MAX_HASH_BLOCKS {
            return false;
        }
        if self.0.len() < blocks {
            self.0.resize(blocks, argon2::Block::new());
        }
        let mut computed = [0u8; Output::MAX_LENGTH];
        let Some(computed) = computed.get_mut(..expected.len()) else {
            return false;
        };
        let hashed = argon2::Argon2::new(algorithm, version, params)
            .hash_password_into_with_memory(
                candidate.as_bytes(),
                salt,
                computed,
                &mut self.0[..blocks],
            );
        // `Output`'s equality is constant-time.
        hashed.is_ok() && Output::new(computed).is_ok_and(|computed| &computed == expected)
    }
}

impl Default for HashMemory {
    fn default() -> Self {
        Self::new()
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

        // One memory, reused: the same answers, and a hash made by argon2's own verifier
        // path is accepted.
        let mut memory = HashMemory::new();
        for _ in 0..2 {
            assert!(memory.password_matches(Some(&hash), "correct horse battery"));
            assert!(!memory.password_matches(Some(&hash), "correct horse batterY"));
            assert!(!memory.password_matches(None, "correct horse battery"));
            assert!(!memory.password_matches(Some("not a hash"), "correct horse battery"));
        }
        use argon2::PasswordVerifier;
        assert!(
            hasher()
                .verify_password(b"correct horse battery", hash.as_str())
                .is_ok()
        );
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

    #[test]
    fn sign_in_fields_are_refused_by_length_before_anything_else() {
        assert!(SignInForm::parse("ed@news.example", "any password").is_ok());
        let cases = [
            ("", "pw", "email", "Enter your email address."),
            ("ed@news.example", "", "password", "Enter your password."),
            (&"a".repeat(255), "pw", "email", "at most 254 characters"),
            (
                "ed@news.example",
                &"p".repeat(129),
                "password",
                "at most 128 characters",
            ),
        ];
        for (email, password, field, message) in cases {
            let errors = SignInForm::parse(email, password).unwrap_err();
            let found: Vec<_> = errors.iter().collect();
            assert!(
                found
                    .iter()
                    .any(|(f, m)| *f == field && m.contains(message)),
                "{field}: {found:?}"
            );
        }
        assert!(SignInForm::parse(&"a".repeat(254), "pw").is_ok());
        assert!(SignInForm::parse("ed@news.example", &"🙂".repeat(128)).is_ok());
        assert_eq!(SignInForm::email_to_show(&"é".repeat(300)).len(), 254);
    }
}
