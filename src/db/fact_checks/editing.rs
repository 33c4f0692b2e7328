//! A fact-check as the edit form shows it.

use super::{appearances_and_sources_json, whole_fact_check_from};
use crate::db::cards::json_column;
use crate::db::claimants;
use crate::domain::{AppearanceInput, EditableFactCheck, FactCheckId, FactCheckInput, SourceInput};
use crate::error::AppError;
use rusqlite::{Connection, OptionalExtension};

/// A fact-check as the edit form shows it, drafts included.
pub fn editable(conn: &Connection, id: FactCheckId) -> Result<Option<EditableFactCheck>, AppError> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT f.id, f.version, f.status, f.updated_at, f.published_at,
                f.headline, f.slug, r.slug, f.summary, f.body,
                (SELECT group_concat(t.name, ', ' ORDER BY t.key)
                   FROM fact_check_tags x JOIN tags t ON t.id = x.tag_id
                  WHERE x.fact_check_id = f.id),
                c.text, cl.name, c.claimed_on, ",
        appearances_and_sources_json!(),
        ",
                f.author_id, u.name, f.review_note, f.retraction_note, cl.url, cl.kind,
                c.proposed_claimant_url, c.proposed_claimant_kind, f.featured_image_id,
                f.key_points, f.lang,
                (SELECT o.slug FROM fact_checks o WHERE o.id = f.translation_of)",
        whole_fact_check_from!(),
        "WHERE f.id = ?1"
    ))?;
    let found = stmt
        .query_row([id], |row| {
            let appearances: Vec<AppearanceInput> = json_column(row, 14)?;
            let sources: Vec<SourceInput> = json_column(row, 15)?;
            Ok(EditableFactCheck {
                id: row.get(0)?,
                version: row.get(1)?,
                status: row.get(2)?,
                author_id: row.get(16)?,
                author: row.get(17)?,
                updated_at: row.get(3)?,
                published_at: row.get(4)?,
                review_note: row.get(18)?,
                retraction_note: row.get(19)?,
                claimant_url_on_file: row.get(20)?,
                claimant_kind_on_file: row.get(21)?,
                claimant_proposal: None,
                input: FactCheckInput {
                    headline: row.get(5)?,
                    slug: row.get(6)?,
                    rating: row.get(7)?,
                    summary: row.get(8)?,
                    body: row.get(9)?,
                    key_points: row.get(25)?,
                    tags: row.get::<_, Option<String>>(10)?.unwrap_or_default(),
                    claim_text: row.get(11)?,
                    claimant: row.get(12)?,
                    // Empty: "as on file" (see `claimant_url_on_file`); otherwise what
                    // this draft proposes, so saving it again keeps the proposal.
                    claimant_url: row.get::<_, Option<String>>(22)?.unwrap_or_default(),
                    claimant_kind: row.get::<_, Option<String>>(23)?.unwrap_or_default(),
                    claim_date: row.get::<_, Option<String>>(13)?.unwrap_or_default(),
                    featured_image: row
                        .get::<_, Option<i64>>(24)?
                        .map(|id| id.to_string())
                        .unwrap_or_default(),
                    appearances,
                    // Numbered as shown, so the form's position fields start filled in.
                    sources: sources
                        .into_iter()
                        .enumerate()
                        .map(|(i, s)| SourceInput {
                            position: (i + 1).to_string(),
                            ..s
                        })
                        .collect(),
                    language: row.get(26)?,
                    translation_of: row.get::<_, Option<String>>(27)?.unwrap_or_default(),
                },
            })
        })
        .optional()?;
    let Some(mut fc) = found else {
        return Ok(None);
    };
    fc.claimant_proposal = claimants::proposal(conn, id)?;
    Ok(Some(fc))
}
