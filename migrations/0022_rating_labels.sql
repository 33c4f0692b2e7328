-- A newsroom's own wording of its ratings in each language it publishes in (issue 16):
-- "Falso" and its definition for `es`, "Faux" for `fr`, a label for a language Factdesk has
-- no interface text for (`pt`). A row here wins over the Fluent files' wording by slug and
-- over the rating's own label; no row leaves those as they are. `language` is a primary
-- language subtag, as `Language::primary` gives it.
CREATE TABLE rating_labels (
    rating_id  INTEGER NOT NULL REFERENCES ratings (id),
    language   TEXT NOT NULL,
    label      TEXT NOT NULL,
    definition TEXT NOT NULL,
    PRIMARY KEY (rating_id, language)
) WITHOUT ROWID;
