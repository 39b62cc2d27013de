//! Staff and roles, managed by an admin.

use kofu_core::staff::{
    hash_password, validate_display_name, validate_password, validate_user_name,
};
use kofu_core::{Action, DomainError, Role};
use kofu_store::{staff, Sql, StoreError};
use serde_json::json;

use crate::dto::{NewUserInput, UserDto};
use crate::{authorize, record, Actor, Desk, Error, Result};

fn by_name(tx: &mut dyn Sql, name: &str) -> Result<staff::StaffRecord> {
    staff::by_name(tx, name)?
        .ok_or_else(|| Error::not_found(format!("職員 '{name}'"), format!("user '{name}'")))
}

impl Desk {
    pub fn users(&self, actor: &Actor) -> Result<Vec<UserDto>> {
        self.tx(|tx| {
            authorize(tx, actor, Action::ManageUsers)?;
            Ok(staff::list(tx)?.into_iter().map(UserDto::from).collect())
        })
    }

    pub fn add_user(&self, actor: &Actor, input: &NewUserInput) -> Result<UserDto> {
        validate_user_name(&input.name)?;
        validate_display_name(&input.display_name)?;
        validate_password(&input.password)?;
        let hash = hash_password(&input.password);
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::ManageUsers)?;
            let new = staff::NewStaff {
                name: &input.name,
                display_name: input.display_name.trim(),
                role: input.role,
                password_hash: &hash,
            };
            let created = staff::insert(tx, &new, now).map_err(|e| match e {
                StoreError::Unique(_) => Error::Validation(DomainError::new(
                    "name",
                    format!("ログイン名 '{}' は既に使われています。", input.name),
                    format!("user name '{}' is taken", input.name),
                )),
                e => e.into(),
            })?;
            record(
                tx,
                now,
                actor.name(),
                "user.add",
                &format!("user:{}", input.name),
                json!({"role": input.role.as_str(), "display_name": created.display_name}),
            )?;
            Ok(created.into())
        })
    }

    /// Changes a role. The last active administrator cannot be demoted (nobody could manage
    /// users any more).
    pub fn set_role(&self, actor: &Actor, name: &str, role: Role) -> Result<UserDto> {
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::ManageUsers)?;
            let user = by_name(tx, name)?;
            if user.role == role {
                return Ok(user.into());
            }
            if user.role == Role::Admin && staff::count_active_admins(tx)? <= 1 {
                return Err(Error::conflict(
                    "最後のシステム管理者の権限は変更できません。先に別の管理者を登録してください。",
                    "cannot demote the last active administrator",
                ));
            }
            staff::set_role(tx, user.id, role)?;
            record(tx, now, actor.name(), "user.role", &format!("user:{name}"), json!({"role": [user.role.as_str(), role.as_str()]}))?;
            Ok(by_name(tx, name)?.into())
        })
    }

    pub fn unlock_user(&self, actor: &Actor, name: &str) -> Result<UserDto> {
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::ManageUsers)?;
            let user = by_name(tx, name)?;
            staff::unlock(tx, user.id)?;
            record(
                tx,
                now,
                actor.name(),
                "user.unlock",
                &format!("user:{name}"),
                json!({"locked": [user.locked, false]}),
            )?;
            Ok(by_name(tx, name)?.into())
        })
    }
}
