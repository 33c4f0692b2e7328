-- Tags in any script (issue 16): "Irán", "irán" and "Iran" are one tag, as are "Élysée" and
-- "elysee" and the Arabic spellings search unifies. SQLite's NOCASE folds ASCII letters
-- only, so each tag gets a key its name folds to (lowercase, accents dropped, Arabic letter
-- forms unified: `domain::fold_key`, computed in Rust when a tag is saved), and every lookup
-- goes by the key. Tags saved before this were ASCII letters, digits, '-' and '_', whose key
-- is their lowercase spelling; the old NOCASE uniqueness means no two of them share one.
ALTER TABLE tags ADD COLUMN key TEXT NOT NULL DEFAULT '';
UPDATE tags SET key = lower(name);
CREATE UNIQUE INDEX tags_by_key ON tags (key);
