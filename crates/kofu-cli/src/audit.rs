//! `kofu audit verify`: the hash chain of the audit log.

use crate::args::*;
use crate::desk::{open, sign_in, Result};
use crate::output::emit;

pub fn verify(cli: &Cli) -> Result<()> {
    let desk = open(cli)?;
    let actor = sign_in(cli, &desk)?;
    let v = desk.verify_audit(&actor)?;
    if !v.intact {
        eprintln!(
            "警告: 監査ログの改ざんまたは削除を検出しました（{}件）。",
            v.problems.len()
        );
    }
    emit(cli.json, &v, || {
        if v.intact {
            format!("監査ログ {}件: 改ざんは検出されませんでした。", v.entries)
        } else {
            let lines: Vec<String> = v
                .problems
                .iter()
                .map(|p| format!("  #{} {}", p.seq, p.kind))
                .collect();
            format!(
                "監査ログ {}件: 異常があります。\n{}",
                v.entries,
                lines.join("\n")
            )
        }
    });
    Ok(())
}
