-- The fingerprint of the holder key the ledger was written with: SHA-256 of a
-- key derived from it (never the key). Recorded at the first start, compared
-- at every start: a server given another key refuses to start rather than
-- compute pseudonyms that match nothing already recorded. One row.
CREATE TABLE ledger_keys (
    purpose      TEXT PRIMARY KEY,
    fingerprint  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
