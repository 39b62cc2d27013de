import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DocumentNumberSetting } from '../../bindings/DocumentNumberSetting';
import { dashboard, deadlinesPanel, session, status } from '../../test/fixtures';
import { apiError, renderApp, unexpected, type IpcHandler } from '../../test/render';

const settings: DocumentNumberSetting[] = [
  {
    kind: 'change_notice',
    label: '変更通知',
    template: '{city}第{n}号',
    fiscal_year: '令和8年度',
    next_number: '千葉市第3号',
  },
  {
    kind: 'invoice',
    label: '請求書',
    template: '{city}第{n}号',
    fiscal_year: '令和8年度',
    next_number: '千葉市第1号',
  },
];

function supervisorWith(extra: IpcHandler = (cmd) => unexpected(cmd)) {
  return renderApp((cmd, args) => {
    if (cmd === 'app_status') return status({ session: session('supervisor') });
    if (cmd === 'dashboard') return dashboard('supervisor');
    if (cmd === 'deadlines_panel') return deadlinesPanel();
    if (cmd === 'document_numbers') return settings;
    if (['month_calendar', 'list_closures', 'holiday_source'].includes(cmd)) {
      throw apiError('internal', 'not under test');
    }
    return extra(cmd, args);
  });
}

async function openDocumentNumbers() {
  const u = userEvent.setup();
  await u.click(await screen.findByTestId('nav-settings'));
  await u.click(await screen.findByTestId('settings-documentNumbers-tab'));
  await screen.findByTestId('document-numbers-table');
  return u;
}

describe('設定 > 文書番号', () => {
  it('lists each kind with its template and the next number of the fiscal year', async () => {
    supervisorWith();
    await openDocumentNumbers();

    const notice = screen.getByTestId('document-number-change_notice');
    expect(within(notice).getByText('変更通知')).toBeInTheDocument();
    expect(within(notice).getByText('{city}第{n}号')).toBeInTheDocument();
    expect(within(notice).getByText('千葉市第3号（令和8年度）')).toBeInTheDocument();
    expect(within(screen.getByTestId('document-number-invoice')).getByText('千葉市第1号（令和8年度）')).toBeInTheDocument();
  });

  it('shows the core refusal on the field and saves a corrected template', async () => {
    let attempts = 0;
    const { calls } = supervisorWith((cmd, args) => {
      if (cmd === 'set_number_template') {
        attempts += 1;
        if (attempts === 1) {
          throw apiError(
            'validation',
            '文書番号の書式に番号の位置 {n} を入れてください（例: 千市民第{n}号）。',
            'template',
          );
        }
        return { ...settings[0]!, template: '千市民第{n}号', next_number: '千市民第3号' };
      }
      return unexpected(cmd + JSON.stringify(args));
    });
    const u = await openDocumentNumbers();

    await u.click(screen.getByRole('button', { name: '変更通知 の書式を変更' }));
    const input = screen.getByTestId('document-number-change_notice-input');
    await u.clear(input);
    await u.type(input, '千市民第号');
    await u.click(screen.getByTestId('document-number-change_notice-save'));

    expect(
      await screen.findByText('文書番号の書式に番号の位置 {n} を入れてください（例: 千市民第{n}号）。'),
    ).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveValue('千市民第号');

    await u.clear(input);
    await u.type(input, '千市民第{{n}号');
    await u.click(screen.getByTestId('document-number-change_notice-save'));

    expect(await screen.findByText('変更通知 の書式を変更しました。次の番号は 千市民第3号 です。')).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === 'set_number_template').at(-1)?.args).toEqual({
      kind: 'change_notice',
      template: '千市民第{n}号',
    });
    await waitFor(() =>
      expect(
        within(screen.getByTestId('document-number-change_notice')).getByText('千市民第3号（令和8年度）'),
      ).toBeInTheDocument(),
    );
  });

});
