//! Generated documents and received attachments, for any kind of record: a letter's notice PDF
//! or the files J-LIS sent with it, and next invoices, 精算書, incident reports and complaints.
//!
//! The bytes are kept in the database (a BLOB in SQLite, `bytea` in PostgreSQL), in the caller's
//! transaction. That is the whole of the guarantees the fronts need: a file exists exactly when
//! the record it belongs to was committed (a rolled-back approval leaves no PDF whose number is
//! then reused, and a failure never removes another record's file), each file is keyed by its
//! own record so two records never share a place even when stored in the same second, backups
//! of the database include the files, and every desk of a shared database reads the same ones.
//! Names are made safe here ([`safe_name`]) for the moment a clerk saves a copy to disk; the
//! name as sent is kept for display. What a file *is* (which record may have which) is the use
//! cases' business, not this module's.
//!
//! Files stored before migration 0005 are still on disk under the old files folder, referenced
//! by [`StoredFile::is_legacy`] rows; [`adopt`] moves one into the database.

use std::path::Path;

use chrono::NaiveDateTime;
use sha2::Digest;

use crate::{params, Param, Result, Row, Sql, StoreError};

/// The largest file kept: 20 MB, ample for a scanned notice, small enough for a BLOB row.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// A safe name is at most this many characters …
pub const MAX_NAME_CHARS: usize = 100;
/// … and this many bytes of UTF-8 (100 kanji are 300 bytes; most file systems allow 255).
const MAX_NAME_BYTES: usize = 240;
/// An extension longer than this is not one worth keeping when a name is shortened.
const MAX_EXTENSION_CHARS: usize = 16;

/// The kinds of record that own files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OwnerKind {
    /// An entry of the correspondence log with J-LIS.
    Letter,
    /// An invoice to J-LIS: its PDF, stored in the approving transaction.
    Invoice,
}

impl OwnerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OwnerKind::Letter => "letter",
            OwnerKind::Invoice => "invoice",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "letter" => Some(OwnerKind::Letter),
            "invoice" => Some(OwnerKind::Invoice),
            _ => None,
        }
    }
}

/// The record a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileOwner {
    pub kind: OwnerKind,
    pub id: i64,
}

impl FileOwner {
    pub fn letter(id: i64) -> Self {
        Self {
            kind: OwnerKind::Letter,
            id,
        }
    }

    pub fn invoice(id: i64) -> Self {
        Self {
            kind: OwnerKind::Invoice,
            id,
        }
    }
}

/// One stored file, without its contents ([`read`] them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub id: i64,
    pub owner: FileOwner,
    /// 0, 1, … in the order the record's files were stored.
    pub position: u32,
    /// Safe on every file system: the name to save a copy under.
    pub name: String,
    /// As the sender named it (folders and control characters removed).
    pub display_name: String,
    pub bytes: u64,
    pub sha256: String,
    pub stored_at: NaiveDateTime,
    legacy_path: Option<String>,
}

impl StoredFile {
    /// Stored before migration 0005: the contents are still on disk, see [`adopt`].
    pub fn is_legacy(&self) -> bool {
        self.legacy_path.is_some()
    }
}

const COLUMNS: &str =
    "id, owner_kind, owner_id, position, name, display_name, bytes, sha256, stored_at, legacy_path";

fn from_row(r: &Row) -> Result<StoredFile> {
    let kind = r.text(1)?;
    let kind = OwnerKind::parse(&kind).ok_or_else(|| StoreError::Decode {
        column: 1,
        detail: format!("unknown owner kind '{kind}'"),
    })?;
    let count = |i: usize| {
        let v = r.int(i)?;
        u32::try_from(v).map_err(|_| StoreError::Decode {
            column: i,
            detail: format!("negative or huge {v}"),
        })
    };
    Ok(StoredFile {
        id: r.int(0)?,
        owner: FileOwner {
            kind,
            id: r.int(2)?,
        },
        position: count(3)?,
        name: r.text(4)?,
        display_name: r.text(5)?,
        bytes: count(6)?.into(),
        sha256: r.text(7)?,
        stored_at: r.datetime(8)?,
        legacy_path: r.opt_text(9)?,
    })
}

