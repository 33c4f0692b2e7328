-- Editorial integrity: review comments, retractions, append-only revisions, public
-- corrections, sign-in throttling, an audit log, and site settings.

-- What an editor wrote when sending a fact-check back to its writer; cleared on resubmission.
ALTER TABLE fact_checks ADD COLUMN review_note TEXT;
-- A retraction keeps the page answering, with this note in place of the body.
ALTER TABLE fact_checks ADD COLUMN retraction_note TEXT;
ALTER TABLE fact_checks ADD COLUMN retracted_at TEXT;

-- Every save of a fact-check, complete (all fields, sources, tags), never changed afterwards:
-- the history editors diff and restore from.
CREATE TABLE revisions (
    id             INTEGER PRIMARY KEY,
    fact_check_id  INTEGER NOT NULL REFERENCES fact_checks (id),
    version        INTEGER NOT NULL,
    saved_by       INTEGER NOT NULL REFERENCES users (id),
    saved_at       TEXT NOT NULL,
    -- draft: any save before publication; minor/update/correction: how a published
    -- fact-check's change was marked.
    change_kind    TEXT NOT NULL CHECK (change_kind IN ('draft', 'minor', 'update', 'correction')),
    snapshot       TEXT NOT NULL CHECK (json_valid(snapshot)),
    UNIQUE (fact_check_id, version)
);

-- History is never rewritten, whatever code runs against the file.
CREATE TRIGGER revisions_are_append_only_update BEFORE UPDATE ON revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are append-only');
END;
CREATE TRIGGER revisions_are_append_only_delete BEFORE DELETE ON revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are append-only');
END;

-- Public record of substantive changes to published fact-checks.
CREATE TABLE corrections (
    id             INTEGER PRIMARY KEY,
    fact_check_id  INTEGER NOT NULL REFERENCES fact_checks (id),
    kind           TEXT NOT NULL CHECK (kind IN ('correction', 'update')),
    note           TEXT NOT NULL,
    -- Set when the change moved the rating, so the box can say "from X to Y".
    old_rating_id  INTEGER REFERENCES ratings (id),
    new_rating_id  INTEGER REFERENCES ratings (id),
    created_by     INTEGER NOT NULL REFERENCES users (id),
    created_at     TEXT NOT NULL
);
CREATE INDEX corrections_by_fact_check ON corrections (fact_check_id, created_at);
CREATE INDEX corrections_newest ON corrections (created_at DESC);

-- Every sign-in attempt, for throttling (failures per account and address) and for the log.
CREATE TABLE login_attempts (
    id         INTEGER PRIMARY KEY,
    email      TEXT NOT NULL COLLATE NOCASE,
    address    TEXT NOT NULL,
    at         TEXT NOT NULL,
    succeeded  INTEGER NOT NULL CHECK (succeeded IN (0, 1))
);
CREATE INDEX login_attempts_recent ON login_attempts (email, address, at);

-- Who did what, when: sign-ins, publication changes, account changes. Read by admins.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor_id  INTEGER REFERENCES users (id),
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL DEFAULT '',
    detail    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_newest ON audit_log (at DESC);

-- Site text editors can change without a release.
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO settings (key, value) VALUES ('corrections_policy',
'We correct errors openly. When a published fact-check changes in substance, we say so on the page in a dated **Correction** (we got something wrong) or **Update** (new information arrived), including any change of rating, and list it here. Spelling and formatting fixes are made without a note. To report an error, write to the newsroom with the link to the fact-check and what you believe is wrong.');
