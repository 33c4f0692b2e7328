-- What an editor typed into a fact-check form and has not saved, kept every ~20 s by the
-- form's script so that a closed tab or a crash loses little. It is not a revision: it is
-- never published, never part of the history, and only its own editor ever sees it.
CREATE TABLE autosaves (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- NULL: the form of a fact-check not yet created (each editor has one such slot).
    fact_check_id INTEGER REFERENCES fact_checks (id) ON DELETE CASCADE,
    -- The form's fields as typed, a JSON array of [name, value] pairs, so a restore shows
    -- exactly what was there, even what would not yet validate. No longer than the request
    -- body it came in (256 KiB, `config::BODY_LIMIT`) could make it.
    fields        TEXT NOT NULL CHECK (json_valid(fields)),
    -- The version the form was opened at (NULL for a new one): restoring it over a newer
    -- save must lead to the conflict page, never to a silent overwrite.
    based_on      INTEGER,
    saved_at      TEXT NOT NULL
);

-- One slot per editor and fact-check, the new form's included (a NULL would not be equal
-- to another in a plain UNIQUE).
CREATE UNIQUE INDEX autosaves_slot ON autosaves (user_id, ifnull(fact_check_id, 0));
