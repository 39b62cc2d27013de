//! Small key/value settings of the installation (e.g. whether it holds demo data).

use crate::{params, Result, Sql};

pub fn get(tx: &mut dyn Sql, key: &str) -> Result<Option<String>> {
    tx.query_opt("SELECT value FROM settings WHERE key = $1", params![key])?
        .map(|r| r.text(0))
        .transpose()
}

pub fn set(tx: &mut dyn Sql, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
