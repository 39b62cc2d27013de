import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ProgressSnapshot } from '../../bindings/ProgressSnapshot';
import type { Role } from '../../bindings/Role';
import {
  dashboard,
  deadlinesPanel,
  importHistory,
  masterNames,
  matchedReconciliation,
  monthIntake,
  pulledOctober,
  reconciliationWithDifference,
  session,
  status,
} from '../../test/fixtures';
import { apiError, renderApp, unexpected, type IpcHandler } from '../../test/render';

/** Generous: the progress is polled on real timers and the test machines are slow. */
const slow = { timeout: 5000 };

/** The month's data answered as October 2026 with one difference, unless `extra` answers first. */
function signedInAs(role: Role, extra: IpcHandler = () => undefined) {
  return renderApp((cmd, args) => {
    if (cmd === 'app_status') return status({ session: session(role) });
    if (cmd === 'dashboard') return dashboard(role);
    if (cmd === 'deadlines_panel') return deadlinesPanel();
    if (cmd === 'master_names') return masterNames;
    if (cmd === 'import_history') return importHistory;
    const answer = extra(cmd, args);
    if (answer !== undefined) return answer;
    if (cmd === 'month_intake') return monthIntake({ target_month: (args as { month: string }).month });
    if (cmd === 'reconcile_month') return reconciliationWithDifference;
    return unexpected(cmd);
  });
}

/** Answers only what the test is about; the rest falls through to the defaults. */
const only =
  (answers: Record<string, (args: unknown) => unknown>): IpcHandler =>
  (cmd, args) =>
    answers[cmd]?.(args);

async function openIntake() {
  const u = userEvent.setup();
  await screen.findByTestId('dashboard-today');
  await u.click(await screen.findByTestId('nav-reconciliation'));
  await screen.findByTestId('intake-steps', undefined, slow);
  return u;
}

const callsOf = (calls: { cmd: string; args: unknown }[], cmd: string) =>
  calls.filter((c) => c.cmd === cmd).map((c) => c.args);

