import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CodeCheck } from '../../bindings/CodeCheck';
import { ja } from '../../i18n/ja';
import { session, status } from '../../test/fixtures';
import { apiError, renderApp, unexpected } from '../../test/render';

const CHECK_DIGIT_ERROR = '団体コードの検査数字が正しくありません。（6桁目は 2 になるはずです）';

/** Stands in for the core's check: only 121002 (千葉市) is valid. */
function checkCode(code: string): CodeCheck {
  return code === '121002'
    ? { code, valid: true, message: null }
    : { code, valid: false, message: CHECK_DIGIT_ERROR };
}

describe('first-run wizard', () => {
  it('checks the 団体コード as typed and shows the core’s error, then ✓', async () => {
    const { calls } = renderApp((cmd, args) => {
      if (cmd === 'app_status') return status({ initialized: false });
      if (cmd === 'check_code') return checkCode((args as { code: string }).code);
      return unexpected(cmd);
    });
    const user = userEvent.setup();

    const code = await screen.findByTestId('wizard-code');
    await user.type(code, '121009');

    expect(await screen.findByText(CHECK_DIGIT_ERROR)).toBeInTheDocument();
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(calls.filter((c) => c.cmd === 'check_code').at(-1)?.args).toEqual({ code: '121009' });

    await user.clear(code);
    await user.type(code, '121002');

    expect(await screen.findByTestId('wizard-code-ok')).toHaveTextContent('✓');
    expect(screen.queryByText(CHECK_DIGIT_ERROR)).not.toBeInTheDocument();
    expect(code).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('refuses a short password before asking the core', async () => {
    const { calls } = renderApp((cmd, args) => {
      if (cmd === 'app_status') return status({ initialized: false });
      if (cmd === 'check_code') return checkCode((args as { code: string }).code);
      return unexpected(cmd);
    });
    const user = userEvent.setup();

    await user.type(await screen.findByTestId('wizard-code'), '121002');
    await user.type(screen.getByTestId('wizard-municipality_name'), '千葉市');
    await user.type(screen.getByTestId('wizard-admin_name'), 'admin');
    await user.type(screen.getByTestId('wizard-admin_display_name'), '田中 一郎');
    await user.type(screen.getByTestId('wizard-password'), 'short');
    await user.type(screen.getByTestId('wizard-password_confirm'), 'short');
    await user.click(screen.getByTestId('wizard-submit'));

    expect(await screen.findByText(ja.wizard.passwordTooShort)).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === 'setup_first_admin')).toBe(false);
  });

  it('registers the city and first admin, then shows the signed-in shell', async () => {
    const { calls } = renderApp((cmd, args) => {
      if (cmd === 'app_status') return status({ initialized: false });
      if (cmd === 'check_code') return checkCode((args as { code: string }).code);
      if (cmd === 'setup_first_admin') return session('admin');
      if (cmd === 'dashboard') throw apiError('internal', 'not under test');
      return unexpected(cmd);
    });
    const user = userEvent.setup();

    await user.type(await screen.findByTestId('wizard-code'), '121002');
    await user.type(screen.getByTestId('wizard-municipality_name'), '千葉市');
    await user.type(screen.getByTestId('wizard-admin_name'), 'admin');
    await user.type(screen.getByTestId('wizard-admin_display_name'), '田中 一郎');
    await user.type(screen.getByTestId('wizard-password'), 'correct-horse-1');
    await user.type(screen.getByTestId('wizard-password_confirm'), 'correct-horse-1');
    await user.click(screen.getByTestId('wizard-submit'));

    expect(await screen.findByTestId('header-user')).toHaveTextContent('田中 一郎・システム管理者');
    expect(calls.find((c) => c.cmd === 'setup_first_admin')?.args).toEqual({
      input: {
        code: '121002',
        municipality_name: '千葉市',
        admin_name: 'admin',
        admin_display_name: '田中 一郎',
        password: 'correct-horse-1',
      },
    });
  });

  it('marks the field the core refused and keeps the input', async () => {
    renderApp((cmd, args) => {
      if (cmd === 'app_status') return status({ initialized: false });
      if (cmd === 'check_code') return checkCode((args as { code: string }).code);
      if (cmd === 'setup_first_admin')
        throw apiError('validation', 'ログイン名は半角英数字で入力してください。', 'admin_name');
      return unexpected(cmd);
    });
    const user = userEvent.setup();

    await user.type(await screen.findByTestId('wizard-code'), '121002');
    await user.type(screen.getByTestId('wizard-municipality_name'), '千葉市');
    await user.type(screen.getByTestId('wizard-admin_name'), 'たなか');
    await user.type(screen.getByTestId('wizard-admin_display_name'), '田中 一郎');
    await user.type(screen.getByTestId('wizard-password'), 'correct-horse-1');
    await user.type(screen.getByTestId('wizard-password_confirm'), 'correct-horse-1');
    await user.click(screen.getByTestId('wizard-submit'));

    expect(await screen.findByText('ログイン名は半角英数字で入力してください。')).toBeInTheDocument();
    expect(screen.getByTestId('wizard-admin_name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('wizard-admin_name')).toHaveValue('たなか');
    expect(screen.getByTestId('wizard-municipality_name')).toHaveValue('千葉市');
  });

  it('starts with demo data and then offers the demo accounts at login', async () => {
    const { calls } = renderApp((cmd) => {
      if (cmd === 'app_status') return status({ initialized: false });
      if (cmd === 'start_with_demo') return status({ initialized: true, demo: true });
      return unexpected(cmd);
    });
    const user = userEvent.setup();

    await user.click(await screen.findByTestId('wizard-demo'));

    expect(await screen.findByTestId('login-demo-hint')).toHaveTextContent('kofu-demo-2026');
    expect(screen.getByTestId('login-name')).toBeInTheDocument();
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'start_with_demo')).toHaveLength(1));
  });
});
