//! Reader search: turning what someone typed into a safe FTS5 query, and the highlighted
//! snippets that come back.

/// Start and end of a highlighted match inside a snippet. Private-use characters, so no
/// text a person can type is mistaken for them, and the snippet can be HTML-escaped as a
/// whole before the highlight becomes markup.
pub const MARK_START: char = '\u{E000}';
pub const MARK_END: char = '\u{E001}';

/// At most this many words are searched; more only slows the query without helping.
const MAX_TERMS: usize = 12;
/// A word beginning (`vacc*`) needs this many letters or digits: FTS5 merges the postings of
/// every indexed word that starts so, in one step no budget can interrupt, and `t*` alone
/// took 1.4 s on 100,000 fact-checks.
pub const MIN_PREFIX_CHARS: usize = 3;
/// At most this many word beginnings in one search, for the same reason: on 100,000
/// fact-checks `offi*` alone takes 0.6 s, `offi* offic*` 1.2 s.
pub const MAX_PREFIX_TERMS: usize = 1;
/// What is kept of the typed text.
pub const MAX_QUERY_CHARS: usize = 200;

/// A search as FTS5 will run it: every word a quoted phrase, all of them required. FTS5
/// syntax typed by a reader (`AND`, `NEAR(`, `*`, `"`, `:`, parentheses) is searched for as
/// plain words, never interpreted, so no input can make the query fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// What the reader typed, trimmed and shortened, to show back in the search box.
    pub text: String,
    /// The FTS5 MATCH expression.
    pub fts: String,
}

/// Why a search is too costly to run as typed. Its `Display` is the English the desk and
/// the API give; reader pages say it in their language by `key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A `*` after fewer than `MIN_PREFIX_CHARS` letters.
    ShortPrefix,
    /// More than `MAX_PREFIX_TERMS` words with `*`.
    ManyPrefixes,
}

impl Refusal {
    /// Its message's key in the reader pages' translation files.
    pub fn key(self) -> &'static str {
        match self {
            Refusal::ShortPrefix => "search-short-prefix",
            Refusal::ManyPrefixes => "search-many-prefixes",
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::ShortPrefix => write!(
                f,
                "Type at least {MIN_PREFIX_CHARS} letters before * (“vac*”, not “v*”): a shorter beginning matches almost every fact-check."
            ),
            Refusal::ManyPrefixes => {
                f.write_str("Use * on one word of a search only; type the other words in full.")
            }
        }
    }
}

impl SearchQuery {
    /// `Ok(None)` when nothing searchable was typed (only spaces or punctuation); a
    /// refusal for a search too costly to run (see `MIN_PREFIX_CHARS`).
    pub fn parse(raw: &str) -> Result<Option<SearchQuery>, Refusal> {
        let text: String = raw
            .trim()
            .chars()
            .filter(|c| !c.is_control() && *c != MARK_START && *c != MARK_END)
            .take(MAX_QUERY_CHARS)
            .collect();
        let mut fts = String::new();
        let mut prefixes = 0;
        let mut terms: Vec<(String, bool)> = Vec::new();
        // Each word becomes a quoted phrase that the index's own tokenizer splits, so
        // "x:y" or "Zelenskyy's" match as they were indexed. A trailing "*" asks for a
        // prefix ("vaccin*"). Words with no letter or digit would be empty phrases: skipped.
        for word in text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .take(MAX_TERMS)
        {
            let (word, prefix) = match word.strip_suffix('*') {
                Some(stem) => (stem.trim_end_matches('*'), true),
                None => (word, false),
            };
            if prefix && word.chars().filter(|c| c.is_alphanumeric()).count() < MIN_PREFIX_CHARS {
                return Err(Refusal::ShortPrefix);
            }
            // A word typed twice would be looked up twice for the same matches.
            let term = (word.to_lowercase(), prefix);
            if terms.contains(&term) {
                continue;
            }
            terms.push(term);
            if prefix {
                prefixes += 1;
                if prefixes > MAX_PREFIX_TERMS {
                    return Err(Refusal::ManyPrefixes);
                }
            }
            if !fts.is_empty() {
                fts.push(' ');
            }
            fts.push('"');
            fts.push_str(&fold_for_search(word).replace('"', "\"\""));
            fts.push('"');
            if prefix {
                fts.push('*');
            }
        }
        Ok((!fts.is_empty()).then_some(SearchQuery { text, fts }))
    }
}

