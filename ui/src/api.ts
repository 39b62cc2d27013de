/**
 * The one door to the core: a typed function per Tauri command.
 *
 * Argument object keys are exactly the command's parameter names. Every rejection is turned into an
 * `ApiError` so screens can branch on `code` (never on the Japanese `message`) and mark `field`.
 * No business rule lives here: the core decides, the UI only shows what it said.
 */
import { invoke } from '@tauri-apps/api/core';
import type { ApiError } from './bindings/ApiError';
import type { AppStatus } from './bindings/AppStatus';
import type { Availability } from './bindings/Availability';
import type { CatalogueEntry } from './bindings/CatalogueEntry';
import type { Change } from './bindings/Change';
import type { ChangeRequestDto } from './bindings/ChangeRequestDto';
import type { ClosureDto } from './bindings/ClosureDto';
import type { CodeCheck } from './bindings/CodeCheck';
import type { DocumentKind } from './bindings/DocumentKind';
import type { DocumentNumberSetting } from './bindings/DocumentNumberSetting';
import type { Dashboard } from './bindings/Dashboard';
import type { DeadlinesPanel } from './bindings/DeadlinesPanel';
import type { ErrorCode } from './bindings/ErrorCode';
import type { FeeRule } from './bindings/FeeRule';
import type { FileImport } from './bindings/FileImport';
import type { FirstAdminInput } from './bindings/FirstAdminInput';
import type { HolidaySource } from './bindings/HolidaySource';
import type { LetterDto } from './bindings/LetterDto';
import type { ImportRecord } from './bindings/ImportRecord';
import type { InvoiceDto } from './bindings/InvoiceDto';
import type { JlisSecret } from './bindings/JlisSecret';
import type { JlisSettings } from './bindings/JlisSettings';
import type { JlisSettingsInput } from './bindings/JlisSettingsInput';
import type { LoginInput } from './bindings/LoginInput';
import type { MasterNames } from './bindings/MasterNames';
import type { MonthCalendar } from './bindings/MonthCalendar';
import type { MonthIntake } from './bindings/MonthIntake';
import type { MonthPull } from './bindings/MonthPull';
import type { MunicipalityProfile } from './bindings/MunicipalityProfile';
import type { NewUserInput } from './bindings/NewUserInput';
import type { ProgressSnapshot } from './bindings/ProgressSnapshot';
import type { ReceivedLetterInput } from './bindings/ReceivedLetterInput';
import type { Reconciliation } from './bindings/Reconciliation';
import type { Role } from './bindings/Role';
import type { ServiceHours } from './bindings/ServiceHours';
import type { SessionDto } from './bindings/SessionDto';
import type { Settlement } from './bindings/Settlement';
import type { Suspension } from './bindings/Suspension';
import type { TrendPoint } from './bindings/TrendPoint';
import type { UserDto } from './bindings/UserDto';

/**
 * Every code the core sends, checked at run time: a value naming another code is not the core's
 * error shape. `satisfies` fails the type check when the core adds or drops a code.
 */
const errorCodes = {
  validation: true,
  forbidden: true,
  not_found: true,
  conflict: true,
  unauthenticated: true,
  invalid_credentials: true,
  locked: true,
  not_initialized: true,
  internal: true,
  cancelled: true,
  credential_store: true,
  jlis_not_configured: true,
  jlis_unavailable: true,
  unauthorized: true,
  not_final: true,
  no_invoice: true,
  password_change_required: true,
} as const satisfies Record<ErrorCode, true>;

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}

/**
 * What the app does with a refusal: `signOut` drops back to the login screen, `cancelled` is the
 * clerk's own stop (no alarm), `unexpected` is a failure outside any rule (the core's generic
 * message, the detail in the log), `refused` shows the core's message. Exhaustive on purpose: a
 * code the core adds does not compile until it is placed here.
 */
export type Reaction = 'signOut' | 'cancelled' | 'unexpected' | 'refused';

