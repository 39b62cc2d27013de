import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../bindings/Role';
import { dashboard, deadlinesPanel, monthCalendar, session, status } from '../../test/fixtures';
import { renderApp, unexpected } from '../../test/render';

function openAs(role: Role = 'clerk') {
  const rendered = renderApp((cmd, args) => {
    if (cmd === 'app_status') return status({ session: session(role) });
    if (cmd === 'dashboard') return dashboard(role);
    if (cmd === 'deadlines_panel') return deadlinesPanel();
    if (cmd === 'month_calendar') return monthCalendar((args as { month: string }).month);
    return unexpected(cmd);
  });
  return rendered;
}

async function goToCalendar() {
  const u = userEvent.setup();
  await u.click(await screen.findByTestId('nav-calendar'));
  await screen.findByTestId('calendar-day-2026-11-01');
  return u;
}

const monthsAsked = (calls: { cmd: string; args: unknown }[]) =>
  calls.filter((c) => c.cmd === 'month_calendar').map((c) => c.args);

describe('カレンダー', () => {
  it("opens on the core's current month with 和暦 and 西暦, Sunday first", async () => {
    const { calls } = openAs('helpdesk');
    expect(await screen.findByTestId('nav-calendar')).toHaveTextContent('カレンダー');
    await goToCalendar();

    expect(monthsAsked(calls)).toEqual([{ month: '2026-11' }]);
    expect(screen.getByTestId('calendar-heading')).toHaveTextContent('令和8年11月西暦2026年11月');
    const headers = within(screen.getByTestId('calendar-grid')).getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['日', '月', '火', '水', '木', '金', '土']);
    // 1 November 2026 is a Sunday: the first place of the first week.
    const firstWeek = within(screen.getByTestId('calendar-grid')).getAllByRole('row')[1]!;
    expect(within(firstWeek).getAllByRole('gridcell')[0]).toBe(screen.getByTestId('calendar-day-2026-11-01'));
    expect(screen.getByTestId('calendar-day-2026-11-26')).toHaveAttribute('aria-current', 'date');
  });

  it('marks a national holiday and a deadline on the right day', async () => {
    openAs();
    await goToCalendar();

    const labourDay = screen.getByTestId('calendar-day-2026-11-23');
    expect(labourDay).toHaveAccessibleName('11月23日(月) 勤労感謝の日 休日');
    expect(labourDay).toHaveAttribute('data-closed');
    expect(screen.getByTestId('calendar-holiday-2026-11-23')).toHaveTextContent('勤労感謝の日');
    expect(screen.queryByTestId('calendar-holiday-2026-11-24')).not.toBeInTheDocument();
    expect(screen.getByTestId('calendar-day-2026-11-24')).not.toHaveAttribute('data-closed');

    // 照合 moved to Friday the 6th because the 8th is a Sunday.
    expect(screen.getByTestId('calendar-deadline-2026-11-06-reconcile_by')).toHaveTextContent('照合');
    expect(screen.getByTestId('calendar-day-2026-11-06')).toHaveAccessibleName('11月6日(金) 期限: 照合');
    expect(screen.queryByTestId('calendar-deadline-2026-11-08-reconcile_by')).not.toBeInTheDocument();
    expect(screen.getByTestId('calendar-day-2026-11-15')).toHaveAccessibleName(
      '11月15日(日) 休日 期限: 請求書送付',
    );
  });

  it('goes to the next and previous month, asking the core for each', async () => {
    const { calls } = openAs();
    const u = await goToCalendar();

    await u.click(screen.getByTestId('calendar-next'));

    expect(await screen.findByTestId('calendar-day-2026-12-29')).toHaveAccessibleName(
      '12月29日(火) 年末年始 休日',
    );
    expect(screen.getByTestId('calendar-heading')).toHaveTextContent('令和8年12月');
    expect(screen.getByTestId('calendar-deadline-2026-12-31-payment_by')).toHaveTextContent('入金');
    expect(monthsAsked(calls).at(-1)).toEqual({ month: '2026-12' });

    await u.click(screen.getByTestId('calendar-previous'));
    await u.click(screen.getByTestId('calendar-previous'));

    expect(await screen.findByTestId('calendar-day-2026-10-12')).toHaveAccessibleName(
      '10月12日(月) スポーツの日 休日',
    );
    expect(monthsAsked(calls).at(-1)).toEqual({ month: '2026-10' });

    await u.click(screen.getByTestId('calendar-this-month'));
    await waitFor(() => expect(screen.getByTestId('calendar-heading')).toHaveTextContent('令和8年11月'));
  });

  it('is one tab stop, with the arrow keys moving between days', async () => {
    openAs();
    const u = await goToCalendar();

    const today = screen.getByTestId('calendar-day-2026-11-26');
    expect(today).toHaveAttribute('tabindex', '0');
    expect(screen.getByTestId('calendar-day-2026-11-25')).toHaveAttribute('tabindex', '-1');

    today.focus();
    await u.keyboard('{ArrowRight}');
    expect(screen.getByTestId('calendar-day-2026-11-27')).toHaveFocus();
    await u.keyboard('{ArrowUp}');
    expect(screen.getByTestId('calendar-day-2026-11-20')).toHaveFocus();
    await u.keyboard('{End}');
    expect(screen.getByTestId('calendar-day-2026-11-30')).toHaveFocus();
    expect(screen.getByTestId('calendar-day-2026-11-30')).toHaveAttribute('tabindex', '0');
    expect(today).toHaveAttribute('tabindex', '-1');
  });
});
