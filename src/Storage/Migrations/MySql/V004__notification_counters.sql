-- Counters the dashboard polls, maintained by the delivery log's writers in the same transaction as the rows they
-- count, so a poll reads a handful of rows however many notices there are: the notices per (status, channel),
-- and the attempts per UTC hour ('yyyy-MM-dd HH') and status. Seeded from the rows already on record.
CREATE TABLE IF NOT EXISTS notification_status_counts (
    status  ENUM('PENDING', 'DEFERRED', 'SCHEDULED', 'SENDING', 'RETRY_WAIT', 'SENT', 'FAILED', 'DEAD_LETTERED', 'CANCELLED') NOT NULL,
    channel ENUM('EMAIL', 'SMS', 'PUSH') NOT NULL,
    notices BIGINT NOT NULL,
    PRIMARY KEY (status, channel)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
INSERT INTO notification_status_counts (status, channel, notices)
SELECT status, channel, COUNT(*) FROM notification_deliveries GROUP BY status, channel;

CREATE TABLE IF NOT EXISTS notification_attempts_hourly (
    hour     CHAR(13) NOT NULL,
    status   ENUM('PENDING', 'DEFERRED', 'SCHEDULED', 'SENDING', 'RETRY_WAIT', 'SENT', 'FAILED', 'DEAD_LETTERED', 'CANCELLED') NOT NULL,
    attempts BIGINT NOT NULL,
    PRIMARY KEY (hour, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
INSERT INTO notification_attempts_hourly (hour, status, attempts)
SELECT DATE_FORMAT(at, '%Y-%m-%d %H'), status, COUNT(*) FROM notification_attempts GROUP BY 1, 2;

-- The hourly chart was this index's only reader; every appended attempt paid for it.
ALTER TABLE notification_attempts DROP INDEX ix_notification_attempts_at;
