//! Signing in: password check, lockout after repeated failures, and the session's view.

use kofu_core::staff::{verify_password, MAX_FAILED_LOGINS};
use kofu_core::{Action, Role};
use kofu_store::{profile, staff};
use serde_json::json;

use crate::dto::SessionDto;
use crate::{record, Actor, Desk, Error, Result};

impl Desk {
    /// Checks name and password. Failures are counted and audited; the account locks after
    /// [`MAX_FAILED_LOGINS`] in a row, and a locked account is refused even with the right password.
    pub fn login(&self, name: &str, password: &str) -> Result<Actor> {
        let now = self.now();
        // Verify outside the transaction: argon2 is deliberately slow and must not hold the lock.
        let account = self.tx(|tx| Ok(staff::by_name(tx, name)?))?;
        let Some(account) = account else {
            // Spend the same effort as for a real account, so timing does not reveal names.
            let _ = verify_password(password, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$XwY0ci7ycvbWkBB0Px4pmgZ4Mk9Pv7Kk9LPZHfc0HSU");
            if self.tx(|tx| Ok(staff::count(tx)?))? == 0 {
                return Err(Error::NotInitialized);
            }
            return Err(Error::InvalidCredentials);
        };
        let ok = verify_password(password, &account.password_hash);
        self.tx(|tx| {
            let target = format!("user:{}", account.name);
            if account.locked || !account.active {
                record(
                    tx,
                    now,
                    &account.name,
                    "login.refused",
                    &target,
                    json!({"locked": account.locked}),
                )?;
                return Ok(Err(Error::Locked(account.name.clone())));
            }
            if !ok {
                let failures = staff::record_failed_login(tx, account.id, MAX_FAILED_LOGINS)?;
                let locked = failures >= MAX_FAILED_LOGINS;
                record(
                    tx,
                    now,
                    &account.name,
                    "login.failed",
                    &target,
                    json!({"failures": failures, "locked": locked}),
                )?;
                return Ok(Err(if locked {
                    Error::Locked(account.name.clone())
                } else {
                    Error::InvalidCredentials
                }));
            }
            staff::record_login(tx, account.id, now)?;
            record(tx, now, &account.name, "login", &target, json!({}))?;
            Ok(Ok(Actor {
                id: account.id,
                name: account.name.clone(),
                role: account.role,
            }))
        })?
    }

    /// What the shell shows of the signed-in user.
    pub fn session(&self, actor: &Actor) -> Result<SessionDto> {
        self.tx(|tx| {
            let account = staff::by_id(tx, actor.id)?.ok_or(Error::Unauthenticated)?;
            let municipality_name = profile::get(tx)?.map(|p| p.name);
            let actions = actions_of(account.role);
            Ok(SessionDto {
                user: account.into(),
                municipality_name,
                actions,
            })
        })
    }
}

/// What `role` may do, in [`Action::ALL`]'s order.
pub fn actions_of(role: Role) -> Vec<Action> {
    Action::ALL.into_iter().filter(|&a| role.may(a)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The UI's component tests sign in with these lists (`ui/src/test/fixtures.ts` imports the
    /// file), so they show what the core allows, not a copy of the matrix. Written here like the
    /// ts-rs bindings: the CI's stale-bindings check fails when it is not committed.
    #[test]
    fn the_ui_fixture_of_actions_by_role_is_the_core_matrix() {
        let by_role: serde_json::Map<String, serde_json::Value> = Role::ALL
            .into_iter()
            .map(|r| (r.as_str().to_owned(), json!(actions_of(r))))
            .collect();
        let text = format!("{}\n", serde_json::to_string_pretty(&by_role).unwrap());
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../ui/src/bindings/actionsByRole.json");
        std::fs::write(&path, &text).expect("ui/src/bindings is writable");
        assert_eq!(
            by_role["helpdesk"],
            json!([
                "view_profile",
                "view_calendar",
                "view_catalogue",
                "handle_complaints",
                "view_resident_data",
                "view_cases",
                "view_correspondence"
            ]),
            "the help desk reads the catalogue and answers complaints (DOMAIN.md roles)"
        );
    }
}