/// Stores `contents` as the owner's next file, in the caller's transaction. Refused with
/// [`StoreError::FileTooLarge`] over [`MAX_BYTES`].
pub fn put(
    tx: &mut dyn Sql,
    owner: FileOwner,
    name: &str,
    contents: &[u8],
    at: NaiveDateTime,
) -> Result<StoredFile> {
    let display = display_name(name);
    let size = contents.len() as u64;
    if size > MAX_BYTES {
        return Err(StoreError::FileTooLarge {
            name: display,
            bytes: size,
            limit: MAX_BYTES,
        });
    }
    let position = tx
        .query(
            "SELECT CAST(COALESCE(MAX(position) + 1, 0) AS BIGINT) FROM files
             WHERE owner_kind = $1 AND owner_id = $2",
            params![owner.kind.as_str(), owner.id],
        )?
        .first()
        .map_or(Ok(0), |r| r.int(0))?;
    let safe = safe_name(name);
    let sha256 = sha256_hex(contents);
    let mut stored_at = String::new();
    crate::value::write_datetime(&mut stored_at, at);
    // Borrowed parameters: the contents (up to 20 MB) are not copied to make the call.
    tx.execute_ref(
        "INSERT INTO files (owner_kind, owner_id, position, name, display_name, bytes, sha256, content, stored_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            Param::Text(owner.kind.as_str()),
            Param::Int(owner.id),
            Param::Int(position),
            Param::Text(&safe),
            Param::Text(&display),
            Param::Int(size as i64),
            Param::Text(&sha256),
            Param::Bytes(contents),
            Param::Text(&stored_at),
        ],
    )?;
    let row = tx.query(
        &format!(
            "SELECT {COLUMNS} FROM files WHERE owner_kind = $1 AND owner_id = $2 AND position = $3"
        ),
        params![owner.kind.as_str(), owner.id, position],
    )?;
    from_row(&row[0])
}

/// The owner's files, in the order they were stored.
pub fn list(tx: &mut dyn Sql, owner: FileOwner) -> Result<Vec<StoredFile>> {
    tx.query(
        &format!(
            "SELECT {COLUMNS} FROM files WHERE owner_kind = $1 AND owner_id = $2 ORDER BY position"
        ),
        params![owner.kind.as_str(), owner.id],
    )?
    .iter()
    .map(from_row)
    .collect()
}

/// The files of every record of one kind, by owner and then in order (a log's listing).
pub fn list_kind(tx: &mut dyn Sql, kind: OwnerKind) -> Result<Vec<StoredFile>> {
    tx.query(
        &format!("SELECT {COLUMNS} FROM files WHERE owner_kind = $1 ORDER BY owner_id, position"),
        params![kind.as_str()],
    )?
    .iter()
    .map(from_row)
    .collect()
}

/// The owner's file at `position`, if there is one.
pub fn get(tx: &mut dyn Sql, owner: FileOwner, position: u32) -> Result<Option<StoredFile>> {
    tx.query_opt(
        &format!(
            "SELECT {COLUMNS} FROM files WHERE owner_kind = $1 AND owner_id = $2 AND position = $3"
        ),
        params![owner.kind.as_str(), owner.id, position],
    )?
    .map(|r| from_row(&r))
    .transpose()
}

/// The contents of `file`. A file still on disk ([`StoredFile::is_legacy`]) is
/// [`StoreError::FileMissing`] until [`adopt`]ed.
pub fn read(tx: &mut dyn Sql, file: &StoredFile) -> Result<Vec<u8>> {
    let mut row = tx
        .query_opt("SELECT content FROM files WHERE id = $1", params![file.id])?
        .ok_or_else(|| missing(file))?;
    row.take_bytes(0)?.ok_or_else(|| missing(file))
}

/// Moves a file stored before migration 0005 from `dir` (the old files folder) into the
/// database and returns its contents; a file already in the database is just read. The file on
/// disk is left alone: another desk may still list it, and a failed transaction must not lose it.
pub fn adopt(tx: &mut dyn Sql, file: &StoredFile, dir: &Path) -> Result<Vec<u8>> {
    let Some(relative) = &file.legacy_path else {
        return read(tx, file);
    };
    // The path was written by this program, but it is read back from a shared database: never
    // follow one out of the folder.
    let inside = Path::new(relative)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !inside {
        return Err(missing(file));
    }
    let contents = match std::fs::read(dir.join(relative)) {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(missing(file)),
        Err(e) => return Err(e.into()),
    };
    if sha256_hex(&contents) != file.sha256 {
        return Err(missing(file));
    }
    tx.execute_ref(
        "UPDATE files SET content = $1, legacy_path = NULL WHERE id = $2",
        &[Param::Bytes(&contents), Param::Int(file.id)],
    )?;
    Ok(contents)
}

