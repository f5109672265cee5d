-- BillForU schema, MySQL 8 / MariaDB dialect. Same table and column names as the SQLite dialect.
-- Instants are DATETIME(6) in UTC; enums are ENUM words (one byte stored, readable in a console).
-- Child tables are keyed PRIMARY KEY (user_id, id), so a user range is a clustered range scan in InnoDB.
-- No foreign keys: rows arrive by LOAD DATA in parent-before-child order and are removed by range, and
-- foreign-key checks would cost every bulk load a lookup per row.
-- DDL commits implicitly in MySQL, hence IF NOT EXISTS: a migration interrupted half-way can be re-run.

CREATE TABLE IF NOT EXISTS users (
    id           BIGINT       NOT NULL PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    birth_date   DATE         NOT NULL,
    status       ENUM('ACTIVE', 'SUSPENDED', 'TERMINATED') NOT NULL,
    email_cipher VARCHAR(255) NOT NULL,
    phone_cipher VARCHAR(255) NOT NULL,
    email_hash   BINARY(32)   NOT NULL,
    phone_hash   BINARY(32)   NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    UNIQUE KEY ux_users_email_hash (email_hash),
    UNIQUE KEY ux_users_phone_hash (phone_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS plans (
    id                  INT          NOT NULL PRIMARY KEY,
    name                VARCHAR(100) NOT NULL,
    category            VARCHAR(30)  NOT NULL,
    network             VARCHAR(10)  NOT NULL,
    monthly_fee         BIGINT       NOT NULL,
    data_limit_mb       INT          NULL,
    voice_limit_minutes INT          NULL,
    active              TINYINT(1)   NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS addons (
    id          INT          NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    category    VARCHAR(30)  NOT NULL,
    monthly_fee BIGINT       NOT NULL,
    active      TINYINT(1)   NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS user_plans (
    user_id    BIGINT     NOT NULL,
    id         BIGINT     NOT NULL,
    plan_id    INT        NOT NULL,
    start_date DATE       NOT NULL,
    end_date   DATE       NULL,
    status     ENUM('ACTIVE', 'CANCELLED') NOT NULL,
    contract   TINYINT(1) NOT NULL,
    PRIMARY KEY (user_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS user_addons (
    user_id    BIGINT NOT NULL,
    id         BIGINT NOT NULL,
    addon_id   INT    NOT NULL,
    start_date DATE   NOT NULL,
    end_date   DATE   NULL,
    status     ENUM('ACTIVE', 'CANCELLED') NOT NULL,
    PRIMARY KEY (user_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS micro_payments (
    user_id      BIGINT      NOT NULL,
    id           BIGINT      NOT NULL,
    amount       BIGINT      NOT NULL,
    merchant     VARCHAR(50) NOT NULL,
    payment_type ENUM('APP', 'CONTENT', 'GAME') NOT NULL,
    paid_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (user_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS device_installments (
    user_id        BIGINT      NOT NULL,
    id             BIGINT      NOT NULL,
    device         VARCHAR(50) NOT NULL,
    monthly_amount BIGINT      NOT NULL,
    first_month    INT         NOT NULL COMMENT 'yyyyMM',
    months_total   INT         NOT NULL,
    PRIMARY KEY (user_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS notification_prefs (
    user_id     BIGINT     NOT NULL,
    channel     ENUM('EMAIL', 'SMS', 'PUSH') NOT NULL,
    enabled     TINYINT(1) NOT NULL,
    priority    TINYINT    NOT NULL,
    quiet_start TIME       NULL COMMENT 'local time of the operator zone',
    quiet_end   TIME       NULL,
    send_day    TINYINT    NULL,
    send_time   TIME       NULL,
    PRIMARY KEY (user_id, channel)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS message_policy (
    channel       ENUM('EMAIL', 'SMS', 'PUSH') NOT NULL PRIMARY KEY,
    quiet_enabled TINYINT(1) NOT NULL,
    quiet_start   TIME       NOT NULL,
    quiet_end     TIME       NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS bills (
    id                 BIGINT      NOT NULL PRIMARY KEY COMMENT 'yyyyMM * 10^10 + user id',
    user_id            BIGINT      NOT NULL,
    billing_month      CHAR(7)     NOT NULL,
    base_fee           BIGINT      NOT NULL,
    addon_fee          BIGINT      NOT NULL,
    device_fee         BIGINT      NOT NULL,
    micro_payment      BIGINT      NOT NULL,
    discount           BIGINT      NOT NULL,
    vat                BIGINT      NOT NULL,
    total_amount       BIGINT      NOT NULL,
    issue_date         DATE        NOT NULL,
    due_date           DATE        NOT NULL,
    created_at         DATETIME(6) NOT NULL,
    event_published_at DATETIME(6) NULL,
    UNIQUE KEY ux_bills_month_user (billing_month, user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS bill_lines (
    bill_id   BIGINT   NOT NULL,
    line_no   SMALLINT NOT NULL,
    line_type ENUM('BASE_FEE', 'ADDON_FEE', 'DEVICE_FEE', 'MICRO_PAYMENT', 'DISCOUNT', 'VAT') NOT NULL,
    item_id   BIGINT   NOT NULL,
    quantity  INT      NOT NULL,
    amount    BIGINT   NOT NULL,
    PRIMARY KEY (bill_id, line_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS settlement_runs (
    run_id           VARCHAR(64) NOT NULL PRIMARY KEY,
    billing_month    CHAR(7)     NOT NULL,
    status           ENUM('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED') NOT NULL,
    partitions_total INT         NOT NULL,
    partitions_done  INT         NOT NULL,
    bills_written    BIGINT      NOT NULL,
    events_published BIGINT      NOT NULL,
    started_at       DATETIME(6) NOT NULL,
    finished_at      DATETIME(6) NULL,
    error            TEXT        NULL,
    KEY ix_settlement_runs_month_started (billing_month, started_at),
    KEY ix_settlement_runs_started (started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS settlement_checkpoints (
    billing_month     CHAR(7)    NOT NULL,
    partition_no      INT        NOT NULL,
    after_user_id     BIGINT     NOT NULL,
    last_user_id      BIGINT     NOT NULL,
    committed_user_id BIGINT     NOT NULL,
    bills_written     BIGINT     NOT NULL,
    completed         TINYINT(1) NOT NULL,
    PRIMARY KEY (billing_month, partition_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS dataset_info (
    id            TINYINT     NOT NULL PRIMARY KEY CHECK (id = 1),
    seed          BIGINT      NOT NULL,
    users         INT         NOT NULL,
    billing_month CHAR(7)     NOT NULL,
    seeded_at     DATETIME(6) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
