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
