//! The values that cross between repositories and either backend.

use chrono::{NaiveDate, NaiveDateTime};

use crate::{Result, StoreError};

/// A column or parameter value. Dates and times are stored as ISO text in both backends, so the
/// SQL stays the same and sorts correctly; money is whole yen in a 64-bit integer. Bytes are a
/// BLOB in SQLite and a `bytea` in PostgreSQL (the contents of [`crate::files`]).
#[derive(Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
    Bytes(Vec<u8>),
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Null => f.write_str("Null"),
            Value::Int(v) => f.debug_tuple("Int").field(v).finish(),
            Value::Text(v) => f.debug_tuple("Text").field(v).finish(),
            // A 20 MB attachment is not printed into an error message or a log line.
            Value::Bytes(v) => write!(f, "Bytes({} bytes)", v.len()),
        }
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<u32> for Value {
    fn from(v: u32) -> Self {
        Value::Int(v.into())
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Int(v.into())
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(v.clone())
    }
}
impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Self {
        Value::Bytes(v)
    }
}
impl From<NaiveDate> for Value {
    fn from(v: NaiveDate) -> Self {
        Value::Text(v.format("%Y-%m-%d").to_string())
    }
}
impl From<NaiveDateTime> for Value {
    fn from(v: NaiveDateTime) -> Self {
        let mut text = String::with_capacity(19);
        write_datetime(&mut text, v);
        Value::Text(text)
    }
}

/// Appends `at` as the store keeps date-times: `YYYY-MM-DDTHH:MM:SS`.
pub(crate) fn write_datetime(out: &mut String, at: NaiveDateTime) {
    use chrono::{Datelike, Timelike};
    use std::fmt::Write;
    let written = if (0..=9999).contains(&at.year()) {
        // Integer formatting: an import writes 200,000 of these, and chrono's `format` parses its
        // pattern each time.
        write!(
            out,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            at.year(),
            at.month(),
            at.day(),
            at.hour(),
            at.minute(),
            at.second()
        )
    } else {
        write!(out, "{}", at.format("%Y-%m-%dT%H:%M:%S"))
    };
    written.expect("writing to a String cannot fail");
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// One result row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row(pub Vec<Value>);

impl Row {
    fn at(&self, i: usize) -> Result<&Value> {
        self.0.get(i).ok_or(StoreError::Decode {
            column: i,
            detail: "no such column".into(),
        })
    }

    pub fn int(&self, i: usize) -> Result<i64> {
        match self.at(i)? {
            Value::Int(v) => Ok(*v),
            other => Err(StoreError::Decode {
                column: i,
                detail: format!("expected integer, got {other:?}"),
            }),
        }
    }

    pub fn opt_int(&self, i: usize) -> Result<Option<i64>> {
        match self.at(i)? {
            Value::Null => Ok(None),
            _ => self.int(i).map(Some),
        }
    }

    pub fn bool(&self, i: usize) -> Result<bool> {
        Ok(self.int(i)? != 0)
    }

    pub fn text(&self, i: usize) -> Result<String> {
        match self.at(i)? {
            Value::Text(v) => Ok(v.clone()),
            other => Err(StoreError::Decode {
                column: i,
                detail: format!("expected text, got {other:?}"),
            }),
        }
    }

    pub fn opt_text(&self, i: usize) -> Result<Option<String>> {
        match self.at(i)? {
            Value::Null => Ok(None),
            _ => self.text(i).map(Some),
        }
    }

    pub fn bytes(&self, i: usize) -> Result<Vec<u8>> {
        match self.at(i)? {
            Value::Bytes(v) => Ok(v.clone()),
            other => Err(StoreError::Decode {
                column: i,
                detail: format!("expected bytes, got {other:?}"),
            }),
        }
    }

    /// Moves the bytes out of the row instead of copying them (a file's contents).
    pub fn take_bytes(&mut self, i: usize) -> Result<Option<Vec<u8>>> {
        match self.0.get_mut(i) {
            Some(Value::Null) => Ok(None),
            Some(Value::Bytes(v)) => Ok(Some(std::mem::take(v))),
            other => Err(StoreError::Decode {
                column: i,
                detail: format!("expected bytes, got {other:?}"),
            }),
        }
    }

    pub fn date(&self, i: usize) -> Result<NaiveDate> {
        let s = self.text(i)?;
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| StoreError::Decode {
            column: i,
            detail: format!("date '{s}': {e}"),
        })
    }

    pub fn datetime(&self, i: usize) -> Result<NaiveDateTime> {
        let s = self.text(i)?;
        parse_datetime(&s).ok_or(StoreError::Decode {
            column: i,
            detail: format!("date-time '{s}'"),
        })
    }

    pub fn opt_datetime(&self, i: usize) -> Result<Option<NaiveDateTime>> {
        match self.at(i)? {
            Value::Null => Ok(None),
            _ => self.datetime(i).map(Some),
        }
    }
}

fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f").ok()
}
