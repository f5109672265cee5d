-- An unpublished bill holds the epoch instead of NULL in event_published_at, so that marking a chunk's
-- events published overwrites a value of the same length in place instead of growing every row.
-- SQLite cannot change a column's constraints in place: the table is rebuilt (runs in the migration's transaction).
CREATE TABLE bills_v2 (
    id                 INTEGER PRIMARY KEY, -- BillId: yyyyMM * 10^10 + user id
    user_id            INTEGER NOT NULL,
    billing_month      TEXT    NOT NULL,
    base_fee           INTEGER NOT NULL,
    addon_fee          INTEGER NOT NULL,
    device_fee         INTEGER NOT NULL,
    micro_payment      INTEGER NOT NULL,
    discount           INTEGER NOT NULL,
    vat                INTEGER NOT NULL,
    total_amount       INTEGER NOT NULL,
    issue_date         TEXT    NOT NULL,
    due_date           TEXT    NOT NULL,
    created_at         TEXT    NOT NULL,
    event_published_at TEXT    NOT NULL DEFAULT '1970-01-01 00:00:00.000000', -- the epoch: not yet published
    UNIQUE (billing_month, user_id)
);
INSERT INTO bills_v2
SELECT id, user_id, billing_month, base_fee, addon_fee, device_fee, micro_payment, discount, vat, total_amount,
       issue_date, due_date, created_at, COALESCE(event_published_at, '1970-01-01 00:00:00.000000')
  FROM bills;
DROP TABLE bills;
ALTER TABLE bills_v2 RENAME TO bills;
