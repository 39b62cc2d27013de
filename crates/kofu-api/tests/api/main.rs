//! Use cases on both backends: setup, sign-in and lockout, roles enforced in the core, the
//! profile and its audit trail.

mod calendar;
mod catalogue;
mod documents;
mod files;
mod free_text;
mod intake;
mod invoices;
mod jlis;
mod monthly;

use calendar::*;
use catalogue::*;
use documents::*;
use files::*;
use free_text::*;
use intake::*;
use invoices::*;
use jlis::*;
use monthly::*;
use std::sync::Arc;

use chrono::NaiveDate;
use kofu_api::dto::NewUserInput;
use kofu_api::{Desk, Error, ErrorCode, FirstAdmin, DEMO_PASSWORD};
use kofu_core::clock::FixedClock;
use kofu_core::{MunicipalityProfile, Role};
use kofu_store::on_both_backends;
use kofu_store::testing::TestDb;

pub(crate) fn desk(db: &TestDb) -> Desk {
    let now = NaiveDate::from_ymd_opt(2026, 11, 26)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    Desk::from_store(db.reopen(), Arc::new(FixedClock(now)))
}

pub(crate) fn demo(db: &TestDb) -> Desk {
    let d = desk(db);
    d.load_demo().unwrap();
    d
}

fn an_empty_database_is_not_initialized_until_the_first_admin(db: &TestDb) {
    let d = desk(db);
    assert!(!d.status().unwrap().initialized);
    assert!(matches!(
        d.login("admin", "whatever-long"),
        Err(Error::NotInitialized)
    ));
    let admin = d
        .init(
            &FirstAdmin {
                name: "yamada",
                display_name: "山田 太郎",
                password: "first-admin-pw",
            },
            None,
        )
        .unwrap();
    assert_eq!(admin.role(), Role::Admin);
    assert!(d.status().unwrap().initialized);
    let again = d.init(
        &FirstAdmin {
            name: "other",
            display_name: "他",
            password: "first-admin-pw",
        },
        None,
    );
    assert_eq!(
        again.unwrap_err().code(),
        "conflict",
        "init never adds a second admin behind the admin's back"
    );
    assert_eq!(
        d.login("yamada", "first-admin-pw").unwrap().name(),
        "yamada"
    );
}

fn a_weak_first_password_is_refused_and_nothing_is_written(db: &TestDb) {
    let d = desk(db);
    let err = d
        .init(
            &FirstAdmin {
                name: "yamada",
                display_name: "山田",
                password: "short",
            },
            None,
        )
        .unwrap_err();
    assert_eq!(err.field().as_deref(), Some("password"));
    assert!(
        !d.status().unwrap().initialized,
        "a refused init writes nothing"
    );
}

fn the_account_locks_after_five_failures_and_an_admin_unlocks_it(db: &TestDb) {
    let d = demo(db);
    for i in 1..=4 {
        assert_eq!(
            d.login("clerk", "wrong-password").unwrap_err().code(),
            "invalid_credentials",
            "failure {i}"
        );
    }
    assert_eq!(
        d.login("clerk", "wrong-password").unwrap_err().code(),
        "locked",
        "the fifth failure locks"
    );
    assert_eq!(
        d.login("clerk", DEMO_PASSWORD).unwrap_err().code(),
        "locked",
        "even the right password is refused"
    );
    let admin = d.login("admin", DEMO_PASSWORD).unwrap();
    let u = d.unlock_user(&admin, "clerk").unwrap();
    assert!(!u.locked);
    assert_eq!(d.login("clerk", DEMO_PASSWORD).unwrap().role(), Role::Clerk);
}

fn an_unknown_name_is_the_same_refusal_as_a_wrong_password(db: &TestDb) {
    let d = demo(db);
    assert_eq!(
        d.login("nobody", "wrong-password").unwrap_err().body(),
        d.login("clerk", "wrong-password").unwrap_err().body()
    );
}

fn roles_are_enforced_in_the_core(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let supervisor = d.login("supervisor", DEMO_PASSWORD).unwrap();
    let mut p = d.profile(&clerk).unwrap();
    p.contact_phone = "043-111-2222".into();
    for who in [&clerk, &supervisor] {
        assert_eq!(
            d.update_profile(who, p.clone()).unwrap_err().code(),
            "forbidden",
            "only an admin edits the profile"
        );
        assert_eq!(d.users(who).unwrap_err().code(), "forbidden");
    }
    let input = NewUserInput {
        name: "x".into(),
        display_name: "X".into(),
        role: Role::Admin,
        password: "long-enough-pw".into(),
    };
    assert_eq!(
        d.add_user(&clerk, &input).unwrap_err().code(),
        "forbidden",
        "a clerk cannot make himself an admin"
    );
    let helpdesk = d.login("helpdesk", DEMO_PASSWORD).unwrap();
    assert_eq!(d.verify_audit(&helpdesk).unwrap_err().code(), "forbidden");
    assert!(d.verify_audit(&supervisor).unwrap().intact);
}

