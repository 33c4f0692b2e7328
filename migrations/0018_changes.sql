-- The API's change feed (/api/v1/changes): every fact-check readers can see, in the order
-- it last changed on this site. Each write of a fact-check's row takes the next change
-- number; SQLite has one writer at a time, so numbers are taken in commit order and a
-- client that resumes after number N misses nothing, not even a change stamped with an
-- earlier time (an import keeps its publisher's dates; a long transaction commits after
-- later clocks). Kept beside the row rather than in it, so the trigger's write does not
-- rewrite the whole fact-check (its explanation included) a second time.
CREATE TABLE fact_check_changes (
    fact_check_id INTEGER PRIMARY KEY REFERENCES fact_checks (id),
    change_seq INTEGER NOT NULL UNIQUE,
    -- The wall clock of the change (UTC, RFC 3339): where `updated_since` starts.
    changed_at TEXT NOT NULL
);
CREATE INDEX fact_check_changes_at ON fact_check_changes (changed_at, change_seq);

-- A scheduled fact-check goes live at its time without a write; until then it waits here,
-- and the server gives it a new change number when the time comes (db::changes::publish_due).
CREATE TABLE scheduled_publications (
    fact_check_id INTEGER PRIMARY KEY REFERENCES fact_checks (id),
    published_at TEXT NOT NULL
);
CREATE INDEX scheduled_publications_due ON scheduled_publications (published_at);

-- Existing fact-checks, numbered in the order they last changed for readers (a scheduled
-- one by its last save: it changes again when it goes live).
INSERT INTO fact_check_changes (fact_check_id, change_seq, changed_at)
    SELECT id, row_number() OVER (ORDER BY at, id), at FROM (
        SELECT id, CASE
                     WHEN status = 'published' AND published_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                     THEN updated_at
                     ELSE max(updated_at, ifnull(published_at, updated_at))
                   END AS at
          FROM fact_checks);
INSERT INTO scheduled_publications (fact_check_id, published_at)
    SELECT id, published_at FROM fact_checks
     WHERE status = 'published' AND published_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now');

CREATE TRIGGER fact_checks_change_insert AFTER INSERT ON fact_checks
BEGIN
    INSERT OR REPLACE INTO fact_check_changes (fact_check_id, change_seq, changed_at)
        VALUES (NEW.id, (SELECT ifnull(max(change_seq), 0) + 1 FROM fact_check_changes),
                strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
    INSERT OR REPLACE INTO scheduled_publications (fact_check_id, published_at)
        SELECT NEW.id, NEW.published_at
         WHERE NEW.status = 'published'
           AND NEW.published_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;

CREATE TRIGGER fact_checks_change_update AFTER UPDATE ON fact_checks
BEGIN
    INSERT OR REPLACE INTO fact_check_changes (fact_check_id, change_seq, changed_at)
        VALUES (NEW.id, (SELECT ifnull(max(change_seq), 0) + 1 FROM fact_check_changes),
                strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
    DELETE FROM scheduled_publications WHERE fact_check_id = NEW.id;
    INSERT INTO scheduled_publications (fact_check_id, published_at)
        SELECT NEW.id, NEW.published_at
         WHERE NEW.status = 'published'
           AND NEW.published_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
END;

-- Feeds list the fact-checks retracted since a time, newest first.
CREATE INDEX fact_checks_retracted ON fact_checks (retracted_at) WHERE status = 'retracted';
