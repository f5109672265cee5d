-- BillForU schema, SQLite dialect. Same table and column names as the MySQL dialect.
-- Dates are TEXT 'yyyy-MM-dd', instants TEXT 'yyyy-MM-dd HH:mm:ss.ffffff' in UTC (fixed width, so they
-- compare as strings), months TEXT 'yyyy-MM' or INTEGER yyyyMM, enums TEXT words, flags INTEGER 0/1.
-- Child tables are WITHOUT ROWID with PRIMARY KEY (user_id, id): a user range is one clustered range scan.
-- No foreign keys: rows arrive by bulk paths in parent-before-child order and are removed by range.

CREATE TABLE users (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    birth_date   TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'TERMINATED')),
    email_cipher TEXT    NOT NULL,
    phone_cipher TEXT    NOT NULL,
    email_hash   BLOB    NOT NULL UNIQUE,
    phone_hash   BLOB    NOT NULL UNIQUE,
    created_at   TEXT    NOT NULL
);

CREATE TABLE plans (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL,
    category            TEXT    NOT NULL,
    network             TEXT    NOT NULL,
    monthly_fee         INTEGER NOT NULL,
    data_limit_mb       INTEGER NULL,
    voice_limit_minutes INTEGER NULL,
    active              INTEGER NOT NULL
);

CREATE TABLE addons (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    category    TEXT    NOT NULL,
    monthly_fee INTEGER NOT NULL,
    active      INTEGER NOT NULL
);

CREATE TABLE user_plans (
    user_id    INTEGER NOT NULL,
    id         INTEGER NOT NULL,
    plan_id    INTEGER NOT NULL,
    start_date TEXT    NOT NULL,
    end_date   TEXT    NULL,
    status     TEXT    NOT NULL CHECK (status IN ('ACTIVE', 'CANCELLED')),
    contract   INTEGER NOT NULL,
    PRIMARY KEY (user_id, id)
) WITHOUT ROWID;

CREATE TABLE user_addons (
    user_id    INTEGER NOT NULL,
    id         INTEGER NOT NULL,
    addon_id   INTEGER NOT NULL,
    start_date TEXT    NOT NULL,
    end_date   TEXT    NULL,
    status     TEXT    NOT NULL CHECK (status IN ('ACTIVE', 'CANCELLED')),
    PRIMARY KEY (user_id, id)
) WITHOUT ROWID;

CREATE TABLE micro_payments (
    user_id      INTEGER NOT NULL,
    id           INTEGER NOT NULL,
    amount       INTEGER NOT NULL,
    merchant     TEXT    NOT NULL,
    payment_type TEXT    NOT NULL CHECK (payment_type IN ('APP', 'CONTENT', 'GAME')),
    paid_at      TEXT    NOT NULL,
    PRIMARY KEY (user_id, id)
) WITHOUT ROWID;

CREATE TABLE device_installments (
    user_id        INTEGER NOT NULL,
    id             INTEGER NOT NULL,
    device         TEXT    NOT NULL,
    monthly_amount INTEGER NOT NULL,
    first_month    INTEGER NOT NULL, -- yyyyMM
    months_total   INTEGER NOT NULL,
    PRIMARY KEY (user_id, id)
) WITHOUT ROWID;

CREATE TABLE notification_prefs (
    user_id     INTEGER NOT NULL,
    channel     TEXT    NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'PUSH')),
    enabled     INTEGER NOT NULL,
    priority    INTEGER NOT NULL,
    quiet_start TEXT    NULL, -- HH:mm:ss, local time of the operator zone
    quiet_end   TEXT    NULL,
    send_day    INTEGER NULL,
    send_time   TEXT    NULL,
    PRIMARY KEY (user_id, channel)
) WITHOUT ROWID;

CREATE TABLE message_policy (
    channel       TEXT    PRIMARY KEY CHECK (channel IN ('EMAIL', 'SMS', 'PUSH')),
    quiet_enabled INTEGER NOT NULL,
    quiet_start   TEXT    NOT NULL,
    quiet_end     TEXT    NOT NULL
) WITHOUT ROWID;

CREATE TABLE bills (
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
    event_published_at TEXT    NULL,
    UNIQUE (billing_month, user_id)
);

CREATE TABLE bill_lines (
    bill_id   INTEGER NOT NULL,
    line_no   INTEGER NOT NULL,
    line_type TEXT    NOT NULL CHECK (line_type IN ('BASE_FEE', 'ADDON_FEE', 'DEVICE_FEE', 'MICRO_PAYMENT', 'DISCOUNT', 'VAT')),
    item_id   INTEGER NOT NULL,
    quantity  INTEGER NOT NULL,
    amount    INTEGER NOT NULL,
    PRIMARY KEY (bill_id, line_no)
) WITHOUT ROWID;

CREATE TABLE settlement_runs (
    run_id           TEXT    PRIMARY KEY,
    billing_month    TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    partitions_total INTEGER NOT NULL,
    partitions_done  INTEGER NOT NULL,
    bills_written    INTEGER NOT NULL,
    events_published INTEGER NOT NULL,
    started_at       TEXT    NOT NULL,
    finished_at      TEXT    NULL,
    error            TEXT    NULL
);
CREATE INDEX ix_settlement_runs_month_started ON settlement_runs (billing_month, started_at);
CREATE INDEX ix_settlement_runs_started ON settlement_runs (started_at);

CREATE TABLE settlement_checkpoints (
    billing_month     TEXT    NOT NULL,
    partition_no      INTEGER NOT NULL,
    after_user_id     INTEGER NOT NULL,
    last_user_id      INTEGER NOT NULL,
    committed_user_id INTEGER NOT NULL,
    bills_written     INTEGER NOT NULL,
    completed         INTEGER NOT NULL,
    PRIMARY KEY (billing_month, partition_no)
) WITHOUT ROWID;

CREATE TABLE dataset_info (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    seed          INTEGER NOT NULL,
    users         INTEGER NOT NULL,
    billing_month TEXT    NOT NULL,
    seeded_at     TEXT    NOT NULL
);