export function reactionTo(code: ErrorCode): Reaction {
  switch (code) {
    case 'unauthenticated':
      return 'signOut';
    case 'cancelled':
      return 'cancelled';
    case 'internal':
    case 'credential_store':
      return 'unexpected';
    case 'validation':
    case 'forbidden':
    case 'not_found':
    case 'conflict':
    case 'invalid_credentials':
    case 'locked':
    case 'not_initialized':
    case 'jlis_not_configured':
    case 'jlis_unavailable':
    case 'unauthorized':
    case 'not_final':
    case 'no_invoice':
    case 'password_change_required':
      return 'refused';
    default: {
      const unhandled: never = code;
      throw new Error(`unhandled error code ${String(unhandled)}`);
    }
  }
}

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    isErrorCode(v.code) &&
    typeof v.message === 'string' &&
    (v.field === null || v.field === undefined || typeof v.field === 'string') &&
    (v.details === undefined || Array.isArray(v.details))
  );
}

/** A refusal made up by the UI itself (a file it could not read), in the core's shape. */
export function uiError(code: ErrorCode, message: string, field: string | null = null): ApiError {
  return { code, message, field, details: [] };
}

/**
 * Normalises whatever `invoke` rejected with. Anything that is not the core's error shape (the IPC
 * bridge missing, a panic turned into a string) becomes `internal` with an empty message, which the
 * screens replace with their own generic text.
 */
export function toApiError(value: unknown): ApiError {
  if (isApiError(value)) {
    return { code: value.code, message: value.message, field: value.field ?? null, details: value.details ?? [] };
  }
  console.error('unexpected IPC failure', value);
  return uiError('internal', '');
}

/** A file attached to a received notice: its name and its bytes exactly as on disk. */
export type AttachmentUpload = { name: string; bytes: number[] };

async function call<T>(command: string, args?: Record<string, unknown> | Uint8Array): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toApiError(error);
  }
}

