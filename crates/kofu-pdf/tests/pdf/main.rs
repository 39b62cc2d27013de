//! Renders real documents and reads them back with poppler's `pdftotext`/`pdfinfo`, the way a
//! clerk's PDF viewer would see them.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{NaiveDate, NaiveDateTime};
use kofu_core::catalogue::KindCode;
use kofu_core::master::OperatorCode;
use kofu_core::money::Yen;
use kofu_core::municipality::{AccountType, BankAccount};
use kofu_core::TargetMonth;
use kofu_pdf::{
    change_notice, invoice, render, settlement_statement, Block, ChangeNotice, Document,
    DocumentError, InvoiceDocument, Issuer, KindLine, Letterhead, OperatorLine, Replaces,
    SettlementStatementDocument, Table, JLIS_ADDRESSEE,
};

fn letterhead() -> Letterhead {
    Letterhead {
        document_number: "千市区第123号".into(),
        date: "令和8年11月26日".into(),
        addressee: "地方公共団体情報システム機構 理事長 様".into(),
        sender_lines: vec!["千葉市長　神谷 俊一".into()],
    }
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|s| s.to_string()).collect()
}

fn notice() -> ChangeNotice {
    ChangeNotice {
        letterhead: letterhead(),
        subject: "証明書等自動交付に係る交付手数料の変更について（通知）".into(),
        intro: "このことについて、証明書等自動交付事務委託契約書第7条の規定に基づき、\
                下記のとおり交付手数料を変更しますので通知します。"
            .into(),
        changes: Table {
            headers: row(&["証明書等の種類", "変更前", "変更後"]),
            rows: vec![
                row(&["住民票の写し", "300円", "200円"]),
                row(&["印鑑登録証明書", "300円", "200円"]),
                row(&["戸籍証明書（全部事項）", "450円", "350円"]),
            ],
            right_aligned: vec![false, true, true],
            widths_mm: None,
            total_row: None,
        },
        effective_date: "令和9年1月4日".into(),
        contact: "担当　市民局区政推進部区政推進課\n電話　043-245-5000".into(),
    }
}

/// Write `bytes` to a file of its own under Cargo's scratch directory for integration tests.
fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("kofu-pdf-{name}.pdf"));
    std::fs::write(&path, bytes).expect("the scratch directory is writable");
    path
}

fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} (poppler-utils) must be installed to read PDFs back: {e}")
    });
    assert!(
        out.status.success(),
        "{tool} could not read the PDF, so it is not valid: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("poppler prints UTF-8")
}

fn text_of(path: &Path) -> String {
    poppler("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"])
}

/// One page's text in reading layout, so a table row comes out as one line.
fn page_text(path: &Path, page: usize) -> String {
    let p = page.to_string();
    poppler(
        "pdftotext",
        &[
            "-layout",
            "-enc",
            "UTF-8",
            "-f",
            &p,
            "-l",
            &p,
            path.to_str().unwrap(),
            "-",
        ],
    )
}

/// The whole document in reading layout.
fn layout_text(path: &Path) -> String {
    poppler(
        "pdftotext",
        &["-layout", "-enc", "UTF-8", path.to_str().unwrap(), "-"],
    )
}

