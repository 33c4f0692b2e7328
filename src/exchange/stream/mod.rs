//! Reading an import file one record at a time, in bounded memory: a file of a million
//! records, a list of two million keywords or a 50 MB text never sits in memory whole.
//!
//! The file's wrappers (a list, a DataFeed's `dataFeedElement`, an `@graph`, a DataFeedItem's
//! `item`) are walked as they stream past; each record is built as a JSON value whose lists
//! keep at most `MAX_LIST_READ` items and whose texts are at most `MAX_TEXT_BYTES` long, so
//! what a hostile file can make us hold is one record's `MAX_RECORD_BYTES`.

mod bounded;

use super::jsonld::type_names;
use super::long_texts::LongTexts;
use bounded::{Bounded, Budget, Key};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;
use std::io::{BufReader, Read};

/// Items of one list (or properties of one object) that are read; the rest are skipped
/// unread. The largest list a fact-check keeps is 40 sources: this leaves room for
/// duplicates and unusable entries among the first ones without reading millions.
pub const MAX_LIST_READ: usize = 1_000;

/// No field of the editor's form can be longer (the explanation's 50,000 characters are at
/// most 200 KB of UTF-8), so a longer text refuses its record without being kept.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;

/// What one record may hold once read, its bounded lists and texts counted together.
pub const MAX_RECORD_BYTES: usize = 16 * 1024 * 1024;

/// One record as read, with what was too large to keep.
#[derive(Debug, Default)]
pub struct Record {
    pub value: Value,
    /// Why the record cannot be imported whatever it holds (a text or the record too large).
    pub too_large: Option<String>,
    /// The real length of each of the record's own lists that was read only in part.
    long_lists: Vec<(String, usize)>,
}

impl Record {
    /// How many items the record's list `key` has in the file, read or not.
    pub fn listed(&self, key: &str) -> usize {
        self.long_lists
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, n)| *n)
            .unwrap_or_else(|| super::jsonld::list(self.value.get(key)).len())
    }
}

/// Reads every record of `input` in order and hands each to `each` as soon as it is
/// complete. Returns how many there were; a file that is not JSON (from some point on) is
/// an error, after the records before that point have been handed over.
pub fn records(input: impl Read, mut each: impl FnMut(Record)) -> Result<usize, serde_json::Error> {
    // Cut where even six-byte escapes decode to more than a field can hold, so a cut text
    // is always refused, never taken whole. The parser reads a byte at a time: buffer it.
    let cut_texts = LongTexts::new(input, 6 * (MAX_TEXT_BYTES + 1));
    let mut de = serde_json::Deserializer::from_reader(BufReader::new(cut_texts));
    let mut walker = Walker {
        each: &mut each,
        found: 0,
    };
    Node {
        walker: &mut walker,
        in_graph: false,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(walker.found)
}

struct Walker<'f> {
    each: &'f mut dyn FnMut(Record),
    found: usize,
}

impl Walker<'_> {
    fn emit(&mut self, record: Record) {
        self.found += 1;
        (self.each)(record);
    }
}

fn looks_like_review(object: &Map<String, Value>) -> bool {
    type_names(object.get("@type"))
        .iter()
        .any(|t| t.eq_ignore_ascii_case("ClaimReview"))
        || object.contains_key("claimReviewed")
        || object.contains_key("reviewRating")
}

/// A place in the file that may hold records: inside an `@graph` only ClaimReviews count
/// (graphs also hold pages and organizations); elsewhere every entry is a record, so a
/// stray one is reported rather than silently skipped.
struct Node<'w, 'f> {
    walker: &'w mut Walker<'f>,
    in_graph: bool,
}

impl<'de> DeserializeSeed<'de> for Node<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Node<'_, '_> {
    /// A value that is not a list or an object: a record only outside a graph, where it is
    /// reported as not being one. Its content is never needed, so none is kept.
    fn scalar<E>(self) -> Result<(), E> {
        if !self.in_graph {
            self.walker.emit(Record::default());
        }
        Ok(())
    }
}

