import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DeadlinesPanel } from '../../bindings/DeadlinesPanel';
import { dashboard, deadlinesPanel, session, status } from '../../test/fixtures';
import { apiError, renderApp, unexpected } from '../../test/render';

function clerkSees(panel: () => DeadlinesPanel) {
  return renderApp((cmd) => {
    if (cmd === 'app_status') return status({ session: session('clerk') });
    if (cmd === 'dashboard') return dashboard('clerk');
    if (cmd === 'deadlines_panel') return panel();
    return unexpected(cmd);
  });
}

describe('今月の期限', () => {
  it("shows the invoice steps' state from the core and the invoices waiting for approval", async () => {
    clerkSees(() => {
      const panel = deadlinesPanel('2026-11-26');
      const steps = panel.cycles[0]!.steps;
      steps.find((s) => s.key === 'invoice_by')!.state = 'overdue';
      steps.find((s) => s.key === 'payment_by')!.state = 'open';
      panel.to_approve = [{ id: 7, target_month: '2026-10', amount: 578_850, drafted_by: 'clerk' }];
      return panel;
    });

    expect(await screen.findByTestId('deadline-invoice_by-state')).toHaveTextContent('期限超過');
    expect(screen.getByTestId('deadline-invoice_by-state')).toHaveAttribute('data-state', 'overdue');
    expect(screen.getByTestId('deadline-payment_by-state')).toHaveTextContent('未');
    expect(screen.queryByTestId('deadline-reconcile_by-state')).not.toBeInTheDocument();
    expect(screen.getByTestId('to-approve-7')).toHaveTextContent('578,850円');
    expect(screen.getByTestId('to-approve-7')).toHaveTextContent('clerk');
  });

  it('shows no state and no 要対応 when the core sends none', async () => {
    clerkSees(() => deadlinesPanel('2026-11-26'));
    await screen.findByTestId('deadline-invoice_by');
    expect(screen.queryByTestId('deadline-invoice_by-state')).not.toBeInTheDocument();
    expect(screen.queryByTestId('deadlines-to-approve')).not.toBeInTheDocument();
  });

  it('shows each step of the current cycle with its date, the days left and the urgency colour', async () => {
    // On Monday 9 November: 照合 (moved to Friday the 6th) has passed, 確定 is today.
    clerkSees(() => deadlinesPanel('2026-11-09'));

    const reconcile = await screen.findByTestId('deadline-reconcile_by');
    expect(screen.getByRole('heading', { name: /今月の期限/ })).toHaveTextContent('令和8年10月分');

    const expected = [
      ['reconcile_by', '照合', '11月6日(金)', '期日経過', 'passed', 'gray'],
      ['fixed_by', '確定', '11月9日(月)', '今日', 'today', 'red'],
      ['available_from', '取得可', '11月10日(火)', 'あと1日', 'soon', 'orange'],
      ['invoice_by', '請求書送付', '11月15日(日)', 'あと6日', 'later', 'civic'],
      ['payment_by', '入金', '11月30日(月)', 'あと21日', 'later', 'civic'],
    ] as const;
    for (const [key, label, date, left, urgency, color] of expected) {
      const step = screen.getByTestId(`deadline-${key}`);
      expect(step).toHaveTextContent(label);
      expect(step).toHaveTextContent(date);
      expect(screen.getByTestId(`deadline-${key}-left`)).toHaveTextContent(left);
      expect(step).toHaveAttribute('data-urgency', urgency);
      expect(step).toHaveAttribute('data-color', color);
    }
    expect(reconcile.querySelector('time')).toHaveAttribute('dateTime', '2026-11-06');

    // The steps read in order, as a list a screen reader can count.
    const list = screen.getByRole('list', { name: '令和8年10月分の期限' });
    expect(within(list).getAllByRole('listitem').map((li) => li.dataset.testid)).toEqual([
      'deadline-reconcile_by',
      'deadline-fixed_by',
      'deadline-available_from',
      'deadline-invoice_by',
      'deadline-payment_by',
    ]);
  });

  it('shows the next cycle below, compact', async () => {
    clerkSees(() => deadlinesPanel('2026-11-26'));

    const next = await screen.findByTestId('deadlines-next');
    expect(next).toHaveTextContent('次の期限（令和8年11月分）');
    expect(within(next).getByTestId('deadline-next-reconcile_by')).toHaveTextContent('照合12月8日(火)あと12日');
    expect(within(next).getByTestId('deadline-next-payment_by')).toHaveTextContent('入金12月31日(木)あと35日');
    // Late in the month only 入金 of the current cycle is still ahead.
    expect(screen.getByTestId('deadline-payment_by')).toHaveAttribute('data-urgency', 'later');
    expect(screen.getByTestId('deadline-invoice_by-left')).toHaveTextContent('期日経過');
  });

  it('speaks English when switched, with the cycle named by its month', async () => {
    clerkSees(() => deadlinesPanel('2026-11-08'));
    const u = userEvent.setup();
    await screen.findByTestId('deadline-fixed_by');

    await u.click(screen.getAllByText('English')[0]!);

    expect(await screen.findByRole('heading', { name: /Deadlines this month/ })).toHaveTextContent(
      'for October 2026',
    );
    expect(screen.getByTestId('deadline-fixed_by')).toHaveTextContent('Amounts fixed');
    expect(screen.getByTestId('deadline-fixed_by')).toHaveTextContent('Mon, Nov 9');
    expect(screen.getByTestId('deadline-fixed_by-left')).toHaveTextContent('1 day left');
    expect(screen.getByTestId('deadline-invoice_by-left')).toHaveTextContent('7 days left');
  });

  it("shows the core's refusal inside the panel and keeps the rest of the dashboard", async () => {
    clerkSees(() => {
      throw apiError('internal', '期限を計算できませんでした。祝日データを確認してください。');
    });

    const panel = await screen.findByTestId('deadlines-panel');
    expect(await within(panel).findByRole('alert')).toHaveTextContent(
      '期限を計算できませんでした。祝日データを確認してください。',
    );
    expect(screen.getByTestId('dashboard-profile')).toHaveTextContent('千葉市');
  });
});
