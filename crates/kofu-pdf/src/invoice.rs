//! The month's money documents: the 請求書 (invoice, 第4条5) the city sends J-LIS by the 15th,
//! and the 精算書 (settlement statement) for any month — the only document of a month whose net
//! is negative, when the city owes J-LIS.
//!
//! Both take the figures as plain data the caller has already settled and approved; this module
//! decides only how they read on paper: the 和暦 dates, 「￥1,234,567－」, 「△」 for a
//! negative figure, the 内訳 by certificate kind and the totals it adds up. It refuses a document
//! whose amount contradicts its own lines, and (through [`crate::render_checked`]) any character
//! the bundled fonts cannot print.

use chrono::{NaiveDate, NaiveDateTime};
use kofu_core::calendar::wareki;
use kofu_core::catalogue::KindCode;
use kofu_core::master::OperatorCode;
use kofu_core::money::Yen;
use kofu_core::municipality::{AccountType, BankAccount, MunicipalityProfile};
use kofu_core::TargetMonth;

use crate::{render_checked, Block, Document, DocumentError, DocumentInfo, Letterhead, Table};

/// The addressee of both documents (委託契約の相手方).
pub const JLIS_ADDRESSEE: &str = "地方公共団体情報システム機構 理事長 様";

/// The tax line: certificate fees are 非課税 (DOMAIN.md, Money).
pub const TAX_NOTE: &str = "※ 交付手数料は非課税です。";

/// The city as it signs a document, and who to call about it (担当, so 押印省略 is acceptable).
#[derive(Debug, Clone, PartialEq)]
pub struct Issuer {
    /// 団体名, e.g. 「千葉市」.
    pub city: String,
    /// e.g. 「千葉県千葉市中央区千葉港1番1号」; empty to leave it out.
    pub address: String,
    /// 「千葉市長」.
    pub mayor_title: String,
    /// 「神谷 俊一」.
    pub mayor_name: String,
    /// 担当部署.
    pub department: String,
    /// 担当者.
    pub contact_name: String,
    pub telephone: String,
}

impl From<&MunicipalityProfile> for Issuer {
    fn from(p: &MunicipalityProfile) -> Self {
        Self {
            city: p.name.clone(),
            address: p.address.clone(),
            mayor_title: p.mayor_title.clone(),
            mayor_name: p.mayor_name.clone(),
            department: p.department.clone(),
            contact_name: p.contact_name.clone(),
            telephone: p.contact_phone.clone(),
        }
    }
}

/// One certificate kind's line of the 内訳.
#[derive(Debug, Clone, PartialEq)]
pub struct KindLine {
    pub code: KindCode,
    /// 「住民票の写し」.
    pub name: String,
    /// 交付通数.
    pub copies: u64,
    /// 交付手数料.
    pub fees: Yen,
    /// 委託手数料.
    pub commissions: Yen,
}

/// One operator's line of the 精算書 (事業者別内訳).
#[derive(Debug, Clone, PartialEq)]
pub struct OperatorLine {
    pub code: OperatorCode,
    /// 「株式会社セブン-イレブン・ジャパン」.
    pub name: String,
    pub fees: Yen,
    pub commissions: Yen,
}

/// The invoice a correction (訂正請求) replaces.
#[derive(Debug, Clone, PartialEq)]
pub struct Replaces {
    pub document_number: String,
    pub reason: String,
}

/// A 請求書, as approved.
#[derive(Debug, Clone, PartialEq)]
pub struct InvoiceDocument {
    /// 文書番号, assigned on approval, e.g. 「千市区第123号」.
    pub document_number: String,
    /// 請求日, printed in 和暦.
    pub issued_on: NaiveDate,
    /// When the PDF is made (Japan time), for the PDF's creation date.
    pub created_at: NaiveDateTime,
    /// Normally [`JLIS_ADDRESSEE`].
    pub addressee: String,
    pub issuer: Issuer,
    /// 請求金額: the net of the lines; must be above zero.
    pub amount: Yen,
    pub target_month: TargetMonth,
    /// 支払期限: the last day of the following month (第4条6), printed in 和暦.
    pub due_on: NaiveDate,
    pub lines: Vec<KindLine>,
    /// 振込先, the account number in full: this is the document that needs it.
    pub bank: BankAccount,
    /// For a 訂正請求: the invoice it replaces and why.
    pub replaces: Option<Replaces>,
}

