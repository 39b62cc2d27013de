//! `kofu statement|notices import`, `kofu reconcile`, `kofu settlement show`.

use kofu_api::Error;
use kofu_core::{DomainError, TargetMonth};

use crate::args::*;
use crate::desk::{open, sign_in, Result};
use crate::output::emit;

fn unreadable(file: &std::path::Path, e: std::io::Error) -> Error {
    DomainError::new(
        "file",
        format!("ファイル '{}' を読めません。", file.display()),
        format!("cannot read {}: {e}", file.display()),
    )
    .into()
}

/// `1,234円`, as the core writes yen.
pub fn statement(cli: &Cli, cmd: &StatementCommand) -> Result<()> {
    let desk = open(cli)?;
    let (s, warning) = match cmd {
        StatementCommand::Import { file } => {
            let bytes = std::fs::read(file).map_err(|e| unreadable(file, e))?;
            let actor = sign_in(cli, &desk)?;
            (desk.import_statement(&actor, &bytes)?, None)
        }
        StatementCommand::Pull { month } => {
            let month = TargetMonth::parse(month)?;
            let actor = sign_in(cli, &desk)?;
            // The settings and the OS credential store, or KOFU_JLIS_URL / KOFU_JLIS_TOKEN.
            let pulled = desk.pull_statement(&actor, month, desk.jlis_connection()?)?;
            (pulled.import, pulled.warning)
        }
    };
    if let Some(w) = &warning {
        eprintln!("警告: {w}");
    }
    let out = match &warning {
        Some(w) => {
            let mut v = serde_json::to_value(&s).expect("serialisable");
            v["warning"] = serde_json::json!(w);
            v
        }
        None => serde_json::to_value(&s).expect("serialisable"),
    };
    emit(cli.json, &out, || {
        let state = if s.status == "unchanged" {
            "取込済みと同じ内容です（変更なし）"
        } else {
            "取り込みました"
        };
        let kind = if s.finalized { "確定" } else { "速報" };
        format!(
            "{} の取扱い実績データ（{kind}）を{state}。\n{}件 交付 {}件 {}通 手数料 {} 委託手数料 {}",
            s.target_month, s.records, s.issuances, s.copies, s.fees, s.commissions
        )
    });
    Ok(())
}

pub fn notices(cli: &Cli, cmd: &NoticesCommand) -> Result<()> {
    let NoticesCommand::Import { file } = cmd;
    let reader = std::fs::File::open(file).map_err(|e| unreadable(file, e))?;
    let desk = open(cli)?;
    let actor = sign_in(cli, &desk)?;
    let n = desk.import_notices(&actor, std::io::BufReader::with_capacity(1 << 16, reader))?;
    emit(cli.json, &n, || {
        format!(
            "完了通知を取り込みました: 新規 {}件、取込済み {}件",
            n.imported, n.unchanged
        )
    });
    Ok(())
}

pub fn reconcile(cli: &Cli, month: &str) -> Result<()> {
    let month = TargetMonth::parse(month)?;
    let desk = open(cli)?;
    let actor = sign_in(cli, &desk)?;
    let r = desk.reconcile(&actor, month)?;
    emit(cli.json, &r, || {
        let mut lines = vec![if r.matched {
            format!(
                "{}: 完了通知と取扱い実績データは一致しています。",
                r.target_month
            )
        } else {
            format!(
                "{}: 差異が {}件 あります。",
                r.target_month,
                r.differences.len()
            )
        }];
        for d in &r.differences {
            lines.push(format!(
                "  {} 事業者{} 種別{}: 実績 {}件/{}通/{} ・ 通知 {}件/{}通/{}",
                d.date,
                d.operator,
                d.kind,
                d.statement.issuances,
                d.statement.copies,
                d.statement.fees,
                d.notices.issuances,
                d.notices.copies,
                d.notices.fees
            ));
        }
        if !r.out_of_hours.is_empty() {
            lines.push(format!("提供時間外の交付: {}件", r.out_of_hours.len()));
        }
        if !r.commission_findings.is_empty() {
            lines.push(format!(
                "委託手数料が設定と異なる行: {}件",
                r.commission_findings.len()
            ));
        }
        lines.join("\n")
    });
    Ok(())
}

pub fn settlement(cli: &Cli, month: &str) -> Result<()> {
    let month = TargetMonth::parse(month)?;
    let desk = open(cli)?;
    let actor = sign_in(cli, &desk)?;
    let s = desk.settlement(&actor, month)?;
    emit(cli.json, &s, || {
        let mut lines = vec![format!(
            "{}{}: 交付手数料 {} − 委託手数料 {} = 差引 {}",
            s.target_month,
            if s.finalized { "" } else { "（速報）" },
            s.fees,
            s.commissions,
            s.net
        )];
        for o in &s.by_operator {
            lines.push(format!(
                "  事業者 {}: {} − {} = {}",
                o.code, o.fees, o.commissions, o.net
            ));
        }
        lines.join("\n")
    });
    Ok(())
}
