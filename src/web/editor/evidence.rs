//! What the edit page tells an editor about the evidence: each row's copy and link state,
//! and the warning before publishing sources that are all one story.

use crate::db::{links, snapshots};
use crate::domain::FactCheckId;
use crate::domain::FactCheckInput;
use crate::domain::cited;
use crate::domain::cited::Compared;
use crate::domain::evidence::RowEvidence;
use crate::error::AppError;
use rusqlite::Connection;

/// What is known of each row's link, in the rows' order.
pub(super) struct Evidence {
    pub(super) sources: Vec<RowEvidence>,
    pub(super) appearances: Vec<RowEvidence>,
}

impl Evidence {
    /// Rows are bounded (MAX_SOURCES, MAX_APPEARANCES): a few index reads each.
    pub(super) fn of(conn: &Connection, input: &FactCheckInput) -> Result<Evidence, AppError> {
        let of = |url: &str| match url.trim() {
            "" => Ok(RowEvidence::default()),
            url => links::row_evidence(conn, url),
        };
        Ok(Evidence {
            sources: input
                .sources
                .iter()
                .map(|s| of(&s.url))
                .collect::<Result<_, _>>()?,
            appearances: input
                .appearances
                .iter()
                .map(|a| of(&a.url))
                .collect::<Result<_, _>>()?,
        })
    }
}

/// The warning for the saved fact-check `id`, when its sources are all one story.
pub(super) fn one_story_of(conn: &Connection, id: FactCheckId) -> Result<Option<String>, AppError> {
    Ok(one_story_warning(&snapshots::compared_sources(conn, id)?))
}

/// The warning for sources that are all one story, from their captured texts; `None` when
/// they are not (or too few were captured to tell).
fn one_story_warning(texts: &[Option<Compared>]) -> Option<String> {
    let arranged = cited::arrange(texts);
    if !arranged.all_one_story {
        return None;
    }
    let which = arranged
        .entries
        .iter()
        .find_map(|entry| entry.note.clone())
        .map_or_else(String::new, |note| format!(" ({note})"));
    Some(format!(
        "All {} sources of this fact-check are one story{which}. Readers will be told they \
         are not independent; consider citing a source that reported it separately.",
        texts.len()
    ))
}
