//! The city (甲): its 地方公共団体コード and the profile printed on every document.

use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

use crate::DomainError;

/// 地方公共団体コード: five digits and a check digit.
///
/// With the digits a..e, S = 6a + 5b + 4c + 3d + 2e and the check digit is (11 − S mod 11) mod 10
/// (総務省 全国地方公共団体コード). 千葉市 is 121002.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MunicipalityCode([u8; 6]);

impl MunicipalityCode {
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        let s = s.trim();
        let digits: Vec<u8> = s.bytes().collect();
        if digits.len() != 6 || !digits.iter().all(u8::is_ascii_digit) {
            return Err(DomainError::new(
                "code",
                format!("団体コード '{s}' は6桁の数字で入力してください。"),
                format!("municipality code '{s}' is not 6 digits"),
            ));
        }
        let d: [u8; 6] = std::array::from_fn(|i| digits[i] - b'0');
        let expected = Self::check_digit(&d[..5]);
        if d[5] != expected {
            return Err(DomainError::new(
                "code",
                format!("団体コード '{s}' の検査数字が正しくありません（正しくは {expected}）。"),
                format!(
                    "municipality code '{s}' has check digit {} but {expected} is expected",
                    d[5]
                ),
            ));
        }
        Ok(Self(d))
    }

    /// The check digit for the first five digits.
    pub fn check_digit(first_five: &[u8]) -> u8 {
        let sum: u32 = first_five
            .iter()
            .zip([6u32, 5, 4, 3, 2])
            .map(|(&d, w)| u32::from(d) * w)
            .sum();
        ((11 - sum % 11) % 10) as u8
    }

    /// The two-digit prefecture number (12 = 千葉県).
    pub fn prefecture(self) -> u8 {
        self.0[0] * 10 + self.0[1]
    }
}

impl fmt::Display for MunicipalityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.0 {
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for MunicipalityCode {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for MunicipalityCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for MunicipalityCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// 預金種目.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum AccountType {
    /// 普通
    Ordinary,
    /// 当座
    Current,
}

impl AccountType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ordinary => "ordinary",
            Self::Current => "current",
        }
    }
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        match s {
            "ordinary" | "普通" => Ok(Self::Ordinary),
            "current" | "当座" => Ok(Self::Current),
            _ => Err(DomainError::new(
                "bank.account_type",
                format!("預金種目 '{s}' は「普通」か「当座」で入力してください。"),
                format!("account type '{s}' is neither ordinary nor current"),
            )),
        }
    }
}

/// The account J-LIS pays into (振込先).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BankAccount {
    pub bank_name: String,
    pub branch_name: String,
    pub account_type: AccountType,
    /// Digits only, up to 8 (全銀 account numbers are 7 digits; some banks use 8).
    pub account_number: String,
    /// 口座名義 (katakana as registered).
    pub account_holder: String,
}

impl BankAccount {
    /// The number as it may appear in logs and the audit trail: all but the last 3 digits hidden.
    pub fn masked_number(&self) -> String {
        mask_tail(&self.account_number, 3)
    }
}

/// Replaces every character but the last `keep` with `*`.
pub fn mask_tail(s: &str, keep: usize) -> String {
    let n = s.chars().count();
    s.chars()
        .enumerate()
        .map(|(i, c)| if i + keep < n { '*' } else { c })
        .collect()
}

/// The city as it appears on invoices and notices. Edited by an admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MunicipalityProfile {
    #[ts(type = "string")]
    pub code: MunicipalityCode,
    /// 団体名 (e.g. 千葉市).
    pub name: String,
    /// 市長の職名 (e.g. 千葉市長).
    pub mayor_title: String,
    pub mayor_name: String,
    pub postal_code: String,
    pub address: String,
    /// 担当部署 (e.g. 市民局市民自治推進部区政推進課).
    pub department: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub bank: BankAccount,
}

