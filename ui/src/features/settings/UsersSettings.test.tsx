import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { UserDto } from '../../bindings/UserDto';
import { dashboard, deadlinesPanel, session, status, user } from '../../test/fixtures';
import { apiError, renderApp, unexpected, type IpcHandler } from '../../test/render';

const staff: UserDto[] = [
  user('admin', { id: 1, name: 'admin', display_name: '山本 管理' }),
  user('clerk', { id: 2, name: 'tanaka', display_name: '田中 一郎' }),
  user('supervisor', { id: 3, name: 'suzuki', display_name: '鈴木 課長', last_login_at: null }),
  user('helpdesk', { id: 4, name: 'sato', display_name: '佐藤 窓口', locked: true }),
];

function adminWith(extra: IpcHandler = (cmd) => unexpected(cmd)) {
  return renderApp((cmd, args) => {
    if (cmd === 'app_status') return status({ session: session('admin') });
    if (cmd === 'dashboard') return dashboard('admin');
    if (cmd === 'deadlines_panel') return deadlinesPanel();
    if (cmd === 'get_profile') throw apiError('internal', 'not under test');
    if (cmd === 'list_users') return staff;
    return extra(cmd, args);
  });
}

async function openUsers() {
  const u = userEvent.setup();
  await u.click(await screen.findByTestId('nav-settings'));
  await u.click(await screen.findByTestId('settings-users-tab'));
  await screen.findByTestId('users-table');
  return u;
}

describe('設定 > 職員・権限', () => {
  it('lists staff with roles and states in Japanese', async () => {
    adminWith();
    await openUsers();

    expect(screen.getByTestId('user-role-admin')).toHaveValue('システム管理者');
    expect(screen.getByTestId('user-role-tanaka')).toHaveValue('事務担当');
    expect(screen.getByTestId('user-role-suzuki')).toHaveValue('決裁者');
    expect(screen.getByTestId('user-role-sato')).toHaveValue('問合せ担当');

    const locked = screen.getByTestId('user-row-sato');
    expect(within(locked).getByText('ロック中')).toBeInTheDocument();
    expect(within(screen.getByTestId('user-row-tanaka')).getByText('有効')).toBeInTheDocument();
    expect(within(screen.getByTestId('user-row-suzuki')).getByText('未ログイン')).toBeInTheDocument();
    expect(within(screen.getByTestId('user-row-tanaka')).queryByRole('button')).not.toBeInTheDocument();
  });

  it('unlocks a locked account', async () => {
    const { calls } = adminWith((cmd, args) => {
      if (cmd === 'unlock_user') return { ...staff[3]!, locked: false };
      return unexpected(cmd + JSON.stringify(args));
    });
    const u = await openUsers();

    await u.click(screen.getByRole('button', { name: '佐藤 窓口 のロックを解除' }));

    expect(await screen.findByText('佐藤 窓口 のロックを解除しました。')).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === 'unlock_user')?.args).toEqual({ name: 'sato' });
    await waitFor(() =>
      expect(within(screen.getByTestId('user-row-sato')).queryByText('ロック中')).not.toBeInTheDocument(),
    );
  });

  it('changes a role through the select', async () => {
    const { calls } = adminWith((cmd) => {
      if (cmd === 'set_user_role') return { ...staff[1]!, role: 'supervisor' };
      return unexpected(cmd);
    });
    const u = await openUsers();

    await u.click(screen.getByTestId('user-role-tanaka'));
    await u.click(await screen.findByRole('option', { name: '決裁者' }));

    await waitFor(() =>
      expect(calls.find((c) => c.cmd === 'set_user_role')?.args).toEqual({ name: 'tanaka', role: 'supervisor' }),
    );
    await waitFor(() => expect(screen.getByTestId('user-role-tanaka')).toHaveValue('決裁者'));
  });

  it('adds a staff member and keeps the form when the core refuses the name', async () => {
    let attempts = 0;
    const { calls } = adminWith((cmd, args) => {
      if (cmd === 'add_user') {
        attempts += 1;
        if (attempts === 1) throw apiError('conflict', 'ログイン名 yamada は既に使われています。', 'name');
        const input = (args as { input: { name: string; display_name: string } }).input;
        return user('clerk', { id: 9, name: input.name, display_name: input.display_name });
      }
      return unexpected(cmd);
    });
    const u = await openUsers();

    await u.click(screen.getByTestId('users-add'));
    await u.type(await screen.findByTestId('add-user-name'), 'yamada');
    await u.type(screen.getByTestId('add-user-display_name'), '山田 花子');
    await u.type(screen.getByTestId('add-user-password'), 'initial-pass-1');
    await u.type(screen.getByTestId('add-user-password_confirm'), 'initial-pass-1');
    await u.click(screen.getByTestId('add-user-submit'));

    expect(await screen.findByText('ログイン名 yamada は既に使われています。')).toBeInTheDocument();
    expect(screen.getByTestId('add-user-name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('add-user-display_name')).toHaveValue('山田 花子');

    await u.clear(screen.getByTestId('add-user-name'));
    await u.type(screen.getByTestId('add-user-name'), 'yamada2');
    await u.click(screen.getByTestId('add-user-submit'));

    expect(await screen.findByText('山田 花子 を追加しました。')).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === 'add_user').at(-1)?.args).toEqual({
      input: { name: 'yamada2', display_name: '山田 花子', role: 'clerk', password: 'initial-pass-1' },
    });
  });
});
