-- Counters the dashboard polls, maintained by the delivery log's writer in the same transaction as the rows they
-- count, so a poll reads a handful of rows however many notices there are: the notices per (status, channel),
-- and the attempts per UTC hour ('yyyy-MM-dd HH') and status. Seeded from the rows already on record.
CREATE TABLE notification_status_counts (
    status  TEXT    NOT NULL,
    channel TEXT    NOT NULL,
    notices INTEGER NOT NULL,
    PRIMARY KEY (status, channel)
) WITHOUT ROWID;
INSERT INTO notification_status_counts (status, channel, notices)
SELECT status, channel, COUNT(*) FROM notification_deliveries GROUP BY status, channel;

CREATE TABLE notification_attempts_hourly (
    hour     TEXT    NOT NULL,
    status   TEXT    NOT NULL,
    attempts INTEGER NOT NULL,
    PRIMARY KEY (hour, status)
) WITHOUT ROWID;
INSERT INTO notification_attempts_hourly (hour, status, attempts)
SELECT substr(at, 1, 13), status, COUNT(*) FROM notification_attempts GROUP BY substr(at, 1, 13), status;

-- The hourly chart was this index's only reader; every appended attempt paid for it.
DROP INDEX ix_notification_attempts_at;
