//! Reading urlencoded form bodies and query strings, including the numbered rows
//! ("source.2.title") that let a form without JavaScript hold a list.

use crate::domain::{AppearanceInput, FactCheckInput, SourceInput, limits};
use crate::error::AppError;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::de::value::{Error as ValueError, MapDeserializer};
use serde::de::{DeserializeOwned, Deserializer, IntoDeserializer, Visitor};
use serde::{Deserialize, forward_to_deserialize_any};
use std::collections::BTreeMap;

/// Rows past this index are ignored, so a crafted body cannot make us allocate millions.
const MAX_ROW_INDEX: usize = 200;

/// A submitted form as name/value pairs, in order.
pub struct FormData(Vec<(String, String)>);

impl FormData {
    /// Line breaks come back as `\n`: browsers send a textarea's as CR LF (the HTML form
    /// encoding), and kept as typed, a save from the browser of text written elsewhere
    /// would differ from it in every line, and History would show a change nobody made.
    /// A password is the exception: it is compared byte for byte with what was set.
    pub fn parse(body: &Bytes) -> Self {
        FormData(
            form_urlencoded::parse(body)
                .map(|(name, value)| {
                    let value = if name.contains("password") {
                        value.into_owned()
                    } else {
                        unix_line_breaks(&value)
                    };
                    (name.into_owned(), value)
                })
                .collect(),
        )
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or_default().to_owned()
    }

    /// The pairs, to keep a form as typed (autosave) and bring it back with `from_pairs`.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        FormData(pairs)
    }
}

fn unix_line_breaks(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    }
}

/// A form post from anyone (signing in); a signed-in one is `auth::SignedInForm`. The body
/// was already read whole, in time and within the limit, by `admission`.
impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Response> {
        let body = Bytes::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(FormData::parse(&body))
    }
}

/// A query string read into `T`, each name with its first value only and unknown names
/// ignored, with bad percent escapes decoded loosely as `form_urlencoded` does. A value
/// `T` refuses answers with our 400 page (or, read via `Result`, the API's JSON error).
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        read_query(parts.uri.query()).map(Query)
    }
}

pub fn read_query<T: DeserializeOwned>(query: Option<&str>) -> Result<T, AppError> {
    let mut pairs: Vec<(String, QueryText)> = Vec::new();
    for (name, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        // A repeated name keeps its first value, as links written by hand expect.
        if !pairs.iter().any(|(seen, _)| *seen == name) {
            pairs.push((name.into_owned(), QueryText(value.into_owned())));
        }
    }
    T::deserialize(MapDeserializer::new(pairs.into_iter()))
        .map_err(|e| AppError::BadRequest(e.to_string()))
}

/// One query value: text, or `Some(text)` for an optional field.
struct QueryText(String);

impl<'de> Deserializer<'de> for QueryText {
    type Error = ValueError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ValueError> {
        visitor.visit_string(self.0)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ValueError> {
        visitor.visit_some(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

impl IntoDeserializer<'_, ValueError> for QueryText {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// `?page=N` for listings: absent or empty means 1; anything but a whole number from 1 is
/// refused with a 400.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageNumber(pub usize);

impl Default for PageNumber {
    fn default() -> Self {
        PageNumber(1)
    }
}

impl<'de> Deserialize<'de> for PageNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match text.trim() {
            "" => Ok(PageNumber(1)),
            text => match text.parse::<usize>() {
                Ok(n) if (1..=100_000).contains(&n) => Ok(PageNumber(n)),
                _ => Err(serde::de::Error::custom(
                    "The page number must be a whole number from 1.",
                )),
            },
        }
    }
}

/// `?page=N` for the API, where a client sends what it means: as `PageNumber`, but empty
/// is refused rather than read as 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiPage(pub PageNumber);

impl<'de> Deserialize<'de> for ApiPage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.trim().is_empty() {
            return Err(serde::de::Error::custom(
                "The page number must be a whole number from 1.",
            ));
        }
        PageNumber::deserialize(serde::de::value::StringDeserializer::new(text)).map(ApiPage)
    }
}

/// The query of a listing that has pages and nothing else to choose.
#[derive(Deserialize)]
pub struct Paged {
    #[serde(default)]
    pub page: PageNumber,
}

/// The query of a list of claimants by name: a prefix of the name, and the claimant the
/// previous page ended on.
#[derive(Deserialize)]
pub struct ClaimantsQuery {
    q: Option<String>,
    after: Option<String>,
}

impl ClaimantsQuery {
    /// Why a cursor that names no one, or is not a slug, is refused.
    pub const LOST: &'static str = "The list cannot continue after that: start again.";

    /// The address of the page after the one ending with `last` (a slug), at `path`,
    /// narrowed to `typed` as this one was.
    pub fn next(path: &str, typed: &str, last: &str) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if !typed.is_empty() {
            query.append_pair("q", typed);
        }
        query.append_pair("after", last);
        format!("{path}?{}", query.finish())
    }

    /// The prefix, trimmed (empty for everyone), and the cursor's slug; a 400 that says why
    /// for a prefix longer than a name or a cursor that is no slug.
    pub fn read(self) -> Result<(String, Option<String>), AppError> {
        let typed = self.q.unwrap_or_default().trim().to_owned();
        if typed.chars().count() > limits::CLAIMANT {
            return Err(AppError::BadRequest(format!(
                "A claimant’s name has at most {} characters: search for fewer.",
                limits::CLAIMANT
            )));
        }
        let after = match self.after.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(after) => {
                let fits = after.len() <= 2 * limits::CLAIMANT
                    && after
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                if !fits {
                    return Err(AppError::BadRequest(Self::LOST.into()));
                }
                Some(after.to_owned())
            }
        };
        Ok((typed, after))
    }
}

