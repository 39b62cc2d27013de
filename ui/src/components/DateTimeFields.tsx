import { Fieldset, Group, Input } from '@mantine/core';
import { DatePickerInput, TimeInput } from '@mantine/dates';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../format';
import { currentLanguage } from '../i18n';

type Props = {
  label: string;
  date: string | null;
  time: string;
  onDate: (date: string | null) => void;
  onTime: (time: string) => void;
  /** Shown under both fields; both are marked invalid. */
  error?: string;
  required?: boolean;
  /** The month the picker opens on when nothing is chosen (the core's today). */
  defaultDate?: string;
  /** `<testId>-date` and `<testId>-time`. */
  testId: string;
};

/**
 * A day and a time of day (Japan time) entered as two fields under one legend: the date from the
 * Japanese date picker, the time typed as HH:MM. Each field has its own spoken label.
 */
export function DateTimeFields({
  label,
  date,
  time,
  onDate,
  onTime,
  error,
  required = false,
  defaultDate,
  testId,
}: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const errorId = useId();
  const describedBy = error ? errorId : undefined;
  return (
    <Fieldset
      variant="unstyled"
      legend={
        <Input.Label required={required} mb={4}>
          {label}
        </Input.Label>
      }
    >
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <DatePickerInput
          aria-label={t('common.dateOf', { label })}
          placeholder={t('common.datePlaceholder')}
          value={date}
          onChange={onDate}
          valueFormat={language === 'ja' ? 'YYYY年M月D日(dd)' : 'ddd, MMM D, YYYY'}
          getDayAriaLabel={(day) => formatDate(day, language)}
          defaultDate={defaultDate}
          error={Boolean(error)}
          aria-describedby={describedBy}
          w={210}
          data-testid={`${testId}-date`}
        />
        <TimeInput
          aria-label={t('common.timeOf', { label })}
          value={time}
          onChange={(event) => onTime(event.currentTarget.value)}
          error={Boolean(error)}
          aria-describedby={describedBy}
          w={120}
          data-testid={`${testId}-time`}
        />
      </Group>
      {error && (
        <Input.Error id={errorId} mt={4} style={{ overflowWrap: 'anywhere' }}>
          {error}
        </Input.Error>
      )}
    </Fieldset>
  );
}

/** `YYYY-MM-DD` and `HH:MM` as the core reads them (`YYYY-MM-DDTHH:MM`), or null if incomplete. */
export function joinDateTime(date: string | null, time: string): string | null {
  if (!date || !/^\d{2}:\d{2}$/.test(time)) return null;
  return `${date.slice(0, 10)}T${time}`;
}