/// Text as the search index holds it, and as a search looks for it. The index's tokenizer
/// (porter stemming over unicode61, migration 0003) folds Latin accents ("reunión" and
/// "reunion", "Zélensky" and "Zelensky" meet) and stems English; its stemmer's rules are
/// ASCII suffixes, so Arabic words pass it unchanged. What it does not do for Arabic is done
/// here, as Arabic search engines do: the short vowels and other marks (harakat, which
/// unicode61 would take for word breaks) and the tatweel are dropped; alef with hamza or
/// madda is written as bare alef, alef maksura as yeh, teh marbuta as heh; so "أحمد" finds
/// "احمد" and "مدرسة" finds "مدرسه". Text with no Arabic letter is returned as it is.
pub fn fold_for_search(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().filter_map(fold_char).collect())
}

/// One character as `fold_for_search` writes it; `None` for one it drops. Each character
/// folds on its own, so a place in folded text is a place in the text it came from.
fn fold_char(c: char) -> Option<char> {
    match c {
        // Harakat, the superscript alef, Quranic marks, and the tatweel.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => None,
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => Some('\u{0627}'),
        '\u{0649}' => Some('\u{064A}'),
        '\u{0629}' => Some('\u{0647}'),
        other => Some(other),
    }
}

/// A snippet FTS5 cut from folded text, spelled as `columns` (the row's texts as saved,
/// before folding) spell it: readers see "مدرسة", not the index's "مدرسه". None when no
/// column holds the snippet's text (the row was saved again between the two reads).
pub fn unfold_snippet(parts: &[SnippetPart], columns: &[String]) -> Option<Vec<SnippetPart>> {
    const ELLIPSIS: &str = "\u{2026}";
    let whole: String = parts.iter().map(|p| p.text.as_str()).collect();
    let after_lead = whole.strip_prefix(ELLIPSIS);
    let lead = after_lead.is_some();
    let rest = after_lead.unwrap_or(&whole);
    let (core, trail) = match rest.strip_suffix(ELLIPSIS) {
        Some(core) => (core, true),
        None => (rest, false),
    };
    if core.is_empty() {
        return None;
    }
    let skip = if lead { ELLIPSIS.len() } else { 0 };
    columns.iter().find_map(|column| {
        // Each folded character's byte offset, with where it starts in `column`.
        let mut folded = String::with_capacity(column.len());
        let mut starts = Vec::new();
        for (at, c) in column.char_indices() {
            if let Some(f) = fold_char(c) {
                starts.push((folded.len(), at));
                folded.push(f);
            }
        }
        let found = folded.find(core)?;
        let in_column = |folded_at: usize| match starts.binary_search_by_key(&folded_at, |s| s.0) {
            Ok(i) => starts[i].1,
            Err(_) => column.len(),
        };
        let mut out = Vec::with_capacity(parts.len() + 2);
        if lead {
            out.push(SnippetPart {
                text: ELLIPSIS.to_owned(),
                highlighted: false,
            });
        }
        let mut at = 0;
        for part in parts {
            let (start, end) = (at, at + part.text.len());
            at = end;
            // The part's stretch of `core`, in `core`'s bytes.
            let (from, to) = (
                start.saturating_sub(skip).min(core.len()),
                end.saturating_sub(skip).min(core.len()),
            );
            if from < to {
                out.push(SnippetPart {
                    text: column[in_column(found + from)..in_column(found + to)].to_owned(),
                    highlighted: part.highlighted,
                });
            }
        }
        if trail {
            out.push(SnippetPart {
                text: ELLIPSIS.to_owned(),
                highlighted: false,
            });
        }
        Some(out)
    })
}

/// The form under which two spellings of a word count as one, as tags compare: lowercase,
/// accents and other combining marks dropped after canonical decomposition ("Irán", "IRAN"
/// and "iran" meet; so do "Élysée" and "elysee"), Arabic letter forms unified as search
/// unifies them.
pub fn fold_key(text: &str) -> String {
    // Lowercased first: a capital's lowercase may decompose further ("İ" is "i̇").
    let lower = text.to_lowercase();
    let unmarked: String = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd()
        .normalize(&lower)
        .chars()
        .filter(|c| !is_combining_mark(*c))
        .collect();
    fold_for_search(&unmarked).into_owned()
}

/// Combining marks of the Latin, Greek and Cyrillic scripts (the blocks NFD moves accents
/// into); Arabic marks are `fold_for_search`'s.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// A piece of a snippet: plain text, or a highlighted match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetPart {
    pub text: String,
    pub highlighted: bool,
}

