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

    expect(seen).toEqual([
      ['set_user_role', { name: 'tanaka', role: 'supervisor' }],
      ['unlock_user', { name: 'tanaka' }],
      ['check_code', { code: '121002' }],
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
