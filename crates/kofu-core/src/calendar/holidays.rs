//! National holidays of Japan: the rules of 祝日法 and the Cabinet Office's published list.
//!
//! Two sources, one answer. [`rule_holidays`] computes a year's holidays from the law (国民の
//!祝日に関する法律, its amendments and the one-off laws), so the calendar keeps working past the
//! last year the Cabinet Office has published. [`HolidayTable`] holds the published list
//! (内閣府 `syukujitsu.csv`): for every year the list covers, the list wins, because a new law can
//! move a holiday and the list is what the city's counterparts use. The tests compare the two for
//! every published year; they must agree.
//!
//! What this module does not do: city closures, weekends and 12/29–1/3 (see `business`), and
//! holidays before the law took effect on 1948-07-20 (there are none to compute). Names are the
//! Cabinet Office's, including 「休日」 for both 振替休日 and 国民の休日, so output matches the
//! official list row for row.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;
use ts_rs::TS;

use crate::DomainError;

/// One national holiday (a 国民の祝日 or a 休日 under the law), named as in the official list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Holiday {
    /// Serialized `YYYY-MM-DD`.
    pub date: NaiveDate,
    pub name: String,
}

impl Holiday {
    fn new(date: NaiveDate, name: impl Into<String>) -> Self {
        Self {
            date,
            name: name.into(),
        }
    }
}

/// The name the Cabinet Office gives both a 振替休日 and a 国民の休日.
pub const SUBSTITUTE_NAME: &str = "休日";

/// Years for which [`rule_holidays`] answers. The law took effect on 1948-07-20; the equinox
/// formula is the one published for 1900–2099 and is not extrapolated beyond it.
pub const RULE_YEARS: std::ops::RangeInclusive<i32> = 1948..=2099;

/// The day the law took effect; nothing before it is a national holiday.
fn law_in_force() -> NaiveDate {
    ymd(1948, 7, 20)
}

/// 振替休日 exists from the 1973 amendment (施行 1973-04-12).
fn substitute_holidays_from() -> NaiveDate {
    ymd(1973, 4, 12)
}

/// 国民の休日 (a day between two 祝日) exists from the 1985 amendment (施行 1985-12-27).
fn sandwiched_holidays_from() -> NaiveDate {
    ymd(1985, 12, 27)
}

/// One-off laws that made a single day a holiday (each "国民の祝日とみなす" or equivalent, so each
/// counts as a 祝日 for 振替休日 and 国民の休日). Names as in the official list.
const ONE_OFF_DAYS: &[(i32, u32, u32, &str)] = &[
    // 皇太子明仁親王の結婚の儀の行われる日を休日とする法律
    (1959, 4, 10, "結婚の儀"),
    // 昭和天皇の大喪の礼の行われる日を休日とする法律
    (1989, 2, 24, "大喪の礼"),
    // 即位礼正殿の儀の行われる日を休日とする法律 (1990)
    (1990, 11, 12, "即位礼正殿の儀"),
    // 皇太子徳仁親王の結婚の儀の行われる日を休日とする法律
    (1993, 6, 9, "結婚の儀"),
    // 天皇の即位の日及び即位礼正殿の儀の行われる日を休日とする法律 (2018). The official list
    // names both days 「休日（祝日扱い）」 (full-width parentheses); 4/30 and 5/2 follow as
    // 国民の休日 from the general rule.
    (2019, 5, 1, "休日（祝日扱い）"),
    (2019, 10, 22, "休日（祝日扱い）"),
];

/// The national holidays of `year` computed from the law alone, sorted by date. Empty for years
/// outside [`RULE_YEARS`].
pub fn rule_holidays(year: i32) -> Vec<Holiday> {
    if !RULE_YEARS.contains(&year) {
        return Vec::new();
    }
    let shukujitsu: BTreeMap<NaiveDate, &'static str> = statutory_days(year)
        .into_iter()
        .filter(|(date, _)| *date >= law_in_force())
        .collect();

    let mut all: BTreeMap<NaiveDate, &'static str> = shukujitsu.clone();
    for date in substitute_days(&shukujitsu) {
        all.entry(date).or_insert(SUBSTITUTE_NAME);
    }
    for date in sandwiched_days(&shukujitsu, &all) {
        all.entry(date).or_insert(SUBSTITUTE_NAME);
    }
    all.into_iter()
        // A 振替休日 of 12/31's year never spills into the next year: no 祝日 falls on 12/31.
        .filter(|(date, _)| date.year() == year)
        .map(|(date, name)| Holiday::new(date, name))
        .collect()
}

