import actionsByRole from '../bindings/actionsByRole.json';
import type { InvoiceDto } from '../bindings/InvoiceDto';
import type { Action } from '../bindings/Action';
import type { AppStatus } from '../bindings/AppStatus';
import type { CalendarDay } from '../bindings/CalendarDay';
import type { CatalogueEntry } from '../bindings/CatalogueEntry';
import type { ChangeRequestDto } from '../bindings/ChangeRequestDto';
import type { ClosureDto } from '../bindings/ClosureDto';
import type { Dashboard } from '../bindings/Dashboard';
import type { DeadlineStep } from '../bindings/DeadlineStep';
import type { DeadlinesPanel } from '../bindings/DeadlinesPanel';
import type { FeeRule } from '../bindings/FeeRule';
import type { HolidaySource } from '../bindings/HolidaySource';
import type { ImportRecord } from '../bindings/ImportRecord';
import type { LetterDto } from '../bindings/LetterDto';
import type { MasterNames } from '../bindings/MasterNames';
import type { MonthCalendar } from '../bindings/MonthCalendar';
import type { MonthIntake } from '../bindings/MonthIntake';
import type { MonthPull } from '../bindings/MonthPull';
import type { MunicipalityProfile } from '../bindings/MunicipalityProfile';
import type { Reconciliation } from '../bindings/Reconciliation';
import type { Role } from '../bindings/Role';
import type { ServiceHours } from '../bindings/ServiceHours';
import type { SessionDto } from '../bindings/SessionDto';
import type { Settlement } from '../bindings/Settlement';
import type { Suspension } from '../bindings/Suspension';
import type { TrendPoint } from '../bindings/TrendPoint';
import type { WeeklyHours } from '../bindings/WeeklyHours';
import type { UserDto } from '../bindings/UserDto';

export function user(role: Role, overrides: Partial<UserDto> = {}): UserDto {
  return {
    id: 1,
    name: role,
    display_name: '田中 一郎',
    role,
    active: true,
    locked: false,
    last_login_at: '2026-11-25T09:15:00+09:00',
    ...overrides,
  };
}

/** What the core lets `role` do: the file is written by kofu-api's tests from the core's matrix. */
export function actionsOf(role: Role): Action[] {
  return actionsByRole[role] as Action[];
}

export function session(role: Role, overrides: Partial<UserDto> = {}): SessionDto {
  return { user: user(role, overrides), municipality_name: '千葉市', actions: actionsOf(role) };
}

export function status(overrides: Partial<AppStatus> = {}): AppStatus {
  return {
    initialized: true,
    demo: false,
    database: { kind: 'local', location: '/home/clerk/.local/share/kofu-desk/kofu.sqlite' },
    session: null,
    ...overrides,
  };
}

export const chibaProfile: MunicipalityProfile = {
  code: '121002',
  name: '千葉市',
  mayor_title: '千葉市長',
  mayor_name: '神谷 俊一',
  postal_code: '260-8722',
  address: '千葉県千葉市中央区千葉港1番1号',
  department: '市民局市民自治推進部区政推進課',
  contact_name: '佐藤 花子',
  contact_phone: '043-245-5000',
  contact_email: 'kuseisuishin.CIC@city.chiba.lg.jp',
  bank: {
    bank_name: '千葉銀行',
    branch_name: '本店営業部',
    account_type: 'ordinary',
    account_number: '1234567',
    account_holder: 'チバシカイケイカンリシャ',
  },
};

export function dashboard(role: Role): Dashboard {
  return { user: user(role), profile: chibaProfile, today: '2026-11-26' };
}

const stepLabels: Record<string, string> = {
  reconcile_by: '照合',
  fixed_by: '確定',
  available_from: '取得可',
  invoice_by: '請求書送付',
  payment_by: '入金',
};

function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / 86_400_000;
}

