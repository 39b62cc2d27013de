/**
 * カレンダー: one month of the city's calendar as the core computes it: national holidays, days the
 * city is closed (weekends, 年末年始, extra closures) and the deadlines of the monthly cycle falling
 * on each day. The week starts on Sunday, as city calendars are printed. The grid is one tab stop;
 * the arrow keys move between days and every day has a full spoken label.
 */
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { CalendarDay } from '../../bindings/CalendarDay';
import type { MonthCalendar } from '../../bindings/MonthCalendar';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMonth, formatMonthDay, shiftMonth } from '../../format';
import { currentLanguage } from '../../i18n';
import { useStepLabel } from './deadlineSteps';

const weekdayKeys = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
type WeekdayKey = (typeof weekdayKeys)[number];

export function CalendarPage() {
  const { t } = useTranslation();
  // The core's "today" (Japan time), already cached by the dashboard; the machine's date otherwise.
  const dashboard = useQuery({ queryKey: queryKeys.dashboard, queryFn: api.dashboard });
  const [picked, setPicked] = useState<string | null>(null);

  if (dashboard.isPending) return <CenteredLoader />;
  const today = dashboard.data?.today ?? localIsoDate(new Date());
  const month = picked ?? today.slice(0, 7);

  return (
    <Stack gap="md" data-testid="calendar-page">
      <Title order={2}>{t('calendar.title')}</Title>
      <MonthControls month={month} thisMonth={today.slice(0, 7)} onChange={setPicked} />
      <MonthView month={month} today={today} />
    </Stack>
  );
}

function MonthControls({
  month,
  thisMonth,
  onChange,
}: {
  month: string;
  thisMonth: string;
  onChange: (month: string) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Group gap="sm" align="flex-end">
      <Button
        variant="default"
        onClick={() => onChange(shiftMonth(month, -1))}
        data-testid="calendar-previous"
      >
        <span aria-hidden>‹&nbsp;</span>
        {t('calendar.previous')}
      </Button>
      <MonthPickerInput
        label={t('calendar.monthPicker')}
        value={`${month}-01`}
        onChange={(value) => {
          if (value) onChange(value.slice(0, 7));
        }}
        valueFormat={language === 'ja' ? 'YYYY年M月' : 'MMMM YYYY'}
        allowDeselect={false}
        w={180}
        data-testid="calendar-month"
      />
      <Button variant="default" onClick={() => onChange(shiftMonth(month, 1))} data-testid="calendar-next">
        {t('calendar.next')}
        <span aria-hidden>&nbsp;›</span>
      </Button>
      <Button
        variant="subtle"
        onClick={() => onChange(thisMonth)}
        disabled={month === thisMonth}
        data-testid="calendar-this-month"
      >
        {t('calendar.thisMonth')}
      </Button>
    </Group>
  );
}

function MonthView({ month, today }: { month: string; today: string }) {
  const calendar = useQuery({
    queryKey: queryKeys.monthCalendar(month),
    queryFn: () => api.monthCalendar(month),
    // Keep the last month on screen while the next one loads, so the page does not jump.
    placeholderData: keepPreviousData,
  });

  if (calendar.isPending) return <CenteredLoader />;
  if (calendar.isError) {
    return <ErrorAlert error={calendar.error} onRetry={() => void calendar.refetch()} />;
  }
  return (
    <Card padding="md" aria-busy={calendar.isPlaceholderData}>
      <Stack gap="md">
        <MonthHeading calendar={calendar.data} />
        <MonthGrid key={calendar.data.month} calendar={calendar.data} today={today} />
        <Legend />
      </Stack>
    </Card>
  );
}

/** 令和8年11月 with the Western year beside it (English: the other way round). */
function MonthHeading({ calendar }: { calendar: MonthCalendar }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const western = formatMonth(calendar.month, language);
  return (
    <Title order={3} id="calendar-heading" data-testid="calendar-heading">
      {language === 'ja' ? calendar.wareki : western}
      <Text span inherit fw={400} c="dimmed" ml="sm" size="md">
        {language === 'ja' ? (
          t('calendar.seireki', { month: western })
        ) : (
          <span lang="ja">{calendar.wareki}</span>
        )}
      </Text>
    </Title>
  );
}

