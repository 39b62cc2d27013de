import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { JlisSecret } from '../../bindings/JlisSecret';
import type { JlisSettings } from '../../bindings/JlisSettings';
import type { JlisSettingsInput } from '../../bindings/JlisSettingsInput';
import type { Role } from '../../bindings/Role';
import {
  builtinHolidays,
  dashboard,
  deadlinesPanel,
  sampleClosures,
  session,
  status,
} from '../../test/fixtures';
import { apiError, renderApp, unexpected, type IpcHandler } from '../../test/render';

function jlis(overrides: Partial<JlisSettings> = {}): JlisSettings {
  return {
    base_url: 'https://jlis.example.jp/',
    client_certificate_path: 'C:\\kofu\\jlis-client.p12',
    extra_ca_path: null,
    token_set: true,
    certificate_password_set: false,
    url_from_env: false,
    token_from_env: false,
    ...overrides,
  };
}

/**
 * An admin (or `role`) on 設定 with the core's J-LIS settings; `extra` answers the commands under
 * test. The profile is refused so the first tab does not need a fixture.
 */
function signedInAs(role: Role, settings: JlisSettings, extra: IpcHandler = (cmd) => unexpected(cmd)) {
  return renderApp((cmd, args) => {
    if (cmd === 'app_status') return status({ session: session(role) });
    if (cmd === 'dashboard') return dashboard(role);
    if (cmd === 'deadlines_panel') return deadlinesPanel();
    if (cmd === 'get_profile') throw apiError('internal', 'not under test');
    if (cmd === 'jlis_settings') return settings;
    return extra(cmd, args);
  });
}

async function openJlis() {
  const user = userEvent.setup();
  await user.click(await screen.findByTestId('nav-settings'));
  await user.click(await screen.findByTestId('settings-jlis-tab'));
  await screen.findByTestId('jlis-base_url');
  return user;
}

async function retype(user: ReturnType<typeof userEvent.setup>, testId: string, value: string) {
  const input = screen.getByTestId(testId);
  await user.clear(input);
  if (value) await user.type(input, value);
}

