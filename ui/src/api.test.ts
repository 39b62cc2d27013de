import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it, vi } from 'vitest';
import { api, isApiError, toApiError } from './api';

describe('api', () => {
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

  it('passes the core error through unchanged', async () => {
    const refusal = { code: 'forbidden', message: 'この操作を行う権限がありません。', field: null };
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

    await expect(api.dashboard()).rejects.toEqual({ code: 'internal', message: '', field: null });
    expect(isApiError(toApiError('x'))).toBe(true);
    log.mockRestore();
  });
});
