/**
 * 設定 > 団体情報 (admin): the whole municipality profile, bank account included. What the user typed
 * lives in this component's state and is never replaced by a refusal: the core's `field` is marked
 * and focused, the values stay.
 */
import {
  Alert,
  Button,
  Fieldset,
  Group,
  Radio,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
  type TextInputProps,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { AccountType } from '../../bindings/AccountType';
import type { ApiError } from '../../bindings/ApiError';
import type { AppStatus } from '../../bindings/AppStatus';
import type { MunicipalityProfile } from '../../bindings/MunicipalityProfile';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert';
import type { Messages } from '../../i18n/ja';
import { isProfileField, readField, writeField, type ProfileField } from './profileFields';

export function ProfileSettings() {
  const profile = useQuery({ queryKey: queryKeys.profile, queryFn: api.getProfile });
  if (profile.isPending) return <CenteredLoader />;
  if (profile.isError) {
    return <ErrorAlert error={profile.error} onRetry={() => void profile.refetch()} />;
  }
  return <ProfileForm initial={profile.data} />;
}

type TextField = Exclude<ProfileField, 'bank.account_type'>;
type FieldSpec = {
  field: TextField;
  label: keyof Messages['profile'];
  placeholder?: keyof Messages['profile'];
  description?: keyof Messages['profile'];
  span?: boolean;
} & Pick<TextInputProps, 'inputMode' | 'autoComplete' | 'type'>;

const municipalityFields: FieldSpec[] = [
  { field: 'code', label: 'code', inputMode: 'numeric', autoComplete: 'off' },
  { field: 'name', label: 'name', autoComplete: 'organization' },
  { field: 'mayor_title', label: 'mayorTitle', placeholder: 'mayorTitlePlaceholder' },
  { field: 'mayor_name', label: 'mayorName' },
  { field: 'postal_code', label: 'postalCode', placeholder: 'postalCodePlaceholder', autoComplete: 'postal-code' },
  { field: 'address', label: 'address', span: true, autoComplete: 'street-address' },
];
const contactFields: FieldSpec[] = [
  { field: 'department', label: 'department', span: true },
  { field: 'contact_name', label: 'contactName', autoComplete: 'name' },
  { field: 'contact_phone', label: 'contactPhoneLabel', type: 'tel', autoComplete: 'tel' },
  { field: 'contact_email', label: 'contactEmailLabel', type: 'email', autoComplete: 'email', span: true },
];
const bankFields: FieldSpec[] = [
  { field: 'bank.bank_name', label: 'bankName' },
  { field: 'bank.branch_name', label: 'branchName' },
  { field: 'bank.account_number', label: 'accountNumber', inputMode: 'numeric', autoComplete: 'off' },
  { field: 'bank.account_holder', label: 'accountHolder', description: 'accountHolderDescription' },
];

export function ProfileForm({ initial }: { initial: MunicipalityProfile }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<MunicipalityProfile>(initial);
  const [errors, setErrors] = useState<Partial<Record<ProfileField, string>>>({});
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  const save = useMutation({
    mutationFn: api.updateProfile,
    onSuccess: (saved) => {
      setValues(saved);
      setErrors({});
      setRefusal(null);
      client.setQueryData(queryKeys.profile, saved);
      // The header shows the city's name from the session: keep it in step with the saved profile.
      client.setQueryData<AppStatus>(queryKeys.appStatus, (status) =>
        status?.session
          ? { ...status, session: { ...status.session, municipality_name: saved.name } }
          : status,
      );
      void client.invalidateQueries({ queryKey: queryKeys.dashboard });
      notifications.show({ color: 'teal', message: t('profile.saved') });
    },
    onError: (error) => {
      setRefusal(error);
      if (isProfileField(error.field)) {
        setErrors({ [error.field]: errorText(error) });
        focusField(error.field);
      } else {
        setErrors({});
      }
    },
  });

  function focusField(field: ProfileField) {
    // After the error renders, bring the keyboard to the field that needs fixing.
    requestAnimationFrame(() => {
      formRef.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
    });
  }

  function update(field: ProfileField, value: string) {
    setValues((v) => writeField(v, field, value));
    setErrors((e) => ({ ...e, [field]: undefined }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(values);
  }

  const input = (spec: FieldSpec) => (
    <TextInput
      key={spec.field}
      name={spec.field}
      label={t(`profile.${spec.label}`)}
      placeholder={spec.placeholder && t(`profile.${spec.placeholder}`)}
      description={spec.description && t(`profile.${spec.description}`)}
      value={readField(values, spec.field)}
      onChange={(e) => update(spec.field, e.currentTarget.value)}
      error={errors[spec.field]}
      inputMode={spec.inputMode}
      autoComplete={spec.autoComplete}
      type={spec.type}
      style={spec.span ? { gridColumn: '1 / -1' } : undefined}
      data-testid={`profile-${spec.field}`}
    />
  );

  const hasFieldError = Object.values(errors).some(Boolean);

  return (
    <form ref={formRef} onSubmit={submit} noValidate data-testid="profile-form">
      <Stack gap="lg" maw={880}>
        <Title order={3}>{t('profile.title')}</Title>

        {refusal && (
          <Alert color="red" variant="light" role="alert" title={t('profile.saveFailedTitle')} data-testid="profile-error">
            {hasFieldError ? t('profile.fieldErrorSummary') : errorText(refusal)}
          </Alert>
        )}

        <Section title={t('profile.sectionMunicipality')}>{municipalityFields.map(input)}</Section>
        <Section title={t('profile.sectionContact')}>{contactFields.map(input)}</Section>
        <Section title={t('profile.sectionBank')}>
          {bankFields.slice(0, 2).map(input)}
          <Radio.Group
            name="bank.account_type"
            label={t('profile.accountType')}
            value={values.bank.account_type}
            onChange={(value) => update('bank.account_type', value as AccountType)}
            error={errors['bank.account_type']}
            data-testid="profile-bank.account_type"
          >
            <Group gap="lg" mt={6}>
              <Radio value="ordinary" label={t('profile.accountTypeOrdinary')} />
              <Radio value="current" label={t('profile.accountTypeCurrent')} />
            </Group>
          </Radio.Group>
          {bankFields.slice(2).map(input)}
        </Section>

        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="profile-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Fieldset legend={title} radius="sm" styles={{ legend: { fontWeight: 700 } }}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
        {children}
      </SimpleGrid>
    </Fieldset>
  );
}
