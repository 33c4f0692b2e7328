-- Imports keep every publisher's own verdict (issue 16): the rating as the publisher wrote
-- it ("Falso", "Incorrect. The figure refers to…"), and who published it, beside our
-- rating, which is the publisher's mapped onto our scale when it can be.
ALTER TABLE fact_checks ADD COLUMN publisher_rating TEXT;
ALTER TABLE fact_checks ADD COLUMN publisher_name TEXT;
ALTER TABLE fact_checks ADD COLUMN publisher_url TEXT;

-- A publisher's rating that maps onto none of ours is imported under this one, never
-- refused for its label alone: readers see the publisher's words beside it, and can list
-- and search these like any other rating.
INSERT OR IGNORE INTO ratings (slug, label, value, definition, colour, position)
    SELECT 'not-rated', 'Not rated on our scale', NULL,
           'Checked by another publisher whose rating does not match one of ours; their own rating is shown with it.',
           '#333333', (SELECT max(position) + 1 FROM ratings);
