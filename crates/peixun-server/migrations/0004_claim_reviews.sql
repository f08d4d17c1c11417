-- The authority's decision on a claim the engine could not decide
-- (needs_review): accepted or rejected, with the reason and who decided.
-- One per claim: a review is final. A rejection removes the claim's
-- participations (the person-years it held) in the same transaction; the
-- claim's status becomes the review's, its verdict stays as recorded.
CREATE TABLE claim_reviews (
    claim_id     TEXT PRIMARY KEY REFERENCES claims (id),
    status       TEXT NOT NULL,
    reason       TEXT NOT NULL,
    reviewer     TEXT NOT NULL,
    reviewed_at  TEXT NOT NULL
);
