//! 文書番号 (設定 > 文書番号): the template of each kind of document and the numbers issued with it.
//!
//! Templates are settings (`document_template.<kind>`), edited by a supervisor or an admin and
//! audited. The change notice falls back to what it did before templates existed: the
//! `document_prefix` setting followed by 第{n}号, else the city's name ([`NumberTemplate::standard`]).
//! [`issue`] is what an approving use case calls, in its own transaction, to number the document
//! it sends; this module does not decide when a document is issued.

use chrono::NaiveDate;
use kofu_core::calendar::FiscalYear;
use kofu_core::document::{DocumentKind, DocumentNumber, NumberTemplate};
use kofu_core::Action;
use kofu_store::catalogue as repo;
use kofu_store::{settings, Sql, StoreError};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::{authorize, record, Actor, Desk, Result};

/// One kind of document as the settings page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DocumentNumberSetting {
    pub kind: DocumentKind,
    /// e.g. 変更通知.
    pub label: String,
    pub template: String,
    /// The 年度 the next number belongs to, e.g. 令和8年度.
    pub fiscal_year: String,
    /// The number the next document of this kind would get now, e.g. 千葉市第3号 (another desk
    /// may take it first; it is an example, not a reservation).
    pub next_number: String,
}

fn key(kind: DocumentKind) -> String {
    format!("document_template.{}", kind.as_str())
}

fn invalid_stored(key: &str, e: kofu_core::DomainError) -> StoreError {
    StoreError::Decode {
        column: 0,
        detail: format!("setting {key}: {}", e.detail),
    }
}

/// The template in force for `kind`.
pub(crate) fn template_for(tx: &mut dyn Sql, kind: DocumentKind) -> Result<NumberTemplate> {
    let key = key(kind);
    if let Some(stored) = settings::get(tx, &key)? {
        return Ok(NumberTemplate::parse(&stored).map_err(|e| invalid_stored(&key, e))?);
    }
    if kind == DocumentKind::ChangeNotice {
        if let Some(prefix) = settings::get(tx, "document_prefix")? {
            return Ok(NumberTemplate::parse(&format!("{prefix}第{{n}}号"))
                .map_err(|e| invalid_stored("document_prefix", e))?);
        }
    }
    Ok(NumberTemplate::standard())
}

fn city(tx: &mut dyn Sql) -> Result<String> {
    Ok(kofu_store::profile::get(tx)?
        .map(|p| p.name)
        .unwrap_or_default())
}

/// Numbers a document of `kind` issued on `today`: allocates the next number of the 年度 in
/// the caller's transaction, so the number is given back if that transaction rolls back.
pub(crate) fn issue(
    tx: &mut dyn Sql,
    kind: DocumentKind,
    today: NaiveDate,
) -> Result<DocumentNumber> {
    let template = template_for(tx, kind)?;
    let n = repo::next_document_number(tx, kind, FiscalYear::of(today))?;
    Ok(DocumentNumber::issue(&template, kind, &city(tx)?, today, n))
}

fn setting(
    tx: &mut dyn Sql,
    kind: DocumentKind,
    today: NaiveDate,
) -> Result<DocumentNumberSetting> {
    let template = template_for(tx, kind)?;
    let fy = FiscalYear::of(today);
    let n = repo::peek_document_number(tx, kind, fy)?;
    let next = DocumentNumber::issue(&template, kind, &city(tx)?, today, n);
    Ok(DocumentNumberSetting {
        kind,
        label: kind.label_ja().into(),
        template: template.as_str().into(),
        fiscal_year: fy.wareki(),
        next_number: next.as_str().into(),
    })
}

impl Desk {
    /// Every kind's template and the number its next document would get in the current 年度.
    pub fn document_numbers(&self, actor: &Actor) -> Result<Vec<DocumentNumberSetting>> {
        let today = self.now().date();
        self.tx(|tx| {
            authorize(tx, actor, Action::ManageDocumentNumbers)?;
            DocumentKind::ALL
                .into_iter()
                .map(|k| setting(tx, k, today))
                .collect()
        })
    }

    /// Sets the template of `kind` (a supervisor or an admin; audited). The counter is not
    /// touched: the next document goes on with the 年度's next number in the new form.
    pub fn set_number_template(
        &self,
        actor: &Actor,
        kind: &str,
        template: &str,
    ) -> Result<DocumentNumberSetting> {
        let kind = DocumentKind::parse(kind)?;
        let new = NumberTemplate::parse(template)?;
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::ManageDocumentNumbers)?;
            let before = template_for(tx, kind)?.to_string();
            settings::set(tx, &key(kind), new.as_str())?;
            record(
                tx,
                now,
                actor.name(),
                "document_number.template",
                &format!("document_number:{kind}"),
                json!({"before": before, "after": new.as_str()}),
            )?;
            setting(tx, kind, now.date())
        })
    }
}
