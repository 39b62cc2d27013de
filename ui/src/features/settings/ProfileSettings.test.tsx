import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MunicipalityProfile } from '../../bindings/MunicipalityProfile';
import { chibaProfile, dashboard, deadlinesPanel, session, status } from '../../test/fixtures';
import { apiError, renderApp, unexpected, type IpcHandler } from '../../test/render';

function adminWith(updateProfile: IpcHandler) {
  return renderApp((cmd, args) => {
    if (cmd === 'app_status') return status({ session: session('admin') });
    if (cmd === 'dashboard') return dashboard('admin');
    if (cmd === 'deadlines_panel') return deadlinesPanel();
    if (cmd === 'get_profile') return chibaProfile;
    if (cmd === 'update_profile') return updateProfile(cmd, args);
    return unexpected(cmd);
  });
}

async function openProfile() {
  const user = userEvent.setup();
  await user.click(await screen.findByTestId('nav-settings'));
  await user.click(await screen.findByTestId('settings-profile-tab'));
  await screen.findByTestId('profile-contact_phone');
  return user;
}

async function retype(user: ReturnType<typeof userEvent.setup>, testId: string, value: string) {
  const input = screen.getByTestId(testId);
  await user.clear(input);
  await user.type(input, value);
}

describe('設定 > 団体情報', () => {
  it('submits the whole edited profile and confirms with a toast', async () => {
    const { calls } = adminWith((_cmd, args) => (args as { profile: MunicipalityProfile }).profile);
    const user = await openProfile();

    expect(screen.getByTestId('profile-contact_phone')).toHaveValue('043-245-5000');
    await retype(user, 'profile-contact_phone', '043-245-5111');
    await retype(user, 'profile-contact_name', '鈴木 次郎');
    await retype(user, 'profile-name', '千葉市役所');
    await user.click(screen.getByRole('radio', { name: '当座' }));
    await user.click(screen.getByTestId('profile-save'));

    expect(await screen.findByText('団体情報を保存しました。')).toBeInTheDocument();
    expect(screen.getByTestId('header-municipality')).toHaveTextContent('千葉市役所');
    expect(calls.find((c) => c.cmd === 'update_profile')?.args).toEqual({
      profile: {
        ...chibaProfile,
        contact_phone: '043-245-5111',
        contact_name: '鈴木 次郎',
        name: '千葉市役所',
        bank: { ...chibaProfile.bank, account_type: 'current' },
      },
    });
  });

  it('marks the field the core refused and keeps everything typed', async () => {
    const message = '口座番号は7桁の数字で入力してください。';
    adminWith(() => {
      throw apiError('validation', message, 'bank.account_number');
    });
    const user = await openProfile();

    await retype(user, 'profile-contact_phone', '043-999-0000');
    await retype(user, 'profile-bank.account_number', '12-345');
    await user.click(screen.getByTestId('profile-save'));

    const accountNumber = screen.getByTestId('profile-bank.account_number');
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(accountNumber).toHaveAttribute('aria-invalid', 'true');
    expect(accountNumber).toHaveAccessibleDescription(message);
    expect(screen.getByTestId('profile-error')).toHaveAttribute('role', 'alert');
    expect(accountNumber).toHaveValue('12-345');
    expect(screen.getByTestId('profile-contact_phone')).toHaveValue('043-999-0000');
    expect(screen.getByTestId('profile-contact_phone')).not.toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(accountNumber).toHaveFocus());
    expect(screen.queryByText('団体情報を保存しました。')).not.toBeInTheDocument();

    // Correcting the field clears its mark.
    await user.type(accountNumber, '7');
    expect(accountNumber).not.toHaveAttribute('aria-invalid', 'true');
  });

  it("shows a refusal without a field as the core's message", async () => {
    adminWith(() => {
      throw apiError('forbidden', '団体情報を変更する権限がありません。');
    });
    const user = await openProfile();

    await retype(user, 'profile-contact_phone', '043-000-0000');
    await user.click(screen.getByTestId('profile-save'));

    expect(await screen.findByTestId('profile-error')).toHaveTextContent('団体情報を変更する権限がありません。');
    expect(screen.getByTestId('profile-contact_phone')).toHaveValue('043-000-0000');
  });
});
