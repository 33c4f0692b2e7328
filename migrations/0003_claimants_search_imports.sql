-- Claimant identity for ClaimReview, full-text search, and where imported fact-checks came from.

-- A page that identifies the claimant (Wikipedia, an official site): ClaimReview's `sameAs`.
ALTER TABLE claimants ADD COLUMN url TEXT;
-- ClaimReview names the claimant as a Person or an Organization (groups such as "Social
-- media users" count as organizations).
ALTER TABLE claimants ADD COLUMN kind TEXT NOT NULL DEFAULT 'person'
    CHECK (kind IN ('person', 'organization'));

-- The ClaimReview `url` a fact-check was imported from: importing the same record again
-- updates it instead of adding a copy.
ALTER TABLE fact_checks ADD COLUMN imported_from TEXT;
CREATE UNIQUE INDEX fact_checks_imported_from ON fact_checks (imported_from)
    WHERE imported_from IS NOT NULL;

-- One row per fact-check (rowid = fact_checks.id), rewritten by the application in the same
-- transaction as every save; the body is indexed as plain text, without Markdown syntax.
-- Porter stemming lets "vaccines" find "vaccine"; diacritics are ignored ("Zelensky" ~ "Zélensky").
CREATE VIRTUAL TABLE search_index USING fts5 (
    headline, claim, claimant, summary, body, sources, tags,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Ranking: a word in the headline or claim counts most, then claimant, tags and summary,
-- then the explanation and the sources.
INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(8.0, 6.0, 4.0, 3.0, 1.0, 1.0, 4.0)');