/// The 国民の祝日 of `year` proper (including the one-off days), before 振替休日 and 国民の休日.
fn statutory_days(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let mut days = Vec::with_capacity(20);
    let mut add = |date: NaiveDate, name: &'static str| days.push((date, name));
    let on = |month, day| ymd(year, month, day);

    add(on(1, 1), "元日");
    // ハッピーマンデー制度 (1998 amendment): 成人の日 and 体育の日 move to Mondays from 2000,
    // 海の日 and 敬老の日 (2001 amendment) from 2003.
    add(
        if year < 2000 {
            on(1, 15)
        } else {
            nth_monday(year, 1, 2)
        },
        "成人の日",
    );
    if year >= 1967 {
        add(on(2, 11), "建国記念の日");
    }
    match year {
        ..=1988 => add(on(4, 29), "天皇誕生日"),
        1989..=2018 => add(on(12, 23), "天皇誕生日"),
        // 2019 has no 天皇誕生日: 12/23 stopped with the abdication, 2/23 starts in 2020.
        2019 => {}
        _ => add(on(2, 23), "天皇誕生日"),
    }
    add(on(3, vernal_equinox_day(year)), "春分の日");
    match year {
        ..=1988 => {} // 4/29 was 天皇誕生日
        1989..=2006 => add(on(4, 29), "みどりの日"),
        _ => {
            add(on(4, 29), "昭和の日");
            add(on(5, 4), "みどりの日");
        }
    }
    add(on(5, 3), "憲法記念日");
    add(on(5, 5), "こどもの日");
    // 2020 and 2021: the Olympic special measures law moved 海の日, スポーツの日 and 山の日.
    match year {
        ..=1995 => {}
        1996..=2002 => add(on(7, 20), "海の日"),
        2020 => add(on(7, 23), "海の日"),
        2021 => add(on(7, 22), "海の日"),
        _ => add(nth_monday(year, 7, 3), "海の日"),
    }
    match year {
        ..=2015 => {}
        2020 => add(on(8, 10), "山の日"),
        2021 => add(on(8, 8), "山の日"),
        _ => add(on(8, 11), "山の日"),
    }
    match year {
        ..=1965 => {}
        1966..=2002 => add(on(9, 15), "敬老の日"),
        _ => add(nth_monday(year, 9, 3), "敬老の日"),
    }
    add(on(9, autumnal_equinox_day(year)), "秋分の日");
    match year {
        ..=1965 => {}
        1966..=1999 => add(on(10, 10), "体育の日"),
        2000..=2018 => add(nth_monday(year, 10, 2), "体育の日"),
        // The renaming law passed in 2018 for 2020; the official list shows 2019's day this way.
        2019 => add(nth_monday(year, 10, 2), "体育の日（スポーツの日）"),
        2020 => add(on(7, 24), "スポーツの日"),
        2021 => add(on(7, 23), "スポーツの日"),
        _ => add(nth_monday(year, 10, 2), "スポーツの日"),
    }
    add(on(11, 3), "文化の日");
    add(on(11, 23), "勤労感謝の日");
    for &(y, month, day, name) in ONE_OFF_DAYS {
        if y == year {
            add(on(month, day), name);
        }
    }
    days
}

/// 振替休日 (第3条第2項): a 祝日 on a Sunday makes a following day a 休日. Until 2006 only the
/// next day, and only if it was not itself a 祝日; from 2007 the first following day that is not
/// a 祝日 (so a Sunday 5/3 gives Wednesday 5/6).
fn substitute_days(shukujitsu: &BTreeMap<NaiveDate, &'static str>) -> Vec<NaiveDate> {
    let mut days = Vec::new();
    for &date in shukujitsu.keys() {
        if date < substitute_holidays_from() || date.weekday() != Weekday::Sun {
            continue;
        }
        let mut candidate = next_day(date);
        if date.year() >= 2007 {
            while shukujitsu.contains_key(&candidate) {
                candidate = next_day(candidate);
            }
        } else if shukujitsu.contains_key(&candidate) {
            continue;
        }
        days.push(candidate);
    }
    days
}

