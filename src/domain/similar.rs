//! "Already checked?": the words of a claim that say what it is about, as a full-text query
//! for the fact-checks the desk already wrote on it.

use super::{DashboardRow, SignedIn, UserId};

/// At most this many of a claim's words are searched: each is one more posting list for
/// FTS5 to merge, and the first dozen distinct words say what a claim is about.
pub const MAX_WORDS: usize = 12;
/// Matches shown beside a claim.
pub const SHOWN: i64 = 3;
/// Characters of a claim read at all; a pasted essay is cut here before anything else.
pub const MAX_CLAIM_CHARS: usize = 2000;

/// Words too common to say what a claim is about; matching on them would rank every
/// fact-check alike.
const STOP_WORDS: &[&str] = &[
    "about", "after", "all", "also", "and", "any", "are", "been", "before", "but", "can", "did",
    "does", "for", "from", "had", "has", "have", "her", "his", "how", "into", "its", "just",
    "more", "most", "not", "now", "our", "out", "over", "says", "said", "she", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "was", "were", "what",
    "when", "which", "who", "will", "with", "would", "you", "your",
];

/// The FTS5 expression matching headline or claim on any significant word of `claim`
/// (three letters or more, not a stop word, each once, at most `MAX_WORDS`); `None` when
/// there is none. Each word is quoted, so nothing typed is read as query syntax.
pub fn similar_query(claim: &str) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    let head: String = claim.chars().take(MAX_CLAIM_CHARS).collect();
    for word in head.split(|c: char| !c.is_alphanumeric()) {
        // As the index holds it (Arabic letter forms folded; see `fold_for_search`).
        let word = crate::domain::fold_for_search(word).to_lowercase();
        if word.chars().count() < 3 || STOP_WORDS.contains(&word.as_str()) || words.contains(&word)
        {
            continue;
        }
        words.push(word);
        if words.len() == MAX_WORDS {
            break;
        }
    }
    if words.is_empty() {
        return None;
    }
    let any: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    Some(format!("{{headline claim}} : ({})", any.join(" OR ")))
}

/// A fact-check that may already answer a claim.
#[derive(Debug, Clone)]
pub struct SimilarMatch {
    pub row: DashboardRow,
    pub author_id: UserId,
}

impl SimilarMatch {
    /// Writers may open, and so add appearances to, only their own fact-checks.
    pub fn opens_for(&self, editor: &SignedIn) -> bool {
        editor.may_open(self.author_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn significant_words_are_quoted_once_each() {
        assert_eq!(
            similar_query("The Moon is made of cheese, the MOON says so!").as_deref(),
            Some("{headline claim} : (\"moon\" OR \"made\" OR \"cheese\")")
        );
    }

    #[test]
    fn query_syntax_typed_in_a_claim_is_only_words() {
        let query = similar_query("NEAR(\"x\" y) OR headline:* -- drop").unwrap();
        assert_eq!(
            query,
            "{headline claim} : (\"near\" OR \"headline\" OR \"drop\")"
        );
        assert_eq!(similar_query("a an of it ... !!"), None);
    }

    #[test]
    fn a_long_claim_searches_a_dozen_words() {
        let claim: String = (0..5000).map(|i| format!("word{i} ")).collect();
        let query = similar_query(&claim).unwrap();
        assert_eq!(query.matches(" OR ").count(), MAX_WORDS - 1);
    }
}
