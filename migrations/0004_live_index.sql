-- Counts and sitemaps read a few columns of every live fact-check. In the table those columns
-- sit after the long explanation, so each row read walks its overflow pages; this covering
-- index answers them alone (on 100,000 fact-checks: /ratings went from seconds to milliseconds).
CREATE INDEX fact_checks_live ON fact_checks (status, published_at, rating_id, updated_at, slug);
-- Its first two columns make this one redundant.
DROP INDEX fact_checks_published;
