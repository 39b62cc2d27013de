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

/// Removes `key`; removing a key that is not there is not an error.
pub fn delete(tx: &mut dyn Sql, key: &str) -> Result<()> {
    tx.execute("DELETE FROM settings WHERE key = $1", params![key])?;
    Ok(())
}

/// Sets `key` only when it has no value yet, and answers the value it has afterwards: when two
/// desks race to create the same key, both get the one that was stored first.
pub fn get_or_insert(tx: &mut dyn Sql, key: &str, value: &str) -> Result<String> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        params![key, value],
    )?;
    Ok(get(tx, key)?.unwrap_or_else(|| value.to_string()))
}
