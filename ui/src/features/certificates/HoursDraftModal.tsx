/**
 * 提供時間の変更を起案: one window for a kind (or for the default hours), every day or on business
 * days only, from an effective date. The WeeklyHours sent is built the way the core builds its own
 * (`every_day` / `business_days`): the window on every row, or on 月〜金 with weekends and
 * holidays closed.
 */
import { Alert, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimeWindow } from '../../bindings/TimeWindow';
import type { WeeklyHours } from '../../bindings/WeeklyHours';
import { useErrorText } from '../../components/ErrorAlert';
import { useFormErrors } from './forms';
import { DraftFooter, EffectiveFromPicker, KindSelect, useDraftChange } from './shared';

/** The select's value for "the default hours" (`kind: null`). */
const DEFAULT_HOURS = 'default';

export function weeklyHours(window: TimeWindow, businessDaysOnly: boolean): WeeklyHours {
  const w = [window];
  if (businessDaysOnly) {
    return { rule: 'business_days_only', mon: w, tue: w, wed: w, thu: w, fri: w, sat: [], sun: [], holiday: [] };
  }
  return { rule: 'every_day', mon: w, tue: w, wed: w, thu: w, fri: w, sat: w, sun: w, holiday: w };
}

export function HoursDraftModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('hours.draftTitle')} centered>
      {opened && <HoursDraftForm onClose={onClose} />}
    </Modal>
  );
}

type Field = 'kind' | 'start' | 'end' | 'from';

const fieldFor = (field: string): Field | null => {
  if (field === 'kind') return 'kind';
  if (field === 'hours' || field === 'time' || field === 'end') return 'end';
  if (field === 'start') return 'start';
  if (field === 'effective_from' || field === 'from') return 'from';
  return null;
};

function HoursDraftForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [kind, setKind] = useState<string | null>(null);
  const [start, setStart] = useState('06:30');
  const [end, setEnd] = useState('23:00');
  const [businessDaysOnly, setBusinessDaysOnly] = useState(false);
  const [from, setFrom] = useState<string | null>(null);
  const form = useFormErrors(fieldFor);
  const draft = useDraftChange({ onDrafted: onClose, onRefused: form.refuse });

  function submit(event: FormEvent) {
    event.preventDefault();
    const hhmm = /^\d{2}:\d{2}$/;
    const found: Partial<Record<Field, string>> = {};
    if (!kind) found.kind = t('certificates.kindRequired');
    if (!hhmm.test(start)) found.start = t('hours.timeRequired');
    if (!hhmm.test(end)) found.end = t('hours.timeRequired');
    if (!from) found.from = t('certificates.dateRequired');
    if (!form.check(found) || !kind || !from) return;
    draft.mutate({
      what: {
        type: 'set_hours',
        kind: kind === DEFAULT_HOURS ? null : kind,
        hours: weeklyHours({ start, end }, businessDaysOnly),
      },
      from,
    });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="hours-draft-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('hours.draftLead')}
        </Text>
        {form.refusal && (
          <Alert color="red" variant="light" role="alert" title={t('certificates.draftFailed')}>
            {errorText(form.refusal)}
          </Alert>
        )}
        <KindSelect
          label={t('hours.draftKind')}
          value={kind}
          onChange={(value) => {
            setKind(value);
            form.clear('kind');
          }}
          error={form.errors.kind}
          extra={[{ value: DEFAULT_HOURS, label: t('hours.draftDefault') }]}
          testId="hours-draft-kind"
        />
        <Group gap="sm" align="flex-start">
          <TimeInput
            label={t('hours.start')}
            value={start}
            onChange={(event) => {
              setStart(event.currentTarget.value);
              form.clear('start');
            }}
            error={form.errors.start}
            withAsterisk
            w={140}
            data-testid="hours-draft-start"
          />
          <TimeInput
            label={t('hours.end')}
            description={t('hours.endDescription')}
            value={end}
            onChange={(event) => {
              setEnd(event.currentTarget.value);
              form.clear('end');
            }}
            error={form.errors.end}
            withAsterisk
            w={200}
            data-testid="hours-draft-end"
          />
        </Group>
        <Checkbox
          label={t('hours.businessDaysOnly')}
          description={t('hours.businessDaysOnlyDescription')}
          checked={businessDaysOnly}
          onChange={(event) => setBusinessDaysOnly(event.currentTarget.checked)}
          data-testid="hours-draft-business-days"
        />
        <EffectiveFromPicker
          value={from}
          onChange={(value) => {
            setFrom(value);
            form.clear('from');
          }}
          error={form.errors.from}
          testId="hours-draft-from"
        />
        <DraftFooter onCancel={onClose} pending={draft.isPending} testId="hours-draft-submit" />
      </Stack>
    </form>
  );
}
