-- The ledger of the authority's verifier. Portable SQL: the same file runs on
-- SQLite (the embedded default) and on PostgreSQL. No ID number is ever stored:
-- a person is the keyed hash (HMAC-SHA256 with the server's holder key, 32 hex
-- digits, the same pseudonym as a voucher's holder field).

-- Every submitted claim: who sent it, under which idempotency key, the input
-- with ID numbers replaced by their hashes, the verdict the engine recomputed
-- (canonical JSON, byte for byte what Engine::handle gave), the policy and its
-- version, the ledger's own findings and the status that followed.
CREATE TABLE claims (
    id               TEXT PRIMARY KEY,
    institution      TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL,
    request_digest   TEXT NOT NULL,
    policy_id        TEXT NOT NULL,
    policy_version   TEXT NOT NULL,
    programme        TEXT NOT NULL,
    year             BIGINT NOT NULL,
    class_start      TEXT,
    class_end        TEXT,
    decision         TEXT NOT NULL,
    status           TEXT NOT NULL,
    trainees         BIGINT NOT NULL,
    input            TEXT NOT NULL,
    verdict          TEXT NOT NULL,
    ledger_findings  TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    UNIQUE (institution, idempotency_key)
);
CREATE INDEX claims_by_institution ON claims (institution, created_at);

-- The trainees (or workers) of each claim, by hash.
CREATE TABLE claim_people (
    claim_id   TEXT NOT NULL REFERENCES claims (id),
    position   BIGINT NOT NULL,
    person     TEXT NOT NULL,
    masked_id  TEXT NOT NULL,
    PRIMARY KEY (claim_id, position)
);
CREATE INDEX claim_people_by_person ON claim_people (person);

-- One row per person known to the ledger: the row a submission locks
-- (SELECT … FOR UPDATE on PostgreSQL) so that the checks on one person's
-- history and the insert that follows cannot interleave with another's.
CREATE TABLE people (
    person      TEXT PRIMARY KEY,
    first_seen  TEXT NOT NULL
);

-- Participations per person per programme per year (DL-E5). The primary key
-- is the guarantee: two submissions for the same person and year cannot both
-- be recorded, whatever the timing.
CREATE TABLE participations (
    person       TEXT NOT NULL,
    programme    TEXT NOT NULL,
    year         BIGINT NOT NULL,
    claim_id     TEXT NOT NULL REFERENCES claims (id),
    institution  TEXT NOT NULL,
    class_start  TEXT,
    class_end    TEXT,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (person, programme, year)
);
CREATE INDEX participations_by_claim ON participations (claim_id);

-- The authority's dishonesty (失信) list: people by hash (DL-E6) and
-- institutions by credit code (DL-P7).
CREATE TABLE blacklist (
    kind        TEXT NOT NULL,
    subject     TEXT NOT NULL,
    reason      TEXT,
    added_at    TEXT NOT NULL,
    PRIMARY KEY (kind, subject)
);

-- Vouchers issued or known to the server, and their lifecycle events (JZ-V1).
CREATE TABLE vouchers (
    voucher_id   TEXT PRIMARY KEY,
    policy_id    TEXT NOT NULL,
    holder       TEXT,
    token        TEXT,
    state        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX vouchers_by_holder ON vouchers (holder);

CREATE TABLE voucher_events (
    voucher_id   TEXT NOT NULL REFERENCES vouchers (voucher_id),
    seq          BIGINT NOT NULL,
    event_id     TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    event        TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (voucher_id, seq)
);
