/**
 * What each role is shown. This only keeps the screens tidy: the core refuses anything a role may
 * not do, whatever the UI shows.
 */
import type { Role } from './bindings/Role';

export const roles: readonly Role[] = ['clerk', 'supervisor', 'helpdesk', 'admin'];

export type AreaId =
  | 'dashboard'
  | 'calendar'
  | 'certificates'
  | 'reconciliation'
  | 'settlement'
  | 'cases'
  | 'correspondence'
  | 'settings';

/**
 * Who may read the month's data: intake status, reconciliation, settlement (the core's
 * `ViewSettlement`: clerks and supervisors).
 */
const settlementReaders: readonly Role[] = ['clerk', 'supervisor'];

/** The left navigation, in order, with the roles that see each area. */
export const areas: readonly { id: AreaId; roles: readonly Role[] }[] = [
  { id: 'dashboard', roles },
  { id: 'calendar', roles },
  { id: 'certificates', roles },
  { id: 'reconciliation', roles: settlementReaders },
  { id: 'settlement', roles: settlementReaders },
  { id: 'cases', roles },
  { id: 'correspondence', roles },
  { id: 'settings', roles: ['admin', 'supervisor'] },
];

export type SettingsPageId =
  | 'profile'
  | 'users'
  | 'jlis'
  | 'database'
  | 'holidays'
  | 'documentNumbers'
  | 'backup'
  | 'audit';

/** Pages inside 設定. 団体情報 and 職員・権限 are admin-only. */
export const settingsPages: readonly { id: SettingsPageId; roles: readonly Role[] }[] = [
  { id: 'profile', roles: ['admin'] },
  { id: 'users', roles: ['admin'] },
  { id: 'jlis', roles: ['admin'] },
  { id: 'database', roles: ['admin'] },
  { id: 'holidays', roles: ['admin', 'supervisor'] },
  { id: 'documentNumbers', roles: ['admin', 'supervisor'] },
  { id: 'backup', roles: ['admin'] },
  { id: 'audit', roles: ['admin', 'supervisor'] },
];

/**
 * Pages some roles may read but not change. A page not listed here is changed by every role that
 * sees it. 休日・閉庁日: a supervisor reads it, only an admin changes it.
 */
const settingsEditors: Partial<Record<SettingsPageId, readonly Role[]>> = {
  holidays: ['admin'],
};

export function canEditSettingsPage(role: Role, page: SettingsPageId): boolean {
  const editors = settingsEditors[page] ?? settingsPages.find((p) => p.id === page)?.roles ?? [];
  return editors.includes(role);
}

export function visibleAreas(role: Role) {
  return areas.filter((area) => area.roles.includes(role));
}

export function visibleSettingsPages(role: Role) {
  return settingsPages.filter((page) => page.roles.includes(role));
}

/**
 * What a role may do in 証明書・提供時間, 連絡記録 and 取込・照合. Buttons follow this list; the
 * core still decides every request, including the four-eyes rule on approvals.
 */
export type CatalogueAction =
  | 'draftChange'
  | 'recordSuspension'
  | 'approveChange'
  | 'recordCorrespondence';

/** 取込・照合: importing files and pulling from J-LIS's server (the core's `ImportData`). */
export type IntakeAction = 'importData';

export type Action = CatalogueAction | IntakeAction;

const actors: Record<Action, readonly Role[]> = {
  draftChange: ['clerk'],
  recordSuspension: ['clerk'],
  approveChange: ['supervisor'],
  recordCorrespondence: ['clerk', 'supervisor'],
  importData: ['clerk'],
};

export function canDo(role: Role, action: Action): boolean {
  return actors[action].includes(role);
}