function MonthGrid({ calendar, today }: { calendar: MonthCalendar; today: string }) {
  const { t } = useTranslation();
  const { days } = calendar;
  const cells = useRef(new Map<string, HTMLTableCellElement>());
  const initial = days.find((d) => d.date === today)?.date ?? days[0]?.date ?? '';
  const [focused, setFocused] = useState(initial);

  const weeks = toWeeks(days);

  function move(event: KeyboardEvent) {
    const index = days.findIndex((d) => d.date === focused);
    if (index < 0) return;
    const step: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      ArrowUp: -7,
      ArrowDown: 7,
    };
    let target: number;
    if (event.key in step) target = index + (step[event.key] ?? 0);
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = days.length - 1;
    else return;
    event.preventDefault();
    const day = days[Math.min(Math.max(target, 0), days.length - 1)];
    if (!day) return;
    setFocused(day.date);
    cells.current.get(day.date)?.focus();
  }

  return (
    <table
      className="kofu-calendar"
      role="grid"
      aria-labelledby="calendar-heading"
      aria-describedby="calendar-legend"
      onKeyDown={move}
      data-testid="calendar-grid"
    >
      <thead>
        <tr>
          {weekdayKeys.map((key) => (
            <th key={key} scope="col" data-weekday={key} abbr={t(`calendar.weekdaysLong.${key}`)}>
              {t(`calendar.weekdays.${key}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, w) => (
          <tr key={week.find(Boolean)?.date ?? w}>
            {week.map((day, i) =>
              day ? (
                <DayCell
                  key={day.date}
                  day={day}
                  weekday={weekdayKeys[i] ?? 'sun'}
                  isToday={day.date === today}
                  tabbable={day.date === focused}
                  onFocus={() => setFocused(day.date)}
                  cellRef={(node) => {
                    if (node) cells.current.set(day.date, node);
                    else cells.current.delete(day.date);
                  }}
                />
              ) : (
                <td key={`blank-${i}`} className="kofu-calendar-cell" data-blank aria-hidden />
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type DayCellProps = {
  day: CalendarDay;
  weekday: WeekdayKey;
  isToday: boolean;
  tabbable: boolean;
  onFocus: () => void;
  cellRef: (node: HTMLTableCellElement | null) => void;
};

function DayCell({ day, weekday, isToday, tabbable, onFocus, cellRef }: DayCellProps) {
  const { t } = useTranslation();
  const stepLabel = useStepLabel();
  const language = currentLanguage();
  const closed = !day.business_day;
  const extraReason = closureNote(day);
  const steps = day.deadlines.map((key) => stepLabel(key));

  // 「11月23日(月) 勤労感謝の日 休日」, then today and the deadlines if any.
  const label = [
    formatMonthDay(day.date, language),
    day.holiday,
    extraReason,
    closed ? t('calendar.closed') : null,
    isToday ? t('calendar.today') : null,
    steps.length > 0
      ? t('calendar.deadlines', { steps: steps.join(language === 'ja' ? '、' : ', ') })
      : null,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <td
      ref={cellRef}
      className="kofu-calendar-cell"
      role="gridcell"
      tabIndex={tabbable ? 0 : -1}
      onFocus={onFocus}
      aria-label={label}
      title={day.closed_reason ?? undefined}
      data-testid={`calendar-day-${day.date}`}
      data-weekday={weekday}
      data-closed={closed || undefined}
      data-holiday={day.holiday ? true : undefined}
      data-today={isToday || undefined}
      aria-current={isToday ? 'date' : undefined}
    >
      <Stack gap={4} aria-hidden>
        <Text size="sm" className="kofu-calendar-daynum">
          {Number(day.date.slice(8, 10))}
        </Text>
        {day.holiday && (
          <Text size="xs" c="red.8" lh={1.25} data-testid={`calendar-holiday-${day.date}`}>
            {day.holiday}
          </Text>
        )}
        {extraReason && (
          <Text size="xs" c="dimmed" lh={1.25}>
            {extraReason}
          </Text>
        )}
        {day.deadlines.length > 0 && (
          <Group gap={4}>
            {day.deadlines.map((key) => (
              <Badge
                key={key}
                size="sm"
                radius="sm"
                variant="light"
                color="civic"
                tt="none"
                data-testid={`calendar-deadline-${day.date}-${key}`}
              >
                {stepLabel(key)}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>
    </td>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Group gap="lg" id="calendar-legend" data-testid="calendar-legend" aria-label={t('calendar.legend')}>
      <Text size="xs" fw={700}>
        {t('calendar.legend')}
      </Text>
      <Group gap={6}>
        <Text size="xs" c="red.8" fw={700}>
          23
        </Text>
        <Text size="xs">{t('calendar.legendHoliday')}</Text>
      </Group>
      <Group gap={6}>
        <span className="kofu-calendar-swatch" data-closed aria-hidden />
        <Text size="xs">{t('calendar.legendClosed')}</Text>
      </Group>
      <Group gap={6}>
        <span className="kofu-calendar-swatch" data-today aria-hidden />
        <Text size="xs">{t('calendar.legendToday')}</Text>
      </Group>
      <Group gap={6}>
        <Badge size="sm" radius="sm" variant="light" color="civic" tt="none" aria-hidden>
          {t('deadlines.steps.reconcile_by')}
        </Badge>
        <Text size="xs">{t('calendar.legendDeadline')}</Text>
      </Group>
    </Group>
  );
}

/**
 * The reason to print for a closed day that is neither a national holiday (its name is shown
 * already) nor an ordinary weekend: 年末年始 or the city's closure.
 */
function closureNote(day: CalendarDay): string | null {
  if (day.closed_kind === 'year_end' || day.closed_kind === 'closure') return day.closed_reason;
  return null;
}

/** Days in rows of seven, Sunday first, with empty places before the 1st and after the last. */
function toWeeks(days: CalendarDay[]): (CalendarDay | null)[][] {
  const first = days[0];
  if (!first) return [];
  const lead = dayOfWeek(first.date);
  const places: (CalendarDay | null)[] = [...Array<null>(lead).fill(null), ...days];
  while (places.length % 7 !== 0) places.push(null);
  const weeks: (CalendarDay | null)[][] = [];
  for (let i = 0; i < places.length; i += 7) weeks.push(places.slice(i, i + 7));
  return weeks;
}

function dayOfWeek(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).getDay();
}

function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
