import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LetterDto } from '../../bindings/LetterDto';
import type { ReceivedLetterInput } from '../../bindings/ReceivedLetterInput';
import type { Role } from '../../bindings/Role';
import { chibaCatalogue, dashboard, deadlinesPanel, sampleLetters, session, status } from '../../test/fixtures';
import { apiError, renderApp, unexpected, type IpcHandler } from '../../test/render';

function signedInAs(role: Role, extra: IpcHandler = (cmd) => unexpected(cmd)) {
  let letters = [...sampleLetters];
  return renderApp((cmd, args) => {
    if (cmd === 'app_status') return status({ session: session(role) });
    if (cmd === 'dashboard') return dashboard(role);
    if (cmd === 'deadlines_panel') return deadlinesPanel();
    if (cmd === 'catalogue_list') return chibaCatalogue;
    if (cmd === 'correspondence') return letters;
    const answer = extra(cmd, args);
    if (cmd === 'record_received') letters = [...letters, answer as LetterDto];
    return answer;
  });
}

async function openLog() {
  const u = userEvent.setup();
  await screen.findByTestId('dashboard-today');
  await u.click(await screen.findByTestId('nav-correspondence'));
  await screen.findByTestId('letters-table');
  return u;
}

const rowIds = () =>
  within(screen.getByTestId('letters-table'))
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.dataset.testid);

