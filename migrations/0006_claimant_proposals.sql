-- A claimant is shared by every fact-check that names them, published ones included, so a
-- draft that gives an existing claimant a different link or kind must not change them. The
-- difference waits here, with the draft's claim, until an editor applies or declines it on
-- publication (`claimants::settle_proposal`, which writes the audit entry).

-- The link this draft proposes for its claimant (ClaimReview `sameAs`); NULL: none proposed.
ALTER TABLE claims ADD COLUMN proposed_claimant_url TEXT;
-- The kind this draft proposes (ClaimReview `@type`); NULL: none proposed.
ALTER TABLE claims ADD COLUMN proposed_claimant_kind TEXT
    CHECK (proposed_claimant_kind IN ('person', 'organization'));
