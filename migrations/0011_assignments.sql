-- Who is working on a fact-check now. Accounts are disabled, never deleted (their names stay
-- on past work), so the reference never dangles; SET NULL only covers a hand-made deletion.
ALTER TABLE fact_checks ADD COLUMN assigned_to INTEGER REFERENCES users (id) ON DELETE SET NULL;

-- Every change of assignee, so the history page can say who handed it to whom and when
-- without adding a content revision (an assignment is not an edit of the text).
CREATE TABLE assignments (
    id             INTEGER PRIMARY KEY,
    fact_check_id  INTEGER NOT NULL REFERENCES fact_checks (id) ON DELETE CASCADE,
    -- NULL: left unassigned.
    assigned_to    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    assigned_by    INTEGER NOT NULL REFERENCES users (id),
    at             TEXT NOT NULL
);
CREATE INDEX assignments_of_fact_check ON assignments (fact_check_id, at);

-- The desk lists a page at a time in order of last change, keyset-paged on
-- (updated_at, id), under any mix of filters. The columns after the first ones let SQLite
-- test status, rating, author and assignee from the index alone: in the table they sit
-- after the long body text, on overflow pages that cost a read per row tested.
CREATE INDEX fact_checks_desk ON fact_checks
    (updated_at, status, published_at, rating_id, author_id, assigned_to);
CREATE INDEX fact_checks_desk_by_status ON fact_checks
    (status, updated_at, published_at, rating_id, author_id, assigned_to);
-- A writer's desk is always their own; it supersedes the plain author index.
CREATE INDEX fact_checks_desk_by_author ON fact_checks
    (author_id, updated_at, status, published_at, rating_id, assigned_to);
DROP INDEX fact_checks_by_author;
CREATE INDEX fact_checks_desk_by_assignee ON fact_checks
    (assigned_to, updated_at, status, published_at, rating_id, author_id);
