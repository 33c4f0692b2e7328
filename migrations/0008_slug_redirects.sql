-- A fact-check's address is linked from feeds, ClaimReview, other sites and readers' posts,
-- so once readers have seen it, an address it gave up keeps leading to it: each old slug
-- answers with a permanent redirect to the fact-check's slug of the day.
CREATE TABLE slug_redirects (
    old_slug TEXT PRIMARY KEY,
    fact_check_id INTEGER NOT NULL REFERENCES fact_checks(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX slug_redirects_by_fact_check ON slug_redirects(fact_check_id);
