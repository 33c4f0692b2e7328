//! Reading urlencoded form bodies and query strings, including the numbered rows
//! ("source.2.title") that let a form without JavaScript hold a list.

use crate::domain::{AppearanceInput, FactCheckInput, SourceInput};
use axum::body::Bytes;
use std::collections::BTreeMap;

/// Rows past this index are ignored, so a crafted body cannot make us allocate millions.
const MAX_ROW_INDEX: usize = 200;

/// A submitted form as name/value pairs, in order.
pub struct FormData(Vec<(String, String)>);

impl FormData {
    pub fn parse(body: &Bytes) -> Self {
        FormData(form_urlencoded::parse(body).into_owned().collect())
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
}

pub fn query_value(query: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// "source.3.title" → ("source", 3, "title").
fn row_field(name: &str) -> Option<(&str, usize, &str)> {
    let mut parts = name.splitn(3, '.');
    let (kind, index, field) = (parts.next()?, parts.next()?, parts.next()?);
    let index = index.parse().ok().filter(|i| *i <= MAX_ROW_INDEX)?;
    Some((kind, index, field))
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
                "tags" => input.tags = value,
                "claim_text" => input.claim_text = value,
                "claimant" => input.claimant = value,
                "claimant_url" => input.claimant_url = value,
                "claimant_kind" => input.claimant_kind = value,
                "claim_date" => input.claim_date = value,
                other => match row_field(other) {
                    Some(("appearance", i, field)) => {
                        let row = appearances.entry(i).or_default();
                        match field {
                            "url" => row.url = value,
                            "platform" => row.platform = value,
                            "date" => row.date = value,
                            "reach" => row.reach = value,
                            "archived_url" => row.archived_url = value,
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
