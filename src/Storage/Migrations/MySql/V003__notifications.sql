-- Notification delivery (design §4): the current state of each bill's notice per channel, which the
-- dashboard counts, and the append-only log of every attempt. Same names as the SQLite dialect.
-- notification_deliveries is clustered on (bill_id, channel): a grain's state is one primary-key lookup.
-- Its one secondary index (status, bill_id, channel) carries every column the status queries need: counts
-- by status are an index-only scan, a status listing is an ordered range of it. Errors and provider ids are
-- TEXT: a long provider message must never make a batch fail on length.

CREATE TABLE IF NOT EXISTS notification_deliveries (
    bill_id             BIGINT      NOT NULL,
    channel             ENUM('EMAIL', 'SMS', 'PUSH') NOT NULL,
    user_id             BIGINT      NOT NULL,
    billing_month       CHAR(7)     NOT NULL,
    status              ENUM('PENDING', 'DEFERRED', 'SCHEDULED', 'SENDING', 'RETRY_WAIT', 'SENT', 'FAILED', 'DEAD_LETTERED', 'CANCELLED') NOT NULL,
    attempts            INT         NOT NULL,
    last_error          TEXT        NULL,
    next_attempt_at     DATETIME(6) NULL,
    sent_at             DATETIME(6) NULL,
    provider_message_id TEXT        NULL,
    updated_at          DATETIME(6) NOT NULL,
    PRIMARY KEY (bill_id, channel),
    KEY ix_notification_deliveries_status (status, bill_id, channel)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Appended only, clustered on the auto-increment id so appends fill pages in order. (at, status) answers
-- the hourly chart from the index alone.
CREATE TABLE IF NOT EXISTS notification_attempts (
    id                  BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    bill_id             BIGINT      NOT NULL,
    channel             ENUM('EMAIL', 'SMS', 'PUSH') NOT NULL,
    attempt             INT         NOT NULL,
    status              ENUM('PENDING', 'DEFERRED', 'SCHEDULED', 'SENDING', 'RETRY_WAIT', 'SENT', 'FAILED', 'DEAD_LETTERED', 'CANCELLED') NOT NULL,
    error               TEXT        NULL,
    provider_message_id TEXT        NULL,
    at                  DATETIME(6) NOT NULL,
    KEY ix_notification_attempts_bill (bill_id),
    KEY ix_notification_attempts_at (at, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
