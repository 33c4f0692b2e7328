//! Every address that reads a segment or a parameter, with any value in it.

use super::inputs::{Typed, escaped, typed_up_to};
use super::newsroom::Newsroom;
use proptest::prelude::*;
use proptest::sample::select;

/// Every page that reads a path segment or a query parameter; each `{}` is filled with a
/// random value, `{id}` with one of our fact-checks.
const READER_PATHS: &[&str] = &[
    "/?page={}",
    "/fact-checks/{}",
    "/tags/{}?page={}",
    "/tags/{}/feed.atom",
    "/ratings/{}?page={}",
    "/claimants/{}?page={}",
    "/claimants/{}/feed.atom",
    "/corrections?page={}",
    "/search?q={}&rating={}&tag={}&page={}",
    "/search?{}={}",
    "/sitemaps/{}",
    "/sitemap-{}",
    "/sitemap-fact-checks-{}.xml",
    "/api/v1/fact-checks?tag={}&rating={}&claimant={}&q={}&since={}&page={}",
    "/api/v1/fact-checks?since={}",
    "/api/v1/fact-checks/{}",
    "/api/v1/fact-checks?after={}&before={}",
    "/api/v1/changes?updated_since={}&after_change={}",
    "/api/v1/ratings?page={}",
    "/api/v1/{}",
    "/{}",
    "/editor/login?next={}",
];

const EDITOR_PATHS: &[&str] = &[
    "/editor?q={}",
    "/editor/login?next={}",
    "/editor/fact-checks/{}",
    "/editor/fact-checks/{id}?restore={}&done={}",
    "/editor/fact-checks/{id}?done={}",
    "/editor/fact-checks/{}/revisions",
    "/editor/fact-checks/{id}/revisions?from={}&to={}",
    "/editor/audit?page={}",
    "/editor/settings?{}",
    "/editor/users/{}",
    "/editor/{}",
];

/// Values that name something real now and then, so pages past the lookup are reached.
fn parameter(known: Vec<String>) -> BoxedStrategy<Typed> {
    prop_oneof![
        // Empty is how a form sends a parameter left alone.
        1 => Just(Typed::of("")),
        1 => select(known).prop_map(|t| Typed::of(&t)),
        2 => typed_up_to(3000),
    ]
    .boxed()
}

fn fill(template: &str, id: i64, values: &[Typed]) -> String {
    let mut path = template.replace("{id}", &id.to_string());
    for value in values {
        match path.find("{}") {
            Some(at) => path.replace_range(at..at + 2, &escaped(value)),
            None => break,
        }
    }
    path
}

impl Newsroom {
    /// Real slugs, tags, ratings and numbers from the demo data.
    fn known_values(&self) -> Vec<String> {
        let mut known: Vec<String> = self
            .editor
            .db
            .read(|c| {
                let mut statement = c.prepare(
                    "SELECT slug FROM fact_checks WHERE status = 'published'
                     UNION ALL SELECT name FROM tags
                     UNION ALL SELECT slug FROM claimants
                     UNION ALL SELECT slug FROM ratings",
                )?;
                Ok(statement
                    .query_map([], |r| r.get(0))?
                    .collect::<Result<_, _>>()?)
            })
            .unwrap();
        known.extend(
            [
                "1",
                "2",
                "3",
                "pages.xml",
                "fact-checks-1.xml",
                "fact-checks-0.xml",
                "saved",
                "2025-06-17",
                "2025-06-17T08:00:00Z",
                "Iran",
                "ceasefire",
                "/editor/audit",
            ]
            .map(str::to_owned),
        );
        known
    }
}

#[test]
fn any_reader_address_answers_without_a_crash_and_changes_nothing() {
    let newsroom = Newsroom::open();
    let request = (
        select(READER_PATHS),
        prop::collection::vec(parameter(newsroom.known_values()), 6),
    );
    newsroom.check(512, request, |(template, values)| {
        let path = fill(template, newsroom.published_id, &values);
        newsroom.get(&newsroom.reader, &path)?;
        Ok(())
    });
}

#[test]
fn any_editor_address_answers_without_a_crash_and_changes_nothing() {
    let newsroom = Newsroom::open();
    let request = (
        select(EDITOR_PATHS),
        prop::collection::vec(parameter(newsroom.known_values()), 3),
        select(vec![newsroom.draft_id, newsroom.published_id]),
    );
    newsroom.check(256, request, |(template, values, id)| {
        let path = fill(template, id, &values);
        newsroom.get(&newsroom.editor, &path)?;
        Ok(())
    });
}
