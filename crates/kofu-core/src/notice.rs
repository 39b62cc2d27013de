//! 完了通知 (第14条): the per-issuance completion notices J-LIS sends the city, each with its fee
//! receipt, and the cancellations and corrections of them.
//!
//! A [`CompletionNotice`] is one event as J-LIS sent it; history is kept, so a correction never
//! overwrites the issuance it corrects. What the events make of an issuance (the effective view)
//! is [`crate::reconciliation::effective_notices`]. Reading the file layout is `kofu-jlis`'s, and
//! a notice always belongs to the city whose store holds it (the file's 団体コード is checked on
//! reading and written from the city's profile).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::catalogue::KindCode;
use crate::master::OperatorCode;
use crate::money::Yen;

/// 処理区分.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeAction {
    /// `0`: an issuance.
    Issuance,
    /// `1`: cancels the issuance 元交付番号.
    Cancellation,
    /// `2`: replaces the values of 元交付番号 (第14条2).
    Correction,
}

impl NoticeAction {
    /// The code in J-LIS's file (and in the store): `0`, `1` or `2`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Issuance => "0",
            Self::Cancellation => "1",
            Self::Correction => "2",
        }
    }

    /// The code as a number, as the store keeps it: `0`, `1` or `2`.
    pub fn number(self) -> i64 {
        match self {
            Self::Issuance => 0,
            Self::Cancellation => 1,
            Self::Correction => 2,
        }
    }

    pub fn from_number(n: i64) -> Option<Self> {
        [Self::Issuance, Self::Cancellation, Self::Correction]
            .into_iter()
            .find(|a| a.number() == n)
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "0" => Some(Self::Issuance),
            "1" => Some(Self::Cancellation),
            "2" => Some(Self::Correction),
            _ => None,
        }
    }
}

/// One completion notice: an issuance at a kiosk, or the cancellation or correction of one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CompletionNotice {
    /// 交付番号: 1–24 ASCII letters and digits, unique per event.
    pub id: String,
    /// 交付日時, Japan time.
    pub at: NaiveDateTime,
    /// 事業者コード.
    pub operator: OperatorCode,
    /// 店舗コード (digits).
    pub store: String,
    /// 端末番号.
    pub kiosk: String,
    /// 証明書種別コード.
    pub kind: KindCode,
    /// 通数, at least 1.
    pub copies: u32,
    /// 交付手数料.
    pub fee: Yen,
    /// 委託手数料.
    pub commission: Yen,
    /// 処理区分.
    pub action: NoticeAction,
    /// 元交付番号: the issuance cancelled or corrected; `None` for an issuance.
    pub original_id: Option<String>,
}
