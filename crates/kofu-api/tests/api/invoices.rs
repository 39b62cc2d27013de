//! 請求書 on both backends: drafted from a finalized month only, four-eyes approval numbering
//! it per 年度, nothing of it changed after approval, the sent and paid marks, the correction
//! chain, the audit trail, and one winner when two desks approve at once.

use std::sync::{Arc, Barrier};

use chrono::{NaiveDate, NaiveDateTime};
use kofu_api::dto::NewUserInput;
use kofu_api::invoices::InvoiceDto;
use kofu_api::{Actor, Desk, DEMO_PASSWORD};
use kofu_core::clock::FixedClock;
use kofu_core::invoice::InvoiceStatus;
use kofu_core::money::Yen;
use kofu_core::{MunicipalityCode, Role, TargetMonth};
use kofu_jlis::format::{write_statement, Encoding, Statement};
use kofu_jlis::generate;
use kofu_store::testing::TestDb;
use kofu_store::BackendKind;

use crate::demo;

fn month(s: &str) -> TargetMonth {
    TargetMonth::parse(s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn chiba() -> MunicipalityCode {
    MunicipalityCode::parse("121002").unwrap()
}

/// The same database seen by a desk whose clock reads `at`.
fn desk_at(db: &TestDb, at: &str) -> Desk {
    let at = NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M").unwrap();
    Desk::from_store(db.reopen(), Arc::new(FixedClock(at)))
}

fn login(d: &Desk, name: &str) -> Actor {
    d.login(name, DEMO_PASSWORD).unwrap()
}

/// Imports a generated statement of `m`, finalized or preliminary.
fn import(d: &Desk, m: &str, finalized: bool) -> Yen {
    let (s, _) = generate::month(chiba(), month(m), 3, 1);
    let s = Statement::new(
        chiba(),
        month(m),
        s.created_at(),
        finalized,
        s.lines().to_vec(),
    )
    .unwrap();
    d.import_statement(&login(d, "clerk"), &write_statement(&s, Encoding::Cp932))
        .unwrap();
    let t = s.totals();
    t.fees.checked_sub(t.commissions).unwrap()
}

/// A finalized month where every commission exceeds its fee: the city owes J-LIS.
fn import_negative(d: &Desk, m: &str) {
    let (s, _) = generate::month(chiba(), month(m), 3, 1);
    let lines = s
        .lines()
        .iter()
        .map(|l| {
            let mut l = l.clone();
            l.commissions = l.fees.checked_add(Yen::new(1)).unwrap();
            l
        })
        .collect();
    let s = Statement::new(chiba(), month(m), s.created_at(), true, lines).unwrap();
    d.import_statement(&login(d, "clerk"), &write_statement(&s, Encoding::Cp932))
        .unwrap();
}

fn add_supervisor(d: &Desk, name: &str) {
    d.add_user(
        &login(d, "admin"),
        &NewUserInput {
            name: name.into(),
            display_name: "高橋 次郎".into(),
            role: Role::Supervisor,
            password: DEMO_PASSWORD.into(),
        },
    )
    .unwrap();
}

fn approved(d: &Desk, m: &str) -> InvoiceDto {
    let draft = d.draft_invoice(&login(d, "clerk"), month(m)).unwrap();
    d.approve_invoice(&login(d, "supervisor"), draft.id)
        .unwrap()
}

fn audit_actions(d: &Desk) -> Vec<(String, String)> {
    d.recent_audit(&login(d, "admin"), 200)
        .unwrap()
        .into_iter()
        .filter(|e| e.action.starts_with("invoice."))
        .map(|e| (e.action, e.target))
        .collect()
}

pub fn an_invoice_is_drafted_by_a_clerk_and_approved_by_another_supervisor_only(db: &TestDb) {
    let d = demo(db);
    let net = import(&d, "2026-10", true);
    let clerk = login(&d, "clerk");
    for name in ["supervisor", "helpdesk", "admin"] {
        assert_eq!(
            d.draft_invoice(&login(&d, name), month("2026-10"))
                .unwrap_err()
                .code(),
            "forbidden",
            "{name} does not draft invoices"
        );
    }
    let draft = d.draft_invoice(&clerk, month("2026-10")).unwrap();
    assert_eq!(
        serde_json::to_value(&draft).unwrap(),
        serde_json::json!({
            "id": draft.id, "target_month": "2026-10", "status": "draft", "amount": net.to_i64(),
            "document_number": null, "drafted_by": "clerk", "replaces": null, "approved_by": null,
            "sent_on": null, "sent_late": null, "paid_on": null, "paid_amount": null,
            "difference": null, "paid_late": null, "invoice_by": "2026-11-15",
            "payment_by": "2026-11-30", "overdue": true
        }),
        "exactly the fields of CLI.md; on the 26th an unsent draft is overdue"
    );
    for name in ["clerk", "admin", "helpdesk"] {
        assert_eq!(
            d.approve_invoice(&login(&d, name), draft.id)
                .unwrap_err()
                .code(),
            "forbidden",
            "{name} does not approve"
        );
    }
    // The drafter promoted to supervisor still may not approve their own draft.
    d.set_role(&login(&d, "admin"), "clerk", Role::Supervisor)
        .unwrap();
    let err = d
        .approve_invoice(&login(&d, "clerk"), draft.id)
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    assert_eq!(err.message(), "自分が起案した請求書は承認できません。");
    d.set_role(&login(&d, "admin"), "clerk", Role::Clerk)
        .unwrap();
    add_supervisor(&d, "takahashi");
    let ok = d
        .approve_invoice(&login(&d, "takahashi"), draft.id)
        .unwrap();
    assert_eq!(ok.status, InvoiceStatus::Approved);
    assert_eq!(ok.document_number.as_deref(), Some("千葉市第1号"));
    assert_eq!(ok.approved_by.as_deref(), Some("takahashi"));
    assert_eq!(
        d.approve_invoice(&login(&d, "supervisor"), draft.id)
            .unwrap_err()
            .code(),
        "conflict",
        "a decision is final"
    );
    assert_eq!(
        d.invoices(&login(&d, "helpdesk"), None).unwrap_err().code(),
        "forbidden",
        "helpdesk does not see invoices at all"
    );
    assert_eq!(
        d.invoices(&login(&d, "admin"), None).unwrap_err().code(),
        "forbidden"
    );
    assert_eq!(
        d.invoice(&clerk, draft.id).unwrap(),
        ok,
        "get reads what approve answered"
    );
}

pub fn preliminary_missing_negative_and_invoiced_months_are_refused_with_their_codes(db: &TestDb) {
    let d = demo(db);
    let clerk = login(&d, "clerk");
    import(&d, "2026-09", false);
    import_negative(&d, "2026-08");
    import(&d, "2026-10", true);
    let code = |m: &str| d.draft_invoice(&clerk, month(m)).unwrap_err().code();
    assert_eq!(code("2026-09"), "not_final");
    assert_eq!(code("2026-07"), "not_found");
    assert_eq!(code("2026-08"), "no_invoice");
    let err = d.draft_invoice(&clerk, month("2026-08")).unwrap_err();
    assert!(
        err.message().contains("精算書"),
        "points to the 精算書: {}",
        err.message()
    );
    let first = d.draft_invoice(&clerk, month("2026-10")).unwrap();
    assert_eq!(code("2026-10"), "conflict", "the month has a live invoice");
    let s = d.settlement(&clerk, month("2026-10")).unwrap();
    assert_eq!(
        s.invoicing,
        kofu_api::intake::Invoicing::Invoiced,
        "the settlement page sees the live invoice"
    );
    d.return_invoice(&login(&d, "supervisor"), first.id, "件数を確認してください")
        .unwrap();
    let again = d.draft_invoice(&clerk, month("2026-10")).unwrap();
    assert_eq!(
        again.status,
        InvoiceStatus::Draft,
        "a returned month is drafted again"
    );
    assert!(d.invoices(&clerk, Some(month("2026-10"))).unwrap().len() == 2);
}

pub fn numbers_follow_the_fiscal_year_and_start_again_each_april(db: &TestDb) {
    let d = demo(db);
    for m in ["2026-10", "2027-02", "2027-03"] {
        import(&d, m, true);
    }
    assert_eq!(
        approved(&d, "2026-10").document_number.as_deref(),
        Some("千葉市第1号")
    );
    let march31 = desk_at(db, "2027-03-31T17:00");
    assert_eq!(
        approved(&march31, "2027-02").document_number.as_deref(),
        Some("千葉市第2号"),
        "still 令和8年度"
    );
    let april1 = desk_at(db, "2027-04-01T09:00");
    assert_eq!(
        approved(&april1, "2027-03").document_number.as_deref(),
        Some("千葉市第1号"),
        "令和9年度 starts again at 1"
    );
}

pub fn sent_and_paid_are_flagged_late_and_a_different_payment_shows_the_difference(db: &TestDb) {
    let d = demo(db);
    let net = import(&d, "2026-10", true);
    let inv = approved(&d, "2026-10");
    let clerk = login(&d, "clerk");
    assert_eq!(
        d.mark_invoice_paid(&clerk, inv.id, day("2026-11-20"), net)
            .unwrap_err()
            .code(),
        "conflict",
        "paid only after sent"
    );
    assert_eq!(
        d.mark_invoice_sent(&login(&d, "helpdesk"), inv.id, day("2026-11-20"))
            .unwrap_err()
            .code(),
        "forbidden"
    );
    let sent = d
        .mark_invoice_sent(&clerk, inv.id, day("2026-11-26"))
        .unwrap();
    assert_eq!(
        (sent.status, sent.sent_late),
        (InvoiceStatus::Sent, Some(true))
    );
    let later = desk_at(db, "2026-12-02T10:00");
    let paid = later
        .mark_invoice_paid(
            &login(&later, "clerk"),
            inv.id,
            day("2026-12-01"),
            net.checked_sub(Yen::new(100)).unwrap(),
        )
        .unwrap();
    assert_eq!(paid.status, InvoiceStatus::Paid);
    assert_eq!(paid.difference, Some(Yen::new(-100)));
    assert_eq!(paid.paid_late, Some(true));
    assert!(!paid.overdue, "a paid invoice is done");

    // On time and in full.
    import(&d, "2026-09", true);
    let d9 = desk_at(db, "2026-10-14T09:00");
    let inv = approved(&d9, "2026-09");
    let c = login(&d9, "clerk");
    let sent = d9.mark_invoice_sent(&c, inv.id, day("2026-10-14")).unwrap();
    assert_eq!(sent.sent_late, Some(false));
    let d9 = desk_at(db, "2026-10-31T09:00");
    let paid = d9
        .mark_invoice_paid(&login(&d9, "clerk"), inv.id, day("2026-10-31"), inv.amount)
        .unwrap();
    assert_eq!(
        (paid.difference, paid.paid_late),
        (Some(Yen::ZERO), Some(false))
    );
}

pub fn no_use_case_changes_an_approved_invoice(db: &TestDb) {
    let d = demo(db);
    import(&d, "2026-10", true);
    let inv = approved(&d, "2026-10");
    let supervisor = login(&d, "supervisor");
    assert_eq!(
        d.return_invoice(&supervisor, inv.id, "やはり確認")
            .unwrap_err()
            .code(),
        "conflict"
    );
    assert_eq!(
        d.approve_invoice(&supervisor, inv.id).unwrap_err().code(),
        "conflict"
    );
    assert_eq!(
        d.draft_invoice(&login(&d, "clerk"), month("2026-10"))
            .unwrap_err()
            .code(),
        "conflict"
    );
    let clerk = login(&d, "clerk");
    d.mark_invoice_sent(&clerk, inv.id, day("2026-11-26"))
        .unwrap();
    assert_eq!(
        d.mark_invoice_sent(&clerk, inv.id, day("2026-11-26"))
            .unwrap_err()
            .code(),
        "conflict",
        "the day it was sent is set once"
    );
    let now = d.invoice(&clerk, inv.id).unwrap();
    assert_eq!(
        (
            now.amount,
            now.document_number,
            now.target_month,
            now.sent_on.as_deref()
        ),
        (
            inv.amount,
            inv.document_number,
            inv.target_month,
            Some("2026-11-26")
        )
    );
}

pub fn a_correction_supersedes_the_invoice_it_replaces_on_approval_and_every_step_is_audited(
    db: &TestDb,
) {
    let d = demo(db);
    import(&d, "2026-10", true);
    let old = approved(&d, "2026-10");
    let clerk = login(&d, "clerk");
    assert_eq!(
        d.correct_invoice(&clerk, old.id, " ").unwrap_err().code(),
        "validation",
        "a correction needs a reason"
    );
    let corr = d.correct_invoice(&clerk, old.id, "件数の訂正").unwrap();
    assert_eq!(
        (corr.status, corr.replaces),
        (InvoiceStatus::Draft, Some(old.id))
    );
    assert_eq!(
        d.correct_invoice(&clerk, old.id, "もう一度")
            .unwrap_err()
            .code(),
        "conflict",
        "one pending correction at a time"
    );
    assert_eq!(
        d.invoice(&clerk, old.id).unwrap().status,
        InvoiceStatus::Approved,
        "the old one stands until the correction is approved"
    );
    let approved_corr = d
        .approve_invoice(&login(&d, "supervisor"), corr.id)
        .unwrap();
    assert_eq!(
        approved_corr.document_number.as_deref(),
        Some("千葉市第2号")
    );
    let old_now = d.invoice(&clerk, old.id).unwrap();
    assert_eq!(old_now.status, InvoiceStatus::Superseded);
    assert_eq!(
        old_now.document_number, old.document_number,
        "still readable"
    );
    assert_eq!(
        d.mark_invoice_sent(&clerk, old.id, day("2026-11-20"))
            .unwrap_err()
            .code(),
        "conflict"
    );
    let list = d.invoices(&clerk, Some(month("2026-10"))).unwrap();
    assert_eq!(
        list.iter().map(|i| (i.id, i.status)).collect::<Vec<_>>(),
        [
            (corr.id, InvoiceStatus::Approved),
            (old.id, InvoiceStatus::Superseded)
        ]
    );
    let mut audit = audit_actions(&d);
    audit.reverse();
    let t = |id: i64| format!("invoice:{id}");
    assert_eq!(
        audit,
        [
            ("invoice.draft".to_owned(), t(old.id)),
            ("invoice.approve".to_owned(), t(old.id)),
            ("invoice.correct".to_owned(), t(corr.id)),
            ("invoice.supersede".to_owned(), t(old.id)),
            ("invoice.approve".to_owned(), t(corr.id)),
        ]
    );
}

pub fn the_invoice_pdf_is_kept_with_its_approval_and_the_month_documents_are_made(db: &TestDb) {
    let d = demo(db);
    import(&d, "2026-10", true);
    import_negative(&d, "2026-08");
    let clerk = login(&d, "clerk");
    let draft = d.draft_invoice(&clerk, month("2026-10")).unwrap();
    assert_eq!(
        d.invoice_pdf(&clerk, draft.id).unwrap_err().code(),
        "conflict",
        "approved or later"
    );
    let inv = d
        .approve_invoice(&login(&d, "supervisor"), draft.id)
        .unwrap();
    let data = d.invoice_document(&clerk, inv.id).unwrap();
    assert_eq!(data.document_number, "千葉市第1号");
    assert_eq!(data.target_month_wareki, "令和8年10月分");
    assert_eq!(data.invoice_date_wareki, "令和8年11月26日");
    assert_eq!(data.due_date, day("2026-11-30"));
    assert_eq!(data.addressee, "地方公共団体情報システム機構 理事長 様");
    assert_eq!(data.amount, inv.amount);
    assert_eq!(
        data.breakdown.totals.net, inv.amount,
        "the 内訳 adds up to the amount"
    );
    assert!(
        !data.bank.account_number.contains('*'),
        "the full account number"
    );
    assert_eq!(data.tax_note, "交付手数料は非課税");
    // The PDF was made and kept in the approving transaction: the same bytes every time.
    let pdf = d.invoice_pdf(&clerk, inv.id).unwrap();
    assert_eq!(
        pdf.contents,
        d.invoice_pdf(&clerk, inv.id).unwrap().contents
    );
    assert!(pdf.name.ends_with("千葉市第1号.pdf"), "{}", pdf.name);
    let text = pdf_text(&pdf.contents);
    let amount = kofu_pdf::yen_amount(inv.amount);
    for field in [
        "請求書",
        "千葉市第1号",
        "令和8年11月26日",
        "地方公共団体情報システム機構",
        "千葉市長",
        "証明書担当",
        "043-245-5134",
        amount.as_str(),
        "令和8年10月分",
        "令和8年11月30日",
        "非課税",
        "千葉銀行",
        &data.bank.account_number,
        "住民票の写し",
    ] {
        let squeezed: String = text.split_whitespace().collect();
        let wanted: String = field.split_whitespace().collect();
        assert!(
            squeezed.contains(&wanted),
            "the invoice shows {field}:\n{text}"
        );
    }

    let statement = d.settlement_document(&clerk, month("2026-08")).unwrap();
    assert!(statement.net < Yen::ZERO);
    assert!(statement.settlement_line.starts_with("市が機構に支払う額"));
    let pdf = d
        .settlement_statement_pdf(&clerk, month("2026-08"))
        .unwrap();
    let text: String = pdf_text(&pdf.contents).split_whitespace().collect();
    assert!(
        text.contains("精算書") && text.contains("令和8年8月分") && text.contains("支払"),
        "the 精算書 of a negative month says the city pays: {text}"
    );
    let xlsx = d.settlement_export(&clerk, month("2026-08")).unwrap();
    assert!(xlsx.starts_with(b"PK"), "an .xlsx file is a zip archive");
}

/// The text of a PDF as `pdftotext` reads it (poppler-utils).
fn pdf_text(pdf: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("pdftotext")
        .args(["-layout", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils) is installed");
    child.stdin.take().unwrap().write_all(pdf).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "pdftotext reads the PDF");
    String::from_utf8(out.stdout).unwrap()
}

pub fn two_supervisors_approving_at_once_make_one_winner(db: &TestDb) {
    if db.store.kind() != BackendKind::Postgres {
        // SQLite has one writer at a time; the shared server is where desks race.
        return;
    }
    let d = demo(db);
    import(&d, "2026-10", true);
    add_supervisor(&d, "takahashi");
    let draft = d
        .draft_invoice(&login(&d, "clerk"), month("2026-10"))
        .unwrap();
    let start = Barrier::new(2);
    let outcomes: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = ["supervisor", "takahashi"]
            .into_iter()
            .map(|name| {
                let start = &start;
                s.spawn(move || {
                    let desk = desk_at(db, "2026-11-26T10:00");
                    let who = login(&desk, name);
                    start.wait();
                    desk.approve_invoice(&who, draft.id).map_err(|e| e.code())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let won = outcomes.iter().filter(|o| o.is_ok()).count();
    assert_eq!(won, 1, "exactly one approval: {outcomes:?}");
    assert!(
        outcomes
            .iter()
            .any(|o| matches!(o, Err(c) if *c == "conflict")),
        "the other is a conflict: {outcomes:?}"
    );
    import(&d, "2026-09", true);
    assert_eq!(
        approved(&d, "2026-09").document_number.as_deref(),
        Some("千葉市第2号"),
        "the loser's number was given back: none skipped"
    );
}

pub fn the_dashboard_shows_the_invoice_steps_and_the_invoices_awaiting_approval(db: &TestDb) {
    use kofu_core::invoice::StepState;
    let d = demo(db);
    import(&d, "2026-10", true);
    let clerk = login(&d, "clerk");
    let state = |p: &kofu_api::calendar::DeadlinesPanel, key: &str| {
        p.cycles[0]
            .steps
            .iter()
            .find(|s| s.key == key)
            .unwrap()
            .state
    };
    // The demo desk's clock reads 2026-11-26: the October invoice was due on the 15th.
    let panel = d.deadlines_panel(&clerk).unwrap();
    assert_eq!(panel.cycles[0].target_month, "2026-10");
    assert_eq!(state(&panel, "invoice_by"), Some(StepState::Overdue));
    assert_eq!(state(&panel, "payment_by"), Some(StepState::Open));
    assert_eq!(state(&panel, "reconcile_by"), None, "not tracked here");

    let draft = d.draft_invoice(&clerk, month("2026-10")).unwrap();
    let supervisor = login(&d, "supervisor");
    let waiting = d.deadlines_panel(&supervisor).unwrap().to_approve;
    assert_eq!(
        waiting.iter().map(|w| w.id).collect::<Vec<_>>(),
        [draft.id],
        "the draft waits for this supervisor"
    );
    assert!(
        d.deadlines_panel(&clerk).unwrap().to_approve.is_empty(),
        "a clerk approves nothing"
    );
    let helpdesk = d.deadlines_panel(&login(&d, "helpdesk")).unwrap();
    assert!(
        helpdesk.cycles[0].steps.iter().all(|s| s.state.is_none())
            && helpdesk.cycles[0].invoice_status.is_none()
            && helpdesk.to_approve.is_empty(),
        "the help desk sees nothing of invoices"
    );

    d.approve_invoice(&supervisor, draft.id).unwrap();
    d.mark_invoice_sent(&clerk, draft.id, day("2026-11-26"))
        .unwrap();
    let panel = d.deadlines_panel(&clerk).unwrap();
    assert_eq!(state(&panel, "invoice_by"), Some(StepState::Done));
    assert_eq!(state(&panel, "payment_by"), Some(StepState::Open));
    assert_eq!(panel.cycles[0].invoice_status, Some(InvoiceStatus::Sent));
    assert!(d
        .deadlines_panel(&supervisor)
        .unwrap()
        .to_approve
        .is_empty());
}