export const api = {
  appStatus: () => call<AppStatus>('app_status'),
  checkCode: (code: string) => call<CodeCheck>('check_code', { code }),
  setupFirstAdmin: (input: FirstAdminInput) => call<SessionDto>('setup_first_admin', { input }),
  startWithDemo: () => call<AppStatus>('start_with_demo'),
  login: (input: LoginInput) => call<SessionDto>('login', { input }),
  logout: () => call<null>('logout'),
  dashboard: () => call<Dashboard>('dashboard'),
  getProfile: () => call<MunicipalityProfile>('get_profile'),
  updateProfile: (profile: MunicipalityProfile) =>
    call<MunicipalityProfile>('update_profile', { profile }),
  listUsers: () => call<UserDto[]>('list_users'),
  addUser: (input: NewUserInput) => call<UserDto>('add_user', { input }),
  setUserRole: (name: string, role: Role) => call<UserDto>('set_user_role', { name, role }),
  unlockUser: (name: string) => call<UserDto>('unlock_user', { name }),
  deadlinesPanel: () => call<DeadlinesPanel>('deadlines_panel'),
  /** `month` is `YYYY-MM`. */
  monthCalendar: (month: string) => call<MonthCalendar>('month_calendar', { month }),
  listClosures: () => call<ClosureDto[]>('list_closures'),
  /** `date` is `YYYY-MM-DD`. */
  addClosure: (date: string, reason: string) => call<ClosureDto>('add_closure', { date, reason }),
  removeClosure: (date: string) => call<null>('remove_closure', { date }),
  holidaySource: () => call<HolidaySource>('holiday_source'),
  /** The file's raw bytes (CP932 or UTF-8); the core decodes and checks them. */
  importHolidays: (csv: Uint8Array) => call<HolidaySource>('import_holidays', { csv: Array.from(csv) }),
  /** The catalogue as in force on `on` (`YYYY-MM-DD`; `null`: today in Japan). */
  catalogueList: (on: string | null) => call<CatalogueEntry[]>('catalogue_list', { on }),
  /** Every fee rule of one kind, oldest first. */
  feeHistory: (kind: string) => call<FeeRule[]>('fee_history', { kind }),
  /** The service hours in force on `on` (`YYYY-MM-DD`; `null`: today). */
  serviceHours: (on: string | null) => call<ServiceHours>('service_hours', { on }),
  /** `at` is `YYYY-MM-DDTHH:MM`, Japan time. */
  serviceAvailable: (kind: string, at: string) =>
    call<Availability>('service_available', { kind, at }),
  listSuspensions: () => call<Suspension[]>('list_suspensions'),
  recordSuspension: (suspension: Suspension) =>
    call<Suspension>('record_suspension', { suspension }),
  /** `from` is the effective date, `YYYY-MM-DD`. */
  draftChange: (what: Change, from: string) =>
    call<ChangeRequestDto>('draft_change', { what, from }),
  /** Newest first. */
  changeRequests: () => call<ChangeRequestDto[]>('change_requests'),
  approveChange: (id: number) => call<ChangeRequestDto>('approve_change', { id }),
  returnChange: (id: number, reason: string) =>
    call<ChangeRequestDto>('return_change', { id, reason }),
  correspondence: () => call<LetterDto[]>('correspondence'),
  /** The files' raw bytes as plain arrays of numbers (the command's `Vec<u8>`). */
  recordReceived: (input: ReceivedLetterInput, files: AttachmentUpload[]) =>
    call<LetterDto>('record_received', { input, files }),
  /** One file of a letter by its place in `LetterDto.attachments`, as raw bytes. */
  letterAttachment: (letterId: number, index: number) =>
    call<ArrayBuffer>('letter_attachment', { letterId, index }),
  /** Where a month's intake stands (`month` is `YYYY-MM`). */
  monthIntake: (month: string) => call<MonthIntake>('month_intake', { month }),
  /**
   * A statement or notices file, told apart by the core from its first line (CP932 or UTF-8). The
   * bytes are the invoke payload itself: Tauri sends a `Uint8Array` as the raw request body, with
   * no JSON copy of a large file.
   */
  importFile: (bytes: Uint8Array) => call<FileImport>('import_file', bytes),
  /** Fetches the month's notices (every past day) and its statement from J-LIS's server. */
  pullMonth: (month: string) => call<MonthPull>('pull_month', { month }),
  /** The running import's or pull's progress; `null` when none runs. */
  importProgress: () => call<ProgressSnapshot | null>('import_progress'),
  /** Asks the running import or pull to stop (it then rejects with `cancelled`); false when none runs. */
  cancelImport: () => call<boolean>('cancel_import'),
  /** Refused with `not_found` while the month has no statement. */
  reconcileMonth: (month: string) => call<Reconciliation>('reconcile_month', { month }),
  /** Refused with `not_found` while the month has no statement. */
  settlement: (month: string) => call<Settlement>('settlement', { month }),
  /** The 12 months ending with `month`, oldest first. */
  settlementTrend: (month: string) => call<TrendPoint[]>('settlement_trend', { month }),
  /** The newest imports and pulls, newest first. */
  importHistory: () => call<ImportRecord[]>('import_history'),
  masterNames: () => call<MasterNames>('master_names'),
  /** The J-LIS connection as staff see it: whether each secret is set, never the secret. */
  jlisSettings: () => call<JlisSettings>('jlis_settings'),
  /** Each field replaces the stored one; `null` or `''` clears it (admin). */
  setJlisSettings: (input: JlisSettingsInput) => call<JlisSettings>('set_jlis_settings', { input }),
  /** Puts the token or the certificate's password into this computer's credential store (admin). */
  setJlisSecret: (which: JlisSecret, value: string) =>
    call<JlisSettings>('set_jlis_secret', { which, value }),
  /** Removes the token or the certificate's password from the credential store (admin). */
  clearJlisSecret: (which: JlisSecret) => call<JlisSettings>('clear_jlis_secret', { which }),
  /** 接続テスト: answers a Japanese sentence saying what came back; nothing is stored. */
  testJlisConnection: () => call<string>('test_jlis_connection'),
  /** Each kind's template and the next number of the current 年度 (supervisor, admin). */
  documentNumbers: () => call<DocumentNumberSetting[]>('document_numbers'),
  /** The core checks the template (`{n}` exactly once; `{city}`, `{fy}` allowed). */
  setNumberTemplate: (kind: DocumentKind, template: string) =>
    call<DocumentNumberSetting>('set_number_template', { kind, template }),
  /** The month's invoices (`YYYY-MM`), the latest first. */
  invoices: (month: string) => call<InvoiceDto[]>('list_invoices', { month }),
  draftInvoice: (month: string) => call<InvoiceDto>('draft_invoice', { month }),
  approveInvoice: (id: number) => call<InvoiceDto>('approve_invoice', { id }),
  returnInvoice: (id: number, reason: string) => call<InvoiceDto>('return_invoice', { id, reason }),
  /** `on` is `YYYY-MM-DD`. */
  markInvoiceSent: (id: number, on: string) => call<InvoiceDto>('mark_invoice_sent', { id, on }),
  /** `amount` as typed (`178,166`); the core reads it. */
  markInvoicePaid: (id: number, on: string, amount: string) =>
    call<InvoiceDto>('mark_invoice_paid', { id, on, amount }),
  correctInvoice: (id: number, reason: string) => call<InvoiceDto>('correct_invoice', { id, reason }),
  /** The 請求書 PDF, as raw bytes. */
  invoicePdf: (id: number) => call<ArrayBuffer>('invoice_pdf', { id }),
  /** The 精算書 PDF of a finalized month, as raw bytes. */
  settlementStatementPdf: (month: string) => call<ArrayBuffer>('settlement_statement_pdf', { month }),
  /** The month's Excel workbook, as raw bytes. */
  settlementExport: (month: string) => call<ArrayBuffer>('settlement_export', { month }),
};

