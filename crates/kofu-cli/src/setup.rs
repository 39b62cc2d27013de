//! `kofu init`, `kofu demo`, `kofu user …`: a city's first administrator, the demo data, and staff.

use kofu_api::dto::NewUserInput;
use kofu_api::FirstAdmin;
use kofu_core::{MunicipalityProfile, Role};
use serde_json::json;

use crate::args::*;
use crate::desk::{open, secret, sign_in, Result};
use crate::output::emit;

pub fn init(
    cli: &Cli,
    admin: &str,
    display_name: Option<&str>,
    profile: Option<ProfileName>,
) -> Result<()> {
    let password = secret(
        "KOFU_NEW_PASSWORD",
        &format!("{admin} の新しいパスワード: "),
    )?;
    let city = profile.map(|ProfileName::Chiba| MunicipalityProfile::chiba_demo());
    let desk = open(cli)?;
    let display = display_name.unwrap_or(admin);
    let actor = desk.init(
        &FirstAdmin {
            name: admin,
            display_name: display,
            password: &password,
        },
        city.as_ref(),
    )?;
    let status = desk.status()?;
    let out = json!({"database": status.database, "admin": actor.name(), "profile": city.as_ref().map(|p| p.code.to_string())});
    emit(cli.json, &out, || {
        format!(
            "初期設定が完了しました（{}）。管理者: {}",
            status.database.location,
            actor.name()
        )
    });
    Ok(())
}

pub fn demo(cli: &Cli, months: u32) -> Result<()> {
    let desk = open(cli)?;
    desk.load_demo()?;
    let months = desk.load_demo_history(months)?;
    let status = desk.status()?;
    let out = json!({"database": status.database, "users": ["admin", "clerk", "supervisor", "helpdesk"], "password": kofu_api::DEMO_PASSWORD, "months": months});
    emit(cli.json, &out, || {
        format!(
            "デモデータを作成しました（{}、J-LISデータ {months}か月分）。\nログイン名: admin, clerk, supervisor, helpdesk / パスワード: {}",
            status.database.location,
            kofu_api::DEMO_PASSWORD
        )
    });
    Ok(())
}

pub fn user(cli: &Cli, cmd: &UserCommand) -> Result<()> {
    let desk = open(cli)?;
    let actor = sign_in(cli, &desk)?;
    let show = |u: &kofu_api::dto::UserDto| {
        format!(
            "{}\t{}\t{}{}",
            u.name,
            u.display_name,
            u.role.label_ja(),
            if u.locked { "\tロック中" } else { "" }
        )
    };
    match cmd {
        UserCommand::Add {
            name,
            role: r,
            display_name,
        } => {
            let password = secret("KOFU_NEW_PASSWORD", &format!("{name} の新しいパスワード: "))?;
            let input = NewUserInput {
                name: name.clone(),
                display_name: display_name.clone().unwrap_or_else(|| name.clone()),
                role: role(*r),
                password,
            };
            let u = desk.add_user(&actor, &input)?;
            emit(cli.json, &u, || format!("職員を登録しました: {}", show(&u)));
        }
        UserCommand::List => {
            let users = desk.users(&actor)?;
            emit(cli.json, &users, || {
                users.iter().map(show).collect::<Vec<_>>().join("\n")
            });
        }
        UserCommand::Role { name, role: r } => {
            let u = desk.set_role(&actor, name, role(*r))?;
            emit(cli.json, &u, || format!("権限を変更しました: {}", show(&u)));
        }
        UserCommand::Unlock { name } => {
            let u = desk.unlock_user(&actor, name)?;
            emit(cli.json, &u, || {
                format!("ロックを解除しました: {}", show(&u))
            });
        }
    }
    Ok(())
}

fn role(r: RoleArg) -> Role {
    match r {
        RoleArg::Clerk => Role::Clerk,
        RoleArg::Supervisor => Role::Supervisor,
        RoleArg::Helpdesk => Role::Helpdesk,
        RoleArg::Admin => Role::Admin,
    }
}
