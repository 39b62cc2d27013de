//! Certificate kinds (証明書種別) and the catalogue of them the city offers at stores (第7条).
//!
//! A kind is identified by its two-digit code, the key used in J-LIS files; its name and whether
//! it is currently offered are the city's to change. The catalogue is the list of kinds only:
//! fees, commissions and hours are effective-dated and live beside it ([`super::fees`],
//! [`super::hours`]).

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::master::DEFAULT_CERTIFICATE_KINDS;
use crate::{DomainError, FreeText};

/// 証明書種別コード: two ASCII digits, `01`–`99` (`00` is not a kind).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, TS)]
#[ts(type = "string")]
pub struct KindCode([u8; 2]);

impl KindCode {
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        let t = s.trim();
        match t.as_bytes() {
            &[a, b] if a.is_ascii_digit() && b.is_ascii_digit() && (a, b) != (b'0', b'0') => {
                Ok(Self([a, b]))
            }
            _ => Err(DomainError::new(
                "kind",
                format!("証明書種別コード '{t}' は2桁の数字（01〜99）で入力してください。"),
                format!("certificate kind code '{t}' is not two digits 01-99"),
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("two ASCII digits")
    }
}

impl fmt::Display for KindCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for KindCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KindCode({})", self.as_str())
    }
}

impl std::str::FromStr for KindCode {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for KindCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for KindCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// One certificate the city may issue at stores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CertificateKind {
    pub code: KindCode,
    /// e.g. 住民票の写し.
    pub name: FreeText,
    /// `false`: registered (J-LIS files may still name it) but not offered at stores now.
    pub enabled: bool,
}

impl CertificateKind {
    pub fn validate(&self) -> Result<(), DomainError> {
        self.name.check("name")?;
        let n = self.name.as_str().trim().chars().count();
        if (1..=50).contains(&n) {
            Ok(())
        } else {
            Err(DomainError::new(
                "name",
                format!(
                    "証明書種別 {} の名称を50文字以内で入力してください。",
                    self.code
                ),
                format!("name of kind {} must be 1-50 characters", self.code),
            ))
        }
    }
}

/// The certificate kinds of a city, one per code, kept in code order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<CertificateKind>", into = "Vec<CertificateKind>")]
pub struct Catalogue {
    kinds: Vec<CertificateKind>,
}

impl Catalogue {
    /// Checks every kind and refuses a code given twice.
    pub fn new(mut kinds: Vec<CertificateKind>) -> Result<Self, DomainError> {
        kinds.sort_by_key(|k| k.code);
        for k in &kinds {
            k.validate()?;
        }
        if let Some(pair) = kinds.windows(2).find(|w| w[0].code == w[1].code) {
            return Err(duplicate(&pair[1]));
        }
        Ok(Self { kinds })
    }

    /// The seven default kinds of INTERFACES.md, all offered (the Chiba demo profile).
    pub fn chiba_demo() -> Self {
        let kinds = DEFAULT_CERTIFICATE_KINDS
            .iter()
            .map(|(code, name)| CertificateKind {
                code: KindCode::parse(code).expect("default codes are valid"),
                name: FreeText::parse("name", name).expect("default names are valid"),
                enabled: true,
            })
            .collect();
        Self::new(kinds).expect("the default kinds are valid")
    }

    pub fn kinds(&self) -> &[CertificateKind] {
        &self.kinds
    }

    pub fn get(&self, code: KindCode) -> Option<&CertificateKind> {
        self.kinds
            .binary_search_by_key(&code, |k| k.code)
            .ok()
            .map(|i| &self.kinds[i])
    }

    /// The kind, or the error a clerk sees for an unknown code (INTERFACES.md: never a silent
    /// new row).
    pub fn require(&self, code: KindCode) -> Result<&CertificateKind, DomainError> {
        self.get(code).ok_or_else(|| unknown_kind(code))
    }

    /// Adds a new kind (第7条: J-LIS must then be notified).
    pub fn add(&mut self, kind: CertificateKind) -> Result<(), DomainError> {
        kind.validate()?;
        match self.kinds.binary_search_by_key(&kind.code, |k| k.code) {
            Ok(_) => Err(duplicate(&kind)),
            Err(i) => {
                self.kinds.insert(i, kind);
                Ok(())
            }
        }
    }

