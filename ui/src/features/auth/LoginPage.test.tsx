import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ja } from '../../i18n/ja';
import { dashboard, deadlinesPanel, session, status } from '../../test/fixtures';
import { apiError, renderApp, unexpected } from '../../test/render';

const LOCKOUT =
  'ログインに連続して失敗したため、このアカウントはロックされています。管理者に解除を依頼してください。';

async function signIn(name: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByTestId('login-name'), name);
  await user.type(screen.getByTestId('login-password'), password);
  await user.click(screen.getByTestId('login-submit'));
}

describe('login', () => {
  it('shows the Japanese error for wrong credentials and keeps what was typed', async () => {
    const { calls } = renderApp((cmd) => {
      if (cmd === 'app_status') return status();
      if (cmd === 'login') throw apiError('invalid_credentials', '認証に失敗しました。');
      return unexpected(cmd);
    });

    await signIn('tanaka', 'wrong-password');

    const error = await screen.findByTestId('login-error');
    expect(error).toHaveTextContent(ja.login.invalidCredentials);
    expect(error).toHaveAttribute('role', 'alert');
    expect(calls.find((c) => c.cmd === 'login')?.args).toEqual({
      input: { name: 'tanaka', password: 'wrong-password' },
    });
    expect(screen.getByTestId('login-name')).toHaveValue('tanaka');
    expect(screen.getByTestId('login-name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByTestId('header-user')).not.toBeInTheDocument();
  });

  it('shows the lockout message when the account is locked', async () => {
    renderApp((cmd) => {
      if (cmd === 'app_status') return status();
      if (cmd === 'login') throw apiError('locked', 'アカウントがロックされています。');
      return unexpected(cmd);
    });

    await signIn('tanaka', 'any-password');

    expect(await screen.findByTestId('login-error')).toHaveTextContent(LOCKOUT);
    expect(screen.getByTestId('login-error')).not.toHaveTextContent(ja.login.invalidCredentials);
  });

  it("shows the core's message for other refusals", async () => {
    renderApp((cmd) => {
      if (cmd === 'app_status') return status();
      if (cmd === 'login') throw apiError('internal', 'データベースに接続できません。');
      return unexpected(cmd);
    });

    await signIn('tanaka', 'any-password');

    expect(await screen.findByTestId('login-error')).toHaveTextContent('データベースに接続できません。');
  });

  it('signs in and shows the user with the role in Japanese', async () => {
    renderApp((cmd) => {
      if (cmd === 'app_status') return status();
      if (cmd === 'login') return session('clerk');
      if (cmd === 'dashboard') return dashboard('clerk');
      if (cmd === 'deadlines_panel') return deadlinesPanel();
      return unexpected(cmd);
    });

    await signIn('clerk', 'kofu-demo-2026');

    expect(await screen.findByTestId('header-user')).toHaveTextContent('田中 一郎・事務担当');
    expect(screen.queryByTestId('login-name')).not.toBeInTheDocument();
  });

  it('lists the demo accounts only when running on demo data', async () => {
    const first = renderApp((cmd) => (cmd === 'app_status' ? status({ demo: true }) : unexpected(cmd)));
    const hint = await screen.findByTestId('login-demo-hint');
    for (const name of ['admin', 'clerk', 'supervisor', 'helpdesk', 'kofu-demo-2026']) {
      expect(hint).toHaveTextContent(name);
    }
    first.unmount();

    renderApp((cmd) => (cmd === 'app_status' ? status({ demo: false }) : unexpected(cmd)));
    await screen.findByTestId('login-name');
    await waitFor(() => expect(screen.queryByTestId('login-demo-hint')).not.toBeInTheDocument());
  });
});
