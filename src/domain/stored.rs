//! Enums kept in the database as text: written as their `as_str`, read back only from it.

/// Gives an enum with an `as_str` its `from_stored` and rusqlite `ToSql`/`FromSql`. Reading
/// text that no variant writes is an error rather than a default, so a typo in SQL or a row
/// from a newer build shows up instead of quietly becoming, say, a draft.
macro_rules! stored_as_text {
    ($name:ident: $($variant:ident),+ $(,)?) => {
        impl $name {
            /// The variant whose `as_str` is `text`, exactly as stored.
            pub fn from_stored(text: &str) -> Option<$name> {
                [$($name::$variant),+].into_iter().find(|v| v.as_str() == text)
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::from_stored(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(
                        format!(concat!("not a stored ", stringify!($name), ": {:?}"), text)
                            .into(),
                    )
                })
            }
        }
    };
}
pub(crate) use stored_as_text;

#[cfg(test)]
mod tests {
    use crate::domain::{ChangeKind, ClaimantKind, Status};
    use rusqlite::Connection;

    /// `value` bound as a parameter and read back as a `T`: what a write then a read does.
    fn read<T: rusqlite::types::FromSql>(value: impl rusqlite::ToSql) -> rusqlite::Result<T> {
        let conn = Connection::open_in_memory().unwrap();
        conn.query_row("SELECT ?1", [value], |row| row.get(0))
    }

    /// Written as `text`, and `text` reads back as the value.
    fn stored_as<T>(value: T, text: &str)
    where
        T: rusqlite::ToSql + rusqlite::types::FromSql + PartialEq + std::fmt::Debug + Copy,
    {
        assert_eq!(read::<String>(value).unwrap(), text);
        assert_eq!(read::<T>(text).unwrap(), value);
    }

    #[test]
    fn each_variant_keeps_the_text_the_schema_allows() {
        stored_as(Status::Draft, "draft");
        stored_as(Status::InReview, "in_review");
        stored_as(Status::Published, "published");
        stored_as(Status::Retracted, "retracted");
        stored_as(ClaimantKind::Person, "person");
        stored_as(ClaimantKind::Organization, "organization");
        stored_as(ChangeKind::Draft, "draft");
        stored_as(ChangeKind::Minor, "minor");
        stored_as(ChangeKind::Update, "update");
        stored_as(ChangeKind::Correction, "correction");
    }

    #[test]
    fn unknown_text_is_refused_not_defaulted() {
        let err = read::<Status>("archived").unwrap_err().to_string();
        assert!(err.contains("not a stored Status: \"archived\""), "{err}");
        assert!(read::<ClaimantKind>("robot").is_err());
        assert!(read::<ChangeKind>("Update").is_err());
        assert!(read::<Status>(" draft").is_err());
    }
}
