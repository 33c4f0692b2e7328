//! Signing in: the form's limits, the throttle's rules, and checking a password in memory a
//! thread keeps.

use super::{Email, FieldErrors, Password};

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
    /// ...to one try per this long from every address that has already failed for it: a
    /// spread-out guesser gets ~1,800 tries an hour from its addresses, while an address
    /// with no failure (the owner, as far as anyone can tell) is checked at once.
    pub const ACCOUNT_SPACING: chrono::Duration = chrono::Duration::seconds(2);
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn one_memory_checks_password_after_password() {
        let hash = Password::parse("correct horse battery")
            .unwrap()
            .hash()
            .unwrap();
        // One memory, reused, gives the same answers each time, and argon2's own verifier
        // agrees with it.
        let mut memory = HashMemory::new();
        for _ in 0..2 {
            assert!(memory.password_matches(Some(&hash), "correct horse battery"));
            assert!(!memory.password_matches(Some(&hash), "correct horse batterY"));
            assert!(!memory.password_matches(None, "correct horse battery"));
            assert!(!memory.password_matches(Some("not a hash"), "correct horse battery"));
        }
        use argon2::PasswordVerifier;
        assert!(
            crate::domain::user::hasher()
                .verify_password(b"correct horse battery", hash.as_str())
                .is_ok()
        );
    }
}
