-- Foundation: the city's profile, staff, settings and the append-only audit trail.
CREATE TABLE municipality_profile (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    code        TEXT NOT NULL,
    document    TEXT NOT NULL, -- the profile as JSON (MunicipalityProfile)
    updated_at  TEXT NOT NULL
);

CREATE TABLE staff (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    name           TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'helpdesk', 'admin')),
    password_hash  TEXT NOT NULL,
    active         INTEGER NOT NULL DEFAULT 1,
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked         INTEGER NOT NULL DEFAULT 0,
    last_login_at  TEXT,
    created_at     TEXT NOT NULL
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    target     TEXT NOT NULL,
    summary    TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

-- The newest (seq, hash): deleting the latest entries is detected against it.
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Master data (INTERFACES.md, "Default master data"): editable by the city.
CREATE TABLE operators (
    code  TEXT PRIMARY KEY,
    name  TEXT NOT NULL
);

CREATE TABLE certificate_kinds (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    enabled  BIGINT NOT NULL DEFAULT 1
);

-- The city's own closures (閉庁日) beyond weekends, national holidays and 12/29–1/3.
CREATE TABLE closures (
    date    TEXT PRIMARY KEY, -- YYYY-MM-DD
    reason  TEXT NOT NULL
);

-- A newer Cabinet Office holiday list imported by an admin (replaces the shipped snapshot).
CREATE TABLE holiday_list (
    id           BIGINT PRIMARY KEY CHECK (id = 1),
    csv          TEXT NOT NULL, -- decoded to UTF-8
    first_year   BIGINT NOT NULL,
    last_year    BIGINT NOT NULL,
    imported_at  TEXT NOT NULL,
    imported_by  TEXT NOT NULL
);
