import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChangeRequestDto } from '../../bindings/ChangeRequestDto';
import type { Role } from '../../bindings/Role';
import type { UserDto } from '../../bindings/UserDto';
import {
  actionsOf,
  chibaCatalogue,
  chibaHours,
  dashboard,
  deadlinesPanel,
  feeHistory01,
  sampleChanges,
  sampleSuspensions,
  status,
  user,
} from '../../test/fixtures';
import { apiError, renderApp, unexpected, type IpcHandler } from '../../test/render';

const staff: Record<Role, UserDto> = {
  clerk: user('clerk', { name: 'tanaka', display_name: '田中 一郎' }),
  supervisor: user('supervisor', { name: 'suzuki', display_name: '鈴木 課長' }),
  helpdesk: user('helpdesk', { name: 'sato', display_name: '佐藤 窓口' }),
  admin: user('admin', { name: 'admin', display_name: '山本 管理' }),
};

/** The queue as the core keeps it: a decision replaces the request, as the real one does. */
function signedInAs(role: Role, extra: IpcHandler = (cmd) => unexpected(cmd)) {
  let changes = [...sampleChanges];
  return renderApp((cmd, args) => {
    if (cmd === 'app_status') {
      return status({ session: { user: staff[role], municipality_name: '千葉市', actions: actionsOf(role) } });
    }
    if (cmd === 'dashboard') return dashboard(role);
    if (cmd === 'deadlines_panel') return deadlinesPanel();
    if (cmd === 'get_profile') throw apiError('internal', 'not under test');
    if (cmd === 'catalogue_list') return chibaCatalogue;
    if (cmd === 'fee_history') return feeHistory01;
    if (cmd === 'service_hours') return chibaHours;
    if (cmd === 'list_suspensions') return sampleSuspensions;
    if (cmd === 'change_requests') return changes;
    const answer = extra(cmd, args);
    if (cmd === 'approve_change' || cmd === 'return_change') {
      const decided = answer as ChangeRequestDto;
      changes = changes.map((c) => (c.id === decided.id ? decided : c));
    }
    return answer;
  });
}

async function openArea(tab?: 'hours' | 'suspensions' | 'changes') {
  const u = userEvent.setup();
  // The dashboard has loaded the core's today before the area is opened, as in real use.
  await screen.findByTestId('dashboard-today');
  await u.click(await screen.findByTestId('nav-certificates'));
  await screen.findByTestId('catalogue-table');
  if (tab) await u.click(screen.getByTestId(`certificates-${tab}-tab`));
  return u;
}

const callsOf = (calls: { cmd: string; args: unknown }[], cmd: string) =>
  calls.filter((c) => c.cmd === cmd).map((c) => c.args);

