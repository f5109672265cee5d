-- Waiting notices (deferred, scheduled, retrying) are woken after a restart by their due time: an ordered range of
-- this index finds the notices due now, so a restart costs what is due, not what waits.
CREATE INDEX ix_notification_deliveries_due ON notification_deliveries (next_attempt_at, bill_id, channel);
