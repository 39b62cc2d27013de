/**
 * How dates read on screen: 2026年11月26日(木) in Japanese, "Thu, Nov 26, 2026" in English.
 * (和暦 belongs on documents and is produced by the core.)
 */
import dayjs from 'dayjs';
import type { Language } from './i18n';

/** Formats a calendar date sent by the core as `YYYY-MM-DD` (no time zone involved). */
export function formatDate(isoDate: string, language: Language): string {
  const parsed = parseDate(isoDate);
  if (!parsed) return isoDate;
  const date = dayjs(parsed).locale(language);
  return language === 'ja' ? date.format('YYYY年M月D日(dd)') : date.format('ddd, MMM D, YYYY');
}

/** A day within a year, as on a timeline: 11月6日(金) in Japanese, "Fri, Nov 6" in English. */
export function formatMonthDay(isoDate: string, language: Language): string {
  const date = parseDate(isoDate);
  if (!date) return isoDate;
  const local = dayjs(date).locale(language);
  return language === 'ja' ? local.format('M月D日(dd)') : local.format('ddd, MMM D');
}

/** A month sent as `YYYY-MM` (or any date in it): 2026年11月 in Japanese, "November 2026" in English. */
export function formatMonth(isoMonth: string, language: Language): string {
  const m = /^(\d{4})-(\d{2})/.exec(isoMonth);
  if (!m) return isoMonth;
  const local = dayjs(new Date(Number(m[1]), Number(m[2]) - 1, 1)).locale(language);
  return language === 'ja' ? local.format('YYYY年M月') : local.format('MMMM YYYY');
}

/** `YYYY-MM` of the month before or after (`delta` months away). */
export function shiftMonth(isoMonth: string, delta: number): string {
  const m = /^(\d{4})-(\d{2})/.exec(isoMonth);
  if (!m) return isoMonth;
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) + delta;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

function parseDate(isoDate: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/** Formats an instant (RFC 3339) in the machine's local time zone, with hours and minutes. */
export function formatDateTime(instant: string, language: Language): string {
  const date = dayjs(instant);
  if (!date.isValid()) return instant;
  const local = date.locale(language);
  return language === 'ja'
    ? local.format('YYYY年M月D日(dd) HH:mm')
    : local.format('ddd, MMM D, YYYY HH:mm');
}

/** Whole yen with thousands separators: 1,250円 in Japanese, ¥1,250 in English. */
export function formatYen(amount: number, language: Language): string {
  const digits = String(Math.abs(Math.trunc(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = amount < 0 ? '−' : '';
  return language === 'ja' ? `${sign}${digits}円` : `${sign}¥${digits}`;
}

/** A time of day sent as `HH:MM`, written the Japanese way without a leading zero: 6:30. */
export function formatTime(hhmm: string): string {
  const m = /^(\d{1,2}):(\d{2})/.exec(hhmm);
  return m ? `${Number(m[1])}:${m[2]}` : hhmm;
}

/** A day of every year sent as `MM-DD`: 12月29日 in Japanese, "Dec 29" in English. */
export function formatYearlyDay(monthDay: string, language: Language): string {
  const m = /^(\d{2})-(\d{2})$/.exec(monthDay);
  if (!m) return monthDay;
  if (language === 'ja') return `${Number(m[1])}月${Number(m[2])}日`;
  return dayjs(new Date(2000, Number(m[1]) - 1, Number(m[2]))).locale('en').format('MMM D');
}
