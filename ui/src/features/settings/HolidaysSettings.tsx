/**
 * 設定 > 休日・閉庁日: where the national holidays come from (the bundled Cabinet Office list or a
 * newer CSV an admin imported from a file: the desks have no internet) and the city's extra closures.
 * An admin changes them; a supervisor reads them. Every change moves deadlines, so the dashboard and
 * the calendar are refreshed after it.
 */
import {
  Alert,
  Button,
  Card,
  FileButton,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys, uiError } from '../../api';
import type { ApiError } from '../../bindings/ApiError';
import type { ClosureDto } from '../../bindings/ClosureDto';
import type { Dashboard } from '../../bindings/Dashboard';
import type { HolidaySource } from '../../bindings/HolidaySource';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert';
import { formatDate, formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';

export function HolidaysSettings({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={880}>
      <Title order={3}>{t('holidays.title')}</Title>
      {!canEdit && (
        <Alert color="gray" variant="light" data-testid="holidays-read-only">
          {t('holidays.readOnly')}
        </Alert>
      )}
      <HolidaySourceCard canEdit={canEdit} />
      <ClosuresCard canEdit={canEdit} />
    </Stack>
  );
}

/** Holidays and closures decide the deadlines: whatever shows them must be asked again. */
function refreshDeadlines(client: QueryClient) {
  void client.invalidateQueries({ queryKey: queryKeys.deadlines });
  void client.invalidateQueries({ queryKey: queryKeys.monthCalendars });
}

// ---------------------------------------------------------------------------------------------
// The national holiday data

// The hidden <input type="file"> behind the button (a variable: data-* is not in React's input type).
const fileInputProps = { 'aria-describedby': 'holidays-import-hint', 'data-testid': 'holidays-import-file' };

type ImportOutcome =
  | { kind: 'imported'; source: HolidaySource }
  | { kind: 'refused'; file: string; error: ApiError };

function HolidaySourceCard({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const source = useQuery({ queryKey: queryKeys.holidaySource, queryFn: api.holidaySource });
  const resetFile = useRef<() => void>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);

  const importFile = useMutation({
    mutationFn: async (file: File) =>
      api.importHolidays(await readBytes(file, t('holidays.importReadFailed'))),
    onSuccess: (imported) => {
      client.setQueryData(queryKeys.holidaySource, imported);
      refreshDeadlines(client);
      setOutcome({ kind: 'imported', source: imported });
      notifications.show({
        color: 'teal',
        message: t('holidays.imported', { first: imported.first_year, last: imported.last_year }),
      });
    },
    onError: (error, file) => setOutcome({ kind: 'refused', file: file.name, error }),
    // The same file may be chosen again once it has been corrected.
    onSettled: () => resetFile.current?.(),
  });

  return (
    <Card component="section" aria-labelledby="holidays-source-title">
      <Stack gap="sm">
        <Title order={4} id="holidays-source-title">
          {t('holidays.sourceTitle')}
        </Title>
        {source.isPending ? (
          <CenteredLoader />
        ) : source.isError ? (
          <ErrorAlert error={source.error} onRetry={() => void source.refetch()} />
        ) : (
          <SourceText source={source.data} />
        )}
        {canEdit && (
          <Stack gap="xs" align="flex-start">
            <Text size="sm" c="dimmed" id="holidays-import-hint">
              {t('holidays.importHint')}
            </Text>
            <FileButton
              onChange={(file) => {
                if (!file) return;
                setOutcome(null);
                importFile.mutate(file);
              }}
              accept=".csv,text/csv"
              resetRef={resetFile}
              inputProps={fileInputProps}
            >
              {(props) => (
                <Button
                  {...props}
                  variant="default"
                  loading={importFile.isPending}
                  aria-describedby="holidays-import-hint"
                  data-testid="holidays-import"
                >
                  {t('holidays.import')}
                </Button>
              )}
            </FileButton>
          </Stack>
        )}
        {outcome?.kind === 'refused' && (
          <ErrorAlert
            error={outcome.error}
            title={t('holidays.importRefused', { file: outcome.file })}
            testId="holidays-import-error"
          />
        )}
        {outcome?.kind === 'imported' && (
          <Alert color="teal" variant="light" role="status" data-testid="holidays-import-result">
            {t('holidays.imported', { first: outcome.source.first_year, last: outcome.source.last_year })}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

/** 「内閣府の祝日データ（同梱）1955年〜2027年」 or 「取込済み 2026年11月26日(木) 10:15 admin（…）」. */
function SourceText({ source }: { source: HolidaySource }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const years = { first: source.first_year, last: source.last_year };
  const text =
    source.kind === 'imported'
      ? t('holidays.sourceImported', {
          ...years,
          date: source.imported_at ? formatDateTime(source.imported_at, language) : t('common.none'),
          by: source.imported_by ?? t('common.none'),
        })
      : t('holidays.sourceBuiltin', years);
  return (
    <Stack gap={2}>
      <Text fw={700} data-testid="holidays-source">
        {text}
      </Text>
      <Text size="sm" c="dimmed">
        {t('holidays.sourceBeyond', { last: source.last_year })}
      </Text>
    </Stack>
  );
}

/** The file exactly as it is on disk; the core decodes CP932 or UTF-8 and checks every line. */
async function readBytes(file: File, failure: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch {
    const error = uiError('validation', failure);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Extra closures

function ClosuresCard({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const closures = useQuery({ queryKey: queryKeys.closures, queryFn: api.listClosures });
  const [removing, setRemoving] = useState<ClosureDto | null>(null);

  return (
    <Card component="section" aria-labelledby="holidays-closures-title">
      <Stack gap="sm">
        <Title order={4} id="holidays-closures-title">
          {t('holidays.closuresTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('holidays.closuresLead')}
        </Text>
        {closures.isPending ? (
          <CenteredLoader />
        ) : closures.isError ? (
          <ErrorAlert error={closures.error} onRetry={() => void closures.refetch()} />
        ) : (
          <ClosuresTable closures={closures.data} canEdit={canEdit} onRemove={setRemoving} />
        )}
        {canEdit && <AddClosureForm />}
      </Stack>
      <RemoveClosureModal closure={removing} onClose={() => setRemoving(null)} />
    </Card>
  );
}

function ClosuresTable({
  closures,
  canEdit,
  onRemove,
}: {
  closures: ClosureDto[];
  canEdit: boolean;
  onRemove: (closure: ClosureDto) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (closures.length === 0) {
    return (
      <Text size="sm" data-testid="closures-empty">
        {t('holidays.empty')}
      </Text>
    );
  }
  const sorted = [...closures].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <Table withTableBorder striped data-testid="closures-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" w={220}>
            {t('holidays.date')}
          </Table.Th>
          <Table.Th scope="col">{t('holidays.reason')}</Table.Th>
          {canEdit && (
            <Table.Th scope="col" w={100}>
              {t('holidays.actions')}
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((closure) => {
          const date = formatDate(closure.date, language);
          return (
            <Table.Tr key={closure.date} data-testid={`closure-row-${closure.date}`}>
              <Table.Td className="kofu-figures">
                <time dateTime={closure.date}>{date}</time>
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{closure.reason}</Table.Td>
              {canEdit && (
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    onClick={() => onRemove(closure)}
                    aria-label={t('holidays.removeLabel', { date })}
                    data-testid={`closure-remove-${closure.date}`}
                  >
                    {t('holidays.remove')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function RemoveClosureModal({ closure, onClose }: { closure: ClosureDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: (c: ClosureDto) => api.removeClosure(c.date),
    onSuccess: (_nothing, removed) => {
      client.setQueryData<ClosureDto[]>(queryKeys.closures, (list) =>
        list?.filter((c) => c.date !== removed.date),
      );
      void client.invalidateQueries({ queryKey: queryKeys.closures });
      refreshDeadlines(client);
      notifications.show({
        color: 'teal',
        message: t('holidays.removed', { date: formatDate(removed.date, currentLanguage()) }),
      });
      onClose();
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(error) }),
  });

  return (
    <Modal opened={closure !== null} onClose={onClose} title={t('holidays.removeTitle')} centered>
      {closure && (
        <Stack gap="md">
          <Text size="sm">
            {t('holidays.removeConfirm', {
              date: formatDate(closure.date, currentLanguage()),
              reason: closure.reason,
            })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              onClick={() => remove.mutate(closure)}
              loading={remove.isPending}
              data-testid="closure-remove-confirm"
            >
              {t('holidays.removeSubmit')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

type ClosureField = 'date' | 'reason';

/** 閉庁日を追加. A refusal marks the field the core named and keeps what was typed. */
function AddClosureForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const language = currentLanguage();
  // Open the picker on the core's month, not the machine's.
  const today = client.getQueryData<Dashboard>(queryKeys.dashboard)?.today;
  const [date, setDate] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<ClosureField, string>>>({});
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  const add = useMutation({
    mutationFn: (input: { date: string; reason: string }) => api.addClosure(input.date, input.reason),
    onSuccess: (added) => {
      client.setQueryData<ClosureDto[]>(queryKeys.closures, (list) => [
        ...(list ?? []).filter((c) => c.date !== added.date),
        added,
      ]);
      void client.invalidateQueries({ queryKey: queryKeys.closures });
      refreshDeadlines(client);
      notifications.show({
        color: 'teal',
        message: t('holidays.added', { date: formatDate(added.date, currentLanguage()) }),
      });
      setDate(null);
      setReason('');
      setErrors({});
      setRefusal(null);
    },
    onError: (error) => {
      if (error.field === 'date' || error.field === 'reason') {
        setErrors({ [error.field]: errorText(error) });
        setRefusal(null);
      } else {
        setErrors({});
        setRefusal(error);
      }
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<ClosureField, string>> = {};
    if (!date) found.date = t('holidays.dateRequired');
    if (!reason.trim()) found.reason = t('holidays.reasonRequired');
    setErrors(found);
    setRefusal(null);
    if (!date || Object.keys(found).length > 0) return;
    add.mutate({ date, reason: reason.trim() });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="holidays-add-title" data-testid="closure-form">
      <Stack gap="sm" mt="sm">
        <Title order={5} id="holidays-add-title">
          {t('holidays.addTitle')}
        </Title>
        {refusal && (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={t('holidays.addFailed')}
            data-testid="closure-error"
          >
            {errorText(refusal)}
          </Alert>
        )}
        <Group align="flex-start" gap="sm">
          <DatePickerInput
            label={t('holidays.date')}
            placeholder={t('holidays.datePlaceholder')}
            value={date}
            onChange={(value) => {
              setDate(value);
              setErrors((e) => ({ ...e, date: undefined }));
            }}
            valueFormat={language === 'ja' ? 'YYYY年M月D日(dd)' : 'ddd, MMM D, YYYY'}
            getDayAriaLabel={(day) => formatDate(day, language)}
            defaultDate={today}
            error={errors.date}
            withAsterisk
            w={220}
            data-testid="closure-date"
          />
          <TextInput
            label={t('holidays.reason')}
            placeholder={t('holidays.reasonPlaceholder')}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setErrors((er) => ({ ...er, reason: undefined }));
            }}
            error={errors.reason}
            withAsterisk
            style={{ flex: 1, minWidth: 240 }}
            data-testid="closure-reason"
          />
          <Button type="submit" mt={25} loading={add.isPending} data-testid="closure-add">
            {t('holidays.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