/// A 精算書 for a month.
#[derive(Debug, Clone, PartialEq)]
pub struct SettlementStatementDocument {
    /// 文書番号 if the city numbers its 精算書; empty otherwise.
    pub document_number: String,
    pub issued_on: NaiveDate,
    pub created_at: NaiveDateTime,
    pub addressee: String,
    pub issuer: Issuer,
    pub target_month: TargetMonth,
    /// Whether the figures are J-LIS's final data (確定) rather than preliminary (速報).
    pub finalized: bool,
    pub lines: Vec<KindLine>,
    /// 事業者別内訳; left out of the document when empty.
    pub operators: Vec<OperatorLine>,
}

/// Whole yen grouped by thousands, 「△」 before a negative figure (the accounting convention).
pub fn figure(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 3);
    if n < 0 {
        out.push('△');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An amount as written in a 金額 box: 「￥1,234,567－」 (the dash closes it against alteration).
pub fn yen_amount(y: Yen) -> String {
    format!("￥{}－", figure(y.to_i64()))
}

/// 「令和8年10月分」.
pub fn month_label(m: TargetMonth) -> String {
    format!("{}分", wareki::format_month(m))
}

fn too_large() -> DocumentError {
    DocumentError::Inconsistent {
        message_ja: "内訳の合計が大きすぎて計算できません。".into(),
        detail: "the 内訳 totals overflow".into(),
    }
}

struct Totals {
    copies: u64,
    fees: Yen,
    commissions: Yen,
    net: Yen,
}

fn totals(lines: impl Iterator<Item = (u64, Yen, Yen)> + Clone) -> Result<Totals, DocumentError> {
    let copies = lines
        .clone()
        .try_fold(0u64, |a, (c, _, _)| a.checked_add(c))
        .ok_or_else(too_large)?;
    let fees = Yen::checked_sum(lines.clone().map(|(_, f, _)| f)).ok_or_else(too_large)?;
    let commissions = Yen::checked_sum(lines.map(|(_, _, c)| c)).ok_or_else(too_large)?;
    let net = fees.checked_sub(commissions).ok_or_else(too_large)?;
    Ok(Totals {
        copies,
        fees,
        commissions,
        net,
    })
}

fn net_of(fees: Yen, commissions: Yen) -> Result<Yen, DocumentError> {
    fees.checked_sub(commissions).ok_or_else(too_large)
}

/// The 内訳 by certificate kind with its 合計 row. Repeats its header on every page it reaches.
fn kind_table(lines: &[KindLine], t: &Totals) -> Result<Table, DocumentError> {
    let rows = lines
        .iter()
        .map(|l| {
            Ok(vec![
                l.code.to_string(),
                l.name.clone(),
                figure(i64::try_from(l.copies).map_err(|_| too_large())?),
                figure(l.fees.to_i64()),
                figure(l.commissions.to_i64()),
                figure(net_of(l.fees, l.commissions)?.to_i64()),
            ])
        })
        .collect::<Result<Vec<_>, DocumentError>>()?;
    Ok(Table {
        headers: [
            "種別コード",
            "証明書等の種類",
            "交付通数",
            "交付手数料（円）",
            "委託手数料（円）",
            "差引額（円）",
        ]
        .map(String::from)
        .to_vec(),
        rows,
        right_aligned: vec![false, false, true, true, true, true],
        widths_mm: Some(vec![21.0, 43.0, 20.0, 27.0, 27.0, 27.0]),
        total_row: Some(vec![
            String::new(),
            "合計".into(),
            figure(i64::try_from(t.copies).map_err(|_| too_large())?),
            figure(t.fees.to_i64()),
            figure(t.commissions.to_i64()),
            figure(t.net.to_i64()),
        ]),
    })
}

fn letterhead(
    number: &str,
    issued_on: NaiveDate,
    addressee: &str,
    issuer: &Issuer,
) -> Result<Letterhead, DocumentError> {
    let mut sender_lines = Vec::new();
    if !issuer.address.trim().is_empty() {
        sender_lines.push(issuer.address.clone());
    }
    // 「千葉市長」 already names the city; a bare title such as 「市長」 gets it in front.
    let title = if issuer.mayor_title.contains(&issuer.city) {
        issuer.mayor_title.clone()
    } else {
        format!("{}{}", issuer.city, issuer.mayor_title)
    };
    sender_lines.push(format!("{title}　{}", issuer.mayor_name));
    Ok(Letterhead {
        document_number: number.to_string(),
        date: wareki::format_date(issued_on)?,
        addressee: addressee.to_string(),
        sender_lines,
    })
}

fn contact(issuer: &Issuer) -> String {
    format!(
        "担当　{}　{}\n電話　{}",
        issuer.department, issuer.contact_name, issuer.telephone
    )
}

fn account_type_ja(t: AccountType) -> &'static str {
    match t {
        AccountType::Ordinary => "普通",
        AccountType::Current => "当座",
    }
}