/** Query keys, in one place so invalidation cannot drift from the queries. */
export const queryKeys = {
  appStatus: ['app_status'] as const,
  checkCode: (code: string) => ['check_code', code] as const,
  dashboard: ['dashboard'] as const,
  profile: ['profile'] as const,
  users: ['users'] as const,
  deadlines: ['deadlines_panel'] as const,
  /** Every month's calendar starts with this key, so one invalidation reaches them all. */
  monthCalendars: ['month_calendar'] as const,
  monthCalendar: (month: string) => ['month_calendar', month] as const,
  closures: ['closures'] as const,
  holidaySource: ['holiday_source'] as const,
  /** Every day's catalogue starts with this key, so one invalidation reaches them all. */
  catalogues: ['catalogue_list'] as const,
  catalogue: (on: string | null) => ['catalogue_list', on ?? 'today'] as const,
  feeHistories: ['fee_history'] as const,
  feeHistory: (kind: string) => ['fee_history', kind] as const,
  allServiceHours: ['service_hours'] as const,
  serviceHours: (on: string | null) => ['service_hours', on ?? 'today'] as const,
  suspensions: ['suspensions'] as const,
  changeRequests: ['change_requests'] as const,
  correspondence: ['correspondence'] as const,
  monthIntakes: ['month_intake'] as const,
  monthIntake: (month: string) => ['month_intake', month] as const,
  reconciliations: ['reconcile_month'] as const,
  reconciliation: (month: string) => ['reconcile_month', month] as const,
  settlements: ['settlement'] as const,
  settlement: (month: string) => ['settlement', month] as const,
  settlementTrends: ['settlement_trend'] as const,
  settlementTrend: (month: string) => ['settlement_trend', month] as const,
  importHistory: ['import_history'] as const,
  importProgress: ['import_progress'] as const,
  masterNames: ['master_names'] as const,
  jlisSettings: ['jlis_settings'] as const,
  documentNumbers: ['document_numbers'] as const,
  /** Every month's invoices start with this key, so one invalidation reaches them all. */
  allInvoices: ['list_invoices'] as const,
  invoices: (month: string) => ['list_invoices', month] as const,
  invoicePdf: (id: number) => ['invoice_pdf', id] as const,
};
