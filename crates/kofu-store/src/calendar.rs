//! The city's calendar data: extra closures and an imported holiday list.

use chrono::{NaiveDate, NaiveDateTime};

use crate::{params, Result, Sql};

pub fn closures(tx: &mut dyn Sql) -> Result<Vec<(NaiveDate, String)>> {
    tx.query("SELECT date, reason FROM closures ORDER BY date", &[])?
        .iter()
        .map(|r| Ok((r.date(0)?, r.text(1)?)))
        .collect()
}

/// Adds or renames a closure; returns whether it existed before.
pub fn put_closure(tx: &mut dyn Sql, date: NaiveDate, reason: &str) -> Result<bool> {
    let existed = tx
        .query_opt("SELECT 1 FROM closures WHERE date = $1", params![date])?
        .is_some();
    tx.execute(
        "INSERT INTO closures (date, reason) VALUES ($1, $2) ON CONFLICT (date) DO UPDATE SET reason = excluded.reason",
        params![date, reason],
    )?;
    Ok(existed)
}

pub fn delete_closure(tx: &mut dyn Sql, date: NaiveDate) -> Result<bool> {
    Ok(tx.execute("DELETE FROM closures WHERE date = $1", params![date])? > 0)
}

/// The imported list, if any: (csv, first year, last year, imported at, by).
pub struct HolidayList {
    pub csv: String,
    pub first_year: i32,
    pub last_year: i32,
    pub imported_at: NaiveDateTime,
    pub imported_by: String,
}

pub fn holiday_list(tx: &mut dyn Sql) -> Result<Option<HolidayList>> {
    tx.query_opt("SELECT csv, first_year, last_year, imported_at, imported_by FROM holiday_list WHERE id = 1", &[])?
        .map(|r| {
            Ok(HolidayList {
                csv: r.text(0)?,
                first_year: r.int(1)? as i32,
                last_year: r.int(2)? as i32,
                imported_at: r.datetime(3)?,
                imported_by: r.text(4)?,
            })
        })
        .transpose()
}

pub fn put_holiday_list(tx: &mut dyn Sql, l: &HolidayList) -> Result<()> {
    tx.execute(
        "INSERT INTO holiday_list (id, csv, first_year, last_year, imported_at, imported_by) VALUES (1, $1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET csv = excluded.csv, first_year = excluded.first_year,
           last_year = excluded.last_year, imported_at = excluded.imported_at, imported_by = excluded.imported_by",
        params![l.csv.as_str(), i64::from(l.first_year), i64::from(l.last_year), l.imported_at, l.imported_by.as_str()],
    )?;
    Ok(())
}