fn a_role_change_takes_effect_without_signing_in_again(db: &TestDb) {
    let d = demo(db);
    let admin = d.login("admin", DEMO_PASSWORD).unwrap();
    let helpdesk = d.login("helpdesk", DEMO_PASSWORD).unwrap();
    d.set_role(&admin, "helpdesk", Role::Admin).unwrap();
    assert!(
        d.users(&helpdesk).is_ok(),
        "the promoted user may manage users at once"
    );
    d.set_role(&admin, "helpdesk", Role::Helpdesk).unwrap();
    assert_eq!(
        d.users(&helpdesk).unwrap_err().code(),
        "forbidden",
        "and loses it at once"
    );
}

fn the_last_admin_cannot_be_demoted(db: &TestDb) {
    let d = demo(db);
    let admin = d.login("admin", DEMO_PASSWORD).unwrap();
    assert_eq!(
        d.set_role(&admin, "admin", Role::Clerk).unwrap_err().code(),
        "conflict"
    );
}

fn a_taken_login_name_is_a_validation_error_on_the_name(db: &TestDb) {
    let d = demo(db);
    let admin = d.login("admin", DEMO_PASSWORD).unwrap();
    let input = NewUserInput {
        name: "clerk".into(),
        display_name: "二人目".into(),
        role: Role::Clerk,
        password: "long-enough-pw".into(),
    };
    let err = d.add_user(&admin, &input).unwrap_err();
    assert_eq!(
        (err.code(), err.field().as_deref()),
        (ErrorCode::Validation, Some("name"))
    );
}

fn the_profile_is_edited_by_an_admin_audited_and_masked_for_others(db: &TestDb) {
    let d = demo(db);
    let admin = d.login("admin", DEMO_PASSWORD).unwrap();
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let mut p = d.profile(&admin).unwrap();
    assert_eq!(
        p.bank.account_number, "1234567",
        "the admin sees the account number"
    );
    assert_eq!(
        d.profile(&clerk).unwrap().bank.account_number,
        "****567",
        "others see it masked"
    );
    p.contact_phone = "043-245-9999".into();
    p.bank.account_number = "7654321".into();
    d.update_profile(&admin, p).unwrap();
    assert_eq!(
        d.dashboard(&clerk).unwrap().profile.contact_phone,
        "043-245-9999"
    );

    let entries = d.recent_audit(&admin, 50).unwrap();
    let update = entries
        .iter()
        .find(|e| e.action == "profile.update")
        .expect("the change is audited");
    assert_eq!(update.actor, "admin");
    assert!(
        update.summary.contains("043-245-9999") && update.summary.contains("contact_phone"),
        "{}",
        update.summary
    );
    assert!(
        entries
            .iter()
            .all(|e| !e.summary.contains("7654321") && !e.summary.contains("1234567")),
        "bank account numbers never appear in clear in the audit trail"
    );
    assert!(d.verify_audit(&admin).unwrap().intact);
}

fn a_masked_account_number_sent_back_keeps_the_stored_one(db: &TestDb) {
    let d = demo(db);
    let admin = d.login("admin", DEMO_PASSWORD).unwrap();
    let mut p = d.profile(&admin).unwrap();
    p.bank.account_number = "****567".into();
    p.name = "千葉市".into();
    assert_eq!(
        d.update_profile(&admin, p).unwrap().bank.account_number,
        "1234567"
    );
}

fn an_invalid_profile_is_refused_naming_the_field_and_nothing_changes(db: &TestDb) {
    let d = demo(db);
    let admin = d.login("admin", DEMO_PASSWORD).unwrap();
    let before = d.profile(&admin).unwrap();
    let mut p = before.clone();
    p.contact_email = "not an email".into();
    let err = d.update_profile(&admin, p).unwrap_err();
    assert_eq!(err.field().as_deref(), Some("contact_email"));
    assert_eq!(d.profile(&admin).unwrap(), before);
}

fn init_with_the_chiba_profile_loads_the_master_data(db: &TestDb) {
    let d = desk(db);
    let profile = MunicipalityProfile::chiba_demo();
    let admin = d
        .init(
            &FirstAdmin {
                name: "admin",
                display_name: "管理者",
                password: "first-admin-pw",
            },
            Some(&profile),
        )
        .unwrap();
    assert_eq!(d.profile(&admin).unwrap().code.to_string(), "121002");
    let (ops, kinds) = d
        .store()
        .transaction(|tx| {
            Ok::<_, kofu_store::StoreError>((
                kofu_store::master::operators(tx)?,
                kofu_store::master::kinds(tx)?,
            ))
        })
        .unwrap();
    assert_eq!(ops.len(), 6);
    assert_eq!(kinds.len(), 7);
    assert_eq!(kinds[3].0.name, "戸籍全部事項証明書");
}

