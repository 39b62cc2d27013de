//! The default master data of INTERFACES.md: operators and certificate kinds a city starts with.

/// 事業者コード and name.
pub const DEFAULT_OPERATORS: &[(&str, &str)] = &[
    ("0001", "セブン-イレブン・ジャパン"),
    ("0002", "ローソン"),
    ("0003", "ファミリーマート"),
    ("0004", "ミニストップ"),
    ("0005", "セコマ"),
    ("0006", "イオンリテール"),
];

/// 証明書種別コード and name.
pub const DEFAULT_CERTIFICATE_KINDS: &[(&str, &str)] = &[
    ("01", "住民票の写し"),
    ("02", "住民票記載事項証明書"),
    ("03", "印鑑登録証明書"),
    ("04", "戸籍全部事項証明書"),
    ("05", "戸籍個人事項証明書"),
    ("06", "戸籍の附票の写し"),
    ("07", "所得・課税証明書"),
];

/// 事業者コード: four ASCII digits, the key of an operator (コンビニ事業者等) in J-LIS's files.
/// Which codes a city recognises is its master data; this type only carries the form.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ts_rs::TS)]
#[ts(export, type = "string")]
pub struct OperatorCode([u8; 4]);

impl OperatorCode {
    pub fn parse(s: &str) -> Result<Self, crate::DomainError> {
        let t = s.trim();
        match t.as_bytes() {
            &[a, b, c, d] if [a, b, c, d].iter().all(u8::is_ascii_digit) => Ok(Self([a, b, c, d])),
            _ => Err(crate::DomainError::new(
                "operator",
                format!("事業者コード '{t}' は4桁の数字で入力してください。"),
                format!("operator code '{t}' is not four digits"),
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("four ASCII digits")
    }
}

impl std::fmt::Display for OperatorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for OperatorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "OperatorCode({})", self.as_str())
    }
}

impl serde::Serialize for OperatorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for OperatorCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_operator_code_is_four_digits() {
        assert_eq!(OperatorCode::parse("0001").unwrap().as_str(), "0001");
        for bad in ["001", "00001", "000a", ""] {
            assert!(OperatorCode::parse(bad).is_err(), "{bad}");
        }
        for (code, _) in DEFAULT_OPERATORS {
            assert!(OperatorCode::parse(code).is_ok(), "{code}");
        }
    }
}
