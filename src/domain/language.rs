//! The language a fact-check is written in, as a BCP 47 tag ("en", "es", "pt-BR", "ar"),
//! and what readers' pages need from it: its own name and its writing direction.

use std::fmt;

/// A well-formed language tag, in its usual case: the language lower case, a script title
/// case, a region upper case ("zh-Hant-TW").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Language(String);

/// Languages an editor picks from (the form offers them; any other well-formed tag works).
pub const KNOWN: &[(&str, &str)] = &[
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("ar", "العربية"),
    ("pt", "Português"),
    ("it", "Italiano"),
    ("nl", "Nederlands"),
    ("pl", "Polski"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("tr", "Türkçe"),
    ("fa", "فارسی"),
    ("he", "עברית"),
    ("hi", "हिन्दी"),
    ("id", "Bahasa Indonesia"),
    ("sw", "Kiswahili"),
    ("zh", "中文"),
    ("ja", "日本語"),
];

/// Languages written right to left (their primary subtags).
const RIGHT_TO_LEFT: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "syr", "ug", "ur", "yi",
];

impl Language {
    /// English: the language of a database made before languages were recorded.
    pub fn english() -> Language {
        Language("en".to_owned())
    }

    /// A tag as an editor or an import gives it; the message says what is wrong. Checks the
    /// shape BCP 47 gives (a 2–3 letter language, then subtags of 1–8 letters or digits),
    /// not the registry.
    pub fn parse(raw: &str) -> Result<Language, String> {
        let raw = raw.trim().replace('_', "-");
        let refuse = || {
            format!(
                "\u{201c}{raw}\u{201d} is not a language tag: write one such as en, es, fr, ar or pt-BR."
            )
        };
        if raw.is_empty() || raw.len() > 35 {
            return Err(refuse());
        }
        let mut parts = raw.split('-');
        let primary = parts.next().unwrap_or_default();
        if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(refuse());
        }
        let mut tag = primary.to_ascii_lowercase();
        for part in parts {
            if part.is_empty() || part.len() > 8 || !part.bytes().all(|b| b.is_ascii_alphanumeric())
            {
                return Err(refuse());
            }
            tag.push('-');
            match part.len() {
                // A region ("BR") or a script ("Hant").
                2 => tag.push_str(&part.to_ascii_uppercase()),
                4 if part.bytes().all(|b| b.is_ascii_alphabetic()) => {
                    tag.push_str(&part[..1].to_ascii_uppercase());
                    tag.push_str(&part[1..].to_ascii_lowercase());
                }
                _ => tag.push_str(&part.to_ascii_lowercase()),
            }
        }
        Ok(Language(tag))
    }

    /// As `parse`, with nothing typed meaning none.
    pub fn parse_optional(raw: &str) -> Result<Option<Language>, String> {
        match raw.trim() {
            "" => Ok(None),
            raw => Language::parse(raw).map(Some),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag: "pt" of "pt-BR".
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// "ltr" or "rtl", for `dir`.
    pub fn direction(&self) -> &'static str {
        let script_is_arabic_or_hebrew = self.0.contains("-Arab") || self.0.contains("-Hebr");
        if RIGHT_TO_LEFT.contains(&self.primary()) || script_is_arabic_or_hebrew {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The language's name in itself ("Español"), or the tag for one not in `KNOWN`.
    pub fn name(&self) -> &str {
        KNOWN
            .iter()
            .find(|(tag, _)| *tag == self.0 || *tag == self.primary())
            .map_or(self.0.as_str(), |(_, name)| name)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl rusqlite::ToSql for Language {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.0.as_str().into())
    }
}

impl rusqlite::types::FromSql for Language {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        Language::parse(text).map_err(|e| rusqlite::types::FromSqlError::Other(e.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn tags_are_checked_and_written_in_their_usual_case() {
        for (typed, tag) in [
            ("en", "en"),
            (" ES ", "es"),
            ("pt_br", "pt-BR"),
            ("zh-hant-tw", "zh-Hant-TW"),
            ("es-419", "es-419"),
        ] {
            assert_eq!(Language::parse(typed).unwrap().as_str(), tag, "{typed}");
        }
        for bad in [
            "",
            "e",
            "english",
            "en-",
            "en--GB",
            "1n",
            "en-toolongsubtag",
            "ع",
        ] {
            assert!(Language::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn arabic_hebrew_and_persian_read_right_to_left_and_name_themselves() {
        for rtl in ["ar", "ar-EG", "he", "fa", "ur", "ku-Arab"] {
            assert_eq!(Language::parse(rtl).unwrap().direction(), "rtl", "{rtl}");
        }
        for ltr in ["en", "es", "fr", "de", "ku", "tr"] {
            assert_eq!(Language::parse(ltr).unwrap().direction(), "ltr", "{ltr}");
        }
        assert_eq!(Language::parse("es-MX").unwrap().name(), "Español");
        assert_eq!(Language::parse("ar").unwrap().name(), "العربية");
        assert_eq!(Language::parse("qya").unwrap().name(), "qya");
    }
}
