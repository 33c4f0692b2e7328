//! The tags field: topic words separated by commas or spaces, "#" optional.

use super::MAX_TAGS;
use crate::domain::TagName;

/// The tags typed, each once (in any letter case or accents), at most `MAX_TAGS`.
pub fn parse_tags(raw: &str) -> Result<Vec<TagName>, String> {
    let mut tags: Vec<TagName> = Vec::new();
    for piece in raw
        .split([',', ' ', '\n', '\r', '\t'])
        .filter(|p| !p.trim().is_empty())
    {
        let tag = TagName::parse(piece)?;
        let key = tag.key();
        if !tags.iter().any(|t| t.key() == key) {
            // Refused as soon as there are too many: comparing each word of a pasted wall
            // with all those before it is quadratic (36,000 of them held a server thread
            // for half a minute in a debug build).
            if tags.len() == MAX_TAGS {
                return Err(format!("Use at most {MAX_TAGS} tags."));
            }
            tags.push(tag);
        }
    }
    Ok(tags)
}
