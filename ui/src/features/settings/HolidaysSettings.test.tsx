import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ClosureDto } from '../../bindings/ClosureDto';
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

function signedInAs(role: Role, extra: IpcHandler = (cmd) => unexpected(cmd)) {
  let closures: ClosureDto[] = [...sampleClosures];
  const rendered = renderApp((cmd, args) => {
    if (cmd === 'app_status') return status({ session: session(role) });
    if (cmd === 'dashboard') return dashboard(role);
    if (cmd === 'deadlines_panel') return deadlinesPanel();
    if (cmd === 'get_profile') throw apiError('internal', 'not under test');
    if (cmd === 'holiday_source') return builtinHolidays;
    if (cmd === 'list_closures') return closures;
    const answer = extra(cmd, args);
    if (cmd === 'add_closure') closures = [...closures, answer as ClosureDto];
    return answer;
  });
  return rendered;
}

async function openHolidays() {
  const u = userEvent.setup();
  await u.click(await screen.findByTestId('nav-settings'));
  await u.click(await screen.findByTestId('settings-holidays-tab'));
  await screen.findByTestId('closure-row-2026-12-28');
  return u;
}

describe('設定 > 休日・閉庁日', () => {
  it('shows the bundled holiday data and the closures; a supervisor only reads them', async () => {
    signedInAs('supervisor');
    await openHolidays();

    expect(screen.getByTestId('holidays-source')).toHaveTextContent('内閣府の祝日データ（同梱）1955年〜2027年');
    const row = screen.getByTestId('closure-row-2026-12-28');
    expect(row).toHaveTextContent('2026年12月28日(月)');
    expect(row).toHaveTextContent('庁舎の電気設備点検のため');
    expect(screen.getByTestId('holidays-read-only')).toBeInTheDocument();
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByTestId('holidays-import')).not.toBeInTheDocument();
    expect(screen.queryByTestId('closure-add')).not.toBeInTheDocument();
  });

  it('adds a closure picked in the Japanese date picker and refreshes the deadlines', async () => {
    const { calls } = signedInAs('admin', (cmd, args) => {
      if (cmd === 'add_closure') {
        const { date, reason } = args as { date: string; reason: string };
        return { date, reason };
      }
      return unexpected(cmd);
    });
    const u = await openHolidays();
    const panelCallsBefore = calls.filter((c) => c.cmd === 'deadlines_panel').length;

    await u.click(screen.getByTestId('closure-date'));
    await u.click(await screen.findByRole('button', { name: '2026年11月27日(金)' }));
    expect(screen.getByTestId('closure-date')).toHaveTextContent('2026年11月27日(金)');
    await u.type(screen.getByTestId('closure-reason'), '  庁舎の停電作業のため ');
    await u.click(screen.getByTestId('closure-add'));

    expect(await screen.findByText('2026年11月27日(金) を閉庁日に追加しました。')).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === 'add_closure')?.args).toEqual({
      date: '2026-11-27',
      reason: '庁舎の停電作業のため',
    });
    expect(await screen.findByTestId('closure-row-2026-11-27')).toHaveTextContent('庁舎の停電作業のため');
    // Rows in date order, and the form is empty again.
    const rows = within(screen.getByTestId('closures-table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.dataset.testid)).toEqual(['closure-row-2026-11-27', 'closure-row-2026-12-28']);
    expect(screen.getByTestId('closure-reason')).toHaveValue('');
    // The dashboard's deadlines are asked again the next time they are shown.
    await u.click(screen.getByTestId('nav-dashboard'));
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === 'deadlines_panel').length).toBeGreaterThan(panelCallsBefore),
    );
  });

  it("marks the field the core refused and keeps what was typed", async () => {
    const message = '閉庁の理由を100文字以内で入力してください。';
    const { calls } = signedInAs('admin', (cmd) => {
      if (cmd === 'add_closure') throw apiError('validation', message, 'reason');
      return unexpected(cmd);
    });
    const u = await openHolidays();

    // Nothing chosen: the form says so without asking the core.
    await u.click(screen.getByTestId('closure-add'));
    expect(await screen.findByText('日付を選んでください。')).toBeInTheDocument();
    expect(screen.getByText('理由を入力してください。')).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === 'add_closure')).toBe(false);

    await u.click(screen.getByTestId('closure-date'));
    await u.click(await screen.findByRole('button', { name: '2026年11月30日(月)' }));
    await u.type(screen.getByTestId('closure-reason'), '臨時');
    await u.click(screen.getByTestId('closure-add'));

    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.getByTestId('closure-reason')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('closure-reason')).toHaveValue('臨時');
    expect(screen.getByTestId('closure-date')).toHaveTextContent('2026年11月30日(月)');
    expect(calls.find((c) => c.cmd === 'add_closure')?.args).toEqual({ date: '2026-11-30', reason: '臨時' });
  });

  it('removes a closure after confirmation', async () => {
    const { calls } = signedInAs('admin', (cmd) => {
      if (cmd === 'remove_closure') return null;
      return unexpected(cmd);
    });
    const u = await openHolidays();

    await u.click(screen.getByRole('button', { name: '2026年12月28日(月) の閉庁日を削除' }));
    const dialog = await screen.findByRole('dialog', { name: '閉庁日の削除' });
    expect(dialog).toHaveTextContent('2026年12月28日(月)（庁舎の電気設備点検のため）を閉庁日から削除します。');
    expect(calls.some((c) => c.cmd === 'remove_closure')).toBe(false);
    await u.click(within(dialog).getByTestId('closure-remove-confirm'));

    expect(await screen.findByText('2026年12月28日(月) を閉庁日から削除しました。')).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === 'remove_closure')?.args).toEqual({ date: '2026-12-28' });
  });

  it("sends the file's bytes as they are and shows the core's refusal in full", async () => {
    const refusal =
      '3行目: 日付「2027/13/1」を読み取れません。内閣府の祝日CSV（国民の祝日・休日月日,国民の祝日・休日名称）をそのまま選んでください。何も変更していません。';
    const { calls } = signedInAs('admin', (cmd) => {
      if (cmd === 'import_holidays') throw apiError('validation', refusal);
      return unexpected(cmd);
    });
    const u = await openHolidays();
    // CP932 bytes (「元日」 is 0x8C 0xB3 0x93 0xFA): the UI must not decode or re-encode them.
    const bytes = [0x32, 0x30, 0x32, 0x37, 0x2f, 0x31, 0x2f, 0x31, 0x2c, 0x8c, 0xb3, 0x93, 0xfa, 0x0d, 0x0a];
    const file = new File([new Uint8Array(bytes)], 'syukujitsu.csv', { type: 'text/csv' });

    expect(screen.getByTestId('holidays-import')).toHaveTextContent('CSVファイルを取り込む');
    await u.upload(screen.getByTestId('holidays-import-file'), file);

    const error = await screen.findByTestId('holidays-import-error');
    expect(error).toHaveTextContent('syukujitsu.csv は取り込めませんでした');
    expect(error).toHaveTextContent(refusal);
    expect(calls.find((c) => c.cmd === 'import_holidays')?.args).toEqual({ csv: bytes });
    expect(screen.getByTestId('holidays-source')).toHaveTextContent('同梱');
  });

  it('shows the new source after a successful import', async () => {
    signedInAs('admin', (cmd) => {
      if (cmd === 'import_holidays') {
        return {
          kind: 'imported',
          first_year: 1955,
          last_year: 2028,
          imported_at: '2026-11-26T10:15:00',
          imported_by: 'admin',
        };
      }
      return unexpected(cmd);
    });
    const u = await openHolidays();

    await u.upload(
      screen.getByTestId('holidays-import-file'),
      new File(['国民の祝日・休日月日,国民の祝日・休日名称\r\n2028/1/1,元日\r\n'], 'syukujitsu.csv', {
        type: 'text/csv',
      }),
    );

    expect(await screen.findByTestId('holidays-import-result')).toHaveTextContent(
      '祝日データを取り込みました（1955年〜2028年）。',
    );
    expect(screen.getByTestId('holidays-source')).toHaveTextContent(
      '取込済み 2026年11月26日(木) 10:15 admin（1955年〜2028年）',
    );
  });
});
