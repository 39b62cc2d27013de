/**
 * How dates read on screen: 2026年11月26日(木) in Japanese, "Thu, Nov 26, 2026" in English.
 * (和暦 belongs on documents and is produced by the core.)
 */
import dayjs from 'dayjs';
import type { Language } from './i18n';

/** Formats a calendar date sent by the core as `YYYY-MM-DD` (no time zone involved). */
export function formatDate(isoDate: string, language: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  const date = dayjs(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).locale(language);
  return language === 'ja' ? date.format('YYYY年M月D日(dd)') : date.format('ddd, MMM D, YYYY');
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