describe('証明書・提供時間 > 交付対象証明書', () => {
  it('lists fees as yen, right-aligned, and opens a fee history', async () => {
    const { calls } = signedInAs('helpdesk');
    const u = await openArea();

    const row = screen.getByTestId('catalogue-row-01');
    const cells = within(row).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual([
      '01',
      '住民票の写し',
      '250円',
      '117円',
      '2026年12月1日(火) → 200円',
      '有効',
      '',
    ]);
    expect(screen.getByTestId('catalogue-fee-01')).toHaveStyle({ textAlign: 'right' });
    expect(screen.getByTestId('catalogue-fee-04')).toHaveTextContent('400円');
    expect(within(screen.getByTestId('catalogue-row-07')).getByText('停止')).toBeInTheDocument();
    expect(callsOf(calls, 'catalogue_list')).toContainEqual({ on: null });

    await u.click(within(row).getByText('250円'));

    const dialog = await screen.findByRole('dialog', { name: '01 住民票の写し 手数料の履歴' });
    const campaign = await within(dialog).findByTestId('fee-history-2026-12-01');
    expect(campaign).toHaveTextContent('2026年12月1日(火)〜2027年1月31日(日)');
    expect(campaign).toHaveTextContent('200円');
    expect(campaign).toHaveTextContent('キャンペーン');
    const standard = within(dialog).getByTestId('fee-history-2020-04-01');
    expect(standard).toHaveTextContent('2020年4月1日(水)〜');
    expect(standard).toHaveTextContent('適用中');
    expect(callsOf(calls, 'fee_history')).toEqual([{ kind: '01' }]);
    // A help desk user reads; drafting is not offered.
    expect(within(dialog).queryByTestId('fee-history-draft')).not.toBeInTheDocument();
  });

  it('reads in English with yen amounts and dates in English', async () => {
    signedInAs('clerk');
    const u = await openArea();

    await u.click(screen.getAllByText('English')[0]!);

    expect(await screen.findByRole('tab', { name: 'Certificates' })).toBeInTheDocument();
    expect(screen.getByTestId('catalogue-fee-01')).toHaveTextContent('¥250');
    expect(screen.getByTestId('catalogue-row-01')).toHaveTextContent('Tue, Dec 1, 2026 → ¥200');
    expect(screen.getByTestId('fee-draft-open')).toHaveTextContent('Draft a fee change');
  });

  it('asks for the catalogue as of another day', async () => {
    const { calls } = signedInAs('clerk');
    const u = await openArea();

    await u.click(screen.getByTestId('catalogue-on'));
    await u.click(await screen.findByRole('button', { name: '2026年11月30日(月)' }));

    await waitFor(() => expect(callsOf(calls, 'catalogue_list')).toContainEqual({ on: '2026-11-30' }));
    expect(screen.getByTestId('catalogue-as-of')).toHaveTextContent('2026年11月30日(月) 時点');
  });

  it('lets a clerk draft a fee change with its period and effective date', async () => {
    const drafted: ChangeRequestDto = {
      ...sampleChanges[0]!,
      id: 9,
      summary: '手数料の変更: 01 2026-11-27〜2026-11-30 200円（キャンペーン）',
      effective_from: '2026-11-27',
    };
    const { calls } = signedInAs('clerk', (cmd) => {
      if (cmd === 'draft_change') return drafted;
      return unexpected(cmd);
    });
    const u = await openArea();

    await u.click(screen.getByTestId('fee-draft-open'));
    const dialog = await screen.findByRole('dialog', { name: '手数料の変更を起案' });
    await u.click(within(dialog).getByTestId('fee-draft-kind'));
    await u.click(await screen.findByRole('option', { name: '01 住民票の写し' }));
    await u.type(within(dialog).getByTestId('fee-draft-fee'), '200');
    await u.click(within(dialog).getByTestId('fee-draft-from'));
    await u.click(await screen.findByRole('button', { name: '2026年11月27日(金)' }));
    await u.click(within(dialog).getByTestId('fee-draft-until'));
    await u.click(await screen.findByRole('button', { name: '2026年11月30日(月)' }));
    await u.type(within(dialog).getByTestId('fee-draft-note'), 'キャンペーン');
    await u.click(within(dialog).getByTestId('fee-draft-submit'));

    expect(
      await screen.findByText(
        '変更を起案しました（申請番号 9）。決裁者が承認すると 2026年11月27日(金) から適用されます。',
      ),
    ).toBeInTheDocument();
    const [args] = callsOf(calls, 'draft_change') as { what: { type: string }; from: string }[];
    expect(args?.what.type).toBe('set_fee');
    expect(args).toEqual({
      what: {
        type: 'set_fee',
        kind: '01',
        period: { from: '2026-11-27', until: '2026-11-30' },
        fee: 200,
        note: 'キャンペーン',
      },
      from: '2026-11-27',
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: '手数料の変更を起案' })).not.toBeInTheDocument(),
    );
  });

  it("keeps the fee draft and marks the field the core refused", async () => {
    const message = '適用開始日（2026-11-27）に過去の日付は指定できません。';
    signedInAs('clerk', (cmd) => {
      if (cmd === 'draft_change') throw apiError('validation', message, 'effective_from');
      return unexpected(cmd);
    });
    const u = await openArea();

    // Opened from the history, the kind is already chosen.
    await u.click(screen.getByTestId('catalogue-row-01'));
    await u.click(await screen.findByTestId('fee-history-draft'));
    const dialog = await screen.findByRole('dialog', { name: '手数料の変更を起案' });
    expect(within(dialog).getByTestId('fee-draft-kind')).toHaveValue('01 住民票の写し');

    await u.click(within(dialog).getByTestId('fee-draft-submit'));
    expect(await within(dialog).findByText('手数料を0円以上の整数で入力してください（無料の場合は0）。')).toBeInTheDocument();

    await u.type(within(dialog).getByTestId('fee-draft-fee'), '0');
    await u.click(within(dialog).getByTestId('fee-draft-from'));
    await u.click(await screen.findByRole('button', { name: '2026年11月27日(金)' }));
    await u.click(within(dialog).getByTestId('fee-draft-submit'));

    expect(await within(dialog).findByText(message)).toBeInTheDocument();
    expect(within(dialog).getByTestId('fee-draft-from')).toHaveAttribute('data-error', 'true');
    expect(within(dialog).getByTestId('fee-draft-fee')).toHaveValue('0円');
  });

  it('lets a clerk draft a new certificate kind', async () => {
    const { calls } = signedInAs('clerk', (cmd) => {
      if (cmd === 'draft_change') return { ...sampleChanges[1]!, id: 10 };
      return unexpected(cmd);
    });
    const u = await openArea();

    await u.click(screen.getByTestId('kind-draft-open'));
    const dialog = await screen.findByRole('dialog', { name: '証明書の追加を起案' });
    await u.type(within(dialog).getByTestId('kind-draft-code'), '08');
    await u.type(within(dialog).getByTestId('kind-draft-name'), '戸籍の附票の写し（除票）');
    await u.click(within(dialog).getByTestId('kind-draft-from'));
    await u.click(await screen.findByRole('button', { name: '2026年11月30日(月)' }));
    await u.click(within(dialog).getByTestId('kind-draft-submit'));

    await waitFor(() =>
      expect(callsOf(calls, 'draft_change')).toEqual([
        {
          what: { type: 'add_kind', code: '08', name: '戸籍の附票の写し（除票）', enabled: true },
          from: '2026-11-30',
        },
      ]),
    );
  });
});

