//! Topic tags: what an editor may type after `#`, and when two spellings are one tag.

use super::fold_key;

/// The address of a tag's page, "/tags/Ir%C3%A1n": encoded, so a tag in any script (or one
/// typed into an address) makes a well-formed link.
pub fn tag_path(name: &str) -> String {
    format!(
        "/tags/{}",
        form_urlencoded::byte_serialize(name.as_bytes()).collect::<String>()
    )
}

/// A topic tag as readers see it after `#`: letters and digits of any script, `-` and `_`,
/// in Unicode's composed form (so "é" typed as e and an accent is the same text as "é").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagName(String);

impl TagName {
    pub const MAX_LEN: usize = 40;

    pub fn parse(raw: &str) -> Result<Self, String> {
        let trimmed = raw.trim().trim_start_matches('#');
        let text = icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(trimmed);
        if text.is_empty() {
            return Err("A tag cannot be empty.".to_owned());
        }
        if text.chars().count() > Self::MAX_LEN {
            return Err(format!(
                "Tag \"{text}\" is longer than {} characters.",
                Self::MAX_LEN
            ));
        }
        // Marks left after composition (Arabic harakat, the Devanagari virama, an accent on
        // a letter that has no composed form) are kept: they are part of the word as its
        // writer spelled it.
        if !text.chars().all(is_tag_char) || text.starts_with(is_mark) {
            return Err(format!(
                "Tag \"{text}\" may contain only letters, digits, '-' and '_' (no spaces)."
            ));
        }
        if key_of(&text).is_empty() {
            return Err(format!("Tag \"{text}\" has no letter or digit."));
        }
        Ok(TagName(text.into_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the tag is stored and looked up by (`tags.key`, migration 0021): two tags with
    /// the same key are one tag, whichever spelling came first.
    pub fn key(&self) -> String {
        key_of(&self.0)
    }
}

/// The key a tag named `name` would have, for lookups of a name read from an address or a
/// query (which need not parse as a tag: such a name finds nothing).
pub fn key_of(name: &str) -> String {
    fold_key(name.trim().trim_start_matches('#'))
}

/// A tag asked for by name (in an address, a query, a filter): kept as typed, for links
/// that repeat the filter, and bound to SQL as its key, so every lookup compares keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagLookup {
    typed: String,
    key: String,
}

impl TagLookup {
    pub fn new(typed: &str) -> Self {
        let typed = typed.trim().trim_start_matches('#');
        TagLookup {
            key: key_of(typed),
            typed: typed.to_owned(),
        }
    }

    pub fn typed(&self) -> &str {
        &self.typed
    }

    pub fn key(&self) -> &str {
        &self.key
    }
}

impl rusqlite::ToSql for TagLookup {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.key.as_str().into())
    }
}

/// Whether `c` may stand in a tag: a letter or digit of any script, a combining mark, the
/// zero-width joiners some scripts spell with (Persian's ZWNJ), `-` or `_`.
pub fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_' || c == '\u{200C}' || c == '\u{200D}' || is_mark(c)
}

/// A combining mark (general category M), which must follow a letter.
fn is_mark(c: char) -> bool {
    use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
    GeneralCategoryGroup::Mark
        .contains(icu_properties::CodePointMapData::<GeneralCategory>::new().get(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_drop_a_leading_hash_and_refuse_spaces() {
        assert_eq!(
            TagName::parse("#RussiaSupport").unwrap().as_str(),
            "RussiaSupport"
        );
        assert!(TagName::parse("two words").is_err());
        assert!(TagName::parse("semi;colon").is_err());
        assert!(TagName::parse("\u{0301}").is_err());
        // Scripts whose words need their marks keep them.
        assert_eq!(TagName::parse("हिन्दी").unwrap().as_str(), "हिन्दी");
        assert_eq!(TagName::parse("ภาษาไทย").unwrap().as_str(), "ภาษาไทย");
        assert!(TagName::parse("می\u{200C}خواهم").is_ok());
    }

    #[test]
    fn tags_in_any_script_meet_without_case_or_accents() {
        let key = |raw: &str| TagName::parse(raw).unwrap().key();
        assert_eq!(key("Irán"), "iran");
        assert_eq!(key("IRÁN"), key("iran"));
        // Decomposed input is stored composed.
        assert_eq!(TagName::parse("Ira\u{0301}n").unwrap().as_str(), "Irán");
        assert_eq!(key("Élysée"), "elysee");
        assert_eq!(key("Ärger"), key("ärger"));
        assert_eq!(key("Ελλάδα"), key("ΕΛΛΑΔΑ"));
        assert_eq!(key("أمريكا"), key("امريكا"));
        assert_eq!(key("مُبَرِّر"), key("مبرر"));
        assert_ne!(key("Iran"), key("Iraq"));
        assert_eq!(key_of("#Irán"), "iran");
        assert_eq!(TagLookup::new(" #IRÁN").key(), "iran");
        assert_eq!(TagLookup::new(" #IRÁN").typed(), "IRÁN");
        // A key is its own key: links built from one find the same tag.
        assert_eq!(key_of("İstanbul"), key_of(&key_of("İstanbul")));
    }

    #[test]
    fn tag_pages_have_encoded_addresses() {
        assert_eq!(tag_path("Irán"), "/tags/Ir%C3%A1n");
        assert_eq!(tag_path("Iran"), "/tags/Iran");
    }
}
