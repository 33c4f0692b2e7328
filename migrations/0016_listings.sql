-- Tag and claimant pages newest first, a page at a time, whatever the tag's or claimant's
-- size and age: a copy of each published fact-check's time beside each of its tags and its
-- claimant, kept by the triggers below in the transaction of every write (as the counts of
-- 0015 are). Before, a large tag was listed by reading every fact-check newest first and
-- testing it, which for a tag whose fact-checks are all old passed over the whole database;
-- a small one by sorting all its members.
-- Rows are kept for status 'published' (scheduled ones too); readers bound the time by now.

CREATE TABLE tag_listing (
    tag_id INTEGER NOT NULL,
    published_at TEXT NOT NULL,
    fact_check_id INTEGER NOT NULL,
    PRIMARY KEY (tag_id, published_at, fact_check_id)
) WITHOUT ROWID;

CREATE TABLE claimant_listing (
    claimant_id INTEGER NOT NULL,
    published_at TEXT NOT NULL,
    fact_check_id INTEGER NOT NULL,
    PRIMARY KEY (claimant_id, published_at, fact_check_id)
) WITHOUT ROWID;

INSERT INTO tag_listing (tag_id, published_at, fact_check_id)
    SELECT x.tag_id, f.published_at, f.id
      FROM fact_check_tags x JOIN fact_checks f ON f.id = x.fact_check_id
     WHERE f.status = 'published' AND f.published_at IS NOT NULL;

INSERT INTO claimant_listing (claimant_id, published_at, fact_check_id)
    SELECT c.claimant_id, f.published_at, f.id
      FROM claims c JOIN fact_checks f ON f.id = c.fact_check_id
     WHERE f.status = 'published' AND f.published_at IS NOT NULL;

-- Rating pages: a rating's fact-checks newest first by seeking, not by testing every row.
CREATE INDEX fact_checks_by_rating ON fact_checks (rating_id, status, published_at);

-- A fact-check entering or leaving the published set, or moving in time while in it.
CREATE TRIGGER fact_checks_listing_leave AFTER UPDATE OF status, published_at ON fact_checks
WHEN OLD.status = 'published'
 AND (NEW.status IS NOT 'published' OR NEW.published_at IS NOT OLD.published_at)
BEGIN
    DELETE FROM tag_listing
     WHERE tag_id IN (SELECT tag_id FROM fact_check_tags WHERE fact_check_id = OLD.id)
       AND published_at = OLD.published_at AND fact_check_id = OLD.id;
    DELETE FROM claimant_listing
     WHERE claimant_id IN (SELECT claimant_id FROM claims WHERE fact_check_id = OLD.id)
       AND published_at = OLD.published_at AND fact_check_id = OLD.id;
END;

CREATE TRIGGER fact_checks_listing_enter AFTER UPDATE OF status, published_at ON fact_checks
WHEN NEW.status = 'published' AND NEW.published_at IS NOT NULL
 AND (OLD.status IS NOT 'published' OR NEW.published_at IS NOT OLD.published_at)
BEGIN
    INSERT OR IGNORE INTO tag_listing (tag_id, published_at, fact_check_id)
        SELECT tag_id, NEW.published_at, NEW.id FROM fact_check_tags WHERE fact_check_id = NEW.id;
    INSERT OR IGNORE INTO claimant_listing (claimant_id, published_at, fact_check_id)
        SELECT claimant_id, NEW.published_at, NEW.id FROM claims WHERE fact_check_id = NEW.id;
END;

-- Tags and claims of a published fact-check (an import inserts the fact-check first, then
-- its claim and tags; a save deletes the tags and inserts them again).
CREATE TRIGGER fact_check_tags_listing_insert AFTER INSERT ON fact_check_tags
BEGIN
    INSERT OR IGNORE INTO tag_listing (tag_id, published_at, fact_check_id)
        SELECT NEW.tag_id, published_at, id FROM fact_checks
         WHERE id = NEW.fact_check_id AND status = 'published' AND published_at IS NOT NULL;
END;

CREATE TRIGGER fact_check_tags_listing_delete AFTER DELETE ON fact_check_tags
BEGIN
    DELETE FROM tag_listing
     WHERE tag_id = OLD.tag_id AND fact_check_id = OLD.fact_check_id
       AND published_at = (SELECT published_at FROM fact_checks WHERE id = OLD.fact_check_id);
END;

CREATE TRIGGER fact_check_tags_listing_update AFTER UPDATE ON fact_check_tags
BEGIN
    DELETE FROM tag_listing
     WHERE tag_id = OLD.tag_id AND fact_check_id = OLD.fact_check_id
       AND published_at = (SELECT published_at FROM fact_checks WHERE id = OLD.fact_check_id);
    INSERT OR IGNORE INTO tag_listing (tag_id, published_at, fact_check_id)
        SELECT NEW.tag_id, published_at, id FROM fact_checks
         WHERE id = NEW.fact_check_id AND status = 'published' AND published_at IS NOT NULL;
END;

CREATE TRIGGER claims_listing_insert AFTER INSERT ON claims
BEGIN
    INSERT OR IGNORE INTO claimant_listing (claimant_id, published_at, fact_check_id)
        SELECT NEW.claimant_id, published_at, id FROM fact_checks
         WHERE id = NEW.fact_check_id AND status = 'published' AND published_at IS NOT NULL;
END;

CREATE TRIGGER claims_listing_delete AFTER DELETE ON claims
BEGIN
    DELETE FROM claimant_listing
     WHERE claimant_id = OLD.claimant_id AND fact_check_id = OLD.fact_check_id
       AND published_at = (SELECT published_at FROM fact_checks WHERE id = OLD.fact_check_id);
END;

CREATE TRIGGER claims_listing_update AFTER UPDATE OF claimant_id, fact_check_id ON claims
WHEN NEW.claimant_id IS NOT OLD.claimant_id OR NEW.fact_check_id IS NOT OLD.fact_check_id
BEGIN
    DELETE FROM claimant_listing
     WHERE claimant_id = OLD.claimant_id AND fact_check_id = OLD.fact_check_id
       AND published_at = (SELECT published_at FROM fact_checks WHERE id = OLD.fact_check_id);
    INSERT OR IGNORE INTO claimant_listing (claimant_id, published_at, fact_check_id)
        SELECT NEW.claimant_id, published_at, id FROM fact_checks
         WHERE id = NEW.fact_check_id AND status = 'published' AND published_at IS NOT NULL;
END;
