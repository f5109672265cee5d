-- An unpublished bill holds the epoch instead of NULL in event_published_at, so that marking a chunk's
-- events published overwrites the value in place instead of growing every row (and splitting every page
-- the bulk load filled). Re-runnable: the UPDATE finds nothing the second time, the MODIFY is idempotent.
UPDATE bills SET event_published_at = '1970-01-01 00:00:00.000000' WHERE event_published_at IS NULL;
ALTER TABLE bills MODIFY event_published_at DATETIME(6) NOT NULL DEFAULT '1970-01-01 00:00:00.000000';