on_both_backends!(
    every_kind_has_a_template_and_a_next_number_in_the_current_fiscal_year,
    a_template_change_is_audited_and_numbers_the_next_notice,
    templates_are_refused_to_clerks_and_help_desk_and_when_malformed,
    the_document_prefix_setting_still_numbers_change_notices,
    a_supervisor_demoted_after_signing_in_no_longer_approves,
    only_an_admin_changes_the_connection_and_a_clerk_sees_no_secret,
    an_admin_sets_the_url_and_the_token_and_the_connection_resolves,
    environment_overrides_win_over_the_settings,
    plain_http_to_another_host_is_refused_naming_the_field,
    a_secret_never_reaches_the_audit_trail_or_a_debug_line,
    certificate_files_are_checked_and_the_password_must_open_the_certificate,
    secrets_belong_to_their_own_database,
    a_clerk_pulls_the_statement_over_mutual_tls_as_the_admin_configured,
    an_empty_database_is_not_initialized_until_the_first_admin,
    a_weak_first_password_is_refused_and_nothing_is_written,
    the_account_locks_after_five_failures_and_an_admin_unlocks_it,
    an_unknown_name_is_the_same_refusal_as_a_wrong_password,
    roles_are_enforced_in_the_core,
    a_role_change_takes_effect_without_signing_in_again,
    the_last_admin_cannot_be_demoted,
    a_taken_login_name_is_a_validation_error_on_the_name,
    the_profile_is_edited_by_an_admin_audited_and_masked_for_others,
    a_masked_account_number_sent_back_keeps_the_stored_one,
    an_invalid_profile_is_refused_naming_the_field_and_nothing_changes,
    init_with_the_chiba_profile_loads_the_master_data,
    the_demo_catalogue_lists_fees_and_commission_in_force,
    availability_follows_the_hours_at_their_edges,
    a_fee_change_needs_a_supervisor_other_than_the_drafter,
    the_drafter_cannot_approve_even_as_a_supervisor,
    a_returned_change_is_not_applied_and_needs_a_reason,
    planned_maintenance_must_lie_outside_service_hours,
    an_emergency_stop_needs_a_notice_and_stops_issuance,
    a_closure_moves_the_reconcile_deadline_and_shows_its_reason,
    an_imported_holiday_list_replaces_the_snapshot_and_a_bad_one_changes_nothing,
    the_approval_writes_the_notice_pdf_and_received_letters_keep_their_files,
    two_letters_recorded_in_the_same_second_keep_separate_files,
    a_letter_refused_in_its_transaction_stores_no_file_and_keeps_the_others,
    a_device_name_is_saved_safely_and_shown_as_sent,
    a_file_kept_on_disk_by_an_older_version_opens_and_moves_into_the_database,
    a_finalized_statement_is_imported_once_and_never_overwritten,
    a_bad_statement_is_refused_whole_naming_the_line,
    notices_reconcile_with_the_statement_and_a_cancellation_shows_as_a_difference,
    a_notice_stored_with_other_values_refuses_the_whole_file,
    the_settlement_nets_fees_against_commissions_by_operator_and_kind,
    a_month_is_pulled_whole_and_settles_as_jlis_says,
    the_current_month_pulls_the_notices_so_far_and_warns_the_statement_is_not_final,
    a_cancelled_import_stores_nothing,
    a_dropped_file_is_recognised_and_the_trend_shows_imported_months,
    the_demo_history_fills_months_before_last_month_and_only_in_a_demo,
    the_connection_test_fetches_without_storing_and_names_a_bad_token,
    texts_deserialised_as_the_desktop_sends_them_are_checked_at_the_use_case,
    an_invoice_is_drafted_by_a_clerk_and_approved_by_another_supervisor_only,
    preliminary_missing_negative_and_invoiced_months_are_refused_with_their_codes,
    numbers_follow_the_fiscal_year_and_start_again_each_april,
    sent_and_paid_are_flagged_late_and_a_different_payment_shows_the_difference,
    no_use_case_changes_an_approved_invoice,
    a_correction_supersedes_the_invoice_it_replaces_on_approval_and_every_step_is_audited,
    the_invoice_pdf_is_kept_with_its_approval_and_the_month_documents_are_made,
    the_dashboard_shows_the_invoice_steps_and_the_invoices_awaiting_approval,
    two_supervisors_approving_at_once_make_one_winner,
);
