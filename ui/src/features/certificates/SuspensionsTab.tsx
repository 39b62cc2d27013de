/**
 * 停止・保守 (第8条第2項・第3項): planned maintenance (only outside service hours) and emergency
 * stops (with the text announced to residents on kiosks and in stores). A clerk records one; the
 * core checks a planned one against the hours of every kind it stops and refuses it, naming the
 * kind, day and window it would cut into. That message is shown as the core wrote it.
 */
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Radio,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { Scope } from '../../bindings/Scope';
import type { Suspension } from '../../bindings/Suspension';
import type { SuspensionKind } from '../../bindings/SuspensionKind';
import { CenteredLoader } from '../../components/CenteredLoader';
import { DateTimeFields, joinDateTime } from '../../components/DateTimeFields';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import { canDo, type Allowed } from '../../roles';
import { useCoreToday, useFormErrors } from './forms';
import { kindLabel, useTodaysCatalogue } from './shared';

export function SuspensionsTab({ allowed }: { allowed: Allowed }) {
  const { t } = useTranslation();
  const suspensions = useQuery({ queryKey: queryKeys.suspensions, queryFn: api.listSuspensions });
  const [adding, setAdding] = useState(false);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={3}>{t('certificates.tabs.suspensions')}</Title>
          <Text size="sm" c="dimmed">
            {t('suspensions.lead')}
          </Text>
        </Stack>
        {canDo(allowed, 'recordSuspension') && (
          <Button onClick={() => setAdding(true)} data-testid="suspension-add">
            {t('suspensions.add')}
          </Button>
        )}
      </Group>
      {suspensions.isPending ? (
        <CenteredLoader />
      ) : suspensions.isError ? (
        <ErrorAlert error={suspensions.error} onRetry={() => void suspensions.refetch()} />
      ) : (
        <SuspensionsTable suspensions={suspensions.data} />
      )}
      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title={t('suspensions.addTitle')}
        size="lg"
        centered
      >
        {adding && <SuspensionForm onClose={() => setAdding(false)} />}
      </Modal>
    </Stack>
  );
}

