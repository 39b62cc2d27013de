//! Kofu Desk's documents: A4 portrait official Japanese documents (公文書) as PDF.
//!
//! A caller describes a [`Document`] — an optional [`Letterhead`] (文書番号, 日付, 宛先, 発信者),
//! a centred title, and a list of [`Block`]s — and [`render`] lays it out on A4 pages with the
//! bundled BIZ UD fonts: wrapping Japanese text, breaking pages, repeating table headers,
//! numbering pages and placing the contact box (担当) at the end. [`change_notice`] builds the
//! notice to J-LIS that the contract's articles 7 and 8 call for; [`invoice`] and
//! [`settlement_statement`] the month's 請求書 and 精算書 (第4条5).
//!
//! This crate takes plain data — strings the caller has formatted, or `kofu-core` values such
//! as [`kofu_core::money::Yen`] and [`kofu_core::TargetMonth`] that it formats the way a
//! municipal document writes them. It decides nothing about the domain — what a notice says,
//! whether an invoice may be issued — and does no I/O: no store, no use cases.

mod error;
mod fonts;
mod invoice;
mod layout;
mod wrap;

pub use error::DocumentError;
pub use invoice::{
    figure, invoice, month_label, settlement_statement, yen_amount, InvoiceDocument, Issuer,
    KindLine, OperatorLine, Replaces, SettlementStatementDocument, JLIS_ADDRESSEE, TAX_NOTE,
};

/// The head of an official letter: document number and date top right, the addressee top
/// left, the sender right-aligned below.
#[derive(Debug, Clone, PartialEq)]
pub struct Letterhead {
    /// 文書番号, e.g. `"千市区第123号"`.
    pub document_number: String,
    /// 発信日 in 和暦, e.g. `"令和8年11月26日"`.
    pub date: String,
    /// 宛先 as printed, e.g. `"地方公共団体情報システム機構 理事長 様"`. If it ends in none
    /// of 様・殿・御中, `"　様"` is added.
    pub addressee: String,
    /// 発信者, one line each, e.g. `["千葉市長　神谷 俊一"]`.
    pub sender_lines: Vec<String>,
}

/// A bordered table: a shaded header row repeated on every page the table reaches, then the
/// rows; cells wrap within their column.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Per column: right-align the cells (amounts, counts). Missing entries mean left.
    pub right_aligned: Vec<bool>,
    /// Column widths; `None` sizes columns from their contents and fills the text width.
    /// Widths that add up to more than the text width are scaled down to fit.
    pub widths_mm: Option<Vec<f32>>,
    /// A closing row set in bold below a heavier rule (合計 on an invoice). Not repeated.
    pub total_row: Option<Vec<String>>,
}

/// One element of a document body, laid out top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A bold item heading such as `"1　変更内容"`; never left alone at the foot of a page.
    Heading(String),
    /// Running text. The first line of each paragraph (and after each `'\n'`) is indented by
    /// one full-width character unless the text already starts with `'　'`.
    Paragraph(String),
    Table(Table),
    /// Vertical space in millimetres.
    Spacer(f32),
    /// A two-column 記 list: the label column is as wide as the longest label, values wrap.
    KeyValues(Vec<(String, String)>),
    /// A centred line, e.g. `"記"`.
    Centered(String),
    /// A line flush right (one character in from the margin), e.g. the closing `"以上"`.
    RightAligned(String),
    /// A letterhead inside the body, for documents whose title comes first (請求書).
    Letterhead(Letterhead),
    /// A boxed sum set large with a shaded label cell, e.g. 請求金額 「￥1,234,567－」.
    Amount {
        label: String,
        amount: String,
    },
}

/// A whole document. `footer` is the contact box (担当部署・担当者・電話, one line per
/// `'\n'`) drawn at the bottom right of the last page.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub letterhead: Option<Letterhead>,
    pub blocks: Vec<Block>,
    pub footer: Option<String>,
}

/// The PDF's document information: what a viewer shows under Properties.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentInfo {
    pub title: String,
    /// The city, e.g. 「千葉市」.
    pub author: String,
    pub subject: String,
    /// Japan time; the caller's clock, never read here.
    pub created_at: chrono::NaiveDateTime,
}

/// Lay out `doc` on A4 pages and return the PDF file's bytes. Fonts are embedded as subsets,
/// so a one-page Japanese letter stays in the tens of kilobytes. A character the fonts lack
/// is drawn as an empty box; use [`render_checked`] to refuse it instead.
pub fn render(doc: &Document) -> Vec<u8> {
    layout::render(doc)
}

/// [`render`], but every character drawn is first checked against its font: the first one
/// missing is refused with [`DocumentError::MissingGlyph`], naming it. `info` becomes the
/// PDF's metadata.
pub fn render_checked(doc: &Document, info: &DocumentInfo) -> Result<Vec<u8>, DocumentError> {
    layout::render_checked(doc, info)
}

/// The notice to J-LIS of an addition or change in the certificates issued at kiosks or in
/// their fees or service hours (委託仕様書 第7条・第8条).
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeNotice {
    pub letterhead: Letterhead,
    /// 件名, e.g. `"証明書等自動交付に係る交付手数料の変更について（通知）"`.
    pub subject: String,
    /// The opening paragraph (このことについて、…).
    pub intro: String,
    /// 変更内容: typically 証明書等 / 変更前 / 変更後 with the fee columns right-aligned.
    pub changes: Table,
    /// 適用年月日 in 和暦.
    pub effective_date: String,
    /// 担当部署・担当者・電話, one line per `'\n'`.
    pub contact: String,
}

impl ChangeNotice {
    /// The notice as a generic [`Document`], for a caller that wants to add to it.
    pub fn to_document(&self) -> Document {
        Document {
            title: self.subject.clone(),
            letterhead: Some(self.letterhead.clone()),
            blocks: vec![
                Block::Paragraph(self.intro.clone()),
                Block::Spacer(2.0),
                Block::Centered("記".to_string()),
                Block::Spacer(2.0),
                Block::Heading("1　変更内容".to_string()),
                Block::Table(self.changes.clone()),
                Block::Spacer(4.0),
                Block::Heading("2　適用年月日".to_string()),
                Block::Paragraph(self.effective_date.clone()),
                Block::Spacer(4.0),
                Block::RightAligned("以上".to_string()),
            ],
            footer: Some(self.contact.clone()),
        }
    }
}

/// Render a [`ChangeNotice`] to PDF bytes.
pub fn change_notice(n: &ChangeNotice) -> Vec<u8> {
    render(&n.to_document())
}
