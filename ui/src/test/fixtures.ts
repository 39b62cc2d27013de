import type { AppStatus } from '../bindings/AppStatus';
import type { CalendarDay } from '../bindings/CalendarDay';
import type { ClosureDto } from '../bindings/ClosureDto';
import type { Dashboard } from '../bindings/Dashboard';
import type { DeadlineStep } from '../bindings/DeadlineStep';
import type { DeadlinesPanel } from '../bindings/DeadlinesPanel';
import type { HolidaySource } from '../bindings/HolidaySource';
import type { MonthCalendar } from '../bindings/MonthCalendar';
import type { MunicipalityProfile } from '../bindings/MunicipalityProfile';
import type { Role } from '../bindings/Role';
import type { SessionDto } from '../bindings/SessionDto';
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

export function session(role: Role): SessionDto {
  return { user: user(role), municipality_name: '千葉市' };
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
  return { key, label: stepLabels[key] ?? key, date, days_left, urgency };
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
  });
  return {
    today,
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