/// 国民の休日 (第3条第3項): a day whose previous and next days are both 祝日 is a 休日, if it is
/// not a 祝日 itself. Until 2006 the law also excluded Sundays and days already a 振替休日.
fn sandwiched_days(
    shukujitsu: &BTreeMap<NaiveDate, &'static str>,
    so_far: &BTreeMap<NaiveDate, &'static str>,
) -> Vec<NaiveDate> {
    let mut days = Vec::new();
    for &date in shukujitsu.keys() {
        let between = next_day(date);
        let after = next_day(between);
        if between < sandwiched_holidays_from()
            || shukujitsu.contains_key(&between)
            || !shukujitsu.contains_key(&after)
        {
            continue;
        }
        let pre_2007_excluded = between.year() < 2007
            && (between.weekday() == Weekday::Sun || so_far.contains_key(&between));
        if !pre_2007_excluded {
            days.push(between);
        }
    }
    days
}

/// 春分日 (the day of the March equinox, JST) by the standard approximation for 1900–2099.
/// Computed in integers (millionths of a day) so no float rounding can move a date. The
/// division by 4 truncates toward zero, as in the published formula: for 1900–1979 the
/// quotient is negative and flooring instead gives wrong dates (e.g. 1956).
fn vernal_equinox_day(year: i32) -> u32 {
    if year < 1980 {
        equinox_day(year, 20_835_700, 1983)
    } else {
        equinox_day(year, 20_843_100, 1980)
    }
}

/// 秋分日 (the day of the September equinox, JST), same approximation as [`vernal_equinox_day`].
fn autumnal_equinox_day(year: i32) -> u32 {
    if year < 1980 {
        equinox_day(year, 23_258_800, 1983)
    } else {
        equinox_day(year, 23_248_800, 1980)
    }
}

/// floor(base + 0.242194 × (year − 1980)) − trunc((year − leap_base) / 4), in millionths.
fn equinox_day(year: i32, base_micro: i64, leap_base: i32) -> u32 {
    let drift = base_micro + 242_194 * i64::from(year - 1980);
    let day = drift.div_euclid(1_000_000) - i64::from((year - leap_base) / 4);
    u32::try_from(day).expect("an equinox falls between the 19th and the 24th")
}

/// The `n`th Monday of `month` (Happy Monday days).
fn nth_monday(year: i32, month: u32, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, n)
        .expect("every month has at least four Mondays")
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid calendar date")
}

fn next_day(date: NaiveDate) -> NaiveDate {
    date.succ_opt().expect("not the last representable date")
}

/// The holidays the calendar uses: the published list for the years it covers, the rules for
/// every other year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayTable {
    listed: BTreeMap<NaiveDate, String>,
    first_year: i32,
    last_year: i32,
}

/// The Cabinet Office list shipped with the product (1955–2027, CP932, CRLF, as downloaded).
const BUILTIN_CSV: &[u8] = include_bytes!("../../../../assets/holidays/syukujitsu.csv");

/// The field name carried by every CSV import error.
const CSV_FIELD: &str = "holidays_csv";