/** A step as the core sends it, days left and urgency computed from `today` the way the core does. */
export function deadlineStep(key: string, date: string, today: string): DeadlineStep {
  const days_left = dayNumber(date) - dayNumber(today);
  const urgency = days_left < 0 ? 'passed' : days_left === 0 ? 'today' : days_left <= 3 ? 'soon' : 'later';
  return { key, label: stepLabels[key] ?? key, date, days_left, urgency, state: null };
}

/**
 * 今月の期限 on `today` (default 2026-11-26): the cycle of 令和8年10月分 (deadlines in November 2026;
 * the 8th is a Sunday, so 照合 moves to Friday the 6th) and of 令和8年11月分.
 */
export function deadlinesPanel(today = '2026-11-26'): DeadlinesPanel {
  const cycle = (target_month: string, label: string, dates: string[]) => ({
    target_month,
    label,
    steps: Object.keys(stepLabels).map((key, i) => deadlineStep(key, dates[i]!, today)),
    invoice_status: null,
  });
  return {
    today,
    to_approve: [],
    cycles: [
      cycle('2026-10', '令和8年10月分', ['2026-11-06', '2026-11-09', '2026-11-10', '2026-11-15', '2026-11-30']),
      cycle('2026-11', '令和8年11月分', ['2026-12-08', '2026-12-09', '2026-12-10', '2026-12-15', '2026-12-31']),
    ],
  };
}

const weekdaysJa = ['日', '月', '火', '水', '木', '金', '土'];

/** National holidays the fixtures know (enough for the months under test). */
const nationalHolidays: Record<string, string> = {
  '2026-10-12': 'スポーツの日',
  '2026-11-03': '文化の日',
  '2026-11-23': '勤労感謝の日',
  '2027-01-01': '元日',
  '2027-01-11': '成人の日',
};

/** Where each month's deadlines fall (those of the previous target month). */
const deadlinesIn: Record<string, Record<string, string[]>> = {
  '2026-10': {
    '2026-10-08': ['reconcile_by'],
    '2026-10-09': ['fixed_by'],
    '2026-10-10': ['available_from'],
    '2026-10-15': ['invoice_by'],
    '2026-10-31': ['payment_by'],
  },
  '2026-11': {
    '2026-11-06': ['reconcile_by'],
    '2026-11-09': ['fixed_by'],
    '2026-11-10': ['available_from'],
    '2026-11-15': ['invoice_by'],
    '2026-11-30': ['payment_by'],
  },
  '2026-12': {
    '2026-12-08': ['reconcile_by'],
    '2026-12-09': ['fixed_by'],
    '2026-12-10': ['available_from'],
    '2026-12-15': ['invoice_by'],
    '2026-12-31': ['payment_by'],
  },
};

/** One month as `month_calendar` answers it, with the city's extra closures (date → reason). */
export function monthCalendar(month: string, closures: Record<string, string> = {}): MonthCalendar {
  const [year, mon] = month.split('-').map(Number);
  const length = new Date(year!, mon!, 0).getDate();
  const days: CalendarDay[] = [];
  for (let d = 1; d <= length; d += 1) {
    const date = `${month}-${String(d).padStart(2, '0')}`;
    const weekday = weekdaysJa[new Date(year!, mon! - 1, d).getDay()]!;
    const holiday = nationalHolidays[date] ?? null;
    const yearEnd = (mon === 12 && d >= 29) || (mon === 1 && d <= 3);
    const weekend = weekday === '土' || weekday === '日';
    const closed_kind: CalendarDay['closed_kind'] = holiday
      ? 'holiday'
      : yearEnd
        ? 'year_end'
        : weekend
          ? 'weekend'
          : closures[date]
            ? 'closure'
            : null;
    const closed_reason =
      holiday ?? (yearEnd ? '年末年始' : null) ?? (weekend ? `${weekday}曜日` : null) ?? closures[date] ?? null;
    days.push({
      date,
      weekday,
      business_day: closed_reason === null,
      holiday,
      closed_reason,
      closed_kind,
      deadlines: deadlinesIn[month]?.[date] ?? [],
    });
  }
  return { month, wareki: `令和${year! - 2018}年${mon}月`, days };
}

