//! Fact-checks with their claim, appearances, sources and tags: saved together, read together.

mod addresses;
mod autosaves;
mod desk;
mod editing;
mod listings;
mod page;
mod revisions;
mod saving;
mod workflow;

pub use super::cards::{ListFilters, Listing};
pub use crate::db::keyset::{live_page, live_total};
pub use addresses::{moved_to, slug_in_use};
pub use autosaves::{autosave, discard_autosave, keep_autosave};
pub use desk::{desk, passing};
pub use editing::editable;
pub use listings::{
    corrections, latest_published, newest_filtered, published_card, published_with_rating,
    published_with_tag,
};
pub use page::{page_of_any, published_page};
pub use revisions::{revision, revisions};
pub use saving::{add_correction, create, update};
pub use workflow::{
    Publication, PublishRequest, Withdrawal, backdate, publish, return_to_draft, submit_for_review,
    withdraw,
};

/// The claim's appearances and the fact-check's sources as two JSON arrays, in order.
macro_rules! appearances_and_sources_json {
    () => {
        "(SELECT json_group_array(json_object(
                 'url', a.url, 'platform', a.platform, 'date', a.appeared_on,
                 'reach', a.reach, 'archived_url', a.archived_url,
                 'image', a.image_id, 'sensitive', json(iif(a.sensitive, 'true', 'false')),
                 'kept', json_object('copy', n.id, 'copy_at', n.captured_at,
                                     'link_state', l.state)) ORDER BY a.position)
            FROM appearances a
            LEFT JOIN snapshots n ON n.id = (SELECT min(k.id) FROM snapshots k
                                              WHERE k.url = a.url AND k.error IS NULL)
            LEFT JOIN link_status l ON l.url = a.url
           WHERE a.claim_id = c.id),
         (SELECT json_group_array(json_object(
                 'outlet', s.outlet, 'title', s.title, 'authors', s.authors,
                 'date', s.published_on, 'url', s.url, 'archived_url', s.archived_url,
                 'note', s.note,
                 'kept', json_object('copy', n.id, 'copy_at', n.captured_at,
                                     'link_state', l.state)) ORDER BY s.position)
            FROM sources s
            LEFT JOIN snapshots n ON n.id = (SELECT min(k.id) FROM snapshots k
                                              WHERE k.url = s.url AND k.error IS NULL)
            LEFT JOIN link_status l ON l.url = s.url
           WHERE s.fact_check_id = f.id)"
    };
}
/// The tables one whole fact-check is read from (verdict page, edit form): the fact-check
/// `f` with its author `u`, rating `r`, claim `c` and claimant `cl`.
macro_rules! whole_fact_check_from {
    () => {
        "
         FROM fact_checks f
         JOIN users u ON u.id = f.author_id
         JOIN ratings r ON r.id = f.rating_id
         JOIN claims c ON c.fact_check_id = f.id
         JOIN claimants cl ON cl.id = c.claimant_id
        "
    };
}
use {appearances_and_sources_json, whole_fact_check_from};
