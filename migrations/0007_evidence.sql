-- Evidence that cannot rot (issue 12): Factdesk's own copy of every cited page, a queue of
-- addresses still to copy, and the link watch's record of each later check.
--
-- Everything here is keyed by the address as cited, not by a source row: saving a
-- fact-check replaces its source rows, and two fact-checks citing one page share its copy.

-- One capture of one address, kept for good: like revisions, rows are never changed or
-- removed, so a reader's "our copy" link and a WARC export always show what was seen.
CREATE TABLE snapshots (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL,          -- the address as cited
    captured_at   TEXT NOT NULL,          -- RFC 3339, UTC
    final_url     TEXT,                   -- after redirects; NULL when nothing answered
    http_status   INTEGER,
    content_type  TEXT,
    body_gzip     BLOB,                   -- the raw body, gzip-compressed
    body_bytes    INTEGER,                -- its length before compression
    body_sha256   TEXT,                   -- hex digest of the raw body
    title         TEXT,                   -- metadata found in the page
    outlet        TEXT,
    authors       TEXT,
    published_on  TEXT,
    text          TEXT,                   -- the main text, without site chrome
    text_sha256   TEXT,                   -- hex digest of the normalized text
    shingles      BLOB,                   -- the text's word shingles, for the independence
                                          -- check (domain::independence::fingerprint)
    error         TEXT,                   -- why nothing usable was kept; NULL when it was
    CHECK ((error IS NULL) = (body_sha256 IS NOT NULL))
);
CREATE INDEX snapshots_by_url ON snapshots (url, id);
-- The dashboard's "Sources needing attention" lists cited pages that were never captured,
-- newest failure first. Failed captures are few beside kept ones, so a partial index of
-- them keeps that list a short index read instead of a scan of every snapshot.
CREATE INDEX snapshots_failed ON snapshots (id) WHERE error IS NOT NULL;

CREATE TRIGGER snapshots_never_change BEFORE UPDATE ON snapshots
BEGIN
    SELECT RAISE(ABORT, 'snapshots are append-only');
END;
CREATE TRIGGER snapshots_never_go BEFORE DELETE ON snapshots
BEGIN
    SELECT RAISE(ABORT, 'snapshots are append-only');
END;

-- Which fact-checks cite an address: a copy is shown to readers only when a published
-- fact-check cites it, and the link watch names the fact-checks a dead link affects.
CREATE INDEX sources_by_url ON sources (url) WHERE url IS NOT NULL;
CREATE INDEX appearances_by_url ON appearances (url);

-- Addresses cited but not yet copied. Filled by the triggers below, so every way a source
-- is saved (form, import, demo, a future one) queues its address; the capture job empties it.
-- A capture that failed is tried again later (`tries`, `not_before`) a few times before the
-- address is given up on and listed for the editors.
CREATE TABLE capture_queue (
    url         TEXT PRIMARY KEY,
    queued_at   TEXT NOT NULL,
    not_before  TEXT NOT NULL,        -- RFC 3339, UTC: not to be tried before then
    tries       INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX capture_queue_ready ON capture_queue (not_before);

CREATE TRIGGER sources_queue_capture AFTER INSERT ON sources
WHEN NEW.url IS NOT NULL
 AND NOT EXISTS (SELECT 1 FROM snapshots WHERE url = NEW.url AND error IS NULL)
BEGIN
    INSERT OR IGNORE INTO capture_queue (url, queued_at, not_before)
    VALUES (NEW.url, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER sources_queue_changed_capture AFTER UPDATE OF url ON sources
WHEN NEW.url IS NOT NULL
 AND NOT EXISTS (SELECT 1 FROM snapshots WHERE url = NEW.url AND error IS NULL)
BEGIN
    INSERT OR IGNORE INTO capture_queue (url, queued_at, not_before)
    VALUES (NEW.url, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER appearances_queue_capture AFTER INSERT ON appearances
WHEN NOT EXISTS (SELECT 1 FROM snapshots WHERE url = NEW.url AND error IS NULL)
BEGIN
    INSERT OR IGNORE INTO capture_queue (url, queued_at, not_before)
    VALUES (NEW.url, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER appearances_queue_changed_capture AFTER UPDATE OF url ON appearances
WHEN NOT EXISTS (SELECT 1 FROM snapshots WHERE url = NEW.url AND error IS NULL)
BEGIN
    INSERT OR IGNORE INTO capture_queue (url, queued_at, not_before)
    VALUES (NEW.url, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;

-- Pages cited before this migration are copied too.
INSERT OR IGNORE INTO capture_queue (url, queued_at, not_before)
SELECT url, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
  FROM sources WHERE url IS NOT NULL
UNION
SELECT url, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
  FROM appearances;

-- Each re-check of a cited address by the link watch; history is kept.
CREATE TABLE link_checks (
    id             INTEGER PRIMARY KEY,
    url            TEXT NOT NULL,
    checked_at     TEXT NOT NULL,         -- RFC 3339, UTC
    http_status    INTEGER,               -- NULL when nothing answered
    final_url      TEXT,
    outcome        TEXT NOT NULL
        CHECK (outcome IN ('ok', 'changed', 'unreachable', 'dead')),
    similarity     REAL,                  -- of the text now to the text at citation, 0 to 1
    text           TEXT,                  -- the main text now, when it changed
    error          TEXT                   -- why it failed, in words for the editor
);
CREATE INDEX link_checks_by_url ON link_checks (url, id);

-- Where each watched address stands now, so the dashboard, the verdict page and the watch's
-- schedule read one row instead of a history.
CREATE TABLE link_status (
    url             TEXT PRIMARY KEY,
    state           TEXT NOT NULL
        CHECK (state IN ('ok', 'changed', 'unreachable', 'dead')),
    since           TEXT NOT NULL,        -- when it entered this state
    checked_at      TEXT NOT NULL,
    next_check_at   TEXT NOT NULL,
    etag            TEXT,                 -- for conditional requests
    last_modified   TEXT
) WITHOUT ROWID;
CREATE INDEX link_status_due ON link_status (next_check_at);
CREATE INDEX link_status_attention ON link_status (state) WHERE state IN ('changed', 'dead');
