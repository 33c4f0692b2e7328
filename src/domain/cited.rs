//! A verdict page's list of sources, arranged by story: each story once, its original first
//! with the outlets that ran the same text beneath it, and the count readers see.

use super::independence::{self, SourceText};

/// One source with a captured text, as compared: its facts with the text's opening (where a
/// dateline names a wire), and the shingles kept with its snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compared {
    pub source: SourceText,
    pub shingles: Vec<u64>,
}

/// The list as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arranged {
    /// Sources listed, and how many of them are independent ("3 sources, 1 independent");
    /// only when two or more captured texts were compared, since sources never captured
    /// cannot be shown to be anything.
    pub counts: Option<(usize, usize)>,
    /// Every source exactly once, as an entry or as one of an entry's reprints.
    pub entries: Vec<Entry>,
    /// Two or more sources, and all of them one story: the editor is warned.
    pub all_one_story: bool,
}

/// One line of the list: a source (a story's original) and the sources that reprinted it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Index into the fact-check's sources.
    pub source: usize,
    pub reprints: Vec<usize>,
    /// "CNA and Asharq Al-Awsat ran the same text as Reuters", when there are reprints.
    pub note: Option<String>,
    /// The outlets of that sentence, for readers' pages in any language.
    pub same_text: Option<SameText>,
}

/// Outlets that ran the same text as an original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SameText {
    pub reprinted_by: Vec<String>,
    pub original: String,
}

/// Arranges `texts`, one per source in list order (`None`: no captured text). Stories come
/// in the order of their first-listed source, so a list with no reprints keeps its order.
pub fn arrange(texts: &[Option<Compared>]) -> Arranged {
    let compared: Vec<usize> = (0..texts.len()).filter(|&i| texts[i].is_some()).collect();
    let captured: Vec<SourceText> = texts.iter().flatten().map(|c| c.source.clone()).collect();
    let sets: Vec<Vec<u64>> = texts.iter().flatten().map(|c| c.shingles.clone()).collect();
    let groups = independence::stories_of(&captured, &sets);
    // Which story each source is in, by index into `groups`.
    let mut story_of = vec![None; texts.len()];
    for (story, group) in groups.iter().enumerate() {
        for &member in group {
            story_of[compared[member]] = Some(story);
        }
    }
    let mut placed = vec![false; groups.len()];
    let mut entries = Vec::with_capacity(texts.len());
    for (i, story) in story_of.iter().enumerate() {
        match *story {
            None => entries.push(Entry {
                source: i,
                reprints: Vec::new(),
                note: None,
                same_text: None,
            }),
            Some(story) if !placed[story] => {
                placed[story] = true;
                let group = &groups[story];
                entries.push(Entry {
                    source: compared[group[0]],
                    reprints: group[1..].iter().map(|&m| compared[m]).collect(),
                    note: independence::same_text(&captured, group),
                    same_text: (group.len() > 1).then(|| SameText {
                        reprinted_by: group[1..]
                            .iter()
                            .map(|&m| captured[m].outlet.clone())
                            .collect(),
                        original: captured[group[0]].outlet.clone(),
                    }),
                });
            }
            Some(_) => {}
        }
    }
    Arranged {
        counts: (captured.len() >= 2)
            .then(|| (texts.len(), independence::independent(texts.len(), &groups))),
        all_one_story: independence::all_one_story(texts.len(), &groups),
        entries,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "MOSCOW, June 23 (Reuters) - The president told the visiting minister on \
        Monday that the strikes could not be justified and that his government was looking for \
        ways to help. The two men met at the palace two days after the bombing of three sites, \
        and their remarks were shown on state television in the evening news bulletin.";

    fn text(outlet: &str, body: &str) -> Option<Compared> {
        Some(Compared {
            source: SourceText {
                outlet: outlet.to_owned(),
                published_on: Some("2025-06-23".to_owned()),
                byline: None,
                text: body.to_owned(),
            },
            shingles: independence::fingerprint(body),
        })
    }

    #[test]
    fn reprints_sit_under_the_wire_story_they_copied() {
        let reprint = WIRE.replace("MOSCOW, June 23 (Reuters) - ", "MOSCOW: ");
        let other = "A columnist argues that the meeting changed nothing for either country, \
            because neither side has promised to fight for the other and trade between them is \
            small compared with what each sells to its neighbours in the region.";
        let arranged = arrange(&[
            text("CNA", &reprint),
            text("Commentary Weekly", other),
            None,
            text("Reuters", WIRE),
        ]);
        assert_eq!(arranged.counts, Some((4, 3)));
        assert!(!arranged.all_one_story);
        assert_eq!(
            arranged.entries,
            vec![
                Entry {
                    source: 3,
                    reprints: vec![0],
                    note: Some("CNA ran the same text as Reuters".to_owned()),
                    same_text: Some(SameText {
                        reprinted_by: vec!["CNA".to_owned()],
                        original: "Reuters".to_owned(),
                    }),
                },
                Entry {
                    source: 1,
                    reprints: vec![],
                    note: None,
                    same_text: None,
                },
                Entry {
                    source: 2,
                    reprints: vec![],
                    note: None,
                    same_text: None,
                },
            ]
        );
    }

    #[test]
    fn a_list_with_one_story_warns_and_one_captured_text_claims_nothing() {
        let all_one = arrange(&[text("Reuters", WIRE), text("CNA", WIRE)]);
        assert!(all_one.all_one_story);
        assert_eq!(all_one.counts, Some((2, 1)));
        let alone = arrange(&[text("Reuters", WIRE), None]);
        assert_eq!(alone.counts, None);
        assert_eq!(alone.entries.len(), 2);
    }
}