describe('証明書・提供時間 > 提供時間', () => {
  it('shows the weekly grid of each kind, the rule and the closed days', async () => {
    signedInAs('helpdesk');
    await openArea('hours');

    const standard = await screen.findByTestId('hours-card-default');
    expect(standard).toHaveTextContent('既定の提供時間');
    expect(standard).toHaveTextContent('01 住民票の写し');
    expect(standard).not.toHaveTextContent('04 戸籍全部事項証明書');
    expect(screen.getByTestId('hours-rule-default')).toHaveTextContent('毎日');
    expect(screen.getByTestId('hours-default-mon')).toHaveTextContent('月6:30〜23:00');
    expect(screen.getByTestId('hours-default-holiday')).toHaveTextContent('祝日6:30〜23:00');

    expect(screen.getByTestId('hours-card-04')).toHaveTextContent('04 戸籍全部事項証明書');
    expect(screen.getByTestId('hours-rule-04')).toHaveTextContent('開庁日のみ');
    expect(screen.getByTestId('hours-04-fri')).toHaveTextContent('金9:00〜17:00');
    expect(screen.getByTestId('hours-04-sat')).toHaveTextContent('土休止');
    expect(screen.getByTestId('hours-04-holiday')).toHaveTextContent('祝日休止');
    expect(screen.getByTestId('hours-closed-days')).toHaveTextContent('年末年始 12月29日〜1月3日');
    expect(screen.queryByTestId('hours-draft-open')).not.toBeInTheDocument();
  });

  it('answers whether a kind can be issued at a moment, with the reason', async () => {
    const reason = '戸籍全部事項証明書は開庁日の9:00〜17:00のみ交付できます（2026-11-28 は土曜日）。';
    const { calls } = signedInAs('helpdesk', (cmd, args) => {
      if (cmd === 'service_available') {
        const { kind } = args as { kind: string };
        return kind === '04'
          ? { available: false, reason, reason_code: 'business_days_only' }
          : { available: true };
      }
      return unexpected(cmd);
    });
    const u = await openArea('hours');

    await u.click(await screen.findByTestId('availability-kind'));
    await u.click(await screen.findByRole('option', { name: '04 戸籍全部事項証明書' }));
    await u.click(screen.getByTestId('availability-at-date'));
    await u.click(await screen.findByRole('button', { name: '2026年11月28日(土)' }));
    await u.type(screen.getByTestId('availability-at-time'), '10:00');
    await u.click(screen.getByTestId('availability-check'));

    const result = await screen.findByTestId('availability-result');
    expect(result).toHaveTextContent('交付できません');
    expect(result).toHaveTextContent(reason);
    expect(callsOf(calls, 'service_available')).toEqual([{ kind: '04', at: '2026-11-28T10:00' }]);

    await u.click(screen.getByTestId('availability-kind'));
    await u.click(await screen.findByRole('option', { name: '01 住民票の写し' }));
    await u.click(screen.getByTestId('availability-check'));
    await waitFor(() => expect(screen.getByTestId('availability-result')).toHaveTextContent('交付できます'));
  });

  it('lets a clerk draft business-day hours built for every day of the week', async () => {
    const { calls } = signedInAs('clerk', (cmd) => {
      if (cmd === 'draft_change') return { ...sampleChanges[3]!, id: 11, status: { state: 'drafted' } };
      return unexpected(cmd);
    });
    const u = await openArea('hours');

    await u.click(await screen.findByTestId('hours-draft-open'));
    const dialog = await screen.findByRole('dialog', { name: '提供時間の変更を起案' });
    await u.click(within(dialog).getByTestId('hours-draft-kind'));
    await u.click(await screen.findByRole('option', { name: '06 戸籍の附票の写し' }));
    await u.clear(within(dialog).getByTestId('hours-draft-start'));
    await u.type(within(dialog).getByTestId('hours-draft-start'), '09:00');
    await u.clear(within(dialog).getByTestId('hours-draft-end'));
    await u.type(within(dialog).getByTestId('hours-draft-end'), '17:00');
    await u.click(within(dialog).getByLabelText(/開庁日のみ/));
    await u.click(within(dialog).getByTestId('hours-draft-from'));
    await u.click(await screen.findByRole('button', { name: '2026年11月30日(月)' }));
    await u.click(within(dialog).getByTestId('hours-draft-submit'));

    const w = [{ start: '09:00', end: '17:00' }];
    await waitFor(() =>
      expect(callsOf(calls, 'draft_change')).toEqual([
        {
          what: {
            type: 'set_hours',
            kind: '06',
            hours: { rule: 'business_days_only', mon: w, tue: w, wed: w, thu: w, fri: w, sat: [], sun: [], holiday: [] },
          },
          from: '2026-11-30',
        },
      ]),
    );
  });
});

