-- The certificate catalogue (第7条–第9条): effective-dated fees and commissions, versions of the
-- service hours, suspensions, four-eyes change requests, and the correspondence log with J-LIS.
CREATE TABLE fee_rules (
    kind        TEXT NOT NULL,
    from_date   TEXT NOT NULL,
    document    TEXT NOT NULL, -- FeeRule as JSON
    PRIMARY KEY (kind, from_date)
);

-- scope: a kind code, or '*' for every kind without its own rule.
CREATE TABLE commission_rules (
    scope       TEXT NOT NULL,
    from_date   TEXT NOT NULL,
    document    TEXT NOT NULL, -- CommissionRule as JSON
    PRIMARY KEY (scope, from_date)
);

-- The service hours in force from a day on (ServiceHours as JSON); the latest version whose
-- effective_from is on or before a day applies to it, so past months keep their hours.
CREATE TABLE service_hours (
    effective_from  TEXT PRIMARY KEY,
    document        TEXT NOT NULL
);

CREATE TABLE suspensions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL CHECK (kind IN ('planned', 'emergency')),
    from_at     TEXT NOT NULL,
    until_at    TEXT NOT NULL,
    document    TEXT NOT NULL, -- Suspension as JSON
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX suspensions_from ON suspensions (from_at);

CREATE TABLE change_requests (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    state           TEXT NOT NULL,
    effective_from  TEXT NOT NULL,
    drafted_by      TEXT NOT NULL,
    document        TEXT NOT NULL -- ChangeRequest as JSON
);

-- Document numbers (文書番号) per 年度 and series.
CREATE TABLE document_numbers (
    fiscal_year  BIGINT NOT NULL,
    series       TEXT NOT NULL,
    last_number  BIGINT NOT NULL,
    PRIMARY KEY (fiscal_year, series)
);

-- Every notice to and from J-LIS (第13条).
CREATE TABLE correspondence (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    at               TEXT NOT NULL,
    direction        TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
    category         TEXT NOT NULL,
    subject          TEXT NOT NULL,
    document_number  TEXT,
    body             TEXT NOT NULL DEFAULT '',
    attachments      TEXT NOT NULL DEFAULT '[]', -- [{"name", "path", "bytes", "sha256"}]
    change_request   BIGINT,
    recorded_by      TEXT NOT NULL
);
CREATE INDEX correspondence_at ON correspondence (at);