impl HolidayTable {
    /// The shipped snapshot of the Cabinet Office list, with the rules beyond its last year.
    pub fn builtin() -> Self {
        static BUILTIN: OnceLock<HolidayTable> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                Self::from_cabinet_office_csv(BUILTIN_CSV)
                    .expect("the shipped syukujitsu.csv parses (checked by a test)")
            })
            .clone()
    }

    /// Reads the Cabinet Office list (`syukujitsu.csv`): CP932 as published, or UTF-8 with or
    /// without a BOM (as re-saved by Excel or an editor). Rows are `date,name`, the date as
    /// `2026/1/1` or `2026-01-01`; a first line that is not a row is the header and is skipped;
    /// blank lines are skipped. Any other line that is not a valid row is refused, naming the
    /// line: a list with a hole in it would silently move a deadline.
    pub fn from_cabinet_office_csv(bytes: &[u8]) -> Result<Self, DomainError> {
        let text = decode_csv(bytes)?;
        let mut listed = BTreeMap::new();
        let mut line_of: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        let mut seen_first_line = false;
        for (index, raw) in text.split('\n').enumerate() {
            let line_no = index + 1;
            let line = raw.trim_end_matches('\r').trim();
            if line.is_empty() {
                continue;
            }
            let is_first = !seen_first_line;
            seen_first_line = true;
            if is_first && !line.starts_with(|c: char| c.is_ascii_digit()) {
                continue; // 国民の祝日・休日月日,国民の祝日・休日名称
            }
            let (date, name) = parse_row(line, line_no)?;
            if let Some(previous) = line_of.insert(date, line_no) {
                return Err(bad_line(
                    line_no,
                    line,
                    &format!("同じ日付が{previous}行目にもあります"),
                    &format!("the date is also on line {previous}"),
                ));
            }
            listed.insert(date, name);
        }
        let (Some(first), Some(last)) = (listed.keys().next(), listed.keys().next_back()) else {
            return Err(DomainError::new(
                CSV_FIELD,
                "祝日CSVに祝日が1件もありません。",
                "the holidays CSV has no rows",
            ));
        };
        let (first_year, last_year) = (first.year(), last.year());
        // Years in between with no row would read as "no holidays that year": refuse instead.
        let years: BTreeSet<i32> = listed.keys().map(|d| d.year()).collect();
        if let Some(missing) = (first_year..=last_year).find(|y| !years.contains(y)) {
            return Err(DomainError::new(
                CSV_FIELD,
                format!(
                    "祝日CSVに{missing}年の祝日がありません。{first_year}年から{last_year}年までの全ての年が必要です。"
                ),
                format!("the holidays CSV has no row for {missing} (it spans {first_year}-{last_year})"),
            ));
        }
        Ok(Self {
            listed,
            first_year,
            last_year,
        })
    }

    /// The first year the published list covers.
    pub fn first_year(&self) -> i32 {
        self.first_year
    }

    /// The last year the published list covers; later years come from the rules.
    pub fn last_year(&self) -> i32 {
        self.last_year
    }

    /// Whether `year` is answered from the published list (rather than the rules).
    pub fn covers(&self, year: i32) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }

    /// The national holidays of `year`, sorted by date.
    pub fn national_holidays(&self, year: i32) -> Vec<Holiday> {
        if !self.covers(year) {
            return rule_holidays(year);
        }
        self.listed
            .range(ymd(year, 1, 1)..=ymd(year, 12, 31))
            .map(|(date, name)| Holiday::new(*date, name.clone()))
            .collect()
    }

    /// The holiday's name if `date` is a national holiday.
    pub fn holiday_name(&self, date: NaiveDate) -> Option<String> {
        if self.covers(date.year()) {
            return self.listed.get(&date).cloned();
        }
        rule_holidays(date.year())
            .into_iter()
            .find(|h| h.date == date)
            .map(|h| h.name)
    }
}

