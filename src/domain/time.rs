//! Instants and calendar dates, with the reader-friendly forms templates show.
//!
//! Instants are stored as RFC 3339 UTC text; formatting happens here, never in SQL.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use std::fmt;

/// A UTC instant such as `published_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Moment(pub DateTime<Utc>);

impl Moment {
    pub fn now() -> Self {
        Moment(Utc::now())
    }

    pub fn parse(text: &str) -> Option<Self> {
        DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| Moment(t.with_timezone(&Utc)))
    }

    /// The stored and machine-readable form, for `<time datetime>`.
    pub fn rfc3339(&self) -> String {
        self.0.to_rfc3339_opts(SecondsFormat::Secs, true)
    }

    /// "17 June 2025".
    pub fn long_date(&self) -> impl fmt::Display + use<> {
        self.0.format("%-d %B %Y")
    }

    /// "17 June 2025, 14:30 UTC", for the title attribute and the editor.
    pub fn exact(&self) -> impl fmt::Display + use<> {
        self.0.format("%-d %B %Y, %H:%M UTC")
    }

    /// "5 hours ago" relative to now; past a week the long date reads better.
    pub fn relative(&self) -> String {
        relative_to(self.0, Utc::now())
    }
}

fn relative_to(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (now - then).num_seconds();
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    match seconds {
        s if s < 0 => then.format("%-d %B %Y").to_string(),
        0..60 => "just now".to_owned(),
        60..3600 => plural(seconds / 60, "minute"),
        3600..86_400 => plural(seconds / 3600, "hour"),
        86_400..604_800 => plural(seconds / 86_400, "day"),
        _ => then.format("%-d %B %Y").to_string(),
    }
}

impl rusqlite::ToSql for Moment {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.rfc3339().into())
    }
}

impl rusqlite::types::FromSql for Moment {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        Moment::parse(text).ok_or_else(|| {
            rusqlite::types::FromSqlError::Other(format!("not an RFC 3339 time: {text}").into())
        })
    }
}

impl<'de> serde::Deserialize<'de> for Moment {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Moment::parse(&text).ok_or_else(|| serde::de::Error::custom("not an RFC 3339 time"))
    }
}

/// A calendar day: when a claim was made or a source published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize)]
#[serde(transparent)]
pub struct Day(pub NaiveDate);

impl Day {
    /// Midnight UTC at the start of the day.
    pub fn start(self) -> Moment {
        Moment(self.0.and_time(chrono::NaiveTime::MIN).and_utc())
    }

    /// Accepts the ISO form that `<input type="date">` sends.
    pub fn parse(text: &str) -> Option<Self> {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .filter(|d| (1800..=9999).contains(&chrono::Datelike::year(d)))
            .map(Day)
    }

    pub fn iso(&self) -> impl fmt::Display + use<> {
        self.0.format("%Y-%m-%d")
    }

    /// "17 June 2025", as in a citation.
    pub fn long(&self) -> impl fmt::Display + use<> {
        self.0.format("%-d %B %Y")
    }
}

/// As `iso`: the form the JSON API and the export promise.
impl serde::Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.iso())
    }
}

impl rusqlite::ToSql for Day {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.iso().to_string().into())
    }
}

impl rusqlite::types::FromSql for Day {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        Day::parse(text).ok_or_else(|| {
            rusqlite::types::FromSqlError::Other(format!("not a YYYY-MM-DD date: {text}").into())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn relative_times_read_like_a_person_would_say_them() {
        let now = Utc.with_ymd_and_hms(2025, 6, 20, 12, 0, 0).unwrap();
        let ago = |secs| relative_to(now - chrono::Duration::seconds(secs), now);
        assert_eq!(ago(5), "just now");
        assert_eq!(ago(60), "1 minute ago");
        assert_eq!(ago(5 * 3600 + 10), "5 hours ago");
        assert_eq!(ago(2 * 86_400), "2 days ago");
        assert_eq!(ago(30 * 86_400), "21 May 2025");
    }

    #[test]
    fn days_parse_only_real_iso_dates() {
        assert!(Day::parse("2025-06-17").is_some());
        assert!(Day::parse("2025-02-30").is_none());
        assert!(Day::parse("17/06/2025").is_none());
        assert!(Day::parse("0000-01-01").is_none());
    }
}
