-- J-LIS data intake (第4条, 第14条): monthly statements (finalized ones immutable) and the
-- per-issuance completion notices with their cancellations and corrections kept as history.
CREATE TABLE statements (
    target_month  TEXT PRIMARY KEY, -- YYYY-MM
    finalized     BIGINT NOT NULL,  -- 1 確定, 0 速報
    created_at    TEXT NOT NULL,    -- 作成日時 of the file
    digest        TEXT NOT NULL,    -- sha-256 of the records (same content, same digest)
    records       BIGINT NOT NULL,
    issuances     BIGINT NOT NULL,
    copies        BIGINT NOT NULL,
    fees          BIGINT NOT NULL,
    commissions   BIGINT NOT NULL,
    imported_at   TEXT NOT NULL,
    imported_by   TEXT NOT NULL
);

CREATE TABLE statement_lines (
    target_month  TEXT NOT NULL,
    day           TEXT NOT NULL,
    operator      TEXT NOT NULL,
    kind          TEXT NOT NULL,
    issuances     BIGINT NOT NULL,
    copies        BIGINT NOT NULL,
    fees          BIGINT NOT NULL,
    commissions   BIGINT NOT NULL,
    PRIMARY KEY (target_month, day, operator, kind)
);

CREATE TABLE completion_notices (
    id           TEXT PRIMARY KEY, -- 交付番号
    at           TEXT NOT NULL,
    operator     TEXT NOT NULL,
    store        TEXT NOT NULL,
    kiosk        TEXT NOT NULL,
    kind         TEXT NOT NULL,
    copies       BIGINT NOT NULL,
    fee          BIGINT NOT NULL,
    commission   BIGINT NOT NULL,
    action       BIGINT NOT NULL, -- 0 issuance, 1 cancellation, 2 correction
    original_id  TEXT
);
CREATE INDEX completion_notices_at ON completion_notices (at);
