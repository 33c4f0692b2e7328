-- Fact-checks in many languages (issue 16): each has a language (a BCP 47 tag, checked by
-- `domain::Language` before it is saved) and may be a translation of another. Translations
-- form a group around the one they translate (`translation_of` points at it, never at a
-- translation), so a page finds its whole group with one seek either way.
ALTER TABLE fact_checks ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';
ALTER TABLE fact_checks ADD COLUMN translation_of INTEGER REFERENCES fact_checks (id);
CREATE INDEX fact_checks_translations ON fact_checks (translation_of) WHERE translation_of IS NOT NULL;

-- The language of new fact-checks and of the site's own pages, editable at /editor/settings.
INSERT OR IGNORE INTO settings (key, value) VALUES ('site_language', 'en');