impl InvoiceDocument {
    /// The invoice as a generic [`Document`]; refuses an amount that is not the lines' net.
    pub fn to_document(&self) -> Result<Document, DocumentError> {
        let t = totals(self.lines.iter().map(|l| (l.copies, l.fees, l.commissions)))?;
        if self.amount <= Yen::ZERO {
            return Err(DocumentError::Inconsistent {
                message_ja: format!(
                    "請求金額が{}のため請求書は作成できません（市からJ-LISへの支払となります）。精算書を出力してください。",
                    self.amount
                ),
                detail: format!("an invoice needs an amount above zero, not {}", self.amount.format_plain()),
            });
        }
        if t.net != self.amount {
            return Err(DocumentError::Inconsistent {
                message_ja: format!(
                    "請求金額 {} が内訳の差引額の合計 {} と一致しません。",
                    self.amount, t.net
                ),
                detail: format!(
                    "invoice amount {} is not the lines' net {}",
                    self.amount.format_plain(),
                    t.net.format_plain()
                ),
            });
        }
        let month = month_label(self.target_month);
        let mut blocks = vec![
            Block::Letterhead(letterhead(
                &self.document_number,
                self.issued_on,
                &self.addressee,
                &self.issuer,
            )?),
            Block::Paragraph(
                "証明書等自動交付事務委託契約書第4条の規定に基づき、下記のとおり請求します。"
                    .into(),
            ),
            Block::Spacer(2.0),
            Block::Amount {
                label: "請求金額".into(),
                amount: yen_amount(self.amount),
            },
            Block::Spacer(2.0),
        ];
        let mut items = vec![
            (
                "件名".to_string(),
                format!("{month}　証明書等自動交付に係る交付手数料"),
            ),
            ("支払期限".to_string(), wareki::format_date(self.due_on)?),
        ];
        if let Some(r) = &self.replaces {
            items.push((
                "訂正前の請求書".into(),
                format!("{}（本請求書をもって取り消します）", r.document_number),
            ));
            items.push(("訂正理由".into(), r.reason.clone()));
        }
        blocks.push(Block::KeyValues(items));
        blocks.extend([
            Block::Spacer(2.0),
            Block::Heading("内訳".into()),
            Block::Table(kind_table(&self.lines, &t)?),
            Block::Paragraph(format!("　{TAX_NOTE}")),
            Block::Spacer(1.0),
            Block::Heading("振込先".into()),
            Block::Table(Table {
                headers: ["金融機関名", "支店名", "預金種別", "口座番号", "口座名義"]
                    .map(String::from)
                    .to_vec(),
                rows: vec![vec![
                    self.bank.bank_name.clone(),
                    self.bank.branch_name.clone(),
                    account_type_ja(self.bank.account_type).into(),
                    self.bank.account_number.clone(),
                    self.bank.account_holder.clone(),
                ]],
                right_aligned: vec![],
                widths_mm: Some(vec![32.0, 28.0, 20.0, 25.0, 60.0]),
                total_row: None,
            }),
        ]);
        let title = if self.replaces.is_some() {
            "請　求　書（訂正）"
        } else {
            "請　求　書"
        };
        Ok(Document {
            title: title.into(),
            letterhead: None,
            blocks,
            footer: Some(contact(&self.issuer)),
        })
    }

    fn info(&self) -> DocumentInfo {
        let kind = if self.replaces.is_some() {
            "請求書（訂正）"
        } else {
            "請求書"
        };
        DocumentInfo {
            title: format!(
                "{kind}（{}）{}",
                month_label(self.target_month),
                self.document_number
            ),
            author: self.issuer.city.clone(),
            subject: "証明書等自動交付に係る交付手数料の請求".into(),
            created_at: self.created_at,
        }
    }
}

