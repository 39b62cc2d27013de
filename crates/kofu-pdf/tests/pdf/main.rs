//! Renders real documents and reads them back with poppler's `pdftotext`/`pdfinfo`, the way a
//! clerk's PDF viewer would see them.

use std::path::{Path, PathBuf};
use std::process::Command;

use kofu_pdf::{change_notice, render, Block, ChangeNotice, Document, Letterhead, Table};

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
