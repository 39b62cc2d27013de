/**
 * Small pieces shared by the tabs of 証明書・提供時間: the 基準日 picker, certificate names, and
 * the drafting of a change request (every change waits for a supervisor's approval).
 */
import { Button, Group, Select } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { ApiError } from '../../bindings/ApiError';
import type { CatalogueEntry } from '../../bindings/CatalogueEntry';
import type { Change } from '../../bindings/Change';
import type { ChangeRequestDto } from '../../bindings/ChangeRequestDto';
import { formatDate } from '../../format';
import { currentLanguage } from '../../i18n';
import { useCoreToday } from './forms';

/** The catalogue in force today, for names and pickers (shared with the 交付対象証明書 tab). */
export function useTodaysCatalogue() {
  return useQuery({ queryKey: queryKeys.catalogue(null), queryFn: () => api.catalogueList(null) });
}

/** 「01 住民票の写し」, or the bare code when the kind is not (yet) in the list. */
export function kindLabel(code: string, catalogue: CatalogueEntry[] | undefined): string {
  const entry = catalogue?.find((e) => e.code === code);
  return entry ? `${entry.code} ${entry.name}` : code;
}

/** 基準日: the day the tab shows things as in force; empty means today. */
export function ReferenceDatePicker({
  value,
  onChange,
  testId,
}: {
  value: string | null;
  onChange: (value: string | null) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const today = useCoreToday();
  return (
    <DatePickerInput
      label={t('certificates.referenceDate')}
      description={t('certificates.referenceDateHint')}
      placeholder={t('certificates.referenceDatePlaceholder')}
      value={value}
      onChange={onChange}
      clearable
      valueFormat={pickerFormat(language)}
      getDayAriaLabel={(day) => formatDate(day, language)}
      defaultDate={today}
      clearButtonProps={{ 'aria-label': t('certificates.referenceDateClear') }}
      w={240}
      data-testid={testId}
    />
  );
}

/** The date picker's display format in the current language. */
export function pickerFormat(language: string): string {
  return language === 'ja' ? 'YYYY年M月D日(dd)' : 'ddd, MMM D, YYYY';
}

/** 適用開始日 of a drafted change (required; the core checks it is not in the past). */
export function EffectiveFromPicker({
  value,
  onChange,
  error,
  description,
  testId,
}: {
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
  description?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const today = useCoreToday();
  return (
    <DatePickerInput
      label={t('certificates.effectiveFrom')}
      description={description}
      placeholder={t('common.datePlaceholder')}
      value={value}
      onChange={onChange}
      valueFormat={pickerFormat(language)}
      getDayAriaLabel={(day) => formatDate(day, language)}
      defaultDate={today}
      error={error}
      withAsterisk
      w={230}
      data-testid={testId}
    />
  );
}

/** キャンセル and 起案 at the foot of a draft form. */
export function DraftFooter({ onCancel, pending, testId }: { onCancel: () => void; pending: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt="sm">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={pending} data-testid={testId}>
        {t('certificates.submitDraft')}
      </Button>
    </Group>
  );
}

/** A certificate picker over today's catalogue. */
export function KindSelect({
  label,
  value,
  onChange,
  error,
  testId,
  extra = [],
}: {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
  testId: string;
  /** Options placed before the kinds (e.g. the default hours). */
  extra?: { value: string; label: string }[];
}) {
  const catalogue = useTodaysCatalogue();
  const data = [
    ...extra,
    ...(catalogue.data ?? []).map((e) => ({ value: e.code, label: `${e.code} ${e.name}` })),
  ];
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={onChange}
      error={error}
      allowDeselect={false}
      withAsterisk
      searchable
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}

/**
 * 起案: sends the change and its effective date; on success the queue is asked again and the
 * clerk is told who decides next. A refusal goes to the form, which keeps what was typed.
 */
export function useDraftChange({
  onDrafted,
  onRefused,
}: {
  onDrafted: (request: ChangeRequestDto) => void;
  onRefused: (error: ApiError) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { what: Change; from: string }) => api.draftChange(input.what, input.from),
    onSuccess: (request) => {
      void client.invalidateQueries({ queryKey: queryKeys.changeRequests });
      notifications.show({
        color: 'teal',
        message: t('certificates.drafted', {
          id: request.id,
          date: formatDate(request.effective_from, currentLanguage()),
        }),
      });
      onDrafted(request);
    },
    onError: onRefused,
  });
}
