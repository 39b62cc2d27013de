//! Master data: the operators (事業者) and certificate kinds (証明書種別) the city recognises.

use crate::{params, Result, Sql};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeName {
    pub code: String,
    pub name: String,
}

pub fn upsert_operator(tx: &mut dyn Sql, code: &str, name: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO operators (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = excluded.name",
        params![code, name],
    )?;
    Ok(())
}

pub fn operators(tx: &mut dyn Sql) -> Result<Vec<CodeName>> {
    tx.query("SELECT code, name FROM operators ORDER BY code", &[])?
        .iter()
        .map(|r| {
            Ok(CodeName {
                code: r.text(0)?,
                name: r.text(1)?,
            })
        })
        .collect()
}

pub fn upsert_kind(tx: &mut dyn Sql, code: &str, name: &str, enabled: bool) -> Result<()> {
    tx.execute(
        "INSERT INTO certificate_kinds (code, name, enabled) VALUES ($1, $2, $3)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, enabled = excluded.enabled",
        params![code, name, enabled],
    )?;
    Ok(())
}

/// (code, name, enabled), ordered by code.
pub fn kinds(tx: &mut dyn Sql) -> Result<Vec<(CodeName, bool)>> {
    tx.query(
        "SELECT code, name, enabled FROM certificate_kinds ORDER BY code",
        &[],
    )?
    .iter()
    .map(|r| {
        Ok((
            CodeName {
                code: r.text(0)?,
                name: r.text(1)?,
            },
            r.bool(2)?,
        ))
    })
    .collect()
}
