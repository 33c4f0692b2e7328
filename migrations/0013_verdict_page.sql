-- The verdict page, complete (issue 14): author pages and key points.

-- An author page's address, /authors/{slug}: made from the name once (a hook of this
-- migration fills it for existing accounts, `db::authors` for new ones) and kept when the
-- name changes, so links to it keep working.
ALTER TABLE users ADD COLUMN slug TEXT;
CREATE UNIQUE INDEX users_by_slug ON users (slug);
-- A short plain-text biography for the author page; the limit is `limits::AUTHOR_BIO`.
ALTER TABLE users ADD COLUMN bio TEXT NOT NULL DEFAULT '' CHECK (length(bio) <= 600);

-- An author page lists their published work newest first, a page at a time from a
-- (published_at, id) cursor: this index reads those rows in order and no others.
CREATE INDEX fact_checks_published_by_author ON fact_checks (author_id, published_at, id)
    WHERE status = 'published';

-- "Key points": up to five short lines shown above the explanation, one per line here
-- (the lines are checked by `domain::fact_check` before they are saved).
ALTER TABLE fact_checks ADD COLUMN key_points TEXT NOT NULL DEFAULT '';

-- Related fact-checks (same claimant) are taken from a claimant's newest fact-checks,
-- reading this index backwards a few rows at a time, however many the claimant has.
CREATE INDEX claims_by_claimant_newest ON claims (claimant_id, fact_check_id);
