//! `kofu invoice draft|approve|return|pdf|sent|paid|correct|list` and `kofu settlement
//! statement|export` (CLI.md): the 請求書's life and the month's documents. The use cases are
//! `kofu_api::invoices`.

use std::path::Path;

use kofu_api::invoices::InvoiceDto;
use kofu_api::Error;
use kofu_core::money::Yen;
use kofu_core::TargetMonth;
use serde_json::json;

use crate::args::*;
use crate::desk::{date_arg, open, sign_in, Result};
use crate::output::emit;

pub fn invoice(cli: &Cli, cmd: &InvoiceCommand) -> Result<()> {
    let desk = open(cli)?;
    let actor = sign_in(cli, &desk)?;
    let one = |i: InvoiceDto, done: &str| {
        emit(cli.json, &i, || format!("{done}\n{}", line(&i)));
    };
    match cmd {
        InvoiceCommand::Draft { month } => {
            let month = TargetMonth::parse(month)?;
            one(desk.draft_invoice(&actor, month)?, "請求書を起案しました。");
        }
        InvoiceCommand::Approve { id } => {
            one(desk.approve_invoice(&actor, *id)?, "請求書を承認しました。");
        }
        InvoiceCommand::Return { id, reason } => {
            one(
                desk.return_invoice(&actor, *id, reason)?,
                "請求書を差し戻しました。",
            );
        }
        InvoiceCommand::Pdf { id, out } => {
            let pdf = desk.invoice_pdf(&actor, *id)?;
            write(out, &pdf.contents)?;
            emit(
                cli.json,
                &json!({"file": out.display().to_string(), "bytes": pdf.contents.len()}),
                || {
                    format!(
                        "{} に保存しました（{}バイト）。",
                        out.display(),
                        pdf.contents.len()
                    )
                },
            );
        }
        InvoiceCommand::Sent { id, on } => {
            let on = date_arg("on", on)?;
            one(
                desk.mark_invoice_sent(&actor, *id, on)?,
                "送付日を登録しました。",
            );
        }
        InvoiceCommand::Paid { id, on, amount } => {
            let on = date_arg("on", on)?;
            let amount = Yen::parse(amount)?;
            one(
                desk.mark_invoice_paid(&actor, *id, on, amount)?,
                "入金を登録しました。",
            );
        }
        InvoiceCommand::Correct { id, reason } => {
            one(
                desk.correct_invoice(&actor, *id, reason)?,
                "訂正請求を起案しました。",
            );
        }
        InvoiceCommand::List { month } => {
            let month = month.as_deref().map(TargetMonth::parse).transpose()?;
            let list = desk.invoices(&actor, month)?;
            emit(cli.json, &list, || {
                if list.is_empty() {
                    "請求書はありません。".into()
                } else {
                    list.iter().map(line).collect::<Vec<_>>().join("\n")
                }
            });
        }
    }
    Ok(())
}

/// `kofu settlement show|statement|export` (`show` is [`crate::intake::settlement`]).
pub fn settlement(cli: &Cli, cmd: &SettlementCommand) -> Result<()> {
    if let SettlementCommand::Show { month } = cmd {
        return crate::intake::settlement(cli, month);
    }
    let desk = open(cli)?;
    let actor = sign_in(cli, &desk)?;
    let (out, contents) = match cmd {
        SettlementCommand::Show { .. } => return Ok(()),
        SettlementCommand::Statement { month, out } => {
            let month = TargetMonth::parse(month)?;
            (out, desk.settlement_statement_pdf(&actor, month)?.contents)
        }
        SettlementCommand::Export { month, out } => {
            let month = TargetMonth::parse(month)?;
            (out, desk.settlement_export(&actor, month)?)
        }
    };
    write(out, &contents)?;
    emit(
        cli.json,
        &json!({"file": out.display().to_string(), "bytes": contents.len()}),
        || {
            format!(
                "{} に保存しました（{}バイト）。",
                out.display(),
                contents.len()
            )
        },
    );
    Ok(())
}

fn write(out: &Path, contents: &[u8]) -> Result<()> {
    std::fs::write(out, contents)
        .map_err(|e| Error::internal(format!("writing {}: {e}", out.display())))
}

fn line(i: &InvoiceDto) -> String {
    let mut s = format!(
        "{}\t{}\t{}\t{}\t{}",
        i.id,
        i.target_month,
        i.status.label_ja(),
        i.amount,
        i.document_number.as_deref().unwrap_or("（番号未採番）")
    );
    if let Some(r) = i.replaces {
        s.push_str(&format!("\t訂正元 {r}"));
    }
    if i.sent_late == Some(true) {
        s.push_str("\t送付遅延");
    }
    if let Some(d) = i.difference.filter(|d| *d != Yen::ZERO) {
        s.push_str(&format!("\t入金差額 {d}"));
    }
    if i.paid_late == Some(true) {
        s.push_str("\t入金遅延");
    }
    if i.overdue {
        s.push_str("\t期限超過");
    }
    s
}