fn page_count(path: &Path) -> usize {
    poppler("pdfinfo", &[path.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports a page count")
}

/// pdftotext squeezes or inserts spaces between runs; compare without them.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn a_change_notice_renders_to_a_pdf_a_reader_can_extract_its_text_from() {
    let bytes = change_notice(&notice());
    assert!(
        bytes.starts_with(b"%PDF-"),
        "a PDF file starts with its header"
    );
    let path = write("notice", &bytes);
    let text = squeeze(&text_of(&path));
    for expected in [
        "証明書等自動交付に係る交付手数料の変更について（通知）",
        "千市区第123号",
        "令和8年11月26日",
        "地方公共団体情報システム機構理事長様",
        "千葉市長神谷俊一",
        "戸籍証明書（全部事項）",
        "450円",
        "350円",
        "令和9年1月4日",
        "043-245-5000",
        "以上",
    ] {
        assert!(
            text.contains(expected),
            "the notice should say {expected:?}, but its text is {text:?}"
        );
    }
    assert_eq!(page_count(&path), 1, "a short notice fits on one page");
    assert!(
        !text.contains("1/1"),
        "a one-page document carries no page number"
    );
}

#[test]
fn a_japanese_notice_stays_small_because_the_fonts_are_subset() {
    let bytes = change_notice(&notice());
    // The two bundled faces are 6 MB and 4.6 MB; a subset holds only the glyphs used.
    assert!(
        bytes.len() < 200 * 1024,
        "the notice is {} bytes: the fonts were embedded whole instead of subset",
        bytes.len()
    );
}

#[test]
fn a_long_table_continues_over_pages_with_its_header_repeated_and_pages_numbered() {
    let rows: Vec<Vec<String>> = (1..=120)
        .map(|i| {
            vec![
                format!("令和8年10月{}日", i % 31 + 1),
                format!("セブン-イレブン{i}号店"),
                format!("{}", i * 3),
                format!("{}円", i * 600),
            ]
        })
        .collect();
    let doc = Document {
        title: "取扱い実績明細（令和8年10月分）".into(),
        letterhead: None,
        blocks: vec![
            Block::Paragraph("対象期間の交付件数と交付手数料の明細です。".into()),
            Block::Table(Table {
                headers: row(&["交付日", "取扱店", "通数", "交付手数料"]),
                rows,
                right_aligned: vec![false, false, true, true],
                widths_mm: Some(vec![40.0, 65.0, 25.0, 35.0]),
                total_row: Some(row(&["合計", "", "21780", "4,356,000円"])),
            }),
        ],
        footer: Some("担当　区政推進課".into()),
    };
    let path = write("long-table", &render(&doc));
    let pages = page_count(&path);
    assert!(
        pages >= 3,
        "120 rows should need at least 3 pages, got {pages}"
    );
    for page in 1..=pages {
        let text = squeeze(&page_text(&path, page));
        // The contact box may end up alone on a last page; every page with rows has a header.
        assert!(
            !text.contains("号店") || text.contains("交付日取扱店通数交付手数料"),
            "page {page} should repeat the table header: {text:?}"
        );
        assert!(
            text.contains(&format!("{page}/{pages}")),
            "page {page} should be numbered \"{page} / {pages}\": {text:?}"
        );
    }
    let all = squeeze(&text_of(&path));
    for i in [1, 60, 120] {
        assert!(
            all.contains(&format!("セブン-イレブン{i}号店")),
            "row {i} must not be lost at a page break"
        );
    }
    assert!(all.contains("4,356,000円"), "the total row is printed");
}

#[test]
fn long_japanese_paragraphs_wrap_within_the_margins() {
    let sentence = "証明書等の交付に係る手数料は、当該証明書等を交付した日の属する月の翌月十五日までに請求するものとし、";
    let doc = Document {
        title: "事務連絡".into(),
        letterhead: Some(letterhead()),
        blocks: vec![
            Block::Paragraph(sentence.repeat(8)),
            Block::KeyValues(vec![(
                "1　備考".into(),
                "取扱い実績データの確定後に訂正が必要となった場合は、機構と協議の上、別途通知するものとする。"
                    .repeat(3),
            )]),
        ],
        footer: None,
    };
    let path = write("wrap", &render(&doc));
    // -bbox gives every word's box in points; A4 is 595.28 pt wide, margins 25 mm and 20 mm.
    let bbox = poppler("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
    let (left, right) = (25.0 / 25.4 * 72.0, (210.0 - 20.0) / 25.4 * 72.0);
    let mut words = 0;
    for line in bbox.lines().filter(|l| l.trim_start().starts_with("<word")) {
        let attr = |name: &str| -> f64 {
            let start = line.find(&format!("{name}=\"")).expect("word has a box") + name.len() + 2;
            line[start..].split('"').next().unwrap().parse().unwrap()
        };
        let (x_min, x_max) = (attr("xMin"), attr("xMax"));
        assert!(
            x_min >= left - 0.5 && x_max <= right + 0.5,
            "text must stay between {left:.1} and {right:.1} pt, found {x_min:.1}..{x_max:.1}: {line}"
        );
        words += 1;
    }
    assert!(
        words > 10,
        "the paragraph should span many lines, found {words} words"
    );
}

fn date(s: &str) -> NaiveDate {
    s.parse().expect("test dates are ISO")
}

fn issuer() -> Issuer {
    Issuer {
        city: "千葉市".into(),
        address: "千葉県千葉市中央区千葉港1番1号".into(),
        mayor_title: "千葉市長".into(),
        mayor_name: "神谷 俊一".into(),
        department: "市民局市民自治推進部区政推進課".into(),
        contact_name: "千葉 太郎".into(),
        telephone: "043-245-5134".into(),
    }
}

fn kind(code: &str, name: &str, copies: u64, fee: i64, commission: i64) -> KindLine {
    KindLine {
        code: KindCode::parse(code).unwrap(),
        name: name.into(),
        copies,
        fees: Yen::new(fee * copies as i64),
        commissions: Yen::new(commission * copies as i64),
    }
}

fn kinds() -> Vec<KindLine> {
    vec![
        kind("01", "住民票の写し", 4_210, 200, 117),
        kind("02", "印鑑登録証明書", 3_055, 200, 117),
        kind("03", "住民票記載事項証明書", 12, 200, 117),
        kind("04", "戸籍証明書（全部事項）", 610, 350, 117),
        kind("05", "戸籍の附票の写し", 95, 200, 117),
    ]
}

fn net(lines: &[KindLine]) -> Yen {
    Yen::checked_sum(
        lines
            .iter()
            .map(|l| l.fees.checked_sub(l.commissions).unwrap()),
    )
    .unwrap()
}

fn created_at() -> NaiveDateTime {
    date("2026-11-05").and_hms_opt(10, 30, 0).unwrap()
}

fn bank() -> BankAccount {
    BankAccount {
        bank_name: "千葉銀行".into(),
        branch_name: "県庁支店".into(),
        account_type: AccountType::Ordinary,
        account_number: "1234567".into(),
        account_holder: "チバシカイケイカンリシャ".into(),
    }
}

fn an_invoice() -> InvoiceDocument {
    let lines = kinds();
    InvoiceDocument {
        document_number: "千市区第123号".into(),
        issued_on: date("2026-11-05"),
        created_at: created_at(),
        addressee: JLIS_ADDRESSEE.into(),
        issuer: issuer(),
        amount: net(&lines),
        target_month: TargetMonth::new(2026, 10).unwrap(),
        due_on: date("2026-11-30"),
        lines,
        bank: bank(),
        replaces: None,
    }
}

fn a_statement(lines: Vec<KindLine>) -> SettlementStatementDocument {
    SettlementStatementDocument {
        document_number: "千市区第124号".into(),
        issued_on: date("2026-11-05"),
        created_at: created_at(),
        addressee: JLIS_ADDRESSEE.into(),
        issuer: issuer(),
        target_month: TargetMonth::new(2026, 10).unwrap(),
        finalized: true,
        lines,
        operators: vec![
            OperatorLine {
                code: OperatorCode::parse("0001").unwrap(),
                name: "株式会社セブン-イレブン・ジャパン".into(),
                fees: Yen::new(1_000_000),
                commissions: Yen::new(585_000),
            },
            OperatorLine {
                code: OperatorCode::parse("0002").unwrap(),
                name: "株式会社ローソン".into(),
                fees: Yen::new(687_900),
                commissions: Yen::new(348_894),
            },
        ],
    }
}

fn assert_says(text: &str, what: &str, expected: &[&str]) {
    for e in expected {
        assert!(
            text.contains(&squeeze(e)),
            "the {what} should say {e:?}, but its text is {text:?}"
        );
    }
}

#[test]
fn an_invoice_pdf_states_every_field_a_reader_needs() {
    let doc = an_invoice();
    let path = write("invoice", &invoice(&doc).expect("a valid invoice renders"));
    let text = squeeze(&layout_text(&path));
    // 1,687,900 in fees − 7,982 copies × 117 in commissions
    assert_eq!(doc.amount, Yen::new(754_006), "the fixture's net");
    assert_says(
        &text,
        "invoice",
        &[
            "請　求　書",
            "千市区第123号",
            "令和8年11月5日",
            "地方公共団体情報システム機構 理事長 様",
            "千葉市",
            "千葉市長　神谷 俊一",
            "市民局市民自治推進部区政推進課",
            "千葉 太郎",
            "043-245-5134",
            "請求金額",
            "￥754,006－",
            "令和8年10月分",
            "支払期限令和8年11月30日",
            "種別コード証明書等の種類交付通数",
            "差引額（円）",
            "01住民票の写し4,210842,000492,570349,430",
            "04戸籍証明書（全部事項）610213,50071,370142,130",
            "合計7,9821,687,900933,894754,006",
            "交付手数料は非課税",
            "千葉銀行",
            "県庁支店",
            "普通",
            "1234567",
            "チバシカイケイカンリシャ",
        ],
    );
    assert_eq!(page_count(&path), 1, "a month's invoice fits on one page");
}

/// Every word's right edge in points, from `pdftotext -bbox`.
fn right_edges(path: &Path, words: &[&str]) -> Vec<f64> {
    let bbox = poppler("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
    words
        .iter()
        .map(|w| {
            let line = bbox
                .lines()
                .find(|l| {
                    l.trim_start().starts_with("<word") && l.contains(&format!(">{w}</word>"))
                })
                .unwrap_or_else(|| panic!("{w} is printed as a word"));
            let start = line.find("xMax=\"").unwrap() + 6;
            line[start..].split('"').next().unwrap().parse().unwrap()
        })
        .collect()
}

#[test]
fn the_figures_of_a_column_are_right_aligned() {
    let path = write("invoice-align", &invoice(&an_invoice()).unwrap());
    // The 交付手数料 column: a six-digit, a seven-digit total and a four-digit figure.
    let edges = right_edges(&path, &["842,000", "1,687,900", "2,400"]);
    assert!(
        edges.windows(2).all(|w| (w[0] - w[1]).abs() < 0.5),
        "figures of one column end at the same x, found {edges:?}"
    );
}

#[test]
fn a_correction_names_the_invoice_it_replaces_and_why() {
    let doc = InvoiceDocument {
        document_number: "千市区第140号".into(),
        replaces: Some(Replaces {
            document_number: "千市区第123号".into(),
            reason: "J-LISの確定データ訂正により交付通数が変わったため".into(),
        }),
        ..an_invoice()
    };
    let path = write("invoice-correction", &invoice(&doc).unwrap());
    let text = squeeze(&text_of(&path));
    assert_says(
        &text,
        "correction",
        &[
            "請　求　書（訂正）",
            "千市区第140号",
            "訂正前の請求書千市区第123号",
            "J-LISの確定データ訂正により交付通数が変わったため",
        ],
    );
}

#[test]
fn an_invoice_of_eighty_kinds_continues_over_pages_repeating_the_table_header() {
    let lines: Vec<KindLine> = (1..=80)
        .map(|i| kind(&format!("{i:02}"), &format!("証明書{i}号様式"), i, 300, 117))
        .collect();
    let doc = InvoiceDocument {
        amount: net(&lines),
        lines,
        ..an_invoice()
    };
    let path = write("invoice-long", &invoice(&doc).unwrap());
    let pages = page_count(&path);
    assert!(
        pages >= 2,
        "80 lines should need more than a page, got {pages}"
    );
    for page in 1..=pages {
        let text = squeeze(&page_text(&path, page));
        if text.contains("号様式") {
            assert!(
                text.contains("種別コード証明書等の種類交付通数"),
                "page {page} continues the 内訳 and should repeat its header: {text:?}"
            );
        }
        assert!(
            text.contains(&format!("{page}/{pages}")),
            "page {page} is numbered"
        );
    }
    let all = squeeze(&text_of(&path));
    for i in [1, 40, 80] {
        assert!(
            all.contains(&format!("証明書{i}号様式")),
            "line {i} is printed"
        );
    }
    assert!(all.contains("合計"), "the total row follows the last line");
}

#[test]
fn a_character_the_fonts_lack_is_refused_with_its_name() {
    let mut doc = an_invoice();
    doc.issuer.contact_name = "𠮷田 花子".into();
    let err = invoice(&doc).expect_err("𠮷 (U+20BB7) is not in BIZ UD and must not print as a box");
    match &err {
        DocumentError::MissingGlyph {
            character, text, ..
        } => {
            assert_eq!(*character, '𠮷');
            assert!(
                text.contains("𠮷田 花子"),
                "the error points at the line: {text}"
            );
        }
        other => panic!("expected a missing glyph, got {other:?}"),
    }
    assert!(
        err.message_ja().contains("「𠮷」"),
        "the clerk is told which character: {}",
        err.message_ja()
    );
    assert!(
        err.to_string().contains("U+20BB7"),
        "the log names the code point: {err}"
    );

    let mut doc = a_statement(kinds());
    doc.operators[0].name = "コンビニ😀".into();
    let err = settlement_statement(&doc).expect_err("an emoji is refused on a 精算書 too");
    assert!(
        matches!(
            err,
            DocumentError::MissingGlyph {
                character: '😀',
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn an_invoice_whose_amount_is_not_its_lines_net_is_refused() {
    let doc = InvoiceDocument {
        amount: Yen::new(1),
        ..an_invoice()
    };
    let err = invoice(&doc).expect_err("the amount must be what the 内訳 adds up to");
    assert!(matches!(err, DocumentError::Inconsistent { .. }), "{err:?}");
    let lines = vec![kind("01", "住民票の写し", 10, 100, 117)];
    let doc = InvoiceDocument {
        amount: net(&lines),
        lines,
        ..an_invoice()
    };
    let err = invoice(&doc).expect_err("a negative month has no invoice");
    assert!(err.message_ja().contains("精算書"), "{}", err.message_ja());
}

#[test]
fn the_invoice_pdf_carries_its_title_author_and_creation_date() {
    let path = write("invoice-meta", &invoice(&an_invoice()).unwrap());
    let out = Command::new("pdfinfo")
        .args(["-isodates", path.to_str().unwrap()])
        .env("TZ", "UTC")
        .output()
        .expect("pdfinfo is installed");
    let info = String::from_utf8(out.stdout).unwrap();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| panic!("pdfinfo shows {name}: {info}"))
    };
    assert_eq!(field("Title"), "請求書（令和8年10月分）千市区第123号");
    assert_eq!(field("Author"), "千葉市");
    // 10:30 in Japan is 01:30 UTC.
    assert!(
        field("CreationDate").starts_with("2026-11-05T01:30:00"),
        "creation date: {}",
        field("CreationDate")
    );
}

#[test]
fn an_invoice_stays_under_sixty_kilobytes() {
    let bytes = invoice(&an_invoice()).unwrap();
    assert!(
        bytes.len() < 60 * 1024,
        "the invoice is {} bytes",
        bytes.len()
    );
}

#[test]
fn a_settlement_statement_states_the_breakdowns_and_what_is_owed() {
    let doc = a_statement(kinds());
    let path = write("statement", &settlement_statement(&doc).unwrap());
    let text = squeeze(&layout_text(&path));
    assert_says(
        &text,
        "statement",
        &[
            "精　算　書",
            "千市区第124号",
            "令和8年11月5日",
            "地方公共団体情報システム機構 理事長 様",
            "千葉市長　神谷 俊一",
            "令和8年10月分",
            "差引精算額",
            "￥754,006－",
            "証明書等の種類別内訳",
            "01住民票の写し4,210842,000492,570349,430",
            "合計7,9821,687,900933,894754,006",
            "事業者別内訳",
            "0001株式会社セブン-イレブン・ジャパン1,000,000585,000415,000",
            "0002株式会社ローソン687,900348,894339,006",
            "交付手数料は非課税",
            "043-245-5134",
        ],
    );
}

#[test]
fn a_negative_month_statement_says_the_city_owes_jlis_the_difference() {
    let lines = vec![
        kind("01", "住民票の写し", 100, 100, 117),
        kind("02", "印鑑登録証明書", 50, 100, 117),
    ];
    let mut doc = a_statement(lines);
    doc.operators.clear();
    let path = write("statement-negative", &settlement_statement(&doc).unwrap());
    let text = squeeze(&layout_text(&path));
    assert_says(
        &text,
        "negative statement",
        &[
            "千葉市の支払額",
            "￥2,550－",
            "差引額が負（△2,550円）のため、千葉市から地方公共団体情報システム機構へ2,550円をお支払いします",
            "この月の請求書はありません",
            "合計15015,00017,550△2,550",
        ],
    );
    assert!(
        !text.contains("事業者別内訳"),
        "no operator table without operators"
    );
}
