-- Reconciling a month reads these running totals instead of every notice of the month (200,000
-- in a large city's busiest months). The notices import (kofu-store intake.rs, the only writer of
-- completion_notices) keeps them in the same transaction as the notices it stores.

-- The issuances (処理区分 0) stored in completion_notices, per day of 交付日時, operator and kind,
-- whether later cancelled or corrected or not (reconciliation applies the changes itself), with
-- the earliest and latest 交付日時 of the group: when both lie in one service window, so does
-- every issuance of the group, and reconciliation need not look at them one by one.
CREATE TABLE notice_totals (
    day          TEXT NOT NULL,   -- YYYY-MM-DD
    operator     TEXT NOT NULL,
    kind         TEXT NOT NULL,
    issuances    BIGINT NOT NULL,
    copies       BIGINT NOT NULL,
    fees         BIGINT NOT NULL,
    commissions  BIGINT NOT NULL,
    first_at     TEXT NOT NULL,
    last_at      TEXT NOT NULL,
    PRIMARY KEY (day, operator, kind)
);

INSERT INTO notice_totals (day, operator, kind, issuances, copies, fees, commissions, first_at, last_at)
SELECT substr(at, 1, 10), operator, kind, CAST(COUNT(*) AS BIGINT), CAST(SUM(copies) AS BIGINT),
       CAST(SUM(fee) AS BIGINT), CAST(SUM(commission) AS BIGINT), MIN(at), MAX(at)
FROM completion_notices WHERE action = 0
GROUP BY substr(at, 1, 10), operator, kind;

-- The cancellations and corrections (about 1.5 % of the notices) of a month, found without
-- reading its issuances.
CREATE INDEX completion_notices_changes ON completion_notices (at) WHERE action <> 0;
