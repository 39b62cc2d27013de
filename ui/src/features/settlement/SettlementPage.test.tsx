import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { InvoiceDto } from '../../bindings/InvoiceDto';
import type { Role } from '../../bindings/Role';
import type { Settlement } from '../../bindings/Settlement';
import {
  dashboard,
  deadlinesPanel,
  invoice,
  masterNames,
  session,
  settlement,
  settlementTrend,
  status,
} from '../../test/fixtures';
import { apiError, renderApp, unexpected } from '../../test/render';

type Handler = (cmd: string, args: unknown) => unknown;

function signedInAs(
  role: Role,
  month: () => Settlement = () => settlement(),
  invoices: () => InvoiceDto[] = () => [],
  more: Handler = (cmd) => unexpected(cmd),
) {
  return renderApp((cmd, args) => {
    if (cmd === 'list_invoices') return invoices();
    if (cmd === 'app_status') return status({ session: session(role) });
    if (cmd === 'dashboard') return dashboard(role);
    if (cmd === 'deadlines_panel') return deadlinesPanel();
    if (cmd === 'master_names') return masterNames;
    if (cmd === 'settlement') return month();
    if (cmd === 'settlement_trend') return settlementTrend();
    return more(cmd, args);
  });
}

async function openSettlement() {
  const u = userEvent.setup();
  await screen.findByTestId('dashboard-today');
  await u.click(await screen.findByRole('button', { name: '精算・請求' }));
  await screen.findByTestId('settlement-page');
  return u;
}

const callsOf = (calls: { cmd: string; args: unknown }[], cmd: string) =>
  calls.filter((c) => c.cmd === cmd).map((c) => c.args);

