/**
 * 提供時間 (第8条第1項): the weekly hours of every certificate kind as in force on the 基準日: the
 * default hours and the kinds with hours of their own, each as a grid of 月…日 and 祝日, with the
 * rule (毎日 / 開庁日のみ) and the closed days of every kind. A clerk drafts new hours; anyone can
 * ask whether a kind can be issued at a given moment, and why not.
 */
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { CatalogueEntry } from '../../bindings/CatalogueEntry';
import type { ServiceHours } from '../../bindings/ServiceHours';
import type { TimeWindow } from '../../bindings/TimeWindow';
import type { WeeklyHours } from '../../bindings/WeeklyHours';
import { CenteredLoader } from '../../components/CenteredLoader';
import { DateTimeFields, joinDateTime } from '../../components/DateTimeFields';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert';
import { formatDate, formatDateTime, formatTime, formatYearlyDay } from '../../format';
import { currentLanguage } from '../../i18n';
import { canDo, type Allowed } from '../../roles';
import { useCoreToday, useFormErrors } from './forms';
import { HoursDraftModal } from './HoursDraftModal';
import { KindSelect, ReferenceDatePicker, kindLabel } from './shared';

export const dayRows = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday'] as const;
type DayRow = (typeof dayRows)[number];

export function HoursTab({ allowed }: { allowed: Allowed }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [on, setOn] = useState<string | null>(null);
  const [drafting, setDrafting] = useState(false);
  const hours = useQuery({
    queryKey: queryKeys.serviceHours(on),
    queryFn: () => api.serviceHours(on),
    placeholderData: keepPreviousData,
  });
  const catalogue = useQuery({
    queryKey: queryKeys.catalogue(on),
    queryFn: () => api.catalogueList(on),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={3}>{t('certificates.tabs.hours')}</Title>
          <Text size="sm" c="dimmed">
            {on ? t('catalogue.asOf', { date: formatDate(on, language) }) : t('catalogue.asOfToday')}
          </Text>
        </Stack>
        <Group gap="sm" align="flex-end">
          <ReferenceDatePicker value={on} onChange={setOn} testId="hours-on" />
          {canDo(allowed, 'draftChange') && (
            <Button onClick={() => setDrafting(true)} data-testid="hours-draft-open">
              {t('hours.draftOpen')}
            </Button>
          )}
        </Group>
      </Group>
      {hours.isPending || catalogue.isPending ? (
        <CenteredLoader />
      ) : hours.isError ? (
        <ErrorAlert error={hours.error} onRetry={() => void hours.refetch()} />
      ) : catalogue.isError ? (
        <ErrorAlert error={catalogue.error} onRetry={() => void catalogue.refetch()} />
      ) : (
        <HoursOverview hours={hours.data} catalogue={catalogue.data} busy={hours.isPlaceholderData} />
      )}
      <AvailabilityCheck />
      <HoursDraftModal opened={drafting} onClose={() => setDrafting(false)} />
    </Stack>
  );
}

function HoursOverview({
  hours,
  catalogue,
  busy,
}: {
  hours: ServiceHours;
  catalogue: CatalogueEntry[];
  busy: boolean;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const separator = language === 'ja' ? '、' : ', ';
  const own = Object.keys(hours.by_kind).sort();
  const followingDefault = catalogue.filter((e) => !own.includes(e.code));
  return (
    <Stack gap="md" aria-busy={busy}>
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
        <WeeklyCard
          id="default"
          title={t('hours.defaultTitle')}
          subtitle={
            followingDefault.length > 0
              ? t('hours.defaultKinds', {
                  kinds: followingDefault.map((e) => `${e.code} ${e.name}`).join(separator),
                })
              : t('hours.defaultNone')
          }
          weekly={hours.default}
        />
        {own.map((code) => {
          const weekly = hours.by_kind[code];
          return weekly ? (
            <WeeklyCard key={code} id={code} title={kindLabel(code, catalogue)} weekly={weekly} />
          ) : null;
        })}
      </SimpleGrid>
      <Card component="section" aria-labelledby="hours-closed-title" data-testid="hours-closed-days">
        <Stack gap="xs">
          <Title order={4} id="hours-closed-title">
            {t('hours.closedDaysTitle')}
          </Title>
          {hours.closed_days.length === 0 ? (
            <Text size="sm">{t('hours.closedDaysEmpty')}</Text>
          ) : (
            hours.closed_days.map((c) => (
              <Text key={`${c.from}-${c.until}`} size="sm" className="kofu-figures">
                {t('hours.closedDayValue', {
                  label: c.label,
                  from: formatYearlyDay(c.from, language),
                  until: formatYearlyDay(c.until, language),
                })}
              </Text>
            ))
          )}
          <Text size="xs" c="dimmed">
            {t('hours.closedDaysNote')}
          </Text>
        </Stack>
      </Card>
    </Stack>
  );
}

/** 6:30〜23:00 (two windows: 6:30〜12:00、13:00〜23:00). */
export function windowText(windows: TimeWindow[], language: string): string {
  const dash = language === 'ja' ? '〜' : '–';
  return windows
    .map((w) => `${formatTime(w.start)}${dash}${formatTime(w.end)}`)
    .join(language === 'ja' ? '、' : ', ');
}

/** Under 開庁日のみ every 休日 (weekends, holidays, closures) is closed, whatever its row says. */
function rowWindows(weekly: WeeklyHours, row: DayRow): TimeWindow[] {
  if (weekly.rule === 'business_days_only' && (row === 'sat' || row === 'sun' || row === 'holiday')) {
    return [];
  }
  return weekly[row];
}

function WeeklyCard({
  id,
  title,
  subtitle,
  weekly,
}: {
  id: string;
  title: string;
  subtitle?: string;
  weekly: WeeklyHours;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const titleId = `hours-title-${id}`;
  return (
    <Card component="section" aria-labelledby={titleId} data-testid={`hours-card-${id}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={4} id={titleId}>
            {title}
          </Title>
          <Badge
            variant="light"
            color={weekly.rule === 'every_day' ? 'civic' : 'orange'}
            radius="sm"
            tt="none"
            style={{ flexShrink: 0 }}
            data-testid={`hours-rule-${id}`}
          >
            {t(`hours.rule.${weekly.rule}`)}
          </Badge>
        </Group>
        {subtitle && (
          <Text size="xs" c="dimmed">
            {subtitle}
          </Text>
        )}
        {weekly.rule === 'business_days_only' && (
          <Text size="xs" c="dimmed">
            {t('hours.businessDaysNote')}
          </Text>
        )}
        <Table withTableBorder layout="fixed" aria-labelledby={titleId} data-testid={`hours-grid-${id}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={72}>
                {t('hours.day')}
              </Table.Th>
              <Table.Th scope="col">{t('hours.window')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {dayRows.map((row) => {
              const windows = rowWindows(weekly, row);
              return (
                <Table.Tr key={row} data-testid={`hours-${id}-${row}`}>
                  <Table.Th scope="row" fw={400} c={row === 'sun' || row === 'holiday' ? 'red.8' : undefined}>
                    <abbr title={t(`hours.daysLong.${row}`)} style={{ textDecoration: 'none' }}>
                      {t(`hours.days.${row}`)}
                    </abbr>
                  </Table.Th>
                  <Table.Td className="kofu-figures">
                    {windows.length > 0 ? (
                      windowText(windows, language)
                    ) : (
                      <Text span size="sm" c="dimmed">
                        {t('hours.closedRow')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------
// 交付可否の確認

type CheckField = 'kind' | 'at';

function AvailabilityCheck() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const language = currentLanguage();
  const today = useCoreToday();
  const [kind, setKind] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(today ?? null);
  const [time, setTime] = useState('');
  const form = useFormErrors<CheckField>((field) =>
    field === 'kind' ? 'kind' : field === 'at' ? 'at' : null,
  );
  const check = useMutation({
    mutationFn: (input: { kind: string; at: string }) => api.serviceAvailable(input.kind, input.at),
    onError: form.refuse,
  });
  const catalogue = useQuery({ queryKey: queryKeys.catalogue(null), queryFn: () => api.catalogueList(null) });

  function submit(event: FormEvent) {
    event.preventDefault();
    const at = joinDateTime(date, time);
    const found: Partial<Record<CheckField, string>> = {};
    if (!kind) found.kind = t('certificates.kindRequired');
    if (!at) found.at = t('hours.dateTimeRequired');
    check.reset();
    if (!form.check(found) || !kind || !at) return;
    check.mutate({ kind, at });
  }

  const asked = check.variables;
  const answer = check.data;
  return (
    <Card component="section" aria-labelledby="availability-title" maw={760}>
      <form onSubmit={submit} noValidate data-testid="availability-form">
        <Stack gap="sm">
          <Title order={4} id="availability-title">
            {t('hours.checkTitle')}
          </Title>
          <Group gap="sm" align="flex-start">
            <div style={{ minWidth: 240 }}>
              <KindSelect
                label={t('certificates.kind')}
                value={kind}
                onChange={(value) => {
                  setKind(value);
                  form.clear('kind');
                }}
                error={form.errors.kind}
                testId="availability-kind"
              />
            </div>
            <DateTimeFields
              label={t('hours.checkAt')}
              date={date}
              time={time}
              onDate={(value) => {
                setDate(value);
                form.clear('at');
              }}
              onTime={(value) => {
                setTime(value);
                form.clear('at');
              }}
              error={form.errors.at}
              required
              defaultDate={today}
              testId="availability-at"
            />
            <Button type="submit" mt={25} loading={check.isPending} data-testid="availability-check">
              {t('hours.checkSubmit')}
            </Button>
          </Group>
          {form.refusal && (
            <Alert color="red" variant="light" role="alert" data-testid="availability-error">
              {errorText(form.refusal)}
            </Alert>
          )}
          {answer && asked && (
            <Alert
              color={answer.available ? 'teal' : 'orange'}
              variant="light"
              role="status"
              title={answer.available ? t('hours.available') : t('hours.unavailable')}
              data-testid="availability-result"
            >
              <Stack gap={4}>
                <Text size="sm">
                  {t('hours.checkedFor', {
                    kind: kindLabel(asked.kind, catalogue.data),
                    at: formatDateTime(asked.at, language),
                  })}
                </Text>
                {!answer.available && answer.reason && (
                  <Text size="sm" data-testid="availability-reason">
                    {answer.reason}
                  </Text>
                )}
              </Stack>
            </Alert>
          )}
        </Stack>
      </form>
    </Card>
  );
}