fn missing(file: &StoredFile) -> StoreError {
    StoreError::FileMissing {
        name: file.display_name.clone(),
        path: file.legacy_path.clone(),
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The last part of a path as a sender may give it (`C:\scan\通知.pdf`, `../x/通知.pdf`).
fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// The name shown to the clerk: the sender's, without folders and control characters.
pub fn display_name(name: &str) -> String {
    let shown: String = base_name(name)
        .chars()
        .filter(|c| !c.is_control())
        .take(255)
        .collect();
    let shown = shown.trim();
    if shown.is_empty() {
        safe_name(name)
    } else {
        shown.to_string()
    }
}

/// Windows reserves these device names whatever the extension (`con.txt`, `NUL .pdf`).
const RESERVED: [&str; 30] = [
    "CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
    "COM8", "COM9", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³",
];

fn is_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    let upper = stem.to_uppercase();
    RESERVED.contains(&upper.as_str()) || upper == "CONIN$" || upper == "CONOUT$"
}

fn trim_name(s: &str) -> &str {
    s.trim_matches(|c: char| c == '.' || c.is_whitespace())
}

/// A file name safe on Windows, macOS and Linux: no folders, no control or reserved characters
/// (`<>:"|?*`), no leading or trailing dots and spaces, not a device name (`CON`, `NUL`,
/// `COM1` … with any extension: prefixed with `_`), never empty, and at most
/// [`MAX_NAME_CHARS`] characters, shortened before the extension.
pub fn safe_name(name: &str) -> String {
    let cleaned: String = base_name(name)
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let mut safe = trim_name(&cleaned).to_string();
    if safe.is_empty() {
        safe = "file".into();
    }
    if is_reserved(&safe) {
        safe.insert(0, '_');
    }
    shorten(&safe)
}

fn shorten(name: &str) -> String {
    let fits = |s: &str| s.chars().count() <= MAX_NAME_CHARS && s.len() <= MAX_NAME_BYTES;
    if fits(name) {
        return name.to_string();
    }
    let (stem, extension) = match name.rfind('.') {
        Some(dot)
            if dot > 0 && (1..=MAX_EXTENSION_CHARS).contains(&name[dot + 1..].chars().count()) =>
        {
            name.split_at(dot)
        }
        _ => (name, ""),
    };
    let mut stem: String = stem.to_string();
    while !stem.is_empty() && !fits(&format!("{stem}{extension}")) {
        stem.pop();
    }
    let stem = trim_name(&stem);
    let stem = if stem.is_empty() { "file" } else { stem };
    format!("{stem}{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_are_refused_with_any_extension_and_case() {
        for reserved in [
            "CON",
            "con.txt",
            "NUL.pdf",
            "aux.tar.gz",
            "Com1.pdf",
            "LPT9",
            "NUL .pdf",
            "COM¹.txt",
            "conin$.log",
        ] {
            let safe = safe_name(reserved);
            assert!(safe.starts_with('_'), "{reserved} became {safe}");
            assert!(!is_reserved(&safe), "{safe} is safe");
        }
        for fine in [
            "CONTRACT.pdf",
            "console.txt",
            "COM10.pdf",
            "nullify",
            "通知.pdf",
        ] {
            assert_eq!(safe_name(fine), fine, "{fine} is not a device name");
        }
    }

    #[test]
    fn folders_reserved_characters_and_trailing_dots_are_removed() {
        assert_eq!(safe_name("../../evil/停止通知.pdf"), "停止通知.pdf");
        assert_eq!(safe_name("C:\\scan\\通知.pdf"), "通知.pdf");
        assert_eq!(safe_name("a<b>c:d\"e|f?g*h.pdf"), "a_b_c_d_e_f_g_h.pdf");
        assert_eq!(safe_name("tab\there\n.pdf"), "tab_here_.pdf");
        assert_eq!(safe_name("report.pdf. . "), "report.pdf");
        assert_eq!(safe_name(" .hidden"), "hidden");
        assert_eq!(safe_name(".."), "file");
        assert_eq!(safe_name(""), "file");
        assert_eq!(
            display_name("../x/CON.pdf"),
            "CON.pdf",
            "the shown name keeps CON"
        );
        assert_eq!(
            display_name("\u{7}"),
            "_",
            "a name of nothing shown is the safe one"
        );
    }

    #[test]
    fn over_long_names_are_shortened_keeping_the_extension() {
        let long = format!("{}.pdf", "停".repeat(150));
        let safe = safe_name(&long);
        assert!(safe.ends_with("停.pdf"), "{safe}");
        assert!(safe.chars().count() <= MAX_NAME_CHARS);
        assert!(safe.len() <= MAX_NAME_BYTES, "{} bytes", safe.len());

        let ascii = format!("{}.docx", "a".repeat(300));
        assert_eq!(safe_name(&ascii).chars().count(), MAX_NAME_CHARS);
        assert!(safe_name(&ascii).ends_with(".docx"));

        let no_extension = "x".repeat(500);
        assert_eq!(safe_name(&no_extension), "x".repeat(MAX_NAME_CHARS));
        let short = "通知.pdf";
        assert_eq!(safe_name(short), short, "a short name is kept");
    }
}
