//! Writes a sample change notice (交付手数料の変更通知) to `target/sample-notice.pdf`.
//!
//! `cargo run -p kofu-pdf --example sample_notice`, then open the file or
//! `pdftoppm -png -r 80 target/sample-notice.pdf /tmp/notice` to look at it.

use kofu_pdf::{change_notice, ChangeNotice, Letterhead, Table};

fn main() -> std::io::Result<()> {
    let notice = ChangeNotice {
        letterhead: Letterhead {
            document_number: "千市区第123号".into(),
            date: "令和8年11月26日".into(),
            addressee: "地方公共団体情報システム機構 理事長 様".into(),
            sender_lines: vec!["千葉市長　神谷 俊一".into()],
        },
        subject: "証明書等自動交付に係る交付手数料の変更について（通知）".into(),
        intro: "このことについて、証明書等自動交付事務委託契約書第7条の規定に基づき、\
                コンビニエンスストア等のキオスク端末で交付する証明書等の交付手数料を\
                下記のとおり変更しますので通知します。"
            .into(),
        changes: Table {
            headers: vec![
                "証明書等の種類".into(),
                "変更前".into(),
                "変更後".into(),
                "備考".into(),
            ],
            rows: [
                ["住民票の写し", "300円", "200円", "1通につき"],
                ["住民票記載事項証明書", "300円", "200円", "1通につき"],
                ["印鑑登録証明書", "300円", "200円", "1通につき"],
                ["戸籍証明書（全部事項・個人事項）", "450円", "350円", "本籍地が千葉市の方に限る"],
                ["戸籍の附票の写し", "300円", "200円", ""],
            ]
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect(),
            right_aligned: vec![false, true, true, false],
            widths_mm: None,
            total_row: None,
        },
        effective_date: "令和9年1月4日（月）交付分から".into(),
        contact: "担当　千葉市市民局区政推進部区政推進課\n担当者　千葉 太郎\n電話　043-245-5000（内線1234）".into(),
    };
    let bytes = change_notice(&notice);
    let target = std::env::var("CARGO_TARGET_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../target").to_string());
    let path = std::path::Path::new(&target).join("sample-notice.pdf");
    std::fs::write(&path, &bytes)?;
    println!("{} ({} bytes)", path.display(), bytes.len());
    Ok(())
}
