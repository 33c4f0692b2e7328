//! Which of a fact-check's sources are one story: captured texts compared by word shingles,
//! grouped, the original named first, and the words readers see.
//!
//! Two texts are the same story when the containment of their shingle sets,
//! |S(A) ∩ S(B)| / min(|S(A)|, |S(B)|), reaches [`SAME_STORY`]. Containment rather than
//! Jaccard because outlets trim wire copy: a reprint that keeps three paragraphs of nine is
//! still the wire's text, and Jaccard would call it a third of one.
//!
//! The threshold comes from the pages in `tests/fixtures/independence/` (a wire story and two
//! edited reprints, an independent report and a column on the same event, a wire story and
//! a heavily trimmed reprint, two reports of one press conference sharing its quotes): the
//! same-story pairs score 0.764 to 0.949, the others 0.134 at most (the press conference),
//! so 0.45 sits with a margin of 0.31 on either side. Over all 36 pairs, precision and
//! recall of "same story" are both 1.0 (`tests/app/independence.rs`).
//!
//! Cost: shingles are hashed to `u64` and kept as sorted, deduplicated vectors, so a pair is
//! one merge. Texts are compared up to [`MAX_WORDS`] words, so 40 sources of ~100 KB each
//! cost 780 merges of at most 6,000 hashes (`examples/evidence_bench.rs`; figures in
//! bench/NOTES.md): the verdict page runs this whenever it is rendered afresh.

/// Words per shingle: long enough that common phrases ("said on Tuesday that the") rarely
/// match by chance, short enough that a spelling change costs only five shingles.
pub const SHINGLE_WORDS: usize = 5;

/// Texts with more shingles than this are compared on a sample of them (`stories_of`).
pub const SAMPLE_ABOVE: usize = 1_000;
/// One shingle in this many is the sample: 125 or more of each long text.
pub const SAMPLE_EVERY: u64 = 8;

/// Containment at or above which two texts are one story.
pub const SAME_STORY: f64 = 0.45;

/// The most words of a text compared, about 36 KB of prose: longer than nearly every news
/// article (a long feature runs to 5,000 words), and the opening is where a reprint shows.
pub const MAX_WORDS: usize = 6_000;

/// Wire services whose name in a byline or a dateline marks the original.
const WIRES: &[&str] = &[
    "reuters",
    "associated press",
    "ap",
    "afp",
    "agence france-presse",
];

/// One cited source that has a captured text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    pub outlet: String,
    /// `YYYY-MM-DD`, as sources store it; compared as text, which orders such dates.
    pub published_on: Option<String>,
    pub byline: Option<String>,
    pub text: String,
}

/// The share of `captured`'s shingles still found in `current`: 1.0 when every passage of the
/// captured text is still there (whatever was added around it), 0.0 when none is. Directed on
/// purpose, for the link watch: what was cited either survives or does not. Empty `captured`
/// text is 1.0 (nothing was there to lose).
pub fn similarity(captured: &str, current: &str) -> f64 {
    let (captured, current) = (shingles(captured), shingles(current));
    if captured.is_empty() {
        return 1.0;
    }
    shared(&captured, &current) as f64 / captured.len() as f64
}

/// How much two texts are one story: the containment of their shingles by the smaller
/// set, compared with [`SAME_STORY`].
pub fn story_overlap(a: &str, b: &str) -> f64 {
    containment(&shingles(a), &shingles(b))
}

/// Fewer shingles than this (a caption, a paywall stub, a page that failed to show its
/// text) are too little to call two texts one story: contained in anything, they would be.
pub const MIN_SHINGLES: usize = 20;

/// Containment of two shingle sets by the smaller one; 0.0 when the smaller is too short
/// to tell (`MIN_SHINGLES`).
fn containment(a: &[u64], b: &[u64]) -> f64 {
    let least = a.len().min(b.len());
    if least < MIN_SHINGLES {
        return 0.0;
    }
    shared(a, b) as f64 / least as f64
}

/// The sources grouped into stories, each group's original first and the rest in list order;
/// groups in the order their first-listed member appears. Every index is in exactly one group.
pub fn stories(sources: &[SourceText]) -> Vec<Vec<usize>> {
    let sets: Vec<Vec<u64>> = sources.iter().map(|s| shingles(&s.text)).collect();
    stories_of(sources, &sets)
}