describe('証明書・提供時間 > 停止・保守', () => {
  it('lists planned and emergency suspensions with their notices', async () => {
    signedInAs('helpdesk');
    await openArea('suspensions');

    const emergency = await screen.findByTestId('suspension-row-2');
    expect(within(emergency).getByText('緊急停止')).toBeInTheDocument();
    expect(emergency).toHaveTextContent('2026年11月20日(金) 10:00 から');
    expect(emergency).toHaveTextContent('03 印鑑登録証明書');
    expect(emergency).toHaveTextContent('現在、印鑑登録証明書は交付できません。');
    const planned = screen.getByTestId('suspension-row-1');
    expect(within(planned).getByText('計画停止')).toBeInTheDocument();
    expect(planned).toHaveTextContent('すべての証明書');
    expect(screen.queryByTestId('suspension-add')).not.toBeInTheDocument();
  });

  it('shows the core refusing a planned maintenance in service hours, in full, keeping the form', async () => {
    const refusal =
      '計画停止は提供時間外に限ります（第8条第2項）: 住民票の写し（01）の提供時間 2026-11-29（日）6:30〜23:00 と重なっています。開始・終了を提供時間外に変更してください。';
    const { calls } = signedInAs('clerk', (cmd) => {
      if (cmd === 'record_suspension') throw apiError('validation', refusal, 'from');
      return unexpected(cmd);
    });
    const u = await openArea('suspensions');

    await u.click(await screen.findByTestId('suspension-add'));
    const dialog = await screen.findByRole('dialog', { name: '停止・保守を登録' });
    await u.click(within(dialog).getByTestId('suspension-from-date'));
    await u.click(await screen.findByRole('button', { name: '2026年11月28日(土)' }));
    await u.type(within(dialog).getByTestId('suspension-from-time'), '23:30');
    await u.click(within(dialog).getByTestId('suspension-until-date'));
    await u.click(await screen.findByRole('button', { name: '2026年11月29日(日)' }));
    await u.type(within(dialog).getByTestId('suspension-until-time'), '07:00');
    await u.type(within(dialog).getByTestId('suspension-reason'), '証明書交付センター定期保守');
    await u.click(within(dialog).getByTestId('suspension-submit'));

    expect(await within(dialog).findByText(refusal)).toBeInTheDocument();
    expect(within(dialog).getByTestId('suspension-from-time')).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByTestId('suspension-reason')).toHaveValue('証明書交付センター定期保守');
    expect(within(dialog).getByTestId('suspension-until-time')).toHaveValue('07:00');
    expect(callsOf(calls, 'record_suspension')).toEqual([
      {
        suspension: {
          id: null,
          kind: 'planned',
          scope: 'all',
          from: '2026-11-28T23:30:00',
          until: '2026-11-29T07:00:00',
          reason: '証明書交付センター定期保守',
          notice_text: null,
        },
      },
    ]);
  });

  it('asks for the notice text of an emergency stop and sends the kinds chosen', async () => {
    const { calls } = signedInAs('clerk', (cmd, args) => {
      if (cmd === 'record_suspension') return { ...(args as { suspension: object }).suspension, id: 3 };
      return unexpected(cmd);
    });
    const u = await openArea('suspensions');

    await u.click(await screen.findByTestId('suspension-add'));
    const dialog = await screen.findByRole('dialog', { name: '停止・保守を登録' });
    await u.click(within(dialog).getByText('緊急停止'));
    await u.click(within(dialog).getByTestId('suspension-from-date'));
    await u.click(await screen.findByRole('button', { name: '2026年11月26日(木)' }));
    await u.type(within(dialog).getByTestId('suspension-from-time'), '10:00');
    await u.click(within(dialog).getByTestId('suspension-until-date'));
    await u.click(await screen.findByRole('button', { name: '2026年11月26日(木)' }));
    await u.type(within(dialog).getByTestId('suspension-until-time'), '12:00');
    await u.click(within(dialog).getByTestId('suspension-scope-selected'));
    await u.click(within(dialog).getByTestId('suspension-scope-03'));
    await u.type(within(dialog).getByTestId('suspension-reason'), 'キオスク端末の障害');
    await u.click(within(dialog).getByTestId('suspension-submit'));

    expect(
      await within(dialog).findByText('緊急停止には、利用者に告知する案内文を入力してください（第8条第3項）。'),
    ).toBeInTheDocument();
    expect(callsOf(calls, 'record_suspension')).toEqual([]);

    await u.type(within(dialog).getByTestId('suspension-notice'), '現在、印鑑登録証明書は交付できません。');
    await u.click(within(dialog).getByTestId('suspension-submit'));

    expect(await screen.findByText('停止・保守を登録しました。')).toBeInTheDocument();
    expect(callsOf(calls, 'record_suspension')).toEqual([
      {
        suspension: {
          id: null,
          kind: 'emergency',
          scope: { kinds: ['03'] },
          from: '2026-11-26T10:00:00',
          until: '2026-11-26T12:00:00',
          reason: 'キオスク端末の障害',
          notice_text: '現在、印鑑登録証明書は交付できません。',
        },
      },
    ]);
  });
});

