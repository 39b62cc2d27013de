/**
 * The navigation order and the core action that governs each area, settings page and button. Who
 * may do what is the core's matrix alone: the session lists the actions the signed-in role may do
 * (`SessionDto.actions`) and the UI shows what that list allows. The core still refuses anything
 * a role may not do, whatever the UI shows.
 */
import type { Action } from './bindings/Action';
import type { Role } from './bindings/Role';

/** The roles, in the order the staff screens list them. */
export const roles: readonly Role[] = ['clerk', 'supervisor', 'helpdesk', 'admin'];

/** What the signed-in role may do, as the session says. */
export type Allowed = readonly Action[];

export function may(allowed: Allowed, action: Action): boolean {
  return allowed.includes(action);
}

export type AreaId =
  | 'dashboard'
  | 'calendar'
  | 'certificates'
  | 'reconciliation'
  | 'settlement'
  | 'cases'
  | 'correspondence'
  | 'settings';

/** The left navigation, in order, with the action that shows each area. */
export const areas: readonly { id: AreaId; action: Action }[] = [
  { id: 'dashboard', action: 'view_profile' },
  { id: 'calendar', action: 'view_calendar' },
  { id: 'certificates', action: 'view_catalogue' },
  // Intake status, reconciliation and settlement are the month's data.
  { id: 'reconciliation', action: 'view_settlement' },
  { id: 'settlement', action: 'view_settlement' },
  { id: 'cases', action: 'view_cases' },
  { id: 'correspondence', action: 'view_correspondence' },
  { id: 'settings', action: 'view_settings' },
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

/**
 * Pages inside 設定: `action` shows the page, `edit` (when given) lets the page change things; a
 * page without `edit` is changed by whoever sees it. 休日・閉庁日: every reader of 設定 sees it,
 * only those who manage the calendar change it.
 */
export const settingsPages: readonly { id: SettingsPageId; action: Action; edit?: Action }[] = [
  { id: 'profile', action: 'edit_profile' },
  { id: 'users', action: 'manage_users' },
  { id: 'jlis', action: 'manage_connection' },
  { id: 'database', action: 'manage_backups' },
  { id: 'holidays', action: 'view_settings', edit: 'manage_calendar' },
  { id: 'documentNumbers', action: 'manage_document_numbers' },
  { id: 'backup', action: 'manage_backups' },
  { id: 'audit', action: 'view_audit' },
];

export function canEditSettingsPage(allowed: Allowed, page: SettingsPageId): boolean {
  const entry = settingsPages.find((p) => p.id === page);
  return entry !== undefined && may(allowed, entry.edit ?? entry.action);
}

export function visibleAreas(allowed: Allowed) {
  return areas.filter((area) => may(allowed, area.action));
}

export function visibleSettingsPages(allowed: Allowed) {
  return settingsPages.filter((page) => may(allowed, page.action));
}

/**
 * The buttons of 証明書・提供時間, 連絡記録 and 取込・照合, each named by the core action it
 * needs. The core still decides every request, including the four-eyes rule on approvals.
 */
export const buttons = {
  draftChange: 'draft_change',
  // A suspension is recorded as a drafted change.
  recordSuspension: 'draft_change',
  approveChange: 'approve',
  recordCorrespondence: 'record_correspondence',
  importData: 'import_data',
} as const satisfies Record<string, Action>;

export function canDo(allowed: Allowed, button: keyof typeof buttons): boolean {
  return may(allowed, buttons[button]);
}
