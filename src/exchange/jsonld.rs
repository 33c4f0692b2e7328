//! Lenient readers for JSON-LD as other publishers write it: a value may be a string or an
//! object, one item or a list, a number or a numeric string.

use crate::domain::{Day, Moment};
use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde_json::Value;

/// The value's text: a non-empty string, a number, `{"@value": …}`, or the first of a list.
pub fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => items.iter().find_map(text),
        Value::Object(map) => map.get("@value").and_then(text),
        _ => None,
    }
}

/// `obj[key]` as text.
pub fn text_at(obj: &Value, key: &str) -> Option<String> {
    obj.get(key).and_then(text)
}

/// Every text of `obj[key]`, one value or a list, each on one line.
pub fn lines_at(obj: &Value, key: &str) -> Vec<String> {
    list(obj.get(key))
        .into_iter()
        .filter_map(text)
        .map(|t| one_line(&t))
        .collect()
}

/// One value or a list, as a list.
pub fn list(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().filter(|v| !v.is_null()).collect(),
        Some(one) => vec![one],
    }
}

/// A number written as a number or a string ("5", "4.5").
pub fn number(value: Option<&Value>) -> Option<f64> {
    match value? {
        Value::Number(n) => n.as_f64(),
        other => text(other)?.parse::<f64>().ok(),
    }
    .filter(|n| n.is_finite())
}

/// The `@type` names of a node.
pub fn types(value: &Value) -> Vec<&str> {
    type_names(value.get("@type"))
}

/// The names in an `@type` value ("ClaimReview", "schema:ClaimReview", a list of them).
pub fn type_names(at_type: Option<&Value>) -> Vec<&str> {
    list(at_type)
        .into_iter()
        .filter_map(Value::as_str)
        .map(|t| t.rsplit(['/', ':']).next().unwrap_or(t))
        .collect()
}

pub fn has_type(value: &Value, name: &str) -> bool {
    types(value).iter().any(|t| t.eq_ignore_ascii_case(name))
}

/// The name of a person or organization given as a string, an object or a list of either.
pub fn name(value: Option<&Value>) -> Option<String> {
    list(value).into_iter().find_map(|v| match v {
        Value::Object(_) => text_at(v, "name").or_else(|| text_at(v, "alternateName")),
        other => text(other),
    })
}

/// Every name of a list of people or organizations.
pub fn names(value: Option<&Value>) -> Vec<String> {
    list(value)
        .into_iter()
        .filter_map(|v| name(Some(v)))
        .collect()
}

/// A link given as a string, or an object's `url` (or `@id`).
pub fn link(value: Option<&Value>) -> Option<String> {
    list(value).into_iter().find_map(|v| match v {
        Value::Object(_) => text_at(v, "url").or_else(|| text_at(v, "@id")),
        other => text(other),
    })
}

/// An instant: RFC 3339, a date and time without a zone (taken as UTC), or a bare date
/// (midnight UTC).
pub fn moment(value: Option<&Value>) -> Option<Moment> {
    let raw = text(value?)?;
    if let Some(m) = Moment::parse(&raw) {
        return Some(m);
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(&raw, format) {
            return Some(Moment(Utc.from_utc_datetime(&naive)));
        }
    }
    let day = NaiveDate::parse_from_str(raw.get(..10)?, "%Y-%m-%d").ok()?;
    Some(Moment(Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0)?)))
}

/// A calendar day from a date or the date part of a date-time.
pub fn day(value: Option<&Value>) -> Option<Day> {
    let raw = text(value?)?;
    Day::parse(raw.get(..10).unwrap_or(&raw))
}

/// The host of a web address ("www.example.org"), for a platform or outlet name.
pub fn host(url: &str) -> Option<String> {
    url::Url::parse(url)
        .ok()?
        .host_str()
        .map(|h| h.trim_start_matches("www.").to_owned())
}

/// At most `max` characters, cut at a word boundary with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end())
}

/// One line: line breaks and runs of spaces become single spaces.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The record's `inLanguage` when it is a well-formed language tag (text, or a Language
/// object's `name`/`alternateName`); empty, for the site's language, otherwise.
pub fn language_at(record: &Value) -> String {
    let tag = match record.get("inLanguage") {
        Some(Value::String(tag)) => Some(tag.as_str()),
        Some(Value::Object(language)) => language
            .get("alternateName")
            .or_else(|| language.get("name"))
            .and_then(Value::as_str),
        _ => None,
    };
    tag.and_then(|tag| crate::domain::Language::parse(tag).ok())
        .map(|tag| tag.to_string())
        .unwrap_or_default()
}

/// The last path segment of the review's address, when it is a valid slug: an export
/// of ours keeps its addresses when imported elsewhere.
pub fn slug_from_url(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let last = parsed.path_segments()?.rfind(|s| !s.is_empty())?;
    crate::domain::Slug::parse(last)
        .ok()
        .map(|s| s.as_str().to_owned())
}

/// A record's verdict in its publisher's words (their rating's `alternateName` or `name`),
/// with their name (`publisher`, as the caller found it) and site, within what a page holds.
pub fn publisher_verdict(
    record: &Value,
    review_rating: &Value,
    publisher: Option<&str>,
) -> crate::domain::PublisherVerdict {
    crate::domain::PublisherVerdict {
        rating: text_at(review_rating, "alternateName")
            .or_else(|| text_at(review_rating, "name"))
            .map(|label| shorten(&one_line(&label), 300)),
        name: publisher.map(|p| shorten(&one_line(p), 200)),
        url: link(record.get("author"))
            .or_else(|| link(record.get("publisher")))
            .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_are_read_in_every_shape_publishers_use() {
        assert_eq!(number(Some(&json!("5"))), Some(5.0));
        assert_eq!(number(Some(&json!(2))), Some(2.0));
        assert_eq!(number(Some(&json!("five"))), None);
        assert_eq!(name(Some(&json!([{"name": "A"}, "B"]))), Some("A".into()));
        assert_eq!(name(Some(&json!("C"))), Some("C".into()));
        assert_eq!(
            link(Some(&json!({"url": "https://x.example/"}))).as_deref(),
            Some("https://x.example/")
        );
        assert!(has_type(
            &json!({"@type": ["schema:ClaimReview"]}),
            "ClaimReview"
        ));
        assert_eq!(
            moment(Some(&json!("2024-03-01")))
                .map(|m| m.rfc3339())
                .as_deref(),
            Some("2024-03-01T00:00:00Z")
        );
        assert_eq!(
            day(Some(&json!("2024-03-01T10:00:00+02:00")))
                .map(|d| d.iso().to_string())
                .as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(shorten("one two three", 8), "one two…");
    }
}