describe('証明書・提供時間 > 変更申請', () => {
  it('shows the queue with states, drafters and notice numbers', async () => {
    signedInAs('clerk');
    await openArea('changes');

    const table = await screen.findByTestId('changes-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.dataset.testid)).toEqual([
      'change-row-8',
      'change-row-7',
      'change-row-6',
      'change-row-5',
    ]);
    const approved = screen.getByTestId('change-row-6');
    expect(approved).toHaveTextContent('承認済');
    expect(approved).toHaveTextContent('2026年12月1日(火)');
    expect(screen.getByTestId('change-notice-6')).toHaveTextContent('千市区第12号');
    expect(screen.getByTestId('change-row-5')).toHaveTextContent('差戻し');
    expect(screen.getByTestId('change-row-5')).toHaveTextContent('理由: 利用者への周知期間が足りません。');
    expect(screen.getByTestId('change-row-8')).toHaveTextContent('承認待ち');
    expect(screen.getByTestId('change-row-8')).toHaveTextContent('2026年11月25日(水) 14:05');
    // A clerk drafts; deciding is a supervisor's.
    expect(screen.queryByTestId('change-approve-8')).not.toBeInTheDocument();
    expect(screen.queryByTestId('change-return-8')).not.toBeInTheDocument();
  });

  it('lets a supervisor approve a request and shows the notice number', async () => {
    const approved: ChangeRequestDto = {
      ...sampleChanges[0]!,
      status: { state: 'approved', by: 'suzuki', at: '2026-11-26T10:00:00' },
      notice_number: '千市区第13号',
    };
    const { calls } = signedInAs('supervisor', (cmd) => {
      if (cmd === 'approve_change') return approved;
      if (cmd === 'correspondence') return [];
      return unexpected(cmd);
    });
    const u = await openArea('changes');

    expect(screen.queryByTestId('change-approve-6')).not.toBeInTheDocument();
    await u.click(await screen.findByTestId('change-approve-8'));
    const dialog = await screen.findByRole('dialog', { name: '変更の承認' });
    expect(dialog).toHaveTextContent('申請番号 8「手数料の変更: 03 2027-01-01〜 300円」を承認します。');
    await u.click(within(dialog).getByTestId('change-approve-confirm'));

    expect(await screen.findByText('申請番号 8 を承認しました。通知文書番号: 千市区第13号')).toBeInTheDocument();
    expect(callsOf(calls, 'approve_change')).toEqual([{ id: 8 }]);
    await waitFor(() => expect(screen.getByTestId('change-notice-8')).toHaveTextContent('千市区第13号'));
  });

  it("shows the core's refusal when a supervisor approves their own draft", async () => {
    const refusal = '自分が起案した変更は承認できません。';
    const { calls } = signedInAs('supervisor', (cmd) => {
      if (cmd === 'approve_change') throw apiError('forbidden', refusal);
      return unexpected(cmd);
    });
    const u = await openArea('changes');

    // The buttons are there on the supervisor's own draft, with a hint; the core decides.
    expect(await screen.findByTestId('change-own-7')).toHaveTextContent('ご自身の起案です');
    expect(screen.queryByTestId('change-own-8')).not.toBeInTheDocument();
    await u.click(screen.getByTestId('change-approve-7'));
    const dialog = await screen.findByRole('dialog', { name: '変更の承認' });
    await u.click(within(dialog).getByTestId('change-approve-confirm'));

    const error = await within(dialog).findByTestId('change-decision-error');
    expect(error).toHaveTextContent('申請番号 7 を承認できませんでした');
    expect(error).toHaveTextContent(refusal);
    expect(callsOf(calls, 'approve_change')).toEqual([{ id: 7 }]);
    expect(screen.getByTestId('change-row-7')).toHaveTextContent('承認待ち');
  });

  it('returns a request with the reason typed', async () => {
    const { calls } = signedInAs('supervisor', (cmd, args) => {
      if (cmd === 'return_change') {
        const { reason } = args as { reason: string };
        return {
          ...sampleChanges[0]!,
          status: { state: 'returned', by: 'suzuki', at: '2026-11-26T10:00:00', reason },
        };
      }
      return unexpected(cmd);
    });
    const u = await openArea('changes');

    await u.click(await screen.findByTestId('change-return-8'));
    const dialog = await screen.findByRole('dialog', { name: '変更の差戻し' });
    await u.click(within(dialog).getByTestId('change-return-submit'));
    expect(await within(dialog).findByText('差戻しの理由を入力してください。')).toBeInTheDocument();
    expect(callsOf(calls, 'return_change')).toEqual([]);

    await u.type(within(dialog).getByTestId('change-return-reason'), '改定の根拠となる条例の施行日を確認してください。');
    await u.click(within(dialog).getByTestId('change-return-submit'));

    expect(await screen.findByText('申請番号 8 を差し戻しました。')).toBeInTheDocument();
    expect(callsOf(calls, 'return_change')).toEqual([
      { id: 8, reason: '改定の根拠となる条例の施行日を確認してください。' },
    ]);
    await waitFor(() =>
      expect(screen.getByTestId('change-row-8')).toHaveTextContent('理由: 改定の根拠となる条例の施行日を確認してください。'),
    );
  });
});

