-- Invoices to J-LIS (請求書; kofu-store invoices.rs, the only writer). One row per invoice; a
-- correction (訂正請求) is a new row naming the one it replaces. The review is kept as the core's
-- JSON (kofu_core::review::Review); status, drafted_by and approved_by repeat what it says so that
-- queries and the rules below can read them.
CREATE TABLE invoices (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    target_month       TEXT NOT NULL,      -- YYYY-MM
    amount             BIGINT NOT NULL,    -- yen: the month's net when drafted
    status             TEXT NOT NULL
        CHECK (status IN ('draft', 'returned', 'approved', 'sent', 'paid', 'superseded')),
    review             TEXT NOT NULL,
    drafted_by         TEXT NOT NULL,
    drafted_at         TEXT NOT NULL,
    approved_by        TEXT,
    document_number    TEXT,
    replaces           BIGINT REFERENCES invoices (id),
    correction_reason  TEXT,
    sent_on            TEXT,
    paid_on            TEXT,
    paid_amount        BIGINT,
    CHECK ((document_number IS NULL) = (status IN ('draft', 'returned'))),
    CHECK ((approved_by IS NULL) = (status IN ('draft', 'returned'))),
    CHECK ((replaces IS NULL) = (correction_reason IS NULL)),
    CHECK (status NOT IN ('sent', 'paid') OR sent_on IS NOT NULL),
    CHECK ((paid_on IS NULL) = (paid_amount IS NULL)),
    CHECK (paid_on IS NULL OR sent_on IS NOT NULL)
);

-- A month has at most one live invoice (neither returned nor superseded), and an invoice at most
-- one live correction: two desks drafting the same month at once cannot both succeed.
CREATE UNIQUE INDEX invoices_live ON invoices (target_month, COALESCE(replaces, 0))
    WHERE status IN ('draft', 'approved', 'sent', 'paid');

-- After approval nothing of an invoice changes (DOMAIN.md): only the sent and paid marks, each
-- set once, and being superseded. The use cases never try; this refuses anyone who does.
CREATE TRIGGER invoices_fixed_after_approval
BEFORE UPDATE ON invoices
WHEN OLD.status IN ('approved', 'sent', 'paid', 'superseded') AND (
       NEW.target_month IS NOT OLD.target_month
    OR NEW.amount IS NOT OLD.amount
    OR NEW.review IS NOT OLD.review
    OR NEW.drafted_by IS NOT OLD.drafted_by
    OR NEW.drafted_at IS NOT OLD.drafted_at
    OR NEW.approved_by IS NOT OLD.approved_by
    OR NEW.document_number IS NOT OLD.document_number
    OR NEW.replaces IS NOT OLD.replaces
    OR NEW.correction_reason IS NOT OLD.correction_reason
    OR (OLD.sent_on IS NOT NULL AND NEW.sent_on IS NOT OLD.sent_on)
    OR (OLD.paid_on IS NOT NULL
        AND (NEW.paid_on IS NOT OLD.paid_on OR NEW.paid_amount IS NOT OLD.paid_amount))
    OR NEW.status NOT IN ('approved', 'sent', 'paid', 'superseded')
    OR (OLD.status = 'superseded' AND NEW.status <> 'superseded')
)
BEGIN
    SELECT RAISE(ABORT, 'invoice_fixed: an approved invoice is never changed');
END;

CREATE TRIGGER invoices_kept_after_approval
BEFORE DELETE ON invoices
WHEN OLD.status IN ('approved', 'sent', 'paid', 'superseded')
BEGIN
    SELECT RAISE(ABORT, 'invoice_fixed: an approved invoice is never deleted');
END;