describe('取込・照合', () => {
  it("opens on last month and shows its steps, the differences, out-of-hours issuances and the history", async () => {
    const { calls } = signedInAs('clerk');
    await openIntake();

    // The core's today is 2026-11-26: J-LIS settles October now.
    expect(callsOf(calls, 'month_intake')).toEqual([{ month: '2026-10' }]);
    expect(callsOf(calls, 'reconcile_month')).toEqual([{ month: '2026-10' }]);
    expect(screen.getByTestId('intake-month')).toHaveTextContent('2026年10月');

    const steps = within(screen.getByTestId('intake-steps')).getAllByRole('listitem');
    expect(steps).toHaveLength(3);
    expect(screen.getByTestId('intake-step-notices-value')).toHaveTextContent('1,234件 取込済');
    expect(screen.getByTestId('intake-step-notices')).toHaveTextContent('交付 1,231件・取消 2件・訂正 1件');
    expect(screen.getByTestId('intake-step-statement-value')).toHaveTextContent('確定 取得済');
    expect(screen.getByTestId('intake-step-statement')).toHaveTextContent('交付手数料 330,500円');
    expect(await screen.findByTestId('intake-step-reconcile-value')).toHaveTextContent('差異 1件');
    expect(screen.getByTestId('intake-step-reconcile')).toHaveAttribute('data-state', 'attention');

    const row = await screen.findByTestId('difference-2026-10-03-002-01');
    const cells = within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual([
      '2026年10月3日(土)',
      '002 ローソン',
      '01 住民票の写し',
      '12',
      '13',
      '3,250円',
      '1,521円',
      '13',
      '14',
      '3,500円',
      '1,638円',
    ]);
    expect(within(row).getByText('3,500円')).toHaveStyle({ textAlign: 'right' });
    expect(within(row).getByText('3,500円')).toHaveAttribute('data-differs');
    expect(
      within(screen.getByTestId('differences')).getByRole('columnheader', { name: '通知 委託手数料' }),
    ).toBeInTheDocument();

    expect(screen.getByTestId('out-of-hours-N20261004-0001')).toHaveTextContent('2026年10月4日(日) 23:15');
    expect(screen.getByTestId('out-of-hours-N20261004-0001')).toHaveTextContent('04 戸籍全部事項証明書');
    expect(screen.getByTestId('commission-findings')).toHaveTextContent('1,200円');

    const history = await screen.findByTestId('import-history');
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[1]!.textContent)).toEqual([
      'サーバから取得',
      '取扱い実績データの取込',
      '完了通知の取込',
    ]);
    expect(rows[0]).toHaveTextContent('31日分・新規 1,234件・変更なし 0件・取扱い実績: 取込');
    expect(rows[1]).toHaveTextContent('速報・交付手数料 330,250円・委託手数料 152,217円');
  });

  it('says 一致 when the statement and the notices match', async () => {
    signedInAs('clerk', only({ reconcile_month: () => matchedReconciliation }));
    await openIntake();

    expect(await screen.findByTestId('intake-step-reconcile-value')).toHaveTextContent('一致');
    expect(screen.getByTestId('differences-none')).toHaveTextContent('一致しています');
    expect(screen.queryByTestId('differences')).not.toBeInTheDocument();
  });

  it('shows a month without a statement as an empty state, not an error', async () => {
    signedInAs(
      'clerk',
      only({
        month_intake: () => monthIntake({ statement: null }),
        reconcile_month: () => {
          throw apiError('not_found', '2026-10 の取扱い実績データが見つかりません。');
        },
      }),
    );
    await openIntake();

    const empty = await screen.findByTestId('reconciliation-empty');
    expect(empty).toHaveTextContent('取扱い実績データが未取込です');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByTestId('intake-step-statement-value')).toHaveTextContent('未取得');
    expect(screen.getByTestId('intake-step-statement')).toHaveTextContent(
      '確定データは 2026年11月10日(火) から取得できます',
    );
    expect(screen.getByTestId('intake-step-reconcile-value')).toHaveTextContent('未照合');
  });

  it('goes to the next month, asking the core for it', async () => {
    const { calls } = signedInAs('clerk');
    const u = await openIntake();

    await u.click(screen.getByTestId('intake-month-next'));

    await waitFor(() => expect(callsOf(calls, 'month_intake').at(-1)).toEqual({ month: '2026-11' }));
    expect(callsOf(calls, 'reconcile_month').at(-1)).toEqual({ month: '2026-11' });
    expect(screen.getByTestId('intake-month')).toHaveTextContent('2026年11月');
  });

  it('shows the progress of a pull and cancels it with a neutral message', async () => {
    let rejectPull: (error: unknown) => void = () => {};
    const snapshot: ProgressSnapshot = {
      stage: '完了通知を取得中 (2026-10-03)',
      done: 3,
      total: 31,
      cancelled: false,
    };
    const { calls } = signedInAs(
      'clerk',
      only({
        pull_month: () =>
          new Promise((_, reject) => {
            rejectPull = reject;
          }),
        import_progress: () => snapshot,
        cancel_import: () => {
          rejectPull(apiError('cancelled', '取込を中止しました。'));
          return true;
        },
      }),
    );
    const u = await openIntake();

    await u.click(screen.getByTestId('pull-month'));

    const bar = await screen.findByTestId('import-progress');
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '10'), slow);
    expect(bar).toHaveAttribute('role', 'progressbar');
    expect(screen.getByTestId('import-stage')).toHaveTextContent('完了通知を取得中 (2026-10-03)');
    expect(callsOf(calls, 'pull_month')).toEqual([{ month: '2026-10' }]);
    expect(screen.getByTestId('pull-month')).toBeDisabled();

    await u.click(screen.getByTestId('cancel-import'));

    const cancelled = await screen.findByTestId('import-cancelled', undefined, slow);
    expect(cancelled).toHaveTextContent('取込を中止しました。中止した取込のデータは保存されていません。');
    expect(cancelled).toHaveAttribute('role', 'status');
    expect(callsOf(calls, 'cancel_import')).toHaveLength(1);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByTestId('import-progress')).not.toBeInTheDocument();
    expect(screen.getByTestId('pull-month')).toBeEnabled();
  });

  it('toasts what a pull brought and shows its warning when the month is not final yet', async () => {
    const { calls } = signedInAs(
      'clerk',
      only({
        pull_month: () => ({
          ...pulledOctober,
          statement: null,
          warning: '2026年10月分の取扱い実績データはまだ確定していません（11月10日から取得できます）。',
        }),
        import_progress: () => null,
      }),
    );
    const u = await openIntake();
    const asked = callsOf(calls, 'month_intake').length;

    await u.click(screen.getByTestId('pull-month'));

    expect(await screen.findByTestId('pull-warning', undefined, slow)).toHaveTextContent(
      'まだ確定していません（11月10日から取得できます）',
    );
    expect(
      await screen.findByText(
        '2026年10月分をサーバから取得しました。完了通知 31日分: 新規 1,234件・変更なし 0件。取扱い実績データはまだ取得できません。',
      ),
    ).toBeInTheDocument();
    // The month's status is asked again.
    await waitFor(() => expect(callsOf(calls, 'month_intake').length).toBeGreaterThan(asked));
  });

  it('shows every line of a refused file, scrolling, and sends the raw bytes', async () => {
    const badLines = Array.from(
      { length: 100 },
      (_, i) => `${i + 2}行目: 証明書種別コード '99' は登録されていません。`,
    );
    const message = ['notices.csv を取り込めませんでした。', ...badLines].join('\n');
    const { calls } = signedInAs(
      'clerk',
      only({
        import_file: () => {
          throw apiError('validation', message, 'file');
        },
        import_progress: () => null,
      }),
    );
    const u = await openIntake();

    const file = new File(['1,2026-10-01\n'], 'notices.csv', { type: 'text/csv' });
    await u.upload(screen.getByTestId('import-file-input'), file);

    const error = await screen.findByTestId('import-error', undefined, slow);
    expect(error).toHaveTextContent('notices.csv は取り込めませんでした');
    expect(error).toHaveTextContent("101行目: 証明書種別コード '99' は登録されていません。");
    const details = within(error).getByTestId('import-error-details');
    expect(details).toHaveAttribute('tabindex', '0');
    expect(details).toHaveStyle({ overflowY: 'auto' });
    const sent = callsOf(calls, 'import_file')[0];
    expect(sent).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(sent as Uint8Array)).toBe('1,2026-10-01\n');
  });

  it('shows the bad lines of a refused file as a table under the summary', async () => {
    const message = [
      '完了通知に誤りがあるため取り込みませんでした（2件）。',
      "3行目 証明書種別コード '99': 登録されていない証明書種別コードです。",
      '7行目: 項目数が違います。',
    ].join('\n');
    signedInAs(
      'clerk',
      only({
        import_file: () => {
          throw apiError('validation', message, null, [
            {
              line: 3,
              field: '証明書種別コード',
              value: '99',
              reason_ja: '登録されていない証明書種別コードです。',
              reason_en: 'not a registered certificate kind code',
            },
            { line: 7, field: null, value: '', reason_ja: '項目数が違います。', reason_en: 'wrong field count' },
          ]);
        },
        import_progress: () => null,
      }),
    );
    const u = await openIntake();
    await u.upload(screen.getByTestId('import-file-input'), new File(['x'], 'tsuchi.csv', { type: 'text/csv' }));

    const error = await screen.findByTestId('import-error', undefined, slow);
    expect(error).toHaveTextContent('完了通知に誤りがあるため取り込みませんでした（2件）。');
    expect(error).not.toHaveTextContent("3行目 証明書種別コード '99'");
    const table = within(error).getByTestId('import-error-bad-lines');
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['3', '証明書種別コード', '99', '登録されていない証明書種別コードです。'],
      ['7', '—', '', '項目数が違います。'],
    ]);
  });

  it('shows how a re-imported finalized statement differs, row by row', async () => {
    const line = (issuances: number) => ({
      date: '2026-10-05',
      operator: '0001',
      kind: '01',
      issuances,
      copies: issuances,
      fees: issuances * 250,
      commissions: issuances * 117,
    });
    signedInAs(
      'clerk',
      only({
        import_file: () => {
          throw apiError('conflict', '2026-10 の確定データは取込済みで、今回のファイルと内容が異なります（差異 2件）。\n…', null, [
            { change: 'header', field: '作成日時', before: '2026-11-10 09:00', after: '2026-11-12 09:00' },
            { change: 'changed', before: line(10), after: line(11) },
          ]);
        },
        import_progress: () => null,
      }),
    );
    const u = await openIntake();
    await u.upload(screen.getByTestId('import-file-input'), new File(['S'], 'jisseki.csv', { type: 'text/csv' }));

    const error = await screen.findByTestId('import-error', undefined, slow);
    const table = within(error).getByTestId('import-error-differences');
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['見出し', '作成日時', '2026-11-10 09:00', '2026-11-12 09:00'],
      [
        '変更',
        '2026-10-05 0001 01',
        '件数 10・通数 10・手数料 2,500円・委託手数料 1,170円',
        '件数 11・通数 11・手数料 2,750円・委託手数料 1,287円',
      ],
    ]);
  });

  it('imports dropped files one after the other and toasts each', async () => {
    const order: string[] = [];
    signedInAs(
      'clerk',
      only({
        import_file: (bytes) => {
          const text = new TextDecoder().decode(bytes as Uint8Array);
          order.push(text);
          return text.startsWith('S')
            ? { kind: 'statement', ...pulledOctober.statement! }
            : { kind: 'notices', imported: 40, unchanged: 2 };
        },
        import_progress: () => null,
      }),
    );
    await openIntake();

    const notices = new File(['N'], 'tsuchi.csv', { type: 'text/csv' });
    const statement = new File(['S'], 'jisseki.csv', { type: 'text/csv' });
    fireEvent.drop(screen.getByTestId('import-drop'), { dataTransfer: { files: [notices, statement] } });

    expect(
      await screen.findByText(
        'jisseki.csv: 2026年10月分の取扱い実績データ（確定）を取り込みました。1,230件・1,302通・交付手数料 330,500円・委託手数料 152,334円。',
        undefined,
        slow,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('tsuchi.csv: 完了通知を取り込みました。新規 40件・変更なし 2件。')).toBeInTheDocument();
    expect(order).toEqual(['N', 'S']);
  });

  it('lets a supervisor read without the import actions, and hides the area from help desk and admin', async () => {
    const { unmount } = signedInAs('supervisor');
    await openIntake();
    expect(screen.getByTestId('intake-read-only')).toHaveTextContent('閲覧のみです');
    expect(screen.queryByTestId('pull-month')).not.toBeInTheDocument();
    expect(screen.queryByTestId('import-files')).not.toBeInTheDocument();
    unmount();

    for (const role of ['helpdesk', 'admin'] as const) {
      const { unmount: close } = signedInAs(role);
      expect(await screen.findByTestId('nav-dashboard')).toBeInTheDocument();
      expect(screen.queryByTestId('nav-reconciliation')).not.toBeInTheDocument();
      expect(screen.queryByTestId('pull-month')).not.toBeInTheDocument();
      close();
    }
  });
});