function SuspensionsTable({ suspensions }: { suspensions: Suspension[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const catalogue = useTodaysCatalogue();
  if (suspensions.length === 0) {
    return (
      <Text c="dimmed" data-testid="suspensions-empty">
        {t('suspensions.empty')}
      </Text>
    );
  }
  // The latest first: what is coming or happening now is what staff look for.
  const sorted = [...suspensions].sort((a, b) => b.from.localeCompare(a.from));
  const separator = language === 'ja' ? '、' : ', ';
  const scopeText = (scope: Scope) =>
    scope === 'all'
      ? t('suspensions.scopeAll')
      : scope.kinds.map((code) => kindLabel(code, catalogue.data)).join(separator);
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped withTableBorder data-testid="suspensions-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={100}>
              {t('suspensions.kindLabel')}
            </Table.Th>
            <Table.Th scope="col" w={230}>
              {t('suspensions.period')}
            </Table.Th>
            <Table.Th scope="col">{t('suspensions.scope')}</Table.Th>
            <Table.Th scope="col">{t('suspensions.reason')}</Table.Th>
            <Table.Th scope="col">{t('suspensions.notice')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((s, i) => (
            <Table.Tr key={s.id ?? `new-${i}`} data-testid={`suspension-row-${s.id ?? i}`}>
              <Table.Td>
                <Badge
                  color={s.kind === 'emergency' ? 'red' : 'civic'}
                  variant="light"
                  radius="sm"
                  tt="none"
                >
                  {t(`suspensions.kind.${s.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td className="kofu-figures">
                <Stack gap={0}>
                  <Text size="sm">{t('suspensions.periodFrom', { at: formatDateTime(s.from, language) })}</Text>
                  <Text size="sm">{t('suspensions.periodUntil', { at: formatDateTime(s.until, language) })}</Text>
                </Stack>
              </Table.Td>
              <Table.Td>{scopeText(s.scope)}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{s.reason}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                {s.notice_text ?? (
                  <Text span size="sm" c="dimmed">
                    {t('common.none')}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

type Field = 'from' | 'until' | 'scope' | 'reason' | 'notice_text';

const fieldFor = (field: string): Field | null =>
  field === 'from' || field === 'until' || field === 'scope' || field === 'reason' || field === 'notice_text'
    ? field
    : field === 'kinds' || field === 'kind'
      ? 'scope'
      : null;

function SuspensionForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const today = useCoreToday();
  const catalogue = useTodaysCatalogue();
  const [kind, setKind] = useState<SuspensionKind>('planned');
  const [fromDate, setFromDate] = useState<string | null>(null);
  const [fromTime, setFromTime] = useState('');
  const [untilDate, setUntilDate] = useState<string | null>(null);
  const [untilTime, setUntilTime] = useState('');
  const [allKinds, setAllKinds] = useState(true);
  const [kinds, setKinds] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState('');
  const form = useFormErrors(fieldFor);

  const record = useMutation({
    mutationFn: api.recordSuspension,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.suspensions });
      notifications.show({ color: 'teal', message: t('suspensions.added') });
      onClose();
    },
    onError: form.refuse,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const from = joinDateTime(fromDate, fromTime);
    const until = joinDateTime(untilDate, untilTime);
    const found: Partial<Record<Field, string>> = {};
    if (!from) found.from = t('suspensions.dateTimeRequired');
    if (!until) found.until = t('suspensions.dateTimeRequired');
    if (!allKinds && kinds.length === 0) found.scope = t('suspensions.kindsRequired');
    if (!reason.trim()) found.reason = t('suspensions.reasonRequired');
    if (kind === 'emergency' && !notice.trim()) found.notice_text = t('suspensions.noticeRequired');
    if (!form.check(found) || !from || !until) return;
    record.mutate({
      id: null,
      kind,
      scope: allKinds ? 'all' : { kinds: [...kinds].sort() },
      // The core reads whole seconds; the first instant stopped and the first served again.
      from: `${from}:00`,
      until: `${until}:00`,
      reason: reason.trim(),
      notice_text: notice.trim() ? notice.trim() : null,
    });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="suspension-form">
      <Stack gap="sm">
        {form.refusal && (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={t('suspensions.refused')}
            data-testid="suspension-error"
          >
            {errorText(form.refusal)}
          </Alert>
        )}
        <Stack gap={4}>
          <Text size="sm" fw={500} id="suspension-kind-label">
            {t('suspensions.kindLabel')}
          </Text>
          <SegmentedControl
            value={kind}
            onChange={(value) => {
              setKind(value as SuspensionKind);
              form.clear('notice_text');
            }}
            aria-labelledby="suspension-kind-label"
            data={[
              { value: 'planned', label: t('suspensions.kind.planned') },
              { value: 'emergency', label: t('suspensions.kind.emergency') },
            ]}
            data-testid="suspension-kind"
          />
          <Text size="xs" c="dimmed">
            {kind === 'planned' ? t('suspensions.plannedHint') : t('suspensions.emergencyHint')}
          </Text>
        </Stack>
        <DateTimeFields
          label={t('suspensions.from')}
          date={fromDate}
          time={fromTime}
          onDate={(value) => {
            setFromDate(value);
            form.clear('from');
          }}
          onTime={(value) => {
            setFromTime(value);
            form.clear('from');
          }}
          error={form.errors.from}
          required
          defaultDate={today}
          testId="suspension-from"
        />
        <DateTimeFields
          label={t('suspensions.until')}
          date={untilDate}
          time={untilTime}
          onDate={(value) => {
            setUntilDate(value);
            form.clear('until');
          }}
          onTime={(value) => {
            setUntilTime(value);
            form.clear('until');
          }}
          error={form.errors.until}
          required
          defaultDate={fromDate ?? today}
          testId="suspension-until"
        />
        <Radio.Group
          label={t('suspensions.scope')}
          value={allKinds ? 'all' : 'selected'}
          onChange={(value) => {
            setAllKinds(value === 'all');
            form.clear('scope');
          }}
          error={allKinds ? form.errors.scope : undefined}
          withAsterisk
        >
          <Group gap="lg" mt={6}>
            <Radio value="all" label={t('suspensions.scopeAll')} data-testid="suspension-scope-all" />
            <Radio
              value="selected"
              label={t('suspensions.scopeSelected')}
              data-testid="suspension-scope-selected"
            />
          </Group>
        </Radio.Group>
        {!allKinds && (
          <Checkbox.Group
            label={t('suspensions.kinds')}
            value={kinds}
            onChange={(values) => {
              setKinds(values);
              form.clear('scope');
            }}
            error={form.errors.scope}
            withAsterisk
          >
            <Group gap="md" mt={6}>
              {(catalogue.data ?? []).map((entry) => (
                <Checkbox
                  key={entry.code}
                  value={entry.code}
                  label={`${entry.code} ${entry.name}`}
                  data-testid={`suspension-scope-${entry.code}`}
                />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        <TextInput
          label={t('suspensions.reason')}
          placeholder={t('suspensions.reasonPlaceholder')}
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            form.clear('reason');
          }}
          error={form.errors.reason}
          withAsterisk
          data-testid="suspension-reason"
        />
        <Textarea
          label={t('suspensions.notice')}
          description={
            kind === 'emergency'
              ? t('suspensions.noticeDescriptionEmergency')
              : t('suspensions.noticeDescriptionPlanned')
          }
          placeholder={t('suspensions.noticePlaceholder')}
          value={notice}
          onChange={(event) => {
            setNotice(event.currentTarget.value);
            form.clear('notice_text');
          }}
          error={form.errors.notice_text}
          withAsterisk={kind === 'emergency'}
          rows={2}
          data-testid="suspension-notice"
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending} data-testid="suspension-submit">
            {t('suspensions.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
