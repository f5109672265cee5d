-- Notification delivery (design §4): the current state of each bill's notice per channel, which backs the
-- in-memory grain state of the embedded mode (design §7) and feeds the dashboard, and the append-only log
-- of every attempt.
-- notification_deliveries is WITHOUT ROWID, clustered on (bill_id, channel): a grain's state is one
-- primary-key lookup. Its one secondary index (status, bill_id, channel) carries every column the status
-- queries need: counts by status are an index-only scan, a status listing is an ordered range of it.
CREATE TABLE notification_deliveries (
    bill_id             INTEGER NOT NULL,
    channel             TEXT    NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'PUSH')),
    user_id             INTEGER NOT NULL,
    billing_month       TEXT    NOT NULL,
    status              TEXT    NOT NULL CHECK (status IN ('PENDING', 'DEFERRED', 'SCHEDULED', 'SENDING', 'RETRY_WAIT', 'SENT', 'FAILED', 'DEAD_LETTERED', 'CANCELLED')),
    attempts            INTEGER NOT NULL,
    last_error          TEXT    NULL,
    next_attempt_at     TEXT    NULL,
    sent_at             TEXT    NULL,
    provider_message_id TEXT    NULL,
    updated_at          TEXT    NOT NULL,
    PRIMARY KEY (bill_id, channel)
) WITHOUT ROWID;
CREATE INDEX ix_notification_deliveries_status ON notification_deliveries (status, bill_id, channel);

-- Appended only. The rowid is the id (no AUTOINCREMENT: ids are never reused while the table keeps its
-- largest row, and AUTOINCREMENT would add a write to sqlite_sequence per statement). (at, status) answers
-- the hourly chart from the index alone.
CREATE TABLE notification_attempts (
    id                  INTEGER PRIMARY KEY,
    bill_id             INTEGER NOT NULL,
    channel             TEXT    NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'PUSH')),
    attempt             INTEGER NOT NULL,
    status              TEXT    NOT NULL CHECK (status IN ('PENDING', 'DEFERRED', 'SCHEDULED', 'SENDING', 'RETRY_WAIT', 'SENT', 'FAILED', 'DEAD_LETTERED', 'CANCELLED')),
    error               TEXT    NULL,
    provider_message_id TEXT    NULL,
    at                  TEXT    NOT NULL
);
CREATE INDEX ix_notification_attempts_bill ON notification_attempts (bill_id);
CREATE INDEX ix_notification_attempts_at ON notification_attempts (at, status);
