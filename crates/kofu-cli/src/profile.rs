//! `kofu code check` and `kofu profile show|set`: the city's own particulars.

use kofu_core::municipality::AccountType;
use kofu_core::{MunicipalityCode, MunicipalityProfile};

use crate::args::*;
use crate::desk::{open, sign_in, Result};
use crate::output::emit;

pub fn check_code(cli: &Cli, code: &str) -> Result<()> {
    let check = kofu_api::check_code(code);
    emit(cli.json, &check, || match &check.message {
        None => format!("{}: 正しい団体コードです。", check.code),
        Some(m) => m.clone(),
    });
    Ok(())
}

pub fn profile(cli: &Cli, cmd: &ProfileCommand) -> Result<()> {
    let desk = open(cli)?;
    let actor = sign_in(cli, &desk)?;
    let show = |p: &MunicipalityProfile| {
        let kind = match p.bank.account_type {
            AccountType::Ordinary => "普通",
            AccountType::Current => "当座",
        };
        [
            format!("団体コード\t{}", p.code),
            format!("団体名\t{}", p.name),
            format!("長\t{} {}", p.mayor_title, p.mayor_name),
            format!("所在地\t〒{} {}", p.postal_code, p.address),
            format!("担当部署\t{}", p.department),
            format!("担当者\t{}", p.contact_name),
            format!("電話\t{}", p.contact_phone),
            format!("メール\t{}", p.contact_email),
            format!(
                "振込先\t{} {} {} {} {}",
                p.bank.bank_name,
                p.bank.branch_name,
                kind,
                p.bank.account_number,
                p.bank.account_holder
            ),
        ]
        .join("\n")
    };
    match cmd {
        ProfileCommand::Show => {
            let p = desk.profile(&actor)?;
            emit(cli.json, &p, || show(&p));
        }
        ProfileCommand::Set(f) => {
            let mut p = desk.profile(&actor)?;
            let text = |slot: &mut String, v: &Option<String>| {
                if let Some(v) = v {
                    *slot = v.clone();
                }
            };
            if let Some(c) = &f.code {
                p.code = MunicipalityCode::parse(c)?;
            }
            text(&mut p.name, &f.name);
            text(&mut p.mayor_title, &f.mayor_title);
            text(&mut p.mayor_name, &f.mayor_name);
            text(&mut p.postal_code, &f.postal_code);
            text(&mut p.address, &f.address);
            text(&mut p.department, &f.department);
            text(&mut p.contact_name, &f.contact_name);
            text(&mut p.contact_phone, &f.contact_phone);
            text(&mut p.contact_email, &f.contact_email);
            text(&mut p.bank.bank_name, &f.bank_name);
            text(&mut p.bank.branch_name, &f.branch_name);
            if let Some(t) = &f.account_type {
                p.bank.account_type = AccountType::parse(t)?;
            }
            text(&mut p.bank.account_number, &f.account_number);
            text(&mut p.bank.account_holder, &f.account_holder);
            let p = desk.update_profile(&actor, p)?;
            emit(cli.json, &p, || {
                format!("団体情報を更新しました。\n{}", show(&p))
            });
        }
    }
    Ok(())
}