/// Splits a snippet FTS5 marked with `MARK_START`/`MARK_END` into parts a template escapes
/// one by one.
pub fn snippet_parts(marked: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut highlighted = false;
    for piece in marked.split([MARK_START, MARK_END]) {
        if !piece.is_empty() {
            parts.push(SnippetPart {
                text: piece.to_owned(),
                highlighted,
            });
        }
        highlighted = !highlighted;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_snippets_are_shown_as_written() {
        let saved = "قال إنَّ المدرسة أُغلقت";
        let folded = fold_for_search(saved);
        let word = "المدرسه";
        let at = folded.find(word).unwrap();
        let marked = format!(
            "\u{2026}{}{MARK_START}{word}{MARK_END}{}",
            &folded[at - 3..at],
            &folded[at + word.len()..]
        );
        let shown = unfold_snippet(
            &snippet_parts(&marked),
            &["headline".to_owned(), saved.to_owned()],
        )
        .unwrap();
        let text: Vec<(&str, bool)> = shown
            .iter()
            .map(|p| (p.text.as_str(), p.highlighted))
            .collect();
        assert_eq!(
            text,
            [
                ("\u{2026}", false),
                (
                    &saved[saved.find('ن').unwrap()..saved.find("المدرسة").unwrap()],
                    false
                ),
                ("المدرسة", true),
                (" أُغلقت", false)
            ]
        );
        assert_eq!(
            unfold_snippet(&snippet_parts("nothing like it"), &[saved.to_owned()]),
            None
        );
    }

    #[test]
    fn fts_syntax_is_searched_as_words() {
        let q = SearchQuery::parse(r#"  "NEAR( vaccine AND ) ""#)
            .unwrap()
            .unwrap();
        assert_eq!(q.fts, r#""""NEAR(" "vaccine" "AND""#);
        assert_eq!(
            SearchQuery::parse("vaccin** x:y").unwrap().unwrap().fts,
            r#""vaccin"* "x:y""#
        );
        assert_eq!(SearchQuery::parse(r#" "*()" - ^ "#), Ok(None));
        assert_eq!(SearchQuery::parse(""), Ok(None));
    }

    #[test]
    fn unicode_words_survive_and_long_queries_are_cut() {
        assert_eq!(
            SearchQuery::parse("Zelenskyy’s Київ").unwrap().unwrap().fts,
            r#""Zelenskyy’s" "Київ""#
        );
        let long: String = (0..100).map(|n| format!("word{n} ")).collect();
        let q = SearchQuery::parse(&long).unwrap().unwrap();
        assert_eq!(q.fts.matches('"').count(), 2 * MAX_TERMS);
        assert!(q.text.chars().count() <= MAX_QUERY_CHARS);
    }

    #[test]
    fn short_and_many_word_beginnings_are_refused_with_a_reason() {
        for typed in ["t*", "o* f* s*", "ab*", "a-b*", "x**"] {
            let message = SearchQuery::parse(typed).expect_err(typed).to_string();
            assert!(message.contains("at least 3 letters"), "{typed}: {message}");
        }
        let many = SearchQuery::parse("iran* strik*").unwrap_err().to_string();
        assert!(many.contains("on one word of a search only"), "{many}");
        let fine = SearchQuery::parse("iran strik* ceasefire")
            .unwrap()
            .unwrap();
        assert_eq!(fine.fts, r#""iran" "strik"* "ceasefire""#);
        let twice = SearchQuery::parse("offi* Offi* strike STRIKE strike*").unwrap_err();
        assert_eq!(twice, Refusal::ManyPrefixes, "strike* is another beginning");
        let twice = SearchQuery::parse("offi* Offi* strike STRIKE")
            .unwrap()
            .unwrap();
        assert_eq!(twice.fts, r#""offi"* "strike""#, "each word once");
        assert_eq!(
            SearchQuery::parse("Київ*").unwrap().unwrap().fts,
            r#""Київ"*"#
        );
    }

    #[test]
    fn snippets_split_into_highlighted_parts() {
        let parts = snippet_parts("a \u{E000}b\u{E001} <c>");
        assert_eq!(parts.len(), 3);
        assert!(parts[1].highlighted && parts[1].text == "b");
        assert!(!parts[2].highlighted && parts[2].text == " <c>");
    }
}