describe('設定 > J-LIS接続', () => {
  it('shows the saved connection and whether each secret is set, never a secret', async () => {
    signedInAs('admin', jlis());
    await openJlis();

    expect(screen.getByTestId('settings-jlis-tab')).toHaveTextContent('J-LIS接続');
    expect(screen.getByTestId('jlis-base_url')).toHaveValue('https://jlis.example.jp/');
    expect(screen.getByTestId('jlis-client_certificate_path')).toHaveValue('C:\\kofu\\jlis-client.p12');
    expect(screen.getByTestId('jlis-extra_ca_path')).toHaveValue('');
    expect(screen.getByTestId('jlis-token-status')).toHaveTextContent('設定済み');
    expect(screen.getByTestId('jlis-certificate_password-status')).toHaveTextContent('未設定');
    // The secrets are typed into empty password fields; a stored one is never shown.
    expect(screen.getByTestId('jlis-token')).toHaveValue('');
    expect(screen.getByTestId('jlis-token')).toHaveAttribute('type', 'password');
    expect(screen.getByLabelText('トークン', { selector: 'input' })).toBe(screen.getByTestId('jlis-token'));
    expect(screen.getByText(/https のみ（127\.0\.0\.1 の訓練用シミュレータは http 可）/)).toBeInTheDocument();
    expect(screen.getByText(/PKCS#12 \(\.p12\/\.pfx\) ファイルのパス/)).toBeInTheDocument();
    expect(screen.getByText(/資格情報ストアに保存され、データベースやログには残りません/)).toBeInTheDocument();
    // Only a set secret can be deleted; no environment override here.
    expect(screen.getByTestId('jlis-token-clear')).toBeInTheDocument();
    expect(screen.queryByTestId('jlis-certificate_password-clear')).not.toBeInTheDocument();
    expect(screen.queryByTestId('jlis-url-env')).not.toBeInTheDocument();
    expect(screen.queryByTestId('jlis-token-env')).not.toBeInTheDocument();
  });

  it('is not among a supervisor’s settings pages', async () => {
    const { calls } = signedInAs('supervisor', jlis(), (cmd) => {
      // The supervisor's first page is 休日・閉庁日.
      if (cmd === 'holiday_source') return builtinHolidays;
      if (cmd === 'list_closures') return sampleClosures;
      return unexpected(cmd);
    });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('nav-settings'));

    expect(await screen.findByTestId('settings-holidays-tab')).toBeInTheDocument();
    expect(screen.queryByTestId('settings-jlis-tab')).not.toBeInTheDocument();
    expect(calls.some((c) => c.cmd === 'jlis_settings')).toBe(false);
  });

  it('saves the connection; an empty field clears its setting', async () => {
    const { calls } = signedInAs('admin', jlis(), (cmd, args) => {
      if (cmd === 'set_jlis_settings') {
        const { input } = args as { input: JlisSettingsInput };
        return jlis(input);
      }
      return unexpected(cmd);
    });
    const user = await openJlis();

    await retype(user, 'jlis-base_url', ' https://jlis2.example.jp/ ');
    await retype(user, 'jlis-client_certificate_path', '');
    await retype(user, 'jlis-extra_ca_path', 'C:\\kofu\\proxy-ca.pem');
    expect(screen.getByTestId('jlis-test-unsaved')).toBeInTheDocument();
    await user.click(screen.getByTestId('jlis-save'));

    expect(await screen.findByText('J-LIS接続の設定を保存しました。')).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === 'set_jlis_settings')?.args).toEqual({
      input: {
        base_url: 'https://jlis2.example.jp/',
        client_certificate_path: null,
        extra_ca_path: 'C:\\kofu\\proxy-ca.pem',
      },
    });
    expect(screen.getByTestId('jlis-base_url')).toHaveValue('https://jlis2.example.jp/');
    expect(screen.getByTestId('jlis-client_certificate_path')).toHaveValue('');
    expect(screen.queryByTestId('jlis-test-unsaved')).not.toBeInTheDocument();
  });

  it('marks the field the core refused and keeps everything typed', async () => {
    const message =
      "J-LISサーバのURL 'http://jlis.example.jp/' は使えません。https:// で始まるURLにしてください（http:// は 127.0.0.1 などこのコンピュータ自身のアドレスに限ります）。";
    signedInAs('admin', jlis(), (cmd) => {
      if (cmd === 'set_jlis_settings') throw apiError('validation', message, 'base_url');
      return unexpected(cmd);
    });
    const user = await openJlis();

    await retype(user, 'jlis-base_url', 'http://jlis.example.jp/');
    await retype(user, 'jlis-extra_ca_path', 'C:\\kofu\\proxy-ca.pem');
    await user.click(screen.getByTestId('jlis-save'));

    const url = screen.getByTestId('jlis-base_url');
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(url).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(screen.getByTestId('jlis-error')).toHaveAttribute('role', 'alert');
    expect(url).toHaveValue('http://jlis.example.jp/');
    expect(screen.getByTestId('jlis-extra_ca_path')).toHaveValue('C:\\kofu\\proxy-ca.pem');
    expect(screen.getByTestId('jlis-extra_ca_path')).not.toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(url).toHaveFocus());
    expect(screen.queryByText('J-LIS接続の設定を保存しました。')).not.toBeInTheDocument();

    // Correcting the field clears its mark.
    await user.type(url, 'x');
    expect(url).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('stores the token in the credential store and clears the input', async () => {
    const { calls } = signedInAs('admin', jlis({ token_set: false }), (cmd, args) => {
      if (cmd === 'set_jlis_secret') {
        const { which } = args as { which: JlisSecret };
        return jlis({ token_set: which === 'token' });
      }
      return unexpected(cmd);
    });
    const user = await openJlis();
    expect(screen.getByTestId('jlis-token-status')).toHaveTextContent('未設定');

    // An empty token is not sent.
    await user.click(screen.getByTestId('jlis-token-save'));
    expect(await screen.findByText('トークンを入力してください。')).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === 'set_jlis_secret')).toBe(false);

    await user.type(screen.getByTestId('jlis-token'), 's3cr3t-T0ken');
    await user.click(screen.getByTestId('jlis-token-save'));

    expect(await screen.findByText('トークンをこのコンピュータの資格情報ストアに保存しました。')).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === 'set_jlis_secret')?.args).toEqual({ which: 'token', value: 's3cr3t-T0ken' });
    expect(screen.getByTestId('jlis-token')).toHaveValue('');
    expect(screen.getByTestId('jlis-token-status')).toHaveTextContent('設定済み');
    expect(screen.queryByText('s3cr3t-T0ken')).not.toBeInTheDocument();
  });

  it('keeps a refused secret in its field with the core’s message', async () => {
    const message = 'このパスワードではクライアント証明書を開けません。パスワードを確認してください。';
    signedInAs('admin', jlis(), (cmd) => {
      if (cmd === 'set_jlis_secret') throw apiError('validation', message, 'certificate_password');
      return unexpected(cmd);
    });
    const user = await openJlis();

    const password = screen.getByTestId('jlis-certificate_password');
    await user.type(password, 'wrong-pass');
    await user.click(screen.getByTestId('jlis-certificate_password-save'));

    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription(message);
    expect(password).toHaveValue('wrong-pass');
    expect(screen.getByTestId('jlis-certificate_password-status')).toHaveTextContent('未設定');
  });

  it('deletes a secret only after confirming', async () => {
    const { calls } = signedInAs('admin', jlis(), (cmd) => {
      if (cmd === 'clear_jlis_secret') return jlis({ token_set: false });
      return unexpected(cmd);
    });
    const user = await openJlis();

    await user.click(screen.getByTestId('jlis-token-clear'));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('資格情報ストアからトークンを削除します');
    await user.click(within(dialog).getByRole('button', { name: 'キャンセル' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls.some((c) => c.cmd === 'clear_jlis_secret')).toBe(false);

    await user.click(screen.getByTestId('jlis-token-clear'));
    await user.click(await screen.findByTestId('jlis-token-clear-confirm'));

    expect(await screen.findByText('トークンを削除しました。')).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === 'clear_jlis_secret')?.args).toEqual({ which: 'token' });
    expect(screen.getByTestId('jlis-token-status')).toHaveTextContent('未設定');
    expect(screen.queryByTestId('jlis-token-clear')).not.toBeInTheDocument();
  });

  it('tests the connection: the success sentence, then the core’s refusal', async () => {
    const sentence = 'J-LISサーバに接続できました（2026-11-25 の完了通知 12件を確認。取り込みはしていません）。';
    const refusal = 'J-LISサーバが認証を拒否しました。トークンを確認してください。';
    let answer: () => void = () => {};
    let attempt = 0;
    signedInAs('admin', jlis(), async (cmd) => {
      if (cmd !== 'test_jlis_connection') return unexpected(cmd);
      attempt += 1;
      if (attempt === 1) {
        await new Promise<void>((resolve) => (answer = resolve));
        return sentence;
      }
      throw apiError('unauthorized', refusal);
    });
    const user = await openJlis();

    const button = screen.getByTestId('jlis-test');
    await user.click(button);
    await waitFor(() => expect(button).toHaveAttribute('data-loading', 'true'));
    answer();

    const result = screen.getByTestId('jlis-test-result');
    await waitFor(() => expect(result).toHaveTextContent(sentence));
    expect(within(result).getByRole('status')).toHaveTextContent('接続できました');
    expect(button).not.toHaveAttribute('data-loading');

    await user.click(button);
    expect(await within(result).findByRole('alert')).toHaveTextContent(refusal);
    expect(result).toHaveTextContent('接続できませんでした');
    expect(result).not.toHaveTextContent(sentence);
  });

  it('says when environment variables override the settings on this computer', async () => {
    signedInAs('admin', jlis({ url_from_env: true, token_from_env: true }));
    await openJlis();

    expect(screen.getByTestId('jlis-url-env')).toHaveTextContent('KOFU_JLIS_URL');
    expect(screen.getByTestId('jlis-token-env')).toHaveTextContent('KOFU_JLIS_TOKEN');
  });
});