/// As `stories`, with each source's shingles already taken (`fingerprint`, kept with its
/// snapshot), so a page compares stored sets instead of reading and splitting whole texts;
/// each source's `text` then needs only its opening, where a dateline names a wire.
pub fn stories_of(sources: &[SourceText], sets: &[Vec<u64>]) -> Vec<Vec<usize>> {
    // Two long texts are compared on every SAMPLE_EVERY-th shingle (those whose hash is a
    // multiple of it, the same in both), which estimates their containment to within a few
    // hundredths; shorter ones on all of theirs. 40 sources of 6,000 shingles cost 780
    // merges of 12,000 hashes otherwise, on every fresh render of the page.
    let sampled: Vec<Vec<u64>> = sets
        .iter()
        .map(|set| {
            set.iter()
                .copied()
                .filter(|h| h % SAMPLE_EVERY == 0)
                .collect()
        })
        .collect();
    let mut parent: Vec<usize> = (0..sources.len()).collect();
    for a in 0..sets.len() {
        for b in a + 1..sets.len() {
            let long = sets[a].len() > SAMPLE_ABOVE && sets[b].len() > SAMPLE_ABOVE;
            let overlap = if long {
                containment(&sampled[a], &sampled[b])
            } else {
                containment(&sets[a], &sets[b])
            };
            if overlap >= SAME_STORY {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_root = vec![usize::MAX; sources.len()];
    for i in 0..sources.len() {
        let r = root(&mut parent, i);
        if group_of_root[r] == usize::MAX {
            group_of_root[r] = groups.len();
            groups.push(Vec::new());
        }
        groups[group_of_root[r]].push(i);
    }
    for group in &mut groups {
        let first = original(sources, group);
        group.retain(|&i| i != first);
        group.insert(0, first);
    }
    groups
}

/// How many of `listed` sources are independent of one another, as readers see above the
/// list ("4 sources, 2 independent"). `listed` counts every cited source; those without a
/// captured text (not in `groups`) count as independent, since nothing shows them to be
/// copies and the page claims only what the comparison found.
pub fn independent(listed: usize, groups: &[Vec<usize>]) -> usize {
    let captured: usize = groups.iter().map(Vec::len).sum();
    groups.len() + listed.saturating_sub(captured)
}

/// Whether an editor should be warned before publishing: two or more sources, all one story.
pub fn all_one_story(listed: usize, groups: &[Vec<usize>]) -> bool {
    listed >= 2 && independent(listed, groups) == 1
}

/// The sentence marking a group in the list, "CNA and Asharq Al-Awsat ran the same text as
/// Reuters", the original last; `None` for a story only one source ran.
pub fn same_text(sources: &[SourceText], group: &[usize]) -> Option<String> {
    let (original, reprints) = group.split_first()?;
    let names: Vec<&str> = reprints
        .iter()
        .map(|&i| sources[i].outlet.as_str())
        .collect();
    let (last, others) = names.split_last()?;
    let who = if others.is_empty() {
        (*last).to_owned()
    } else {
        format!("{} and {last}", others.join(", "))
    };
    Some(format!(
        "{who} ran the same text as {}",
        sources[*original].outlet
    ))
}

fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// The member most likely to be the original: a wire service itself, then one whose byline
/// or opening names a wire, then the earliest dated, then the first listed.
fn original(sources: &[SourceText], group: &[usize]) -> usize {
    let rank = |&&i: &&usize| {
        let s = &sources[i];
        let wire = if names_wire(&s.outlet) {
            0
        } else if s.byline.as_deref().is_some_and(names_wire) || names_wire(opening(&s.text)) {
            1
        } else {
            2
        };
        // Undated sources sort after dated ones; list order breaks every tie.
        (wire, s.published_on.is_none(), s.published_on.clone(), i)
    };
    group.iter().min_by_key(rank).copied().unwrap_or_default()
}

/// Where a dateline sits: the text's first 160 bytes, cut on a character boundary.
fn opening(text: &str) -> &str {
    let mut end = text.len().min(160);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Whether `text` names a wire service as a whole word ("AP" in "(AP)", not in "APRIL").
fn names_wire(text: &str) -> bool {
    let words = words(text);
    WIRES.iter().any(|wire| {
        let wire: Vec<&str> = wire.split(['-', ' ']).collect();
        words
            .windows(wire.len())
            .any(|w| w.iter().map(String::as_str).eq(wire.iter().copied()))
    })
}

/// Lowercase words with punctuation dropped ("U.S." is "us", "don't" is "dont"), split on
/// anything else that is not a letter or digit. Kept here, not shared with the snapshot
/// digests, because this one may change with the comparison without changing any digest.
fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if (c.is_whitespace() || matches!(c, '-' | '—' | '–' | '/')) && !word.is_empty()
        {
            words.push(std::mem::take(&mut word));
            if words.len() == MAX_WORDS {
                return words;
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The text's shingles as `stories_of` compares them, to keep with a snapshot. The hashes
/// are FNV-1a and a fixed mix, never the standard library's hasher, so a stored set still
/// matches one taken by a later build.
pub fn fingerprint(text: &str) -> Vec<u64> {
    shingles(text)
}

/// The text's shingle hashes, sorted and deduplicated. A text shorter than a shingle is one
/// shingle of all its words. Each word is hashed once, as `words` splits it but without
/// keeping it, and a shingle's hash combines its words' hashes: no string per word.
fn shingles(text: &str) -> Vec<u64> {
    let mut word_hashes: Vec<u64> = Vec::new();
    let mut word = String::new();
    let end_word = |word: &mut String, hashes: &mut Vec<u64>| {
        if !word.is_empty() && hashes.len() < MAX_WORDS {
            let fnv = word.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
            });
            hashes.push(fnv);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if c.is_whitespace() || matches!(c, '-' | '—' | '–' | '/') {
            end_word(&mut word, &mut word_hashes);
        }
    }
    end_word(&mut word, &mut word_hashes);
    let mut hashes: Vec<u64> = word_hashes
        .windows(SHINGLE_WORDS.min(word_hashes.len().max(1)))
        .map(|window| {
            window.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &w| {
                (h ^ w).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(29)
            })
        })
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// How many hashes two sorted, deduplicated vectors share.
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests;