describe('連絡記録', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('lists notices sent and received, newest first, with attachments', async () => {
    signedInAs('helpdesk');
    await openLog();

    expect(rowIds()).toEqual(['letter-row-3', 'letter-row-2', 'letter-row-1']);
    const received = screen.getByTestId('letter-row-2');
    const cells = within(received).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('2026年11月18日(水) 09:00');
    expect(cells[1]).toHaveTextContent('受領');
    expect(cells[2]).toHaveTextContent('停止');
    expect(cells[3]).toHaveTextContent('証明書交付センターの計画停止について（通知）');
    expect(cells[4]).toHaveTextContent('地情機第345号');
    expect(within(screen.getByTestId('letter-attachments-2')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '計画停止のお知らせ.pdf',
      '作業日程.xlsx',
    ]);
    const sent = screen.getByTestId('letter-row-1');
    expect(within(sent).getAllByRole('cell')[1]).toHaveTextContent('送付');
    expect(within(sent).getAllByRole('cell')[2]).toHaveTextContent('証明書追加・変更');
    expect(sent).toHaveTextContent('変更通知_千市区第12号.pdf');
    // A help desk user reads the log; recording is for clerks and supervisors.
    expect(screen.queryByTestId('letter-add')).not.toBeInTheDocument();
  });

  it('saves an attachment under its name from the bytes the core reads, or says why not', async () => {
    const saved: { name: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, href: this.href });
    });
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:kofu/1';
    });
    URL.revokeObjectURL = vi.fn();
    const refusal = '以前の版で保存された添付ファイル「計画停止のお知らせ.pdf」が見つかりません。';
    const { calls } = signedInAs('helpdesk', (cmd, args) => {
      if (cmd === 'letter_attachment') {
        const { index } = args as { index: number };
        if (index === 0) throw apiError('not_found', refusal);
        return new Uint8Array([0x50, 0x4b]).buffer;
      }
      return unexpected(cmd);
    });
    const u = await openLog();

    await u.click(screen.getByTestId('letter-attachment-2-1'));
    await waitFor(() => expect(saved).toEqual([{ name: '作業日程.xlsx', href: 'blob:kofu/1' }]));
    expect(calls.filter((c) => c.cmd === 'letter_attachment').map((c) => c.args)).toEqual([{ letterId: 2, index: 1 }]);
    expect(new Uint8Array(await blobs[0]!.arrayBuffer())).toEqual(new Uint8Array([0x50, 0x4b]));

    await u.click(screen.getByTestId('letter-attachment-2-0'));
    expect(await screen.findByText(refusal)).toBeInTheDocument();
    expect(saved).toHaveLength(1);
  });

  it('filters by direction and by type', async () => {
    signedInAs('supervisor');
    const u = await openLog();

    await u.click(within(screen.getByTestId('letters-direction')).getByText('受領'));
    await waitFor(() => expect(rowIds()).toEqual(['letter-row-3', 'letter-row-2']));

    await u.click(screen.getByTestId('letters-category'));
    await u.click(await screen.findByRole('option', { name: '訂正' }));
    await waitFor(() => expect(rowIds()).toEqual(['letter-row-3']));

    await u.click(within(screen.getByTestId('letters-direction')).getByText('送付'));
    expect(await screen.findByTestId('letters-empty')).toHaveTextContent('条件に合う連絡記録はありません。');
  });

  it("records a received notice with the files' bytes as they are", async () => {
    const { calls } = signedInAs('clerk', (cmd, args) => {
      if (cmd === 'record_received') {
        const { input, files } = args as { input: ReceivedLetterInput; files: { name: string }[] };
        return {
          id: 4,
          at: `${input.at}:00`,
          direction: 'received',
          category: input.category,
          subject: input.subject,
          document_number: input.document_number,
          body: input.body,
          attachments: files.map((f) => f.name),
          recorded_by: 'clerk',
        } satisfies LetterDto;
      }
      return unexpected(cmd);
    });
    const u = await openLog();

    await u.click(screen.getByTestId('letter-add'));
    const dialog = await screen.findByRole('dialog', { name: '受領した通知を登録' });
    // The date starts on the core's today; the time is typed.
    expect(within(dialog).getByTestId('letter-at-date')).toHaveTextContent('2026年11月26日(木)');
    await u.type(within(dialog).getByTestId('letter-at-time'), '09:30');
    await u.click(within(dialog).getByTestId('letter-category'));
    await u.click(await screen.findByRole('option', { name: '停止' }));
    await u.type(within(dialog).getByTestId('letter-subject'), '緊急停止の発生について（報告）');
    await u.type(within(dialog).getByTestId('letter-document-number'), '地情機第350号');
    await u.type(within(dialog).getByTestId('letter-body'), '11月20日 10:00〜12:00 印鑑登録証明書を停止しました。');
    const pdf = [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0xe2, 0xe3, 0xcf, 0xd3];
    const csv = [0x8c, 0xb3, 0x93, 0xfa, 0x0d, 0x0a]; // CP932: never decoded by the UI
    await u.upload(within(dialog).getByTestId('letter-files-input'), [
      new File([new Uint8Array(pdf)], '緊急停止報告.pdf', { type: 'application/pdf' }),
      new File([new Uint8Array(csv)], '影響件数.csv', { type: 'text/csv' }),
    ]);
    await u.click(within(dialog).getByTestId('letter-submit'));

    expect(await screen.findByText('「緊急停止の発生について（報告）」を登録しました。')).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === 'record_received').map((c) => c.args)).toEqual([
      {
        input: {
          at: '2026-11-26T09:30',
          category: 'suspension',
          subject: '緊急停止の発生について（報告）',
          document_number: '地情機第350号',
          body: '11月20日 10:00〜12:00 印鑑登録証明書を停止しました。',
        },
        files: [
          { name: '緊急停止報告.pdf', bytes: pdf },
          { name: '影響件数.csv', bytes: csv },
        ],
      },
    ]);
    expect(await screen.findByTestId('letter-row-4')).toHaveTextContent('緊急停止報告.pdf');
  });

  it("shows the core refusing a 12-digit number on the field, keeping what was typed", async () => {
    const refusal = '本文に12桁の数字があります。個人番号は記録できません。該当箇所を削除してください。';
    const { calls } = signedInAs('supervisor', (cmd) => {
      if (cmd === 'record_received') throw apiError('validation', refusal, 'body');
      return unexpected(cmd);
    });
    const u = await openLog();

    await u.click(screen.getByTestId('letter-add'));
    const dialog = await screen.findByRole('dialog', { name: '受領した通知を登録' });
    await u.click(within(dialog).getByTestId('letter-submit'));
    expect(await within(dialog).findByText('受領した日付と時刻を入力してください。')).toBeInTheDocument();
    expect(within(dialog).getByText('種別を選んでください。')).toBeInTheDocument();
    expect(within(dialog).getByText('件名を入力してください。')).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === 'record_received')).toBe(false);

    await u.type(within(dialog).getByTestId('letter-at-time'), '14:00');
    await u.click(within(dialog).getByTestId('letter-category'));
    await u.click(await screen.findByRole('option', { name: '事故' }));
    await u.type(within(dialog).getByTestId('letter-subject'), '誤交付の報告');
    await u.type(within(dialog).getByTestId('letter-body'), '対象者 123456789012');
    await u.click(within(dialog).getByTestId('letter-submit'));

    expect(await within(dialog).findByText(refusal)).toBeInTheDocument();
    expect(within(dialog).getByTestId('letter-body')).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByTestId('letter-body')).toHaveValue('対象者 123456789012');
    expect(within(dialog).getByTestId('letter-subject')).toHaveValue('誤交付の報告');
    expect(calls.find((c) => c.cmd === 'record_received')?.args).toEqual({
      input: {
        at: '2026-11-26T14:00',
        category: 'incident',
        subject: '誤交付の報告',
        document_number: null,
        body: '対象者 123456789012',
      },
      files: [],
    });
  });
});