impl SettlementStatementDocument {
    pub fn to_document(&self) -> Result<Document, DocumentError> {
        let t = totals(self.lines.iter().map(|l| (l.copies, l.fees, l.commissions)))?;
        let month = month_label(self.target_month);
        let city = &self.issuer.city;
        let (label, amount, explanation) = if t.net.is_negative() {
            let owed = Yen::ZERO.checked_sub(t.net).ok_or_else(too_large)?;
            (
                format!("{city}の支払額"),
                yen_amount(owed),
                format!(
                    "差引額が負（{}円）のため、{city}から地方公共団体情報システム機構へ{}をお支払いします。この月の請求書はありません。",
                    figure(t.net.to_i64()),
                    owed
                ),
            )
        } else if t.net == Yen::ZERO {
            (
                "差引精算額".into(),
                yen_amount(t.net),
                "差引額は0円のため、この月の支払及び請求はありません。".into(),
            )
        } else {
            (
                "差引精算額".into(),
                yen_amount(t.net),
                format!("地方公共団体情報システム機構から{city}へお支払いいただく額です（別途請求書により請求します）。"),
            )
        };
        let status = if self.finalized {
            "確定"
        } else {
            "速報（確定前の数値）"
        };
        let mut blocks = vec![
            Block::Letterhead(letterhead(&self.document_number, self.issued_on, &self.addressee, &self.issuer)?),
            Block::Paragraph(format!(
                "{month}の証明書等自動交付に係る交付手数料及び委託手数料について、下記のとおり精算します。"
            )),
            Block::Spacer(3.0),
            Block::Amount { label, amount },
            Block::Paragraph(explanation),
            Block::Spacer(1.0),
            Block::KeyValues(vec![
                ("対象年月".into(), month.clone()),
                ("取扱い実績データ".into(), status.into()),
            ]),
            Block::Spacer(3.0),
            Block::Heading("1　証明書等の種類別内訳".into()),
            Block::Table(kind_table(&self.lines, &t)?),
            Block::Paragraph(format!("　{TAX_NOTE}")),
        ];
        if !self.operators.is_empty() {
            let o = totals(self.operators.iter().map(|l| (0, l.fees, l.commissions)))?;
            let rows = self
                .operators
                .iter()
                .map(|l| {
                    Ok(vec![
                        l.code.to_string(),
                        l.name.clone(),
                        figure(l.fees.to_i64()),
                        figure(l.commissions.to_i64()),
                        figure(net_of(l.fees, l.commissions)?.to_i64()),
                    ])
                })
                .collect::<Result<Vec<_>, DocumentError>>()?;
            blocks.extend([
                Block::Spacer(3.0),
                Block::Heading("2　事業者別内訳".into()),
                Block::Table(Table {
                    headers: [
                        "事業者コード",
                        "事業者名",
                        "交付手数料（円）",
                        "委託手数料（円）",
                        "差引額（円）",
                    ]
                    .map(String::from)
                    .to_vec(),
                    rows,
                    right_aligned: vec![false, false, true, true, true],
                    widths_mm: Some(vec![22.0, 62.0, 27.0, 27.0, 27.0]),
                    total_row: Some(vec![
                        String::new(),
                        "合計".into(),
                        figure(o.fees.to_i64()),
                        figure(o.commissions.to_i64()),
                        figure(o.net.to_i64()),
                    ]),
                }),
            ]);
        }
        Ok(Document {
            title: "精　算　書".into(),
            letterhead: None,
            blocks,
            footer: Some(contact(&self.issuer)),
        })
    }

    fn info(&self) -> DocumentInfo {
        DocumentInfo {
            title: format!("精算書（{}）", month_label(self.target_month)),
            author: self.issuer.city.clone(),
            subject: "証明書等自動交付に係る交付手数料及び委託手数料の精算".into(),
            created_at: self.created_at,
        }
    }
}

/// Render a 請求書 to PDF bytes.
pub fn invoice(doc: &InvoiceDocument) -> Result<Vec<u8>, DocumentError> {
    render_checked(&doc.to_document()?, &doc.info())
}

/// Render a 精算書 to PDF bytes.
pub fn settlement_statement(doc: &SettlementStatementDocument) -> Result<Vec<u8>, DocumentError> {
    render_checked(&doc.to_document()?, &doc.info())
}