export const builtinHolidays: HolidaySource = {
  kind: 'builtin',
  first_year: 1955,
  last_year: 2027,
  imported_at: null,
  imported_by: null,
};

export const sampleClosures: ClosureDto[] = [{ date: '2026-12-28', reason: '庁舎の電気設備点検のため' }];

// ---------------------------------------------------------------------------------------------
// 証明書・提供時間 and 連絡記録 (the Chiba demo profile, on 2026-11-26)

const kinds: [string, string][] = [
  ['01', '住民票の写し'],
  ['02', '住民票記載事項証明書'],
  ['03', '印鑑登録証明書'],
  ['04', '戸籍全部事項証明書'],
  ['05', '戸籍個人事項証明書'],
  ['06', '戸籍の附票の写し'],
  ['07', '所得・課税証明書'],
];

/**
 * The catalogue on 2026-11-26: 250円 (戸籍 400円), 117円 commission; 01 has a campaign at 200円
 * from 2026-12-01; 07 is registered but not offered.
 */
export const chibaCatalogue: CatalogueEntry[] = kinds.map(([code, name]) => ({
  code,
  name,
  fee: code === '04' || code === '05' ? 400 : 250,
  enabled: code !== '07',
  fee_note: '',
  commission: 117,
  next_change: code === '01' ? { on: '2026-12-01', fee: 200 } : null,
}));

/** 01's fee history, oldest first: the standard fee and the winter campaign. */
export const feeHistory01: FeeRule[] = [
  { kind: '01', period: { from: '2020-04-01', until: null }, fee: 250, note: '' },
  { kind: '01', period: { from: '2026-12-01', until: '2027-01-31' }, fee: 200, note: 'キャンペーン' },
];

const everyDay = (start: string, end: string): WeeklyHours => {
  const w = [{ start, end }];
  return { rule: 'every_day', mon: w, tue: w, wed: w, thu: w, fri: w, sat: w, sun: w, holiday: w };
};

const businessDays = (start: string, end: string): WeeklyHours => {
  const w = [{ start, end }];
  return { rule: 'business_days_only', mon: w, tue: w, wed: w, thu: w, fri: w, sat: [], sun: [], holiday: [] };
};

/** 6:30〜23:00 every day; 04 and 05 on business days 9:00〜17:00; closed 12/29〜1/3. */
export const chibaHours: ServiceHours = {
  default: everyDay('06:30', '23:00'),
  by_kind: { '04': businessDays('09:00', '17:00'), '05': businessDays('09:00', '17:00') },
  closed_days: [{ label: '年末年始', from: '12-29', until: '01-03' }],
};

export const sampleSuspensions: Suspension[] = [
  {
    id: 1,
    kind: 'planned',
    scope: 'all',
    from: '2026-10-10T23:30:00',
    until: '2026-10-11T05:00:00',
    reason: '証明書交付センター定期保守',
    notice_text: null,
  },
  {
    id: 2,
    kind: 'emergency',
    scope: { kinds: ['03'] },
    from: '2026-11-20T10:00:00',
    until: '2026-11-20T12:00:00',
    reason: 'キオスク端末の障害',
    notice_text: '現在、印鑑登録証明書は交付できません。',
  },
];