    /// Replaces the name and `enabled` of an existing kind.
    pub fn update(&mut self, kind: CertificateKind) -> Result<(), DomainError> {
        kind.validate()?;
        let i = self
            .kinds
            .binary_search_by_key(&kind.code, |k| k.code)
            .map_err(|_| unknown_kind(kind.code))?;
        self.kinds[i] = kind;
        Ok(())
    }
}

impl TryFrom<Vec<CertificateKind>> for Catalogue {
    type Error = DomainError;
    fn try_from(kinds: Vec<CertificateKind>) -> Result<Self, Self::Error> {
        Self::new(kinds)
    }
}

impl From<Catalogue> for Vec<CertificateKind> {
    fn from(c: Catalogue) -> Self {
        c.kinds
    }
}

/// 「証明書種別 '99' は登録されていません。」
pub(crate) fn unknown_kind(code: KindCode) -> DomainError {
    DomainError::new(
        "kind",
        format!("証明書種別 '{code}' は登録されていません。"),
        format!("certificate kind '{code}' is not in the catalogue"),
    )
}

fn duplicate(kind: &CertificateKind) -> DomainError {
    DomainError::new(
        "kind",
        format!("証明書種別 '{}' はすでに登録されています。", kind.code),
        format!(
            "certificate kind '{}' is already in the catalogue",
            kind.code
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> KindCode {
        KindCode::parse(s).unwrap()
    }

    #[test]
    fn kind_codes_are_two_digits_from_01_to_99() {
        assert_eq!(code("01").as_str(), "01");
        assert_eq!(code(" 99 ").to_string(), "99");
        for bad in ["00", "1", "001", "0a", "", "１２"] {
            assert_eq!(
                KindCode::parse(bad).unwrap_err().field,
                "kind",
                "'{bad}' is no kind code"
            );
        }
        assert_eq!(serde_json::to_string(&code("04")).unwrap(), "\"04\"");
        assert!(serde_json::from_str::<KindCode>("\"00\"").is_err());
    }

    #[test]
    fn the_chiba_catalogue_has_the_seven_default_kinds_in_code_order() {
        let c = Catalogue::chiba_demo();
        let codes: Vec<&str> = c.kinds().iter().map(|k| k.code.as_str()).collect();
        assert_eq!(codes, ["01", "02", "03", "04", "05", "06", "07"]);
        assert_eq!(c.get(code("04")).unwrap().name, "戸籍全部事項証明書");
        assert!(c.kinds().iter().all(|k| k.enabled));
        assert_eq!(
            c.require(code("99")).unwrap_err().message,
            "証明書種別 '99' は登録されていません。"
        );
    }

    #[test]
    fn a_code_cannot_be_added_twice_and_only_known_codes_are_updated() {
        let mut c = Catalogue::chiba_demo();
        let again = CertificateKind {
            code: code("01"),
            name: FreeText::parse("name", "住民票").unwrap(),
            enabled: true,
        };
        assert!(c.add(again.clone()).is_err(), "01 exists already");
        let new = CertificateKind {
            code: code("08"),
            name: FreeText::parse("name", "戸籍の附票の写し（除票）").unwrap(),
            enabled: true,
        };
        c.add(new.clone()).unwrap();
        assert_eq!(c.kinds().last().unwrap().code, code("08"));
        c.update(CertificateKind {
            enabled: false,
            ..new
        })
        .unwrap();
        assert!(!c.get(code("08")).unwrap().enabled);
        assert!(c
            .update(CertificateKind {
                code: code("42"),
                ..again
            })
            .is_err());
        assert!(Catalogue::new(vec![c.kinds()[0].clone(), c.kinds()[0].clone()]).is_err());
    }

    #[test]
    fn a_catalogue_round_trips_through_json_and_is_checked_when_read() {
        let c = Catalogue::chiba_demo();
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.starts_with(r#"[{"code":"01","name":"住民票の写し","enabled":true}"#));
        assert_eq!(serde_json::from_str::<Catalogue>(&json).unwrap(), c);
        let blank = r#"[{"code":"01","name":" ","enabled":true}]"#;
        assert!(serde_json::from_str::<Catalogue>(blank).is_err());
    }

    #[test]
    fn a_kind_named_with_a_twelve_digit_number_is_refused_naming_the_name() {
        let kind: CertificateKind =
            serde_json::from_str(r#"{"code":"08","name":"証明書 1234.5678.9012","enabled":true}"#)
                .unwrap();
        let err = Catalogue::chiba_demo().add(kind).unwrap_err();
        assert_eq!(err.field, "name");
        assert!(err.message.contains("個人番号"), "{}", err.message);
    }
}
