/**
 * What 取込・照合 and 精算・請求 share: the target month they open on (the month J-LIS settles
 * now), the month switcher, the names behind J-LIS's operator and certificate codes, and
 * right-aligned yen cells.
 */
import { Button, Group, Table, type TableTdProps } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { CodeName } from '../../bindings/CodeName';
import { formatMonth, formatYen, shiftMonth } from '../../format';
import { currentLanguage } from '../../i18n';

/**
 * The month a screen opens on: last month by the core's today (the month whose statement J-LIS
 * finalizes now), `undefined` while the core's today is loading. If the core cannot say, the
 * machine's date stands in, so the screen still opens.
 */
export function useSettledMonth(): string | undefined {
  const dashboard = useQuery({ queryKey: queryKeys.dashboard, queryFn: api.dashboard });
  if (dashboard.isPending) return undefined;
  const today = dashboard.data?.today ?? machineToday();
  return shiftMonth(today.slice(0, 7), -1);
}

function machineToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * 対象年月: previous month, a month picker, next month. `<testId>` is the picker,
 * `<testId>-previous` and `<testId>-next` the buttons.
 */
export function MonthSwitcher({
  month,
  onChange,
  label,
  testId,
}: {
  month: string;
  onChange: (month: string) => void;
  label: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Group gap="sm" align="flex-end">
      <Button
        variant="default"
        onClick={() => onChange(shiftMonth(month, -1))}
        aria-label={t('months.previousOf', { month: formatMonth(shiftMonth(month, -1), language) })}
        data-testid={`${testId}-previous`}
      >
        <span aria-hidden>‹&nbsp;</span>
        {t('months.previous')}
      </Button>
      <MonthPickerInput
        label={label}
        value={`${month}-01`}
        onChange={(value) => {
          if (value) onChange(value.slice(0, 7));
        }}
        valueFormat={language === 'ja' ? 'YYYY年M月' : 'MMMM YYYY'}
        allowDeselect={false}
        w={180}
        data-testid={testId}
      />
      <Button
        variant="default"
        onClick={() => onChange(shiftMonth(month, 1))}
        aria-label={t('months.nextOf', { month: formatMonth(shiftMonth(month, 1), language) })}
        data-testid={`${testId}-next`}
      >
        {t('months.next')}
        <span aria-hidden>&nbsp;›</span>
      </Button>
    </Group>
  );
}

/** The operators' and certificate kinds' names; codes stand alone until they are known. */
export function useMasterNames() {
  return useQuery({ queryKey: queryKeys.masterNames, queryFn: api.masterNames, staleTime: 5 * 60_000 });
}

/** 「01 住民票の写し」, or the bare code when its name is not known. */
export function codeLabel(code: string, names: CodeName[] | undefined): string {
  const name = names?.find((n) => n.code === code)?.name;
  return name ? `${code} ${name}` : code;
}

/** Just the name (the code when it has none), for chart axes where space is short. */
export function shortName(code: string, names: CodeName[] | undefined): string {
  return names?.find((n) => n.code === code)?.name ?? code;
}

/** Whole numbers with thousands separators (件数, 通数). */
export function formatCount(value: number): string {
  const digits = String(Math.abs(Math.trunc(value))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 ? `−${digits}` : digits;
}

/** A right-aligned figure cell in tabular digits: yen, or a plain count. */
export function FigureTd({
  value,
  yen = false,
  ...props
}: { value: number; yen?: boolean } & TableTdProps & { 'data-testid'?: string }) {
  const language = currentLanguage();
  return (
    <Table.Td ta="right" className="kofu-figures" style={{ whiteSpace: 'nowrap' }} {...props}>
      {yen ? formatYen(value, language) : formatCount(value)}
    </Table.Td>
  );
}