/** The queue, newest first: 8 drafted by tanaka (clerk), 7 drafted by suzuki, 6 approved, 5 returned. */
export const sampleChanges: ChangeRequestDto[] = [
  {
    id: 8,
    summary: '手数料の変更: 03 2027-01-01〜 300円',
    what: {
      type: 'set_fee',
      kind: '03',
      period: { from: '2027-01-01', until: null },
      fee: 300,
      note: '',
    },
    effective_from: '2027-01-01',
    drafted_by: 'tanaka',
    drafted_at: '2026-11-25T14:05:00',
    status: { state: 'drafted' },
    notice_number: null,
  },
  {
    id: 7,
    summary: '証明書の追加: 08 戸籍の附票の写し（除票）',
    what: { type: 'add_kind', code: '08', name: '戸籍の附票の写し（除票）', enabled: true },
    effective_from: '2026-12-01',
    drafted_by: 'suzuki',
    drafted_at: '2026-11-24T10:00:00',
    status: { state: 'drafted' },
    notice_number: null,
  },
  {
    id: 6,
    summary: '手数料の変更: 01 2026-12-01〜2027-01-31 200円（キャンペーン）',
    what: {
      type: 'set_fee',
      kind: '01',
      period: { from: '2026-12-01', until: '2027-01-31' },
      fee: 200,
      note: 'キャンペーン',
    },
    effective_from: '2026-12-01',
    drafted_by: 'tanaka',
    drafted_at: '2026-11-10T09:30:00',
    status: { state: 'approved', by: 'suzuki', at: '2026-11-11T16:00:00' },
    notice_number: '千市区第12号',
  },
  {
    id: 5,
    summary: '提供時間の変更: 証明書種別 06',
    what: { type: 'set_hours', kind: '06', hours: everyDay('07:00', '22:00') },
    effective_from: '2026-11-15',
    drafted_by: 'tanaka',
    drafted_at: '2026-11-01T11:00:00',
    status: { state: 'returned', by: 'suzuki', at: '2026-11-02T10:00:00', reason: '利用者への周知期間が足りません。' },
    notice_number: null,
  },
];

export const sampleLetters: LetterDto[] = [
  {
    id: 1,
    at: '2026-11-11T16:00:00',
    direction: 'sent',
    category: 'catalogue_change',
    subject: '証明書等自動交付に係る設定の変更について（通知）: 手数料の変更: 01 2026-12-01〜2027-01-31 200円（キャンペーン）',
    document_number: '千市区第12号',
    body: '令和8年12月1日から次のとおり変更します。',
    attachments: ['変更通知_千市区第12号.pdf'],
    recorded_by: 'suzuki',
  },
  {
    id: 2,
    at: '2026-11-18T09:00:00',
    direction: 'received',
    category: 'suspension',
    subject: '証明書交付センターの計画停止について（通知）',
    document_number: '地情機第345号',
    body: '令和8年12月12日 23:30 から翌 5:00 まで計画停止します。',
    attachments: ['計画停止のお知らせ.pdf', '作業日程.xlsx'],
    recorded_by: 'tanaka',
  },
  {
    id: 3,
    at: '2026-11-20T13:15:00',
    direction: 'received',
    category: 'correction',
    subject: '取扱い実績データの訂正について',
    document_number: null,
    body: '',
    attachments: [],
    recorded_by: 'tanaka',
  },
];

// ---------------------------------------------------------------------------------------------
// 取込・照合 and 精算・請求 (target month 2026-10, seen on 2026-11-26)

export const masterNames: MasterNames = {
  operators: [
    { code: '001', name: 'セブン‐イレブン' },
    { code: '002', name: 'ローソン' },
    { code: '003', name: 'ファミリーマート' },
  ],
  kinds: kinds.map(([code, name]) => ({ code, name })),
};

/** October 2026 with its notices and (unless `statement: null`) a finalized statement. */
export function monthIntake(overrides: Partial<MonthIntake> = {}): MonthIntake {
  return {
    target_month: '2026-10',
    available_from: '2026-11-10',
    statement: {
      finalized: true,
      created_at: '2026-11-09T18:00:00',
      imported_at: '2026-11-10T09:12:00',
      imported_by: 'tanaka',
      records: 612,
      issuances: 1230,
      copies: 1302,
      fees: 330_500,
      commissions: 152_334,
    },
    issuances: 1231,
    cancellations: 2,
    corrections: 1,
    ...overrides,
  };
}

