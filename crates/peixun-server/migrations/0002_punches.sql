-- Check-in punches sent by trainees' phones (POST /v1/punches), each checked
-- by the same single-punch rule as the phone (punch.check) at its own moment.
-- `id` is the phone's identifier for the punch: sending a queued punch again
-- (after a lost answer) finds it here and records nothing new. Refused punches
-- are kept too, with the check that refused them, so that an auditor sees every
-- attempt. The trainee is the class roster's key, never an ID number.
CREATE TABLE punches (
    id           TEXT PRIMARY KEY,
    class_id     TEXT NOT NULL,
    policy_id    TEXT NOT NULL,
    trainee      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    at           TEXT NOT NULL,
    method       TEXT,
    device       TEXT,
    status       TEXT NOT NULL,
    check_json   TEXT NOT NULL,
    received_at  TEXT NOT NULL
);
CREATE INDEX punches_by_class ON punches (class_id, at);
