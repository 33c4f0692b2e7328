-- The API's change feed (/api/v1/changes): every fact-check readers can see, in the order
-- it last changed on this site. `change_seq` numbers the changes: each write of a
-- fact-check's row takes the next number, and as SQLite has one writer at a time, numbers
-- are taken in commit order, so a client that resumes after number N misses nothing, even
-- a change stamped with an earlier time (an import keeps the publisher's dates; a long
-- transaction commits after later clocks). `changed_at` is the wall clock of that write.
ALTER TABLE fact_checks ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE fact_checks ADD COLUMN changed_at TEXT;

-- Existing fact-checks, numbered in the order they last changed.
UPDATE fact_checks
   SET change_seq = n.seq, changed_at = n.at
  FROM (SELECT id,
               max(updated_at, ifnull(published_at, updated_at)) AS at,
               row_number() OVER (ORDER BY max(updated_at, ifnull(published_at, updated_at)), id) AS seq
          FROM fact_checks) AS n
 WHERE n.id = fact_checks.id;

CREATE INDEX fact_checks_change_seq ON fact_checks (change_seq);
-- A client's first visit starts from a time: the first change at or after it.
CREATE INDEX fact_checks_changed_at ON fact_checks (changed_at, change_seq);

CREATE TRIGGER fact_checks_change_insert AFTER INSERT ON fact_checks
BEGIN
    UPDATE fact_checks
       SET change_seq = (SELECT max(change_seq) FROM fact_checks) + 1,
           changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
     WHERE id = NEW.id;
END;

-- Any other write of the row; the trigger's own write changes change_seq, so it does not
-- fire again even with recursive triggers on.
CREATE TRIGGER fact_checks_change_update AFTER UPDATE ON fact_checks
WHEN NEW.change_seq IS OLD.change_seq
BEGIN
    UPDATE fact_checks
       SET change_seq = (SELECT max(change_seq) FROM fact_checks) + 1,
           changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
     WHERE id = NEW.id;
END;
