//! Authors as readers meet them: the page of a person's published work, and the name and
//! short biography each person keeps for it.

use crate::domain::fields::{FieldErrors, Slug, bounded_text, required_line};
use crate::domain::{FactCheckCard, limits};

/// `/authors/{slug}`: who wrote these fact-checks, and a page of them, newest first.
pub struct AuthorPage {
    pub name: String,
    pub slug: String,
    pub bio: String,
    /// The photo they chose in the media library.
    pub photo: Option<crate::domain::media::ShownImage>,
    pub cards: Vec<FactCheckCard>,
    /// The slug of the last card when an older page follows (the next page's cursor).
    pub older_after: Option<String>,
}

/// A name and biography as typed into the account page, valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub bio: String,
}

impl Profile {
    pub fn parse(name: &str, bio: &str) -> Result<Profile, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.check("name", required_line("Name", name, limits::ACCOUNT_NAME));
        let bio = errors.check(
            "bio",
            bounded_text("Biography", bio, limits::AUTHOR_BIO, false)
                .map(Option::unwrap_or_default),
        );
        match (name, bio) {
            (Some(name), Some(bio)) if errors.is_empty() => Ok(Profile { name, bio }),
            _ => Err(errors),
        }
    }
}

/// The slug an author page gets from a name: its ASCII words, or "author" for a name
/// written without any (the id then keeps it unique).
pub fn slug_from_name(name: &str) -> Slug {
    if name.chars().any(|c| c.is_ascii_alphanumeric()) {
        Slug::from_title(name)
    } else {
        Slug::from_title("author")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_needs_a_name_and_keeps_the_bio_short() {
        let ok = Profile::parse("  Ana Reyes ", "Covers energy.\nFormer wire reporter.").unwrap();
        assert_eq!(ok.name, "Ana Reyes");
        assert_eq!(ok.bio, "Covers energy.\nFormer wire reporter.");
        let refused = Profile::parse("", &"x".repeat(limits::AUTHOR_BIO + 1)).unwrap_err();
        assert!(refused.get("name").is_some());
        assert!(refused.get("bio").unwrap().contains("600"), "{refused:?}");
    }

    #[test]
    fn author_slugs_come_from_the_name() {
        assert_eq!(slug_from_name("Ana Reyes-Lind").as_str(), "ana-reyes-lind");
        assert_eq!(slug_from_name("王 芳").as_str(), "author");
    }
}