/// The query of a newest-first reader listing: a shallow page number or a cursor.
#[derive(Deserialize)]
pub struct ListingQuery {
    page: Option<PageNumber>,
    before: Option<String>,
    after: Option<String>,
}

impl ListingQuery {
    /// Where the page starts; a deep page number or a malformed cursor is a 400 that says why.
    pub fn position(&self) -> Result<crate::domain::ListingPosition, AppError> {
        crate::domain::ListingPosition::parse(
            self.page.map(|p| p.0),
            self.before.as_deref(),
            self.after.as_deref(),
        )
        .map_err(AppError::BadRequest)
    }
}

/// "source.3.title" → ("source", 3, "title").
fn row_field(name: &str) -> Option<(&str, usize, &str)> {
    let mut parts = name.splitn(3, '.');
    let (kind, index, field) = (parts.next()?, parts.next()?, parts.next()?);
    let index = index.parse().ok().filter(|i| *i <= MAX_ROW_INDEX)?;
    Some((kind, index, field))
}

impl FormData {
    /// Where row `row` of a `kind` ("source.3.*") lands in the parsed input, whose rows
    /// keep their order but not their numbers; `None` when the form has no such row.
    pub fn row_position(&self, kind: &str, row: usize) -> Option<usize> {
        let rows: std::collections::BTreeSet<usize> = self
            .0
            .iter()
            .filter_map(|(name, _)| row_field(name))
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, i, _)| i)
            .collect();
        rows.contains(&row).then(|| rows.range(..row).count())
    }
}

impl From<&FormData> for FactCheckInput {
    fn from(form: &FormData) -> Self {
        let mut input = FactCheckInput::default();
        let mut appearances: BTreeMap<usize, AppearanceInput> = BTreeMap::new();
        let mut sources: BTreeMap<usize, SourceInput> = BTreeMap::new();
        for (name, value) in &form.0 {
            let value = value.clone();
            match name.as_str() {
                "headline" => input.headline = value,
                "slug" => input.slug = value,
                "rating" => input.rating = value,
                "summary" => input.summary = value,
                "body" => input.body = value,
                "key_points" => input.key_points = value,
                "tags" => input.tags = value,
                "claim_text" => input.claim_text = value,
                "claimant" => input.claimant = value,
                "claimant_url" => input.claimant_url = value,
                "claimant_kind" => input.claimant_kind = value,
                "claim_date" => input.claim_date = value,
                "featured_image" => input.featured_image = value,
                "language" => input.language = value,
                "translation_of" => input.translation_of = value,
                other => match row_field(other) {
                    Some(("appearance", i, field)) => {
                        let row = appearances.entry(i).or_default();
                        match field {
                            "url" => row.url = value,
                            "platform" => row.platform = value,
                            "date" => row.date = value,
                            "reach" => row.reach = value,
                            "archived_url" => row.archived_url = value,
                            "image" => row.image = value,
                            "sensitive" => row.sensitive = !value.is_empty(),
                            _ => {}
                        }
                    }
                    Some(("source", i, field)) => {
                        let row = sources.entry(i).or_default();
                        match field {
                            "outlet" => row.outlet = value,
                            "title" => row.title = value,
                            "authors" => row.authors = value,
                            "date" => row.date = value,
                            "url" => row.url = value,
                            "archived_url" => row.archived_url = value,
                            "note" => row.note = value,
                            "position" => row.position = value,
                            "remove" => row.remove = !value.is_empty(),
                            _ => {}
                        }
                    }
                    _ => {}
                },
            }
        }
        input.appearances = appearances.into_values().collect();
        input.sources = sources.into_values().collect();
        input
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Sample {
        #[serde(default)]
        page: PageNumber,
        q: Option<String>,
    }

    #[test]
    fn queries_keep_first_values_and_ignore_the_rest() {
        let read = |query| read_query::<Sample>(Some(query)).map_err(|e| e.to_string());
        let sample = read("q=first&q=second&page=2&page=x&other=1").unwrap();
        assert_eq!(sample.q.as_deref(), Some("first"));
        assert_eq!(sample.page, PageNumber(2));
        assert_eq!(read("q=%FF%zz").unwrap().q.as_deref(), Some("\u{FFFD}%zz"));
        assert_eq!(read("page=&q=").unwrap().page, PageNumber(1));
        assert_eq!(read_query::<Sample>(None).unwrap().q, None);
        for bad in ["page=abc", "page=0", "page=100001", "page=-1"] {
            assert!(read(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbered_rows_become_lists_in_order() {
        let body = Bytes::from_static(
            b"headline=H&source.1.title=Second&source.0.title=First&source.0.remove=on&appearance.0.url=u&source.999999999.title=x",
        );
        let input = FactCheckInput::from(&FormData::parse(&body));
        assert_eq!(input.headline, "H");
        assert_eq!(input.sources.len(), 2);
        assert_eq!(input.sources[0].title, "First");
        assert!(input.sources[0].remove);
        assert_eq!(input.sources[1].title, "Second");
        assert_eq!(input.appearances[0].url, "u");
    }
}