impl MunicipalityProfile {
    /// Checks every field; reports the first problem with the field's name.
    pub fn validate(&self) -> Result<(), DomainError> {
        let required = [
            ("name", &self.name, "団体名"),
            ("mayor_title", &self.mayor_title, "長の職名"),
            ("mayor_name", &self.mayor_name, "長の氏名"),
            ("address", &self.address, "所在地"),
            ("department", &self.department, "担当部署"),
        ];
        for (field, value, label) in required {
            if value.trim().is_empty() {
                return Err(DomainError::new(
                    field,
                    format!("{label}を入力してください。"),
                    format!("{field} is required"),
                ));
            }
            if value.chars().count() > 200 {
                return Err(DomainError::new(
                    field,
                    format!("{label}は200文字以内で入力してください。"),
                    format!("{field} is longer than 200 characters"),
                ));
            }
        }
        let pc = self.postal_code.trim();
        if !pc.is_empty() {
            let digits: String = pc.chars().filter(|c| *c != '-').collect();
            if digits.len() != 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DomainError::new(
                    "postal_code",
                    format!("郵便番号 '{pc}' は 260-8722 の形式で入力してください。"),
                    format!("postal code '{pc}' is not NNN-NNNN"),
                ));
            }
        }
        let phone = self.contact_phone.trim();
        if !phone.is_empty()
            && !phone
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | '(' | ')' | ' ' | '+'))
        {
            return Err(DomainError::new(
                "contact_phone",
                format!("電話番号 '{phone}' には数字とハイフンだけを使ってください。"),
                format!("phone '{phone}' has characters other than digits and hyphens"),
            ));
        }
        let email = self.contact_email.trim();
        if !email.is_empty() && (!email.contains('@') || email.contains(' ')) {
            return Err(DomainError::new(
                "contact_email",
                format!("メールアドレス '{email}' が正しくありません。"),
                format!("email '{email}' is not an address"),
            ));
        }
        // Every typed text goes through the one door: no 個人番号 in a profile either.
        let texts = [
            ("name", &self.name),
            ("mayor_title", &self.mayor_title),
            ("mayor_name", &self.mayor_name),
            ("address", &self.address),
            ("department", &self.department),
            ("contact_name", &self.contact_name),
            ("bank.bank_name", &self.bank.bank_name),
            ("bank.branch_name", &self.bank.branch_name),
            ("bank.account_holder", &self.bank.account_holder),
        ];
        for (field, value) in texts {
            crate::FreeText::parse(field, value)?;
        }
        let n = &self.bank.account_number;
        if !n.is_empty() && (n.len() > 8 || !n.bytes().all(|b| b.is_ascii_digit())) {
            return Err(DomainError::new(
                "bank.account_number",
                "口座番号は8桁以内の数字で入力してください。",
                "bank account number is not up to 8 digits",
            ));
        }
        Ok(())
    }

    /// The Chiba City demo profile (DOMAIN.md: the first profile and the demo data).
    pub fn chiba_demo() -> Self {
        Self {
            code: MunicipalityCode::parse("121002").expect("valid code"),
            name: "千葉市".into(),
            mayor_title: "千葉市長".into(),
            mayor_name: "神谷 俊一".into(),
            postal_code: "260-8722".into(),
            address: "千葉県千葉市中央区千葉港1番1号".into(),
            department: "市民局市民自治推進部区政推進課".into(),
            contact_name: "証明書担当".into(),
            contact_phone: "043-245-5134".into(),
            contact_email: "kuseisuishin.CIC@city.chiba.lg.jp".into(),
            bank: BankAccount {
                bank_name: "千葉銀行".into(),
                branch_name: "県庁支店".into(),
                account_type: AccountType::Ordinary,
                account_number: "1234567".into(),
                account_holder: "チバシカイケイカンリシャ".into(),
            },
        }
    }

    /// An empty profile for a city that was just set up (code and name known).
    pub fn new_for(code: MunicipalityCode, name: &str) -> Self {
        Self {
            code,
            name: name.trim().into(),
            mayor_title: format!("{}長", name.trim()),
            mayor_name: String::new(),
            postal_code: String::new(),
            address: String::new(),
            department: String::new(),
            contact_name: String::new(),
            contact_phone: String::new(),
            contact_email: String::new(),
            bank: BankAccount {
                bank_name: String::new(),
                branch_name: String::new(),
                account_type: AccountType::Ordinary,
                account_number: String::new(),
                account_holder: String::new(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_codes_of_large_and_small_municipalities() {
        // 千葉市, 札幌市, 東京都千代田区, 大阪市, 那覇市, 北海道 (prefecture), 沖縄県与那国町
        for code in [
            "121002", "011002", "131016", "271004", "472018", "010006", "473821",
        ] {
            assert!(
                MunicipalityCode::parse(code).is_ok(),
                "{code} is a real code and must be accepted"
            );
        }
    }

    #[test]
    fn rejects_a_wrong_check_digit_and_names_the_right_one() {
        let err = MunicipalityCode::parse("121003").unwrap_err();
        assert_eq!(err.field, "code");
        assert!(
            err.message.contains("正しくは 2"),
            "message tells the clerk the expected digit: {}",
            err.message
        );
        assert!(MunicipalityCode::parse("12100").is_err());
        assert!(MunicipalityCode::parse("12100a").is_err());
        assert!(
            MunicipalityCode::parse("１２１００２").is_err(),
            "full-width digits are not a code"
        );
    }

    #[test]
    fn every_five_digit_prefix_has_exactly_one_valid_code() {
        for prefix in [0u32, 12100, 99999, 47382] {
            let p = format!("{prefix:05}");
            let valid: Vec<u32> = (0..10)
                .filter(|d| MunicipalityCode::parse(&format!("{p}{d}")).is_ok())
                .collect();
            assert_eq!(
                valid.len(),
                1,
                "prefix {p} must have one check digit, got {valid:?}"
            );
        }
    }

    #[test]
    fn the_demo_profile_is_valid_and_masks_its_account() {
        let p = MunicipalityProfile::chiba_demo();
        p.validate().unwrap();
        assert_eq!(p.bank.masked_number(), "****567");
    }

    #[test]
    fn a_twelve_digit_number_in_any_profile_text_is_refused_naming_the_field() {
        let mut p = MunicipalityProfile::chiba_demo();
        p.contact_name = "証明書担当 1234-5678-9012".into();
        assert_eq!(p.validate().unwrap_err().field, "contact_name");
        let mut p = MunicipalityProfile::chiba_demo();
        p.bank.account_holder = "チバシ１２３４５６７８９０１２".into();
        assert_eq!(p.validate().unwrap_err().field, "bank.account_holder");
        assert!(
            crate::staff::validate_display_name("田中 123456789012").is_err(),
            "a display name is typed text too"
        );
    }

    #[test]
    fn a_profile_without_a_name_is_refused_naming_the_field() {
        let mut p = MunicipalityProfile::chiba_demo();
        p.name = "  ".into();
        assert_eq!(p.validate().unwrap_err().field, "name");
        let mut p = MunicipalityProfile::chiba_demo();
        p.contact_phone = "043-245-5134 内線".into();
        assert_eq!(p.validate().unwrap_err().field, "contact_phone");
    }
}