describe('証明書・提供時間: what each role is offered', () => {
  it('offers a help desk user no drafting, recording or deciding', async () => {
    signedInAs('helpdesk');
    const u = await openArea();
    expect(screen.queryByTestId('fee-draft-open')).not.toBeInTheDocument();
    expect(screen.queryByTestId('kind-draft-open')).not.toBeInTheDocument();

    await u.click(screen.getByTestId('certificates-hours-tab'));
    await screen.findByTestId('hours-card-default');
    expect(screen.queryByTestId('hours-draft-open')).not.toBeInTheDocument();

    await u.click(screen.getByTestId('certificates-suspensions-tab'));
    await screen.findByTestId('suspensions-table');
    expect(screen.queryByTestId('suspension-add')).not.toBeInTheDocument();

    await u.click(screen.getByTestId('certificates-changes-tab'));
    await screen.findByTestId('changes-table');
    expect(screen.queryByTestId('change-approve-8')).not.toBeInTheDocument();
  });

  it('offers a supervisor deciding but not drafting, and a clerk drafting but not deciding', async () => {
    const { unmount } = signedInAs('supervisor');
    let u = await openArea();
    expect(screen.queryByTestId('fee-draft-open')).not.toBeInTheDocument();
    await u.click(screen.getByTestId('certificates-changes-tab'));
    expect(await screen.findByTestId('change-approve-8')).toBeInTheDocument();
    expect(screen.getByTestId('change-return-8')).toBeInTheDocument();
    unmount();

    signedInAs('clerk');
    u = await openArea();
    expect(screen.getByTestId('fee-draft-open')).toBeInTheDocument();
    expect(screen.getByTestId('kind-draft-open')).toBeInTheDocument();
    await u.click(screen.getByTestId('certificates-suspensions-tab'));
    expect(await screen.findByTestId('suspension-add')).toBeInTheDocument();
  });
});
