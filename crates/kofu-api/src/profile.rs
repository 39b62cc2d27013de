//! The municipality profile: everyone reads it, an admin edits it.

use kofu_core::{Action, MunicipalityProfile, Role};
use kofu_store::{profile, staff};
use serde_json::json;

use crate::dto::Dashboard;
use crate::{authorize, record, Actor, Desk, Error, Result};

/// The profile as a role may see it: the account number masked for all but admins.
fn view(mut p: MunicipalityProfile, role: Role) -> MunicipalityProfile {
    if role != Role::Admin {
        p.bank.account_number = p.bank.masked_number();
    }
    p
}

/// The profile as it may appear in the audit trail (account number always masked).
fn audit_view(p: &MunicipalityProfile) -> serde_json::Value {
    let mut v = serde_json::to_value(p).expect("a profile serialises");
    v["bank"]["account_number"] = json!(p.bank.masked_number());
    v
}

fn missing() -> Error {
    Error::not_found("団体情報", "municipality profile")
}

impl Desk {
    pub fn profile(&self, actor: &Actor) -> Result<MunicipalityProfile> {
        self.tx(|tx| {
            let role = authorize(tx, actor, Action::ViewProfile)?;
            Ok(view(profile::get(tx)?.ok_or_else(missing)?, role))
        })
    }

    /// Replaces the profile. A masked account number sent back unchanged keeps the stored one.
    pub fn update_profile(
        &self,
        actor: &Actor,
        mut new: MunicipalityProfile,
    ) -> Result<MunicipalityProfile> {
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::EditProfile)?;
            let old = profile::get(tx)?;
            if let Some(old) = &old {
                if new.bank.account_number.contains('*')
                    && new.bank.account_number == old.bank.masked_number()
                {
                    new.bank.account_number = old.bank.account_number.clone();
                }
            }
            new.validate()?;
            profile::put(tx, &new, now)?;
            let before = old.as_ref().map_or(json!({}), audit_view);
            let changes = kofu_core::audit::changes(&before, &audit_view(&new));
            record(tx, now, actor.name(), "profile.update", "profile", changes)?;
            Ok(new)
        })
    }

    pub fn dashboard(&self, actor: &Actor) -> Result<Dashboard> {
        let today = self.clock.today();
        self.tx(|tx| {
            let role = authorize(tx, actor, Action::ViewProfile)?;
            let user = staff::by_id(tx, actor.id())?.ok_or(Error::Unauthenticated)?;
            let profile = view(profile::get(tx)?.ok_or_else(missing)?, role);
            Ok(Dashboard {
                user: user.into(),
                profile,
                today: today.format("%Y-%m-%d").to_string(),
            })
        })
    }
}
