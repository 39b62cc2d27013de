//! The municipality profile: one row, the profile kept as a JSON document.

use chrono::NaiveDateTime;
use kofu_core::MunicipalityProfile;

use crate::{params, Result, Sql, StoreError};

pub fn get(tx: &mut dyn Sql) -> Result<Option<MunicipalityProfile>> {
    let Some(row) = tx.query_opt(
        "SELECT document FROM municipality_profile WHERE id = 1",
        &[],
    )?
    else {
        return Ok(None);
    };
    let doc = row.text(0)?;
    serde_json::from_str(&doc)
        .map(Some)
        .map_err(|e| StoreError::Decode {
            column: 0,
            detail: format!("profile document: {e}"),
        })
}

pub fn put(tx: &mut dyn Sql, profile: &MunicipalityProfile, now: NaiveDateTime) -> Result<()> {
    let doc = serde_json::to_string(profile).expect("a profile serialises");
    let code = profile.code.to_string();
    let changed = tx.execute(
        "UPDATE municipality_profile SET code = $1, document = $2, updated_at = $3 WHERE id = 1",
        params![code.as_str(), doc.as_str(), now],
    )?;
    if changed == 0 {
        tx.execute(
            "INSERT INTO municipality_profile (id, code, document, updated_at) VALUES (1, $1, $2, $3)",
            params![code, doc, now],
        )?;
    }
    Ok(())
}
