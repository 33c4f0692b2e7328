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
        let shaped = text.len() <= 254
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
        let mut errors = FieldErrors::new();
        let email = errors.check("email", Email::parse(email));
        let name = errors.check("name", required_line("Name", name, 120));
        let password = errors.check("password", Password::parse(password));
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

/// The editor behind a request, with the token their forms must carry.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub csrf_token: String,
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
    use argon2::PasswordVerifier;
    const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$dXGiR6oUgsbXr5Dx9X2aLLm2N9hq0QqRp8W0rJ0mWfM";
    let verified = hasher()
        .verify_password(candidate.as_bytes(), stored_hash.unwrap_or(DECOY))
        .is_ok();
    verified && stored_hash.is_some()
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
    fn passwords_are_checked_for_length_only() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂").is_ok());
        assert!(Password::parse(&"x".repeat(129)).is_err());
    }
}
