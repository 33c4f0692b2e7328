//! An explanation's headings placed under the verdict page's outline, each with an id to link to.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

/// Headings given an anchor; later ones are headings without one. No explanation needs
/// more, and it bounds the ids a 50,000-character body of "#" lines can ask for.
const ANCHORED_HEADINGS: usize = 200;

/// The verdict page's own headings are h1 (headline) and h2 (Claim, Rating, Key points,
/// Sources), so an explanation's sections sit beside them as h2 and go no deeper than h4.
pub(super) fn level_under_page(level: HeadingLevel) -> HeadingLevel {
    match level {
        // Writers use "#" and "##" alike for a section; both become the page's section level,
        // so no level is skipped.
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H2,
        HeadingLevel::H3 => HeadingLevel::H3,
        _ => HeadingLevel::H4,
    }
}

/// `events` with every heading moved under the page's outline and given an id made from its
/// words (`-2`, `-3`… when two headings read alike). The sanitizer prefixes every id, so none
/// can take the name of one of the page's own.
pub(super) fn outlined<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut events: Vec<Event<'a>> = events.collect();
    let mut anchors = Anchors::default();
    for at in 0..events.len() {
        let Event::Start(Tag::Heading { level, .. }) = &events[at] else {
            if let Event::End(TagEnd::Heading(level)) = &events[at] {
                events[at] = Event::End(TagEnd::Heading(level_under_page(*level)));
            }
            continue;
        };
        let level = level_under_page(*level);
        if anchors.taken.len() >= ANCHORED_HEADINGS {
            if let Event::Start(Tag::Heading { level: old, .. }) = &mut events[at] {
                *old = level;
            }
            continue;
        }
        let words = events[at + 1..]
            .iter()
            .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ");
        let id = anchors.unique(anchor_of(&words));
        if let Event::Start(Tag::Heading {
            level: old,
            id: old_id,
            ..
        }) = &mut events[at]
        {
            *old = level;
            *old_id = Some(CowStr::from(id));
        }
    }
    events
}

/// Lower-case letters and digits of `words`, joined by single hyphens: "Who said it?" →
/// "who-said-it". A heading of no such characters is "section".
fn anchor_of(words: &str) -> String {
    let mut anchor = String::with_capacity(words.len());
    for c in words.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            anchor.push(c);
        } else if !anchor.is_empty() && !anchor.ends_with('-') {
            anchor.push('-');
        }
    }
    // Long headings make unwieldy addresses; the first words identify the section.
    let mut anchor: String = anchor.chars().take(60).collect();
    while anchor.ends_with('-') {
        anchor.pop();
    }
    if anchor.is_empty() {
        "section".to_owned()
    } else {
        anchor
    }
}

/// The anchors given so far, and for each one the suffix to try next, so each heading
/// costs the same however many read alike.
#[derive(Default)]
struct Anchors {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Anchors {
    fn unique(&mut self, anchor: String) -> String {
        let mut candidate = anchor.clone();
        let n = self.next.entry(anchor.clone()).or_insert(1);
        while self.taken.contains(&candidate) {
            *n += 1;
            candidate = format!("{anchor}-{n}");
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_the_headings_words_and_never_repeat() {
        let mut anchors = Anchors::default();
        assert_eq!(anchors.unique(anchor_of("Who said it?")), "who-said-it");
        assert_eq!(anchors.unique(anchor_of("Who said  it")), "who-said-it-2");
        assert_eq!(
            anchors.unique(anchor_of("Who said it 2")),
            "who-said-it-2-2"
        );
        assert_eq!(anchors.unique(anchor_of("¿Qué dijo?")), "qué-dijo");
        assert_eq!(anchors.unique(anchor_of("!!!")), "section");
    }

    #[test]
    fn a_body_of_nothing_but_headings_is_outlined_at_once_and_anchors_only_the_first_ones() {
        let body = "#\n".repeat(25_000);
        let events = outlined(pulldown_cmark::Parser::new(&body));
        let ids: Vec<_> = events
            .iter()
            .filter_map(|e| match e {
                Event::Start(Tag::Heading { id, level, .. }) => {
                    assert_eq!(*level, HeadingLevel::H2);
                    Some(id.clone())
                }
                _ => None,
            })
            .collect();
        assert_eq!(ids.len(), 25_000);
        assert_eq!(
            ids.iter().filter(|id| id.is_some()).count(),
            ANCHORED_HEADINGS
        );
        assert_eq!(ids[1].as_deref(), Some("section-2"));
    }
}
