import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../bindings/Role';
import { builtinHolidays, chibaProfile, dashboard, deadlinesPanel, session, status, user } from '../../test/fixtures';
import { renderApp, unexpected } from '../../test/render';

function signedInAs(role: Role, database = status().database) {
  return renderApp((cmd) => {
    if (cmd === 'app_status') return status({ session: session(role), database });
    if (cmd === 'dashboard') return dashboard(role);
    if (cmd === 'deadlines_panel') return deadlinesPanel();
    if (cmd === 'holiday_source') return builtinHolidays;
    if (cmd === 'list_closures') return [];
    if (cmd === 'get_profile') return chibaProfile;
    if (cmd === 'list_users') return [user('admin')];
    if (cmd === 'logout') return null;
    return unexpected(cmd);
  });
}

describe('navigation and header', () => {
  it('shows カレンダー right after ダッシュボード to every role', async () => {
    for (const role of ['clerk', 'supervisor', 'helpdesk', 'admin'] as const) {
      const { unmount } = signedInAs(role);
      const nav = await screen.findByRole('navigation', { name: 'メインメニュー' });
      const labels = within(nav).getAllByRole('button').map((b) => b.textContent);
      expect(labels.slice(0, 2)).toEqual(['ダッシュボード', 'カレンダー']);
      unmount();
    }
  });

  it('hides 設定 from a clerk and a help desk user', async () => {
    for (const role of ['clerk', 'helpdesk'] as const) {
      const { unmount } = signedInAs(role);
      expect(await screen.findByTestId('nav-dashboard')).toBeInTheDocument();
      expect(screen.getByRole('button', { name: '証明書・提供時間' })).toBeInTheDocument();
      expect(screen.queryByTestId('nav-settings')).not.toBeInTheDocument();
      expect(screen.queryByText('設定')).not.toBeInTheDocument();
      unmount();
    }
  });

  it('shows 取込・照合 and 精算・請求 to clerks and supervisors only', async () => {
    for (const role of ['clerk', 'supervisor', 'helpdesk', 'admin'] as const) {
      const { unmount } = signedInAs(role);
      const nav = await screen.findByRole('navigation', { name: 'メインメニュー' });
      const labels = within(nav).getAllByRole('button').map((b) => b.textContent);
      const reads = role === 'clerk' || role === 'supervisor';
      expect(labels.includes('取込・照合'), role).toBe(reads);
      expect(labels.includes('精算・請求'), role).toBe(reads);
      unmount();
    }
  });

  it('shows 設定 to a supervisor, without the admin-only pages', async () => {
    signedInAs('supervisor');
    const u = userEvent.setup();
    await u.click(await screen.findByTestId('nav-settings'));

    expect(await screen.findByRole('tab', { name: '休日・閉庁日' })).toBeInTheDocument();
    expect(screen.queryByTestId('settings-profile-tab')).not.toBeInTheDocument();
    expect(screen.queryByTestId('settings-users-tab')).not.toBeInTheDocument();
  });

  it('shows 設定 with 団体情報 and 職員・権限 to an admin', async () => {
    signedInAs('admin');
    const u = userEvent.setup();
    await u.click(await screen.findByTestId('nav-settings'));

    expect(await screen.findByTestId('settings-profile-tab')).toBeInTheDocument();
    expect(screen.getByTestId('settings-users-tab')).toBeInTheDocument();
  });

  it('shows the city, the user with role, and where the data lives', async () => {
    signedInAs('supervisor', { kind: 'shared', location: 'kofu-db01' });

    expect(await screen.findByTestId('header-user')).toHaveTextContent('田中 一郎・決裁者');
    expect(screen.getByTestId('header-municipality')).toHaveTextContent('千葉市');
    expect(screen.getByTestId('header-database')).toHaveTextContent('共有: kofu-db01');
  });

  it('shows 準備中 for areas not built yet', async () => {
    signedInAs('clerk');
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: '事故・苦情' }));

    const placeholder = await screen.findByTestId('placeholder');
    expect(within(placeholder).getByText('準備中')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '事故・苦情' })).toBeInTheDocument();
  });

  it('switches the whole screen to English and back', async () => {
    signedInAs('clerk');
    const u = userEvent.setup();
    expect(await screen.findByTestId('header-user')).toHaveTextContent('事務担当');

    await u.click(screen.getAllByText('English')[0]!);

    expect(await screen.findByTestId('header-user')).toHaveTextContent('田中 一郎 · Clerk');
    expect(screen.getByTestId('nav-dashboard')).toHaveTextContent('Dashboard');
    expect(document.documentElement.lang).toBe('en');
  });

  it('signs out back to the login screen', async () => {
    const { calls } = signedInAs('clerk');
    const u = userEvent.setup();
    await u.click(await screen.findByTestId('logout'));

    expect(await screen.findByTestId('login-name')).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === 'logout')).toBe(true);
  });
});
