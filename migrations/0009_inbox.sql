-- The claim inbox: claims readers suggest and errors they report, for editors to triage.
CREATE TABLE tips (
    id                      INTEGER PRIMARY KEY,
    kind                    TEXT NOT NULL CHECK (kind IN ('suggestion', 'error_report')),
    claim                   TEXT NOT NULL,
    -- Where the reader saw it: a link, a description ("the 8 pm news on channel 4"), or both.
    seen_link               TEXT,
    seen_where              TEXT,
    -- Only so an editor can ask the reader a question; cleared after --tip-email-days.
    contact_email           TEXT,
    -- When the email was cleared by the purge, so the inbox can say why it is gone.
    email_purged_at         TEXT,
    -- An error report's fact-check: the one the reader was reading.
    reported_fact_check_id  INTEGER REFERENCES fact_checks (id) ON DELETE SET NULL,
    -- The fact-check started from the tip (accepted), or the one it repeats (duplicate).
    fact_check_id           INTEGER REFERENCES fact_checks (id) ON DELETE SET NULL,
    state                   TEXT NOT NULL DEFAULT 'new'
                            CHECK (state IN ('new', 'accepted', 'duplicate', 'not_checkable', 'done')),
    assigned_to             INTEGER REFERENCES users (id),
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
);
-- The inbox lists newest first, by state.
CREATE INDEX tips_by_state ON tips (state, id DESC);
-- The site-wide hourly cap counts recent tips; the purge finds old emails.
CREATE INDEX tips_by_created ON tips (created_at);
