/**
 * The five steps of the monthly cycle as the screens name and colour them. The core sends each
 * step's key, date, days left and urgency; here they only get a label in the current language and
 * a colour.
 */
import { useTranslation } from 'react-i18next';

export const deadlineKeys = [
  'reconcile_by',
  'fixed_by',
  'available_from',
  'invoice_by',
  'payment_by',
] as const;
export type DeadlineKey = (typeof deadlineKeys)[number];

export function isDeadlineKey(key: string): key is DeadlineKey {
  return (deadlineKeys as readonly string[]).includes(key);
}

/** passed: gray, today: red, soon (within 3 days): orange, later: the product's blue. */
const urgencyColors: Record<string, string> = {
  passed: 'gray',
  today: 'red',
  soon: 'orange',
  later: 'civic',
};

export function urgencyColor(urgency: string): string {
  return urgencyColors[urgency] ?? 'civic';
}

/** A step's name: ours for a known key, else whatever label the core sent. */
export function useStepLabel() {
  const { t } = useTranslation();
  return (key: string, fallback?: string) =>
    isDeadlineKey(key) ? t(`deadlines.steps.${key}`) : (fallback ?? key);
}

/** 「あと3日」, 「今日」 or 「期日経過」. */
export function useDaysLeftText() {
  const { t } = useTranslation();
  return (daysLeft: number) => {
    if (daysLeft < 0) return t('deadlines.passed');
    if (daysLeft === 0) return t('deadlines.today');
    return t('deadlines.daysLeft', { count: daysLeft });
  };
}
