/**
 * 起案 for the catalogue (第7条): a fee for a period (a campaign ends on its 終了日; without one the
 * fee stays until the next change) and a new certificate kind. The effective date of a fee change
 * is the first day of the fee: one date, so the notice to J-LIS and the schedule agree.
 */
import { Alert, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../format';
import { currentLanguage } from '../../i18n';
import { useErrorText } from '../../components/ErrorAlert';
import { useCoreToday, useFormErrors } from './forms';
import { DraftFooter, EffectiveFromPicker, KindSelect, pickerFormat, useDraftChange } from './shared';

export function FeeDraftModal({
  opened,
  kind,
  onClose,
}: {
  opened: boolean;
  kind: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('catalogue.feeDraftTitle')} centered size="md">
      {/* Mounted only while open: every opening starts from the kind it was opened for. */}
      {opened && <FeeDraftForm initialKind={kind} onClose={onClose} />}
    </Modal>
  );
}

type FeeField = 'kind' | 'fee' | 'from' | 'until' | 'note';

const feeFieldFor = (field: string): FeeField | null => {
  if (field === 'kind' || field === 'fee' || field === 'note') return field;
  if (field === 'effective_from' || field === 'period.from' || field === 'from') return 'from';
  if (field === 'period.until' || field === 'until' || field === 'period') return 'until';
  return null;
};

function FeeDraftForm({ initialKind, onClose }: { initialKind: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const language = currentLanguage();
  const today = useCoreToday();
  const [kind, setKind] = useState<string | null>(initialKind);
  const [fee, setFee] = useState<number | string>('');
  const [from, setFrom] = useState<string | null>(null);
  const [until, setUntil] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const form = useFormErrors(feeFieldFor);
  const draft = useDraftChange({ onDrafted: onClose, onRefused: form.refuse });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<FeeField, string>> = {};
    if (!kind) found.kind = t('certificates.kindRequired');
    const amount = typeof fee === 'number' ? fee : fee.trim() === '' ? NaN : Number(fee);
    if (!Number.isInteger(amount) || amount < 0) found.fee = t('catalogue.feeRequired');
    if (!from) found.from = t('certificates.dateRequired');
    if (!form.check(found) || !kind || !from) return;
    draft.mutate({
      what: {
        type: 'set_fee',
        kind,
        period: { from, until },
        fee: amount,
        note: note.trim(),
      },
      from,
    });
  }

  const dateFormat = pickerFormat(language);
  return (
    <form onSubmit={submit} noValidate data-testid="fee-draft-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('certificates.approvalNote')}
        </Text>
        {form.refusal && (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={t('certificates.draftFailed')}
            data-testid="fee-draft-error"
          >
            {errorText(form.refusal)}
          </Alert>
        )}
        <KindSelect
          label={t('certificates.kind')}
          value={kind}
          onChange={(value) => {
            setKind(value);
            form.clear('kind');
          }}
          error={form.errors.kind}
          testId="fee-draft-kind"
        />
        <NumberInput
          label={t('catalogue.feeAmount')}
          value={fee}
          onChange={(value) => {
            setFee(value);
            form.clear('fee');
          }}
          min={0}
          allowNegative={false}
          allowDecimal={false}
          thousandSeparator=","
          suffix={language === 'ja' ? '円' : undefined}
          prefix={language === 'ja' ? undefined : '¥'}
          hideControls
          error={form.errors.fee}
          withAsterisk
          w={180}
          styles={{ input: { textAlign: 'right' } }}
          data-testid="fee-draft-fee"
        />
        <Group gap="sm" align="flex-start">
          <EffectiveFromPicker
            value={from}
            onChange={(value) => {
              setFrom(value);
              form.clear('from');
            }}
            error={form.errors.from}
            description={t('catalogue.feeFromDescription')}
            testId="fee-draft-from"
          />
          <DatePickerInput
            label={t('catalogue.feeUntil')}
            description={t('catalogue.feeUntilDescription')}
            placeholder={t('catalogue.feeUntilPlaceholder')}
            value={until}
            onChange={(value) => {
              setUntil(value);
              form.clear('until');
            }}
            clearable
            clearButtonProps={{ 'aria-label': t('catalogue.feeUntilClear') }}
            valueFormat={dateFormat}
            getDayAriaLabel={(day) => formatDate(day, language)}
            defaultDate={from ?? today}
            error={form.errors.until}
            w={230}
            data-testid="fee-draft-until"
          />
        </Group>
        <TextInput
          label={t('catalogue.feeNote')}
          placeholder={t('catalogue.feeNotePlaceholder')}
          value={note}
          onChange={(event) => {
            setNote(event.currentTarget.value);
            form.clear('note');
          }}
          error={form.errors.note}
          data-testid="fee-draft-note"
        />
        <DraftFooter onCancel={onClose} pending={draft.isPending} testId="fee-draft-submit" />
      </Stack>
    </form>
  );
}

export function KindDraftModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('catalogue.kindDraftTitle')} centered>
      {opened && <KindDraftForm onClose={onClose} />}
    </Modal>
  );
}

type KindField = 'code' | 'name' | 'from';

const kindFieldFor = (field: string): KindField | null => {
  if (field === 'kind' || field === 'code') return 'code';
  if (field === 'name') return 'name';
  if (field === 'effective_from' || field === 'from') return 'from';
  return null;
};

function KindDraftForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [from, setFrom] = useState<string | null>(null);
  const form = useFormErrors(kindFieldFor);
  const draft = useDraftChange({ onDrafted: onClose, onRefused: form.refuse });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<KindField, string>> = {};
    if (!/^\d{2}$/.test(code.trim())) found.code = t('catalogue.kindCodeInvalid');
    if (!name.trim()) found.name = t('certificates.fieldRequired');
    if (!from) found.from = t('certificates.dateRequired');
    if (!form.check(found) || !from) return;
    draft.mutate({
      what: { type: 'add_kind', code: code.trim(), name: name.trim(), enabled: true },
      from,
    });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="kind-draft-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('catalogue.kindDraftLead')}
        </Text>
        {form.refusal && (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={t('certificates.draftFailed')}
            data-testid="kind-draft-error"
          >
            {errorText(form.refusal)}
          </Alert>
        )}
        <TextInput
          label={t('catalogue.kindCode')}
          description={t('catalogue.kindCodeDescription')}
          value={code}
          onChange={(event) => {
            setCode(event.currentTarget.value);
            form.clear('code');
          }}
          error={form.errors.code}
          inputMode="numeric"
          maxLength={2}
          withAsterisk
          w={180}
          data-autofocus
          data-testid="kind-draft-code"
        />
        <TextInput
          label={t('catalogue.kindName')}
          placeholder={t('catalogue.kindNamePlaceholder')}
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            form.clear('name');
          }}
          error={form.errors.name}
          withAsterisk
          data-testid="kind-draft-name"
        />
        <EffectiveFromPicker
          value={from}
          onChange={(value) => {
            setFrom(value);
            form.clear('from');
          }}
          error={form.errors.from}
          testId="kind-draft-from"
        />
        <DraftFooter onCancel={onClose} pending={draft.isPending} testId="kind-draft-submit" />
      </Stack>
    </form>
  );
}
