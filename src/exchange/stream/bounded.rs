//! One record's values as they are read, within the record's budget: lists and objects cut
//! at `MAX_LIST_READ` items, texts over `MAX_TEXT_BYTES` not kept, the whole held to
//! `MAX_RECORD_BYTES`.

use super::{MAX_LIST_READ, MAX_RECORD_BYTES, MAX_TEXT_BYTES};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// What a node costs beyond its text, roughly the size of a `Value`.
const NODE_BYTES: usize = 32;

/// What one record has cost so far, and what could not be kept.
#[derive(Default)]
pub(super) struct Budget {
    bytes: usize,
    pub(super) too_large: Option<String>,
    pub(super) long_lists: Vec<(String, usize)>,
}

impl Budget {
    /// Counts `bytes` against the record; false once the record is over its limit, from
    /// which point nothing more of it is kept.
    pub(super) fn spend(&mut self, bytes: usize) -> bool {
        self.bytes = self.bytes.saturating_add(bytes + NODE_BYTES);
        if self.bytes > MAX_RECORD_BYTES && self.too_large.is_none() {
            self.too_large = Some(format!(
                "the record is larger than {} MiB",
                MAX_RECORD_BYTES / (1024 * 1024)
            ));
        }
        self.too_large.is_none()
    }

    fn text_too_long(&mut self, key: &str) {
        if self.too_large.is_none() {
            self.too_large = Some(format!(
                "{key} holds a text longer than {} KiB, more than any field can hold",
                MAX_TEXT_BYTES / 1024
            ));
        }
    }
}

/// An object's key, `None` when it is too long to be one we read.
pub(super) struct Key<'b>(pub(super) &'b mut Budget);

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = Option<String>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a property name")
    }

    fn visit_str<E>(self, key: &str) -> Result<Option<String>, E> {
        if key.len() > MAX_TEXT_BYTES {
            self.0.text_too_long("a property name");
            return Ok(None);
        }
        Ok(self.0.spend(key.len()).then(|| key.to_owned()))
    }
}

/// A value inside a record, kept within the record's budget. `key` is the property it
/// belongs to, for messages; `depth` 1 is the record's own property.
pub(super) struct Bounded<'b> {
    pub(super) budget: &'b mut Budget,
    pub(super) key: &'b str,
    pub(super) depth: usize,
}

impl<'de> DeserializeSeed<'de> for Bounded<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl Bounded<'_> {
    fn child(&mut self) -> Bounded<'_> {
        Bounded {
            budget: &mut *self.budget,
            key: self.key,
            depth: self.depth + 1,
        }
    }

    fn keep(self, value: Value) -> Value {
        if self.budget.spend(0) {
            value
        } else {
            Value::Null
        }
    }
}

impl<'de> Visitor<'de> for Bounded<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(self.keep(Value::Bool(b)))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(self.keep(Value::from(n)))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(self.keep(Value::from(n)))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(self.keep(Value::from(n)))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_str<E>(self, text: &str) -> Result<Value, E> {
        if text.len() > MAX_TEXT_BYTES {
            self.budget.text_too_long(self.key);
            return Ok(Value::Null);
        }
        Ok(if self.budget.spend(text.len()) {
            Value::String(text.to_owned())
        } else {
            Value::Null
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while items.len() < MAX_LIST_READ && self.budget.spend(0) {
            match seq.next_element_seed(self.child())? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
        let mut total = items.len();
        while seq.next_element::<IgnoredAny>()?.is_some() {
            total += 1;
        }
        if self.depth == 1 && total > items.len() {
            self.budget.long_lists.push((self.key.to_owned(), total));
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key_seed(Key(&mut *self.budget))? {
            match key {
                Some(key) if object.len() < MAX_LIST_READ && self.budget.spend(0) => {
                    let value = map.next_value_seed(self.child())?;
                    object.insert(key, value);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Value::Object(object))
    }
}
