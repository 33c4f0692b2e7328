//! An explanation's headings placed under the verdict page's outline, each with an id to link to.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

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
    let mut taken: Vec<String> = Vec::new();
    for at in 0..events.len() {
        let Event::Start(Tag::Heading { level, .. }) = &events[at] else {
            if let Event::End(TagEnd::Heading(level)) = &events[at] {
                events[at] = Event::End(TagEnd::Heading(level_under_page(*level)));
            }
            continue;
        };
        let level = level_under_page(*level);
        let words = events[at + 1..]
            .iter()
            .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ");
        let id = unique(anchor_of(&words), &mut taken);
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

fn unique(anchor: String, taken: &mut Vec<String>) -> String {
    let mut candidate = anchor.clone();
    let mut n = 1;
    while taken.contains(&candidate) {
        n += 1;
        candidate = format!("{anchor}-{n}");
    }
    taken.push(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_the_headings_words_and_never_repeat() {
        let mut taken = Vec::new();
        assert_eq!(unique(anchor_of("Who said it?"), &mut taken), "who-said-it");
        assert_eq!(
            unique(anchor_of("Who said  it"), &mut taken),
            "who-said-it-2"
        );
        assert_eq!(unique(anchor_of("¿Qué dijo?"), &mut taken), "qué-dijo");
        assert_eq!(unique(anchor_of("!!!"), &mut taken), "section");
    }
}
