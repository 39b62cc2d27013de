import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it, vi } from 'vitest';
import { api, isApiError, reactionTo, toApiError } from './api';

describe('api', () => {
  it('sends the intake and settlement arguments, and a file as the raw invoke payload', async () => {
    const seen: unknown[] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return null;
    });
    const bytes = new Uint8Array([0x8c, 0xb3, 0x0d, 0x0a]);

    await api.monthIntake('2026-10');
    await api.importFile(bytes);
    await api.pullMonth('2026-10');
    await api.importProgress();
    await api.cancelImport();
    await api.reconcileMonth('2026-10');
    await api.settlement('2026-10');
    await api.settlementTrend('2026-10');
    await api.importHistory();
    await api.masterNames();

    expect(seen).toEqual([
      ['month_intake', { month: '2026-10' }],
      // Not wrapped in an object: Tauri sends a Uint8Array payload as the raw request body.
      ['import_file', bytes],
      ['pull_month', { month: '2026-10' }],
      ['import_progress', {}],
      ['cancel_import', {}],
      ['reconcile_month', { month: '2026-10' }],
      ['settlement', { month: '2026-10' }],
      ['settlement_trend', { month: '2026-10' }],
      ['import_history', {}],
      ['master_names', {}],
    ]);
    expect((seen[1] as unknown[])[1]).toBeInstanceOf(Uint8Array);
  });

  it('sends the argument keys the commands expect', async () => {
    const seen: unknown[] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return null;
    });

    await api.setUserRole('tanaka', 'supervisor');
    await api.unlockUser('tanaka');
    await api.checkCode('121002');
    await api.monthCalendar('2026-11');
    await api.addClosure('2026-12-28', '庁舎点検');
    await api.removeClosure('2026-12-28');
    await api.importHolidays(new Uint8Array([0x8c, 0xb3, 0x0d, 0x0a]));

    expect(seen).toEqual([
      ['set_user_role', { name: 'tanaka', role: 'supervisor' }],
      ['unlock_user', { name: 'tanaka' }],
      ['check_code', { code: '121002' }],
      ['month_calendar', { month: '2026-11' }],
      ['add_closure', { date: '2026-12-28', reason: '庁舎点検' }],
      ['remove_closure', { date: '2026-12-28' }],
      // A plain array of numbers: Tauri deserialises it into the command's Vec<u8>.
      ['import_holidays', { csv: [0x8c, 0xb3, 0x0d, 0x0a] }],
    ]);
  });

  it('sends the catalogue, hours, change and correspondence arguments as the commands name them', async () => {
    const seen: unknown[] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return null;
    });
    const suspension = {
      id: null,
      kind: 'planned' as const,
      scope: 'all' as const,
      from: '2026-12-12T23:30:00',
      until: '2026-12-13T05:00:00',
      reason: '定期保守',
      notice_text: null,
    };
    const what = {
      type: 'set_fee' as const,
      kind: '01',
      period: { from: '2026-12-01', until: null },
      fee: 200,
      note: '',
    };
    const input = { at: '2026-11-26T09:30', category: 'other', subject: '件名', document_number: null, body: '' };

    await api.catalogueList(null);
    await api.catalogueList('2026-12-01');
    await api.feeHistory('01');
    await api.serviceHours(null);
    await api.serviceAvailable('04', '2026-11-28T10:00');
    await api.listSuspensions();
    await api.recordSuspension(suspension);
    await api.draftChange(what, '2026-12-01');
    await api.changeRequests();
    await api.approveChange(8);
    await api.returnChange(8, '理由');
    await api.correspondence();
    await api.recordReceived(input, [{ name: 'a.pdf', bytes: [0x25, 0x50] }]);
    await api.letterAttachment(3, 1);

    expect(seen).toEqual([
      ['catalogue_list', { on: null }],
      ['catalogue_list', { on: '2026-12-01' }],
      ['fee_history', { kind: '01' }],
      ['service_hours', { on: null }],
      ['service_available', { kind: '04', at: '2026-11-28T10:00' }],
      ['list_suspensions', {}],
      ['record_suspension', { suspension }],
      ['draft_change', { what, from: '2026-12-01' }],
      ['change_requests', {}],
      ['approve_change', { id: 8 }],
      ['return_change', { id: 8, reason: '理由' }],
      ['correspondence', {}],
      ['record_received', { input, files: [{ name: 'a.pdf', bytes: [0x25, 0x50] }] }],
      ['letter_attachment', { letterId: 3, index: 1 }],
    ]);
  });

  it('sends the J-LIS connection arguments as the commands name them', async () => {
    const seen: unknown[] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return null;
    });
    const input = { base_url: 'https://jlis.example.jp/', client_certificate_path: null, extra_ca_path: null };

    await api.jlisSettings();
    await api.setJlisSettings(input);
    await api.setJlisSecret('token', 'abc');
    await api.clearJlisSecret('certificate_password');
    await api.testJlisConnection();

    expect(seen).toEqual([
      ['jlis_settings', {}],
      ['set_jlis_settings', { input }],
      ['set_jlis_secret', { which: 'token', value: 'abc' }],
      ['clear_jlis_secret', { which: 'certificate_password' }],
      ['test_jlis_connection', {}],
    ]);
  });

  it('passes the core error through unchanged', async () => {
    const refusal = {
      code: 'validation',
      message: '取扱い実績データに誤りがあるため取り込みませんでした（1件）。',
      field: null,
      details: [{ line: 3, field: '証明書種別コード', value: '99', reason_ja: '未登録です。', reason_en: 'unknown' }],
    };
    mockIPC(() => {
      throw refusal;
    });

    await expect(api.listUsers()).rejects.toEqual(refusal);
  });

  it('turns anything else into an internal error with no message', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    mockIPC(() => {
      throw new Error('bridge missing');
    });

    await expect(api.dashboard()).rejects.toEqual({ code: 'internal', message: '', field: null, details: [] });
    expect(isApiError(toApiError('x'))).toBe(true);
    log.mockRestore();
  });

  it('reads a code it does not know as no error of the core', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(isApiError({ code: 'made_up', message: 'x', field: null })).toBe(false);
    expect(toApiError({ code: 'made_up', message: 'x', field: null }).code).toBe('internal');
    log.mockRestore();
  });

  it('signs out on unauthenticated, stays calm on cancelled and shows every other refusal', () => {
    expect(reactionTo('unauthenticated')).toBe('signOut');
    expect(reactionTo('cancelled')).toBe('cancelled');
    expect(reactionTo('internal')).toBe('unexpected');
    expect(reactionTo('not_final')).toBe('refused');
  });
});
