//! Field values that validate on construction, and the per-field error list forms show.

use std::fmt;

/// Messages keyed by form field name ("headline", "source.2.url"), collected so a form
/// can show every problem at once, each beside its field, and listed in the order they
/// were found (which is the form's order).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(Vec<(String, String)>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        let field = field.into();
        // The first problem with a field is the one worth fixing first.
        if self.get(&field).is_none() {
            self.0.push((field, message.into()));
        }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, message)| message.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The messages as one line, each prefixed by the row it is about ("Source 2: …"), for
    /// places with no form to show them beside (an import's report).
    pub fn by_row(&self) -> impl fmt::Display + '_ {
        ByRow(self)
    }

    /// The id of the input a field's message belongs to ("source.2.url" → "source-2-url"),
    /// for links from the summary at the top of a form.
    pub fn anchor(field: &str) -> String {
        field.replace('.', "-")
    }

    /// "Source 3: " for a field of a numbered row, so a message read in the summary says
    /// which row it is about.
    pub fn row_label(field: &str) -> String {
        let mut parts = field.splitn(3, '.');
        match (
            parts.next(),
            parts.next().and_then(|i| i.parse::<usize>().ok()),
        ) {
            (Some("source"), Some(i)) => format!("Source {}: ", i + 1),
            (Some("appearance"), Some(i)) => format!("Appearance {}: ", i + 1),
            _ => String::new(),
        }
    }

    /// Records the error of a parse under `field` and hands back the value if it parsed.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, String>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }
}

/// The messages as one line, for a page or a terminal with no form to put them beside.
impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        join(f, self.iter().map(|(_, message)| (String::new(), message)))
    }
}

struct ByRow<'a>(&'a FieldErrors);

impl fmt::Display for ByRow<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        join(
            f,
            self.0
                .iter()
                .map(|(field, message)| (FieldErrors::row_label(field), message)),
        )
    }
}

fn join<'a>(
    f: &mut fmt::Formatter<'_>,
    lines: impl Iterator<Item = (String, &'a str)>,
) -> fmt::Result {
    for (n, (label, message)) in lines.enumerate() {
        if n > 0 {
            f.write_str(" ")?;
        }
        write!(f, "{label}{message}")?;
    }
    Ok(())
}

/// Trims `raw` and checks it is present (when `required`) and at most `max` characters.
/// Returns `None` for an absent optional value.
pub fn bounded_text(
    label: &str,
    raw: &str,
    max: usize,
    required: bool,
) -> Result<Option<String>, String> {
    let text = raw.trim();
    if text.is_empty() {
        return if required {
            Err(format!("{label} is required."))
        } else {
            Ok(None)
        };
    }
    let chars = text.chars().count();
    if chars > max {
        return Err(format!(
            "{label} must be at most {max} characters (it has {chars})."
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(format!("{label} contains control characters."));
    }
    Ok(Some(text.to_owned()))
}

pub fn required_text(label: &str, raw: &str, max: usize) -> Result<String, String> {
    bounded_text(label, raw, max, true).map(Option::unwrap_or_default)
}

/// A single-line value: line breaks would break citations and headings.
pub fn required_line(label: &str, raw: &str, max: usize) -> Result<String, String> {
    let text = required_text(label, raw, max)?;
    if text.contains(['\n', '\r']) {
        return Err(format!("{label} must be a single line."));
    }
    Ok(text)
}

pub fn optional_line(label: &str, raw: &str, max: usize) -> Result<Option<String>, String> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        required_line(label, raw, max).map(Some)
    }
}

/// An absolute http(s) link: other schemes (`javascript:`, `data:`) are never stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebUrl(String);

impl WebUrl {
    pub const MAX_LEN: usize = 2000;

    pub fn parse(label: &str, raw: &str) -> Result<Self, String> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(format!("{label} is required."));
        }
        if text.len() > Self::MAX_LEN {
            return Err(format!(
                "{label} must be at most {} characters.",
                Self::MAX_LEN
            ));
        }
        let parsed = url::Url::parse(text)
            .map_err(|_| format!("{label} must be a full web address starting with https://."))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(format!(
                "{label} must be a web address starting with http:// or https://."
            ));
        }
        Ok(WebUrl(parsed.into()))
    }

    pub fn parse_optional(label: &str, raw: &str) -> Result<Option<Self>, String> {
        if raw.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(label, raw).map(Some)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for WebUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The readable part of a URL: lowercase ASCII words joined by single hyphens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slug(String);

impl Slug {
    pub const MAX_LEN: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.trim();
        if text.is_empty() {
            return Err("Slug is required.".to_owned());
        }
        if text.len() > Self::MAX_LEN {
            return Err(format!(
                "Slug must be at most {} characters.",
                Self::MAX_LEN
            ));
        }
        let well_formed = text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
        if !well_formed {
            return Err(
                "Slug may contain only lowercase letters, digits and single hyphens between words (like \"russia-iran-support\")."
                    .to_owned(),
            );
        }
        Ok(Slug(text.to_owned()))
    }

    /// Makes a slug from a headline: ASCII letters and digits, words joined by hyphens,
    /// cut at a word boundary so URLs stay short. Falls back to "fact-check" for
    /// headlines with no ASCII letters at all.
    pub fn from_title(title: &str) -> Slug {
        const TARGET: usize = 80;
        let mut slug = String::with_capacity(TARGET);
        for word in title
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if slug.len() + word.len() + 1 > TARGET {
                break;
            }
            if !slug.is_empty() {
                slug.push('-');
            }
            slug.push_str(&word.to_ascii_lowercase());
        }
        if slug.is_empty() {
            slug.push_str("fact-check");
        }
        Slug(slug)
    }

    /// `base-2`, `base-3`…: used only for generated slugs, never for one an editor typed.
    pub fn with_suffix(&self, n: u32) -> Slug {
        let suffix = format!("-{n}");
        let mut base = self.0.clone();
        base.truncate(Self::MAX_LEN - suffix.len());
        Slug(format!("{}{suffix}", base.trim_end_matches('-')))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_come_from_headlines_and_stay_short() {
        let slug = Slug::from_title(
            "Russia remains strategically aligned with Iran, despite online claims the Kremlin withdrew support",
        );
        assert_eq!(
            slug.as_str(),
            "russia-remains-strategically-aligned-with-iran-despite-online-claims-the-kremlin"
        );
        assert!(Slug::parse(slug.as_str()).is_ok());
        assert_eq!(Slug::from_title("Ça va?").as_str(), "a-va");
        assert_eq!(Slug::from_title("¿¿").as_str(), "fact-check");
        assert_eq!(Slug::from_title("abc").with_suffix(2).as_str(), "abc-2");
    }

    #[test]
    fn slugs_typed_by_editors_are_checked() {
        for bad in [
            "",
            "Upper",
            "two--hyphens",
            "-lead",
            "trail-",
            "spa ce",
            "ü",
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn only_web_links_are_accepted() {
        assert!(WebUrl::parse("URL", "https://example.com/a?b=c").is_ok());
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "example.com",
            "ftp://x.org",
            "https://",
        ] {
            assert!(
                WebUrl::parse("URL", bad).is_err(),
                "{bad:?} should be refused"
            );
        }
    }
}
