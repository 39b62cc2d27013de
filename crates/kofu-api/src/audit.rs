//! Reading and verifying the audit trail (admins and supervisors).

use kofu_core::audit::{verify, AuditRecord, Verification};
use kofu_core::Action;
use kofu_store::audit;

use crate::{authorize, Actor, Desk, Result};

impl Desk {
    /// Recomputes the hash chain over every entry and compares it with the stored head.
    pub fn verify_audit(&self, actor: &Actor) -> Result<Verification> {
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewAudit)?;
            Ok(verify(audit::all(tx)?, audit::head(tx)?))
        })
    }

    pub fn recent_audit(&self, actor: &Actor, limit: i64) -> Result<Vec<AuditRecord>> {
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewAudit)?;
            Ok(audit::recent(tx, limit)?)
        })
    }
}
