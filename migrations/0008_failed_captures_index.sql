-- The dashboard's "Sources needing attention" lists cited pages that were never captured,
-- newest failure first. Failed captures are few beside kept ones, so a partial index of
-- them keeps that list a short index read instead of a scan of every snapshot.
CREATE INDEX snapshots_failed ON snapshots (id) WHERE error IS NOT NULL;
