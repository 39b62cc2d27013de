import type { AppStatus } from '../bindings/AppStatus';
import type { Dashboard } from '../bindings/Dashboard';
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
