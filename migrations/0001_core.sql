-- Factdesk core schema: ratings, accounts and sessions, claimants, fact-checks with their
-- claim, appearances, sources and tags. Times are UTC RFC 3339 text; calendar dates
-- (when a claim was made, when a source was published) are YYYY-MM-DD text because the
-- newsroom knows the day, not the instant.

-- Lets `factdesk` recognise its own files and refuse to migrate someone else's database.
PRAGMA application_id = 1178880817; -- 'FDK1'

-- The rating scale is data, so a newsroom can adopt its own labels without a code change.
CREATE TABLE ratings (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    label       TEXT NOT NULL UNIQUE,
    -- 1 (worst) to 5 (best) for ClaimReview; NULL for labels that carry no number (Satire…).
    value       INTEGER CHECK (value BETWEEN 1 AND 5),
    definition  TEXT NOT NULL,
    -- Badge background; text on it is white, so each colour keeps a 4.5:1 contrast.
    colour      TEXT NOT NULL CHECK (colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    position    INTEGER NOT NULL UNIQUE
);

INSERT INTO ratings (slug, label, value, definition, colour, position) VALUES
    ('true',          'True',          5,    'The claim is accurate and nothing significant is missing.',                          '#1e6b34', 1),
    ('mostly-true',   'Mostly True',   4,    'The claim is accurate but needs clarification or added context.',                     '#3f6e1a', 2),
    ('mixture',       'Mixture',       3,    'The claim mixes accurate and inaccurate parts in about equal measure.',               '#7a5a00', 3),
    ('mostly-false',  'Mostly False',  2,    'The claim holds a grain of truth but leaves out or distorts facts that change the picture.', '#a4410e', 4),
    ('false',         'False',         1,    'The claim is inaccurate.',                                                            '#b3261e', 5),
    ('unproven',      'Unproven',      NULL, 'There is not enough evidence to confirm or refute the claim.',                        '#55606e', 6),
    ('misattributed', 'Misattributed', NULL, 'The quote or content is credited to someone who did not say or make it.',             '#6a3d9a', 7),
    ('miscaptioned',  'Miscaptioned',  NULL, 'Real photos or video are presented with a false description of what they show.',     '#8e2a6b', 8),
    ('outdated',      'Outdated',      NULL, 'The claim was accurate once but circumstances have since changed.',                   '#46566b', 9),
    ('satire',        'Satire',        NULL, 'The content comes from satire or parody and was not meant to be read as fact.',       '#0f5e6e', 10);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name           TEXT NOT NULL,
    -- argon2id PHC string; the salt and cost parameters travel inside it.
    password_hash  TEXT NOT NULL,
    -- writer: own drafts; editor: any fact-check, review, publish; admin: also accounts.
    role           TEXT NOT NULL DEFAULT 'editor' CHECK (role IN ('writer', 'editor', 'admin')),
    -- A disabled account keeps its name on past work but can no longer sign in.
    disabled_at    TEXT,
    created_at     TEXT NOT NULL
);

CREATE TABLE sessions (
    -- The cookie carries a random token; only its BLAKE2b hash is stored, so a leaked database
    -- copy cannot be replayed as a sign-in.
    token_hash    TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- Bound to the session: every state-changing form must echo it back.
    csrf_token    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Who made a claim: a person, an organisation or a group such as "Social media users".
-- A row of its own so claimant pages and scorecards can follow.
CREATE TABLE claimants (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    slug        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);

CREATE TABLE fact_checks (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    headline      TEXT NOT NULL,
    summary       TEXT NOT NULL,
    body          TEXT NOT NULL,          -- Markdown as the editor wrote it
    body_html     TEXT NOT NULL,          -- rendered and sanitized at save, not on every read
    rating_id     INTEGER NOT NULL REFERENCES ratings (id),
    -- draft → in_review → published; retracted keeps the URL answering with a public note.
    status        TEXT NOT NULL DEFAULT 'draft'
                  CHECK (status IN ('draft', 'in_review', 'published', 'retracted')),
    author_id     INTEGER NOT NULL REFERENCES users (id),
    -- Bumped by every save; a save that names an older version is refused, so one editor
    -- never silently overwrites another's newer work.
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    -- When readers first see it: first publication, or a scheduled moment in the future
    -- (reader queries compare it with the current time, so no job has to flip a flag).
    published_at  TEXT,
    CHECK (status IN ('draft', 'in_review') OR published_at IS NOT NULL)
);
CREATE INDEX fact_checks_published ON fact_checks (status, published_at DESC);
CREATE INDEX fact_checks_by_author ON fact_checks (author_id);

-- One claim per fact-check for now; a table of its own so a check can cover several later.
CREATE TABLE claims (
    id             INTEGER PRIMARY KEY,
    fact_check_id  INTEGER NOT NULL UNIQUE REFERENCES fact_checks (id) ON DELETE CASCADE,
    text           TEXT NOT NULL,
    claimant_id    INTEGER NOT NULL REFERENCES claimants (id),
    claimed_on     TEXT                   -- YYYY-MM-DD; unknown for some viral posts
);
CREATE INDEX claims_by_claimant ON claims (claimant_id);

-- Where the claim was seen: the post, broadcast or article that spread it.
CREATE TABLE appearances (
    id            INTEGER PRIMARY KEY,
    claim_id      INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    url           TEXT NOT NULL,
    platform      TEXT NOT NULL,          -- "X", "Facebook", an outlet's name…
    appeared_on   TEXT,
    reach         TEXT,                   -- free text such as "6.1 million views"
    archived_url  TEXT,
    UNIQUE (claim_id, position)
);

-- The cited evidence, in the order the fact-check lists it.
CREATE TABLE sources (
    id             INTEGER PRIMARY KEY,
    fact_check_id  INTEGER NOT NULL REFERENCES fact_checks (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    outlet         TEXT NOT NULL,
    title          TEXT NOT NULL,
    authors        TEXT,
    published_on   TEXT,                  -- YYYY-MM-DD; unknown for some undated pages
    url            TEXT,                  -- print and broadcast sources may have none
    archived_url   TEXT,
    note           TEXT,
    UNIQUE (fact_check_id, position)
);

CREATE TABLE tags (
    id    INTEGER PRIMARY KEY,
    -- Shown as typed ("RussiaSupport") but matched without regard to case.
    name  TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE fact_check_tags (
    fact_check_id  INTEGER NOT NULL REFERENCES fact_checks (id) ON DELETE CASCADE,
    tag_id         INTEGER NOT NULL REFERENCES tags (id),
    PRIMARY KEY (fact_check_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX fact_check_tags_by_tag ON fact_check_tags (tag_id, fact_check_id);
