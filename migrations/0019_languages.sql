-- Fact-checks in many languages (issue 16): each has a language (a BCP 47 tag, checked by
-- `domain::Language` before it is saved) and may be a translation of another. Translations
-- form a group around the one they translate (`translation_of` points at it, never at a
-- translation), so a page finds its whole group with one seek either way.
ALTER TABLE fact_checks ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';
ALTER TABLE fact_checks ADD COLUMN translation_of INTEGER REFERENCES fact_checks (id);
CREATE INDEX fact_checks_translations ON fact_checks (translation_of) WHERE translation_of IS NOT NULL;

-- The language of new fact-checks and of the site's own pages, editable at /editor/settings.
INSERT OR IGNORE INTO settings (key, value) VALUES ('site_language', 'en');

-- A fact-check's page lists its group's other members (their headlines, whether they are
-- live), so a write of one is a change of the others too, for the API's change feed
-- (migration 0018): the members of the group before and after the write are renumbered.
CREATE TRIGGER fact_checks_change_group AFTER UPDATE ON fact_checks
BEGIN
    INSERT OR REPLACE INTO fact_check_changes (fact_check_id, change_seq, changed_at)
        SELECT g.id,
               (SELECT ifnull(max(change_seq), 0) FROM fact_check_changes)
                   + row_number() OVER (ORDER BY g.id),
               strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
          FROM fact_checks g
         WHERE g.id != NEW.id
           AND (g.id IN (NEW.translation_of, OLD.translation_of)
                OR g.translation_of IN (ifnull(NEW.translation_of, NEW.id),
                                        ifnull(OLD.translation_of, OLD.id)));
END;