impl<'de> Visitor<'de> for Node<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("ClaimReview records")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.scalar()
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        self.scalar()
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        self.scalar()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(Node {
                walker: &mut *self.walker,
                in_graph: self.in_graph,
            })?
            .is_some()
        {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut budget = Budget::default();
        let mut object = Map::new();
        let mut wrapper = false;
        while let Some(key) = map.next_key_seed(Key(&mut budget))? {
            let holds_records = match key.as_deref() {
                Some("@graph") => Some(true),
                Some("dataFeedElement") => Some(false),
                // A DataFeedItem wraps its review; a review's own `item` would be data.
                Some("item") if !looks_like_review(&object) => Some(self.in_graph),
                _ => None,
            };
            match (key, holds_records) {
                (Some(_), Some(in_graph)) => {
                    wrapper = true;
                    map.next_value_seed(Node {
                        walker: &mut *self.walker,
                        in_graph,
                    })?;
                }
                (Some(key), None) if object.len() < MAX_LIST_READ => {
                    let value = map.next_value_seed(Bounded {
                        budget: &mut budget,
                        key: &key,
                        depth: 1,
                    })?;
                    object.insert(key, value);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if wrapper {
            return Ok(());
        }
        if !self.in_graph || looks_like_review(&object) {
            self.walker.emit(Record {
                value: Value::Object(object),
                too_large: budget.too_large,
                long_lists: budget.long_lists,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::jsonld::text_at;
    use serde_json::json;

    fn read(file: &Value) -> Vec<Record> {
        let mut found = Vec::new();
        let bytes = serde_json::to_vec(file).unwrap();
        records(bytes.as_slice(), |r| found.push(r)).unwrap();
        found
    }

    #[test]
    fn records_are_found_in_every_wrapper() {
        let file = json!([
            {"@type": "ClaimReview", "claimReviewed": "a"},
            {"@graph": [{"@type": "WebPage"}, {"@type": "ClaimReview", "claimReviewed": "b"}]},
            {"@type": "DataFeed", "dataFeedElement": [
                {"@type": "DataFeedItem", "item": {"@type": "ClaimReview", "claimReviewed": "c"}},
                {"@type": "ClaimReview", "claimReviewed": "d"}
            ]},
            {"@type": "Organization"},
            7
        ]);
        let found: Vec<_> = read(&file)
            .iter()
            .map(|r| text_at(&r.value, "claimReviewed").unwrap_or_default())
            .collect();
        assert_eq!(found, ["a", "b", "c", "d", "", ""]);
    }

    #[test]
    fn long_lists_are_read_in_part_and_their_length_kept() {
        let keywords: Vec<String> = (0..MAX_LIST_READ * 3).map(|i| format!("k{i}")).collect();
        let file = json!({"claimReviewed": "a", "keywords": keywords, "about": {"x": keywords}});
        let [record] = read(&file).try_into().unwrap();
        assert_eq!(
            record.value["keywords"].as_array().unwrap().len(),
            MAX_LIST_READ
        );
        assert_eq!(record.listed("keywords"), MAX_LIST_READ * 3);
        assert_eq!(
            record.value["about"]["x"].as_array().unwrap().len(),
            MAX_LIST_READ
        );
        assert!(record.too_large.is_none());
    }

    #[test]
    fn a_text_longer_than_any_field_is_not_kept_and_refuses_its_record() {
        let file = json!([
            {"claimReviewed": "a", "correction": [{"text": "x".repeat(MAX_TEXT_BYTES + 1)}]},
            {"claimReviewed": "b"}
        ]);
        let [long, short] = read(&file).try_into().unwrap();
        assert_eq!(long.value["correction"][0]["text"], Value::Null);
        assert!(
            long.too_large
                .unwrap()
                .contains("correction holds a text longer than 256 KiB"),
        );
        assert!(short.too_large.is_none());
    }

    #[test]
    fn a_record_over_its_budget_stops_being_kept() {
        let text = "y".repeat(MAX_TEXT_BYTES);
        let many: Vec<&str> = vec![text.as_str(); MAX_RECORD_BYTES / MAX_TEXT_BYTES + 1];
        let [record] = read(&json!({"claimReviewed": "a", "reviewBody": many}))
            .try_into()
            .unwrap();
        assert!(record.too_large.unwrap().contains("larger than 16 MiB"));
    }

    #[test]
    fn a_file_that_breaks_off_hands_over_the_records_before_the_break() {
        let mut found = Vec::new();
        let result = records(&br#"[{"claimReviewed": "a"}, {"claimRev"#[..], |r| {
            found.push(r)
        });
        assert!(result.is_err());
        assert_eq!(found.len(), 1);
    }
}