/** One day where the notices count one more 住民票 at ローソン than J-LIS's statement. */
export const reconciliationWithDifference: Reconciliation = {
  target_month: '2026-10',
  matched: false,
  finalized: true,
  differences: [
    {
      date: '2026-10-03',
      operator: '002',
      kind: '01',
      statement: { issuances: 12, copies: 13, fees: 3_250, commissions: 1_521 },
      notices: { issuances: 13, copies: 14, fees: 3_500, commissions: 1_638 },
    },
  ],
  out_of_hours: [{ id: 'N20261004-0001', at: '2026-10-04T23:15:00', kind: '04' }],
  commission_findings: [
    { date: '2026-10-05', operator: '001', kind: '03', copies: 10, statement: 1_200, expected: 1_170 },
  ],
};

export const matchedReconciliation: Reconciliation = {
  target_month: '2026-10',
  matched: true,
  finalized: true,
  differences: [],
  out_of_hours: [],
  commission_findings: [],
};

/** Newest first, as the core sends them. */
export const importHistory: ImportRecord[] = [
  {
    at: '2026-11-10T09:12:00',
    actor: 'tanaka',
    action: 'jlis.pull',
    target: '2026-10',
    summary: { days: 31, imported: 1234, unchanged: 0, statement: 'imported' },
  },
  {
    at: '2026-11-02T10:00:00',
    actor: 'tanaka',
    action: 'statement.import',
    target: '2026-10',
    summary: { finalized: false, fees: 330_250, commissions: 152_217 },
  },
  {
    at: '2026-10-20T17:30:00',
    actor: 'tanaka',
    action: 'notices.import',
    target: 'notices',
    summary: { imported: 640, unchanged: 12 },
  },
];

export const pulledOctober: MonthPull = {
  target_month: '2026-10',
  days: 31,
  notices: { imported: 1234, unchanged: 0 },
  statement: {
    target_month: '2026-10',
    status: 'imported',
    finalized: true,
    records: 612,
    issuances: 1230,
    copies: 1302,
    fees: 330_500,
    commissions: 152_334,
  },
  warning: null,
};

export function settlement(overrides: Partial<Settlement> = {}): Settlement {
  return {
    target_month: '2026-10',
    finalized: true,
    copies: 1302,
    fees: 330_500,
    commissions: 152_334,
    net: 178_166,
    by_operator: [
      { code: '001', fees: 180_000, commissions: 82_836, net: 97_164 },
      { code: '002', fees: 150_500, commissions: 69_498, net: 81_002 },
    ],
    by_kind: [
      { code: '01', copies: 800, fees: 200_000, commissions: 93_600, net: 106_400 },
      { code: '03', copies: 502, fees: 130_500, commissions: 58_734, net: 71_766 },
    ],
    invoicing: 'ready',
    ...overrides,
  };
}

/** November 2025 … October 2026; nothing imported before January 2026, October preliminary. */
export function settlementTrend(): TrendPoint[] {
  const points: TrendPoint[] = [];
  for (let i = 0; i < 12; i += 1) {
    const index = 2025 * 12 + 10 + i; // November 2025 first
    const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    const imported = month >= '2026-01';
    points.push({
      target_month: month,
      imported,
      finalized: imported && month !== '2026-10',
      copies: imported ? 1300 : 0,
      fees: imported ? 330_000 : 0,
      commissions: imported ? 152_100 : 0,
      net: imported ? 177_900 : 0,
    });
  }
  return points;
}

/** October 2026's invoice as the core lists it: a clerk's draft of the month's net. */
export function invoice(overrides: Partial<InvoiceDto> = {}): InvoiceDto {
  return {
    id: 1,
    target_month: '2026-10',
    status: 'draft',
    amount: 178_166,
    document_number: null,
    drafted_by: 'tanaka',
    replaces: null,
    approved_by: null,
    sent_on: null,
    sent_late: null,
    paid_on: null,
    paid_amount: null,
    difference: null,
    paid_late: null,
    invoice_by: '2026-11-15',
    payment_by: '2026-11-30',
    overdue: false,
    ...overrides,
  };
}