/// CP932 is what the Cabinet Office publishes; UTF-8 is what a file becomes after an editor.
/// CP932 text with kanji is practically never valid UTF-8, so trying UTF-8 first is safe.
fn decode_csv(bytes: &[u8]) -> Result<String, DomainError> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    if let Some(rest) = bytes.strip_prefix(BOM) {
        return std::str::from_utf8(rest).map(str::to_owned).map_err(|e| {
            DomainError::new(
                CSV_FIELD,
                "祝日CSVは UTF-8 の印(BOM)で始まりますが、UTF-8 として読めません。",
                format!("the holidays CSV starts with a UTF-8 BOM but is not UTF-8: {e}"),
            )
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    encoding_rs::SHIFT_JIS
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
        .ok_or_else(|| {
            DomainError::new(
                CSV_FIELD,
                "祝日CSVの文字コードが Shift_JIS (CP932) でも UTF-8 でもありません。",
                "the holidays CSV is neither CP932 nor UTF-8",
            )
        })
}

fn parse_row(line: &str, line_no: usize) -> Result<(NaiveDate, String), DomainError> {
    let mut fields = line.split(',').map(|f| f.trim().trim_matches('"').trim());
    let date_text = fields.next().unwrap_or_default();
    let Some(name) = fields.next() else {
        return Err(bad_line(
            line_no,
            line,
            "「日付,名称」の形になっていません",
            "expected `date,name`",
        ));
    };
    // Excel sometimes appends empty columns; anything else is a different file.
    if fields.any(|extra| !extra.is_empty()) {
        return Err(bad_line(
            line_no,
            line,
            "列が多すぎます(日付と名称の2列です)",
            "more than two fields",
        ));
    }
    let Some(date) = parse_csv_date(date_text) else {
        return Err(bad_line(
            line_no,
            date_text,
            "日付は 2026/1/1 か 2026-01-01 の形で、実在する日を書いてください",
            "the date is not an existing YYYY/M/D or YYYY-MM-DD date",
        ));
    };
    if name.is_empty() {
        return Err(bad_line(line_no, line, "名称が空です", "the name is empty"));
    }
    Ok((date, name.to_owned()))
}

/// `2026/1/1`, `2026/01/01` or `2026-01-01` (one separator throughout).
fn parse_csv_date(text: &str) -> Option<NaiveDate> {
    let separator = if text.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = text.split(separator).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let digits = |s: &str, max_len: usize| {
        !s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit())
    };
    if y.len() != 4 || !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

fn bad_line(line_no: usize, value: &str, reason_ja: &str, reason_en: &str) -> DomainError {
    DomainError::new(
        CSV_FIELD,
        format!("祝日CSVの{line_no}行目「{value}」を読めません: {reason_ja}。"),
        format!("holidays CSV line {line_no} '{value}': {reason_en}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn rule_name(date: &str) -> Option<String> {
        let date = d(date);
        rule_holidays(date.year())
            .into_iter()
            .find(|h| h.date == date)
            .map(|h| h.name)
    }

    #[test]
    fn the_rules_and_the_published_list_agree_on_every_published_year() {
        let table = HolidayTable::builtin();
        assert_eq!((table.first_year(), table.last_year()), (1955, 2027));
        let mut compared = 0;
        for year in table.first_year()..=table.last_year() {
            let listed = table.national_holidays(year);
            let ruled = rule_holidays(year);
            assert_eq!(
                ruled, listed,
                "{year}: the rules must reproduce the Cabinet Office list date for date and name for name"
            );
            compared += listed.len();
        }
        assert_eq!(
            compared, 1067,
            "the shipped list has 1,067 rows from 1955 to 2027"
        );
    }

    #[test]
    fn the_shipped_snapshot_is_the_cabinet_office_file_as_published() {
        assert!(
            BUILTIN_CSV.windows(2).any(|w| w == b"\r\n"),
            "CRLF line ends, as published"
        );
        // 「国」 in CP932: the file is as downloaded, not re-saved as UTF-8.
        assert_eq!(&BUILTIN_CSV[..2], b"\x8D\x91", "CP932, as published");
        let (text, _, malformed) = encoding_rs::SHIFT_JIS.decode(BUILTIN_CSV);
        assert!(!malformed, "every byte is valid CP932");
        assert!(text.starts_with("国民の祝日・休日月日,国民の祝日・休日名称\r\n1955/1/1,元日\r\n"));
        assert!(text.ends_with("2027/11/23,勤労感謝の日\r\n"));
    }

    #[test]
    fn the_equinox_days_2000_to_2035_match_the_verified_table() {
        // 2000–2027 from the Cabinet Office list; 2028–2035 from an independent computation
        // (Meeus, Astronomical Algorithms ch. 27, JST), which agrees with the list for 1955–2027.
        // The closest call is 2026 (equinox at about 23:46 JST on 3/20).
        #[rustfmt::skip]
        let table: [(i32, u32, u32); 36] = [
            (2000, 20, 23), (2001, 20, 23), (2002, 21, 23), (2003, 21, 23), (2004, 20, 23),
            (2005, 20, 23), (2006, 21, 23), (2007, 21, 23), (2008, 20, 23), (2009, 20, 23),
            (2010, 21, 23), (2011, 21, 23), (2012, 20, 22), (2013, 20, 23), (2014, 21, 23),
            (2015, 21, 23), (2016, 20, 22), (2017, 20, 23), (2018, 21, 23), (2019, 21, 23),
            (2020, 20, 22), (2021, 20, 23), (2022, 21, 23), (2023, 21, 23), (2024, 20, 22),
            (2025, 20, 23), (2026, 20, 23), (2027, 21, 23), (2028, 20, 22), (2029, 20, 23),
            (2030, 20, 23), (2031, 21, 23), (2032, 20, 22), (2033, 20, 23), (2034, 20, 23),
            (2035, 21, 23),
        ];
        for (year, march, september) in table {
            assert_eq!(vernal_equinox_day(year), march, "春分日 {year}");
            assert_eq!(autumnal_equinox_day(year), september, "秋分日 {year}");
        }
    }

    #[test]
    fn the_equinox_formula_truncates_for_years_before_1980() {
        // With floor division 1956 would give 3/22; the official list says 3/21.
        assert_eq!(vernal_equinox_day(1956), 21, "1956 春分の日 is 3/21");
        assert_eq!(autumnal_equinox_day(1979), 24, "1979 秋分の日 is 9/24");
    }

    #[test]
    fn a_day_between_keirou_no_hi_and_shuubun_no_hi_is_a_kokumin_no_kyuujitsu() {
        for date in ["2009-09-22", "2015-09-22", "2026-09-22", "2032-09-21"] {
            assert_eq!(
                rule_name(date).as_deref(),
                Some("休日"),
                "{date} is sandwiched between two 祝日"
            );
        }
    }

    #[test]
    fn may_4th_was_a_kokumin_no_kyuujitsu_from_1988_to_2006_and_midori_no_hi_after() {
        assert_eq!(
            rule_name("1988-05-04").as_deref(),
            Some("休日"),
            "the first 5/4 国民の休日"
        );
        assert_eq!(
            rule_name("2006-05-04").as_deref(),
            Some("休日"),
            "the last one before 2007"
        );
        assert_eq!(
            rule_name("2007-05-04").as_deref(),
            Some("みどりの日"),
            "a 祝日 of its own from 2007"
        );
        // 1986-05-04 was a Sunday: the pre-2007 law excluded Sundays from 国民の休日.
        assert_eq!(
            rule_name("1986-05-04"),
            None,
            "a Sunday was not a 国民の休日 before 2007"
        );
        // 1992-05-04 fell on a Monday between two 祝日: still a 休日.
        assert_eq!(rule_name("1992-05-04").as_deref(), Some("休日"));
    }

    #[test]
    fn a_sunday_holiday_gives_the_next_non_holiday_day_since_2007() {
        // 2026-05-03 (憲法記念日) is a Sunday; 5/4 and 5/5 are 祝日; the 休日 is Wednesday 5/6.
        assert_eq!(d("2026-05-03").weekday(), Weekday::Sun);
        assert_eq!(
            rule_name("2026-05-06").as_deref(),
            Some("休日"),
            "the Wednesday 振替休日"
        );
        for date in [
            "2008-05-06",
            "2013-05-06",
            "2014-05-06",
            "2025-05-06",
            "2019-05-06",
        ] {
            assert_eq!(
                rule_name(date).as_deref(),
                Some("休日"),
                "{date}: golden week 振替休日"
            );
        }
    }

    #[test]
    fn the_first_substitute_holiday_was_1973_04_30() {
        assert_eq!(
            rule_name("1973-04-30").as_deref(),
            Some("休日"),
            "4/29 was a Sunday after 1973-04-12"
        );
        // Before the amendment took effect a Sunday holiday was simply lost.
        assert_eq!(d("1973-02-11").weekday(), Weekday::Sun);
        assert_eq!(
            rule_name("1973-02-12"),
            None,
            "2/11 fell on a Sunday before 1973-04-12"
        );
        assert_eq!(
            rule_name("1967-01-16"),
            None,
            "1967-01-15 (Sunday) had no 振替休日"
        );
    }

    #[test]
    fn the_2019_accession_days_are_named_as_in_the_official_list() {
        assert_eq!(rule_name("2019-04-30").as_deref(), Some("休日"));
        assert_eq!(rule_name("2019-05-01").as_deref(), Some("休日（祝日扱い）"));
        assert_eq!(rule_name("2019-05-02").as_deref(), Some("休日"));
        assert_eq!(rule_name("2019-10-22").as_deref(), Some("休日（祝日扱い）"));
        assert_eq!(
            rule_name("2019-10-14").as_deref(),
            Some("体育の日（スポーツの日）")
        );
        assert_eq!(rule_name("2019-12-23"), None, "no 天皇誕生日 in 2019");
        assert_eq!(rule_name("2019-02-23"), None, "2/23 starts in 2020");
    }

    #[test]
    fn the_olympic_years_moved_three_holidays() {
        assert_eq!(rule_name("2020-07-23").as_deref(), Some("海の日"));
        assert_eq!(rule_name("2020-07-24").as_deref(), Some("スポーツの日"));
        assert_eq!(rule_name("2020-08-10").as_deref(), Some("山の日"));
        assert_eq!(
            rule_name("2020-10-12"),
            None,
            "no October スポーツの日 in 2020"
        );
        assert_eq!(rule_name("2021-07-22").as_deref(), Some("海の日"));
        assert_eq!(rule_name("2021-07-23").as_deref(), Some("スポーツの日"));
        assert_eq!(rule_name("2021-08-08").as_deref(), Some("山の日"));
        assert_eq!(
            rule_name("2021-08-09").as_deref(),
            Some("休日"),
            "山の日 on a Sunday"
        );
        assert_eq!(rule_name("2021-08-11"), None);
    }

    #[test]
    fn holidays_changed_names_when_the_law_changed() {
        assert_eq!(rule_name("1988-04-29").as_deref(), Some("天皇誕生日"));
        assert_eq!(rule_name("1989-04-29").as_deref(), Some("みどりの日"));
        assert_eq!(rule_name("2007-04-29").as_deref(), Some("昭和の日"));
        assert_eq!(rule_name("2018-12-23").as_deref(), Some("天皇誕生日"));
        assert_eq!(rule_name("2020-02-23").as_deref(), Some("天皇誕生日"));
        assert_eq!(
            rule_name("1999-10-11").as_deref(),
            Some("休日"),
            "10/10 体育の日 on a Sunday"
        );
        assert_eq!(
            rule_name("2000-10-09").as_deref(),
            Some("体育の日"),
            "2nd Monday from 2000"
        );
        assert_eq!(rule_name("2022-10-10").as_deref(), Some("スポーツの日"));
        assert_eq!(rule_name("2015-08-11"), None, "山の日 starts in 2016");
        assert_eq!(rule_name("2016-08-11").as_deref(), Some("山の日"));
        assert_eq!(rule_name("1995-07-20"), None, "海の日 starts in 1996");
        assert_eq!(
            rule_name("2003-07-21").as_deref(),
            Some("海の日"),
            "3rd Monday from 2003"
        );
        assert_eq!(rule_name("1966-02-11"), None, "建国記念の日 starts in 1967");
    }

    #[test]
    fn the_one_off_laws_are_holidays() {
        assert_eq!(rule_name("1959-04-10").as_deref(), Some("結婚の儀"));
        assert_eq!(rule_name("1989-02-24").as_deref(), Some("大喪の礼"));
        assert_eq!(rule_name("1990-11-12").as_deref(), Some("即位礼正殿の儀"));
        assert_eq!(rule_name("1993-06-09").as_deref(), Some("結婚の儀"));
    }

    #[test]
    fn years_after_the_list_come_from_the_rules() {
        let table = HolidayTable::builtin();
        let year = table.last_year() + 1;
        assert_eq!(table.national_holidays(year), rule_holidays(year));
        assert_eq!(table.holiday_name(d("2032-09-21")).as_deref(), Some("休日"));
        assert_eq!(
            table.holiday_name(d("2035-02-12")).as_deref(),
            Some("休日"),
            "2/11 is a Sunday"
        );
        assert_eq!(
            table.holiday_name(d("2035-01-08")).as_deref(),
            Some("成人の日")
        );
        assert!(
            rule_holidays(1947).is_empty(),
            "before the law there is nothing to compute"
        );
        assert!(
            rule_holidays(2100).is_empty(),
            "beyond the equinox formula the rules do not guess"
        );
        assert_eq!(
            rule_holidays(1948).first().map(|h| h.date),
            Some(d("1948-09-23"))
        );
    }

    #[test]
    fn every_rule_year_is_sorted_and_has_at_most_one_name_per_day() {
        for year in RULE_YEARS {
            let days = rule_holidays(year);
            assert!(
                days.windows(2).all(|w| w[0].date < w[1].date),
                "{year} sorted, no duplicates"
            );
        }
    }

    #[test]
    fn a_cp932_csv_with_header_and_crlf_is_read() {
        let text =
            "国民の祝日・休日月日,国民の祝日・休日名称\r\n2026/1/1,元日\r\n2026/5/6,休日\r\n";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        let table = HolidayTable::from_cabinet_office_csv(&bytes).unwrap();
        assert_eq!((table.first_year(), table.last_year()), (2026, 2026));
        assert_eq!(table.holiday_name(d("2026-01-01")).as_deref(), Some("元日"));
        assert_eq!(table.holiday_name(d("2026-05-06")).as_deref(), Some("休日"));
        assert_eq!(
            table.holiday_name(d("2026-11-03")),
            None,
            "a listed year is the list only"
        );
    }

    #[test]
    fn a_utf8_csv_with_bom_and_iso_dates_is_read() {
        let text = "\u{FEFF}国民の祝日・休日月日,国民の祝日・休日名称\n2027-01-01,元日\n\n2027-01-11,成人の日\n";
        let table = HolidayTable::from_cabinet_office_csv(text.as_bytes()).unwrap();
        assert_eq!(
            table.national_holidays(2027),
            vec![
                Holiday::new(d("2027-01-01"), "元日"),
                Holiday::new(d("2027-01-11"), "成人の日")
            ]
        );
        let without_bom = HolidayTable::from_cabinet_office_csv(&text.as_bytes()[3..]).unwrap();
        assert_eq!(without_bom, table);
    }

    #[test]
    fn a_bad_row_is_refused_naming_its_line_and_value() {
        let text = "国民の祝日・休日月日,国民の祝日・休日名称\r\n2026/1/1,元日\r\n2026/2/30,建国記念の日\r\n";
        let err = HolidayTable::from_cabinet_office_csv(text.as_bytes()).unwrap_err();
        assert_eq!(err.field, "holidays_csv");
        assert!(
            err.message.contains("3行目") && err.message.contains("2026/2/30"),
            "{}",
            err.message
        );
        assert!(err.detail.contains("line 3"), "{}", err.detail);

        let no_name = HolidayTable::from_cabinet_office_csv("2026/1/1,\n".as_bytes()).unwrap_err();
        assert!(no_name.message.contains("1行目") && no_name.message.contains("名称が空"));
        let no_comma =
            HolidayTable::from_cabinet_office_csv("2026/1/1 元日\n".as_bytes()).unwrap_err();
        assert!(
            no_comma.message.contains("1行目"),
            "a first line starting with a digit is a row"
        );
        let twice =
            HolidayTable::from_cabinet_office_csv("2026/1/1,元日\n2026-01-01,元日\n".as_bytes())
                .unwrap_err();
        assert!(twice.message.contains("2行目") && twice.message.contains("1行目にも"));
        let header_later =
            HolidayTable::from_cabinet_office_csv("2026/1/1,元日\ndate,name\n".as_bytes())
                .unwrap_err();
        assert!(
            header_later.message.contains("2行目"),
            "only the first line may be a header"
        );
    }

    #[test]
    fn a_csv_with_a_missing_year_or_no_rows_is_refused() {
        let gap =
            HolidayTable::from_cabinet_office_csv("2026/1/1,元日\n2028/1/1,元日\n".as_bytes())
                .unwrap_err();
        assert!(gap.message.contains("2027年"), "{}", gap.message);
        let empty = HolidayTable::from_cabinet_office_csv(
            "国民の祝日・休日月日,国民の祝日・休日名称\n".as_bytes(),
        )
        .unwrap_err();
        assert!(empty.message.contains("1件も"));
        let binary = HolidayTable::from_cabinet_office_csv(&[0x82, 0xFF, 0xFF]).unwrap_err();
        assert!(binary.message.contains("文字コード"));
    }
}