describe('精算・請求', () => {
  it("shows last month's totals in yen, by operator and kind with names, and the 12-month trend", async () => {
    const { calls } = signedInAs('supervisor');
    await openSettlement();

    expect(await screen.findByTestId('settlement-fees')).toHaveTextContent('330,500円');
    expect(screen.getByTestId('settlement-commissions')).toHaveTextContent('152,334円');
    expect(screen.getByTestId('settlement-net')).toHaveTextContent('178,166円');
    expect(screen.getByTestId('settlement-net')).toHaveStyle({ textAlign: 'right' });
    expect(screen.getByText('差引請求額')).toBeInTheDocument();
    expect(screen.getByTestId('settlement-status')).toHaveTextContent('確定');
    expect(screen.queryByTestId('settlement-no-invoice')).not.toBeInTheDocument();
    expect(callsOf(calls, 'settlement')).toEqual([{ month: '2026-10' }]);
    expect(callsOf(calls, 'settlement_trend')).toEqual([{ month: '2026-10' }]);

    const operator = await screen.findByTestId('settlement-operator-001');
    await waitFor(() => expect(operator).toHaveTextContent('001 セブン‐イレブン'));
    expect(within(operator).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '001 セブン‐イレブン',
      '180,000円',
      '82,836円',
      '97,164円',
    ]);
    expect(screen.getByTestId('settlement-kind-03')).toHaveTextContent('03 印鑑登録証明書502130,500円58,734円');
    expect(within(screen.getByTestId('settlement-by-kind')).getByRole('row', { name: /合計/ })).toHaveTextContent(
      '合計1,302330,500円152,334円',
    );
    expect(screen.getByTestId('settlement-operator-chart')).toHaveAccessibleName(
      '事業者別の交付手数料と委託手数料（グラフ）',
    );

    const trend = await screen.findByTestId('settlement-trend');
    expect(within(trend).getByTestId('settlement-trend-gaps')).toHaveTextContent(
      'データのない月（2025年11月、2025年12月）は線を途切れさせています。',
    );
    expect(trend).toHaveTextContent('速報の月: 2026年10月');
    const table = within(trend).getByRole('table', { name: '過去12か月の推移（表）' });
    expect(within(table).getAllByRole('row')).toHaveLength(13);
    expect(within(table).getByRole('row', { name: /2025年11月/ })).toHaveTextContent('データなし');
  });

  it('marks a preliminary month as 速報 that cannot be invoiced', async () => {
    signedInAs('clerk', () => settlement({ finalized: false, invoicing: 'not_final' }));
    await openSettlement();

    expect(await screen.findByTestId('settlement-status')).toHaveTextContent('速報');
    expect(screen.getByTestId('settlement-preliminary')).toHaveTextContent('この月は請求できません');
  });

  it('says there is no invoice when the core decides the month has none (net negative)', async () => {
    signedInAs('clerk', () =>
      settlement({
        fees: 100_000,
        commissions: 117_000,
        net: -17_000,
        by_operator: [{ code: '001', fees: 100_000, commissions: 117_000, net: -17_000 }],
        by_kind: [{ code: '01', copies: 1000, fees: 100_000, commissions: 117_000, net: -17_000 }],
        invoicing: 'no_invoice',
      }),
    );
    await openSettlement();

    expect(await screen.findByTestId('settlement-net')).toHaveTextContent('−17,000円');
    expect(screen.getByTestId('settlement-no-invoice')).toHaveTextContent('差引額が0円以下のため請求なし');
    expect(screen.queryByText('差引請求額')).not.toBeInTheDocument();
    expect(screen.getByText('差引額')).toBeInTheDocument();
  });

  it('shows a month without a statement as an empty state and follows the month switcher', async () => {
    let answer: () => Settlement = () => {
      throw apiError('not_found', '2026-10 の取扱い実績データが見つかりません。');
    };
    const { calls } = signedInAs('clerk', () => answer());
    const u = await openSettlement();

    expect(await screen.findByTestId('settlement-empty')).toHaveTextContent('取扱い実績データが未取込です');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    answer = () => settlement({ target_month: '2026-09' });
    await u.click(screen.getByTestId('settlement-month-previous'));

    expect(await screen.findByTestId('settlement-fees')).toHaveTextContent('330,500円');
    expect(callsOf(calls, 'settlement').at(-1)).toEqual({ month: '2026-09' });
    expect(screen.getByTestId('settlement-month')).toHaveTextContent('2026年9月');
  });

  it('reads in English with yen amounts', async () => {
    signedInAs('clerk');
    const u = await openSettlement();
    await screen.findByTestId('settlement-fees');

    await u.click(screen.getAllByText('English')[0]!);

    expect(await screen.findByText('Total fees')).toBeInTheDocument();
    expect(screen.getByTestId('settlement-fees')).toHaveTextContent('¥330,500');
    expect(screen.getByTestId('settlement-month')).toHaveTextContent('October 2026');
  });

  it('offers 起案 only when the core says the month is ready, and says why not otherwise', async () => {
    let month = settlement();
    const { calls } = signedInAs('clerk', () => month, () => (callsOf(calls, 'draft_invoice').length > 0 ? [invoice()] : []), (cmd) => {
      if (cmd === 'draft_invoice') {
        month = settlement({ invoicing: 'invoiced' });
        return invoice();
      }
      return unexpected(cmd);
    });
    const u = await openSettlement();

    await u.click(await screen.findByTestId('invoice-draft'));

    expect(await screen.findByTestId('invoice-status')).toHaveTextContent('下書き');
    expect(callsOf(calls, 'draft_invoice')).toEqual([{ month: '2026-10' }]);
    expect(screen.getByTestId('invoice-amount')).toHaveTextContent('178,166円');
    expect(screen.getByTestId('invoice-drafted-by')).toHaveTextContent('tanaka');
    expect(screen.getByTestId('invoice-invoice-by')).toHaveTextContent('2026年11月15日');
    await waitFor(() => expect(screen.queryByTestId('invoice-draft')).not.toBeInTheDocument());
    // A clerk drafts; approval is a supervisor's.
    expect(screen.queryByTestId('invoice-approve')).not.toBeInTheDocument();
  });

  it.each([
    ['not_final', '速報値のため起案できません'],
    ['no_invoice', '差引額が0円以下のため請求書は作成しません'],
  ] as const)('shows no 起案 for a %s month, with the reason', async (invoicing, reason) => {
    signedInAs('clerk', () => settlement({ invoicing, finalized: invoicing !== 'not_final' }));
    await openSettlement();

    expect(await screen.findByTestId('invoice-not-ready')).toHaveTextContent(reason);
    expect(screen.queryByTestId('invoice-draft')).not.toBeInTheDocument();
    expect(screen.queryByTestId('invoice-statement-pdf') !== null).toBe(invoicing === 'no_invoice');
  });

  it('lets a supervisor approve a draft, then shows the 請求書 PDF embedded from its bytes', async () => {
    const approved = invoice({ status: 'approved', document_number: 'デジ第12号', approved_by: 'suzuki' });
    let current = invoice();
    URL.createObjectURL = vi.fn(() => 'blob:kofu/invoice');
    URL.revokeObjectURL = vi.fn();
    const { calls } = signedInAs('supervisor', undefined, () => [current], (cmd) => {
      if (cmd === 'approve_invoice') {
        current = approved;
        return approved;
      }
      if (cmd === 'invoice_pdf') return new Uint8Array([0x25, 0x50, 0x44, 0x46]).buffer;
      return unexpected(cmd);
    });
    const u = await openSettlement();

    expect(screen.queryByTestId('invoice-pdf-preview')).not.toBeInTheDocument();
    await u.click(await screen.findByTestId('invoice-approve'));

    await waitFor(() => expect(screen.getByTestId('invoice-status')).toHaveTextContent('承認済'));
    expect(callsOf(calls, 'approve_invoice')).toEqual([{ id: 1 }]);
    expect(screen.getByTestId('invoice-number')).toHaveTextContent('デジ第12号');
    expect(screen.getByTestId('invoice-approved-by')).toHaveTextContent('suzuki');
    const preview = await screen.findByTestId('invoice-pdf-preview');
    expect(preview).toHaveAttribute('src', 'blob:kofu/invoice');
    expect(callsOf(calls, 'invoice_pdf')).toEqual([{ id: 1 }]);
  });

  it("shows the core's refusal of an approval and keeps a return reason typed when refused", async () => {
    const fourEyes = '起案者本人は承認できません。別の監督者に承認を依頼してください。';
    const tooShort = '差戻しの理由を入力してください。';
    signedInAs('supervisor', undefined, () => [invoice()], (cmd) => {
      if (cmd === 'approve_invoice') throw apiError('forbidden', fourEyes);
      if (cmd === 'return_invoice') throw apiError('validation', tooShort, 'reason');
      return unexpected(cmd);
    });
    const u = await openSettlement();

    await u.click(await screen.findByTestId('invoice-approve'));
    expect(await screen.findByTestId('invoice-error')).toHaveTextContent(fourEyes);
    expect(screen.getByTestId('invoice-status')).toHaveTextContent('下書き');

    await u.click(screen.getByTestId('invoice-return'));
    await u.type(await screen.findByTestId('invoice-reason'), '金額を確認');
    await u.click(screen.getByTestId('invoice-step-submit'));

    expect(await screen.findByText(tooShort)).toBeInTheDocument();
    expect(screen.getByTestId('invoice-reason')).toHaveValue('金額を確認');
  });

  it('marks an overdue invoice and shows a payment difference and lateness the core returns', async () => {
    signedInAs('clerk', () => settlement({ invoicing: 'invoiced' }), () => [
      invoice({
        status: 'paid',
        document_number: 'デジ第12号',
        approved_by: 'suzuki',
        sent_on: '2026-11-20',
        sent_late: true,
        paid_on: '2026-11-30',
        paid_amount: 178_000,
        difference: -166,
        paid_late: false,
        overdue: true,
      }),
    ], (cmd) => (cmd === 'invoice_pdf' ? new Uint8Array([1]).buffer : unexpected(cmd)));
    URL.createObjectURL = vi.fn(() => 'blob:kofu/paid');
    URL.revokeObjectURL = vi.fn();
    await openSettlement();

    expect(await screen.findByTestId('invoice-status')).toHaveTextContent('入金済');
    expect(screen.getByTestId('invoice-status-overdue')).toHaveTextContent('期限超過');
    expect(screen.getByTestId('invoice-invoice-by-flag')).toHaveTextContent('送付期限（2026年11月15日');
    expect(screen.getByTestId('invoice-paid-amount-flag')).toHaveTextContent('差額 −166円');
    expect(screen.queryByTestId('invoice-payment-by-flag')).not.toBeInTheDocument();
  });
});
