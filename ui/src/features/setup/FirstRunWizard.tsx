/**
 * First run on an empty database: register the municipality and its first system administrator, or
 * load the demo data. The 団体コード is checked by the core as it is typed.
 */
import {
  Alert,
  Button,
  Divider,
  Fieldset,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { ApiError } from '../../bindings/ApiError';
import type { FirstAdminInput } from '../../bindings/FirstAdminInput';
import { useErrorText } from '../../components/ErrorAlert';
import { PublicLayout } from '../../components/PublicLayout';
import { useSessionTransitions } from '../../session';

type Values = FirstAdminInput & { password_confirm: string };
type Field = keyof Values;

const empty: Values = {
  code: '',
  municipality_name: '',
  admin_name: '',
  admin_display_name: '',
  password: '',
  password_confirm: '',
};

const MIN_PASSWORD = 10;
const CODE_CHECK_DELAY_MS = 300;

export function FirstRunWizard() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const session = useSessionTransitions();
  const [values, setValues] = useState<Values>(empty);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);

  const typedCode = values.code.trim();
  const [debouncedCode] = useDebouncedValue(typedCode, CODE_CHECK_DELAY_MS);
  const codeCheck = useQuery({
    queryKey: queryKeys.checkCode(debouncedCode),
    queryFn: () => api.checkCode(debouncedCode),
    enabled: debouncedCode.length > 0,
    staleTime: Infinity,
  });
  // Only a check of what is in the box now counts; an answer for an older value is not shown.
  const check = codeCheck.data?.code === typedCode ? codeCheck.data : undefined;
  const checking = typedCode.length > 0 && !check && !codeCheck.isError;

  const setup = useMutation({
    mutationFn: api.setupFirstAdmin,
    onSuccess: (created) => session.signedIn(created),
    onError: (error) => showRefusal(error),
  });
  const demo = useMutation({
    mutationFn: api.startWithDemo,
    onSuccess: (status) => session.statusReplaced(status),
    onError: (error) => setFormError(error),
  });

  function showRefusal(error: ApiError) {
    if (error.field && error.field in empty) {
      setErrors({ [error.field]: errorText(error) });
      setFormError(null);
    } else {
      setFormError(error);
    }
  }

  function update(field: Field, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  }

  function preValidate(): Partial<Record<Field, string>> {
    const found: Partial<Record<Field, string>> = {};
    for (const field of ['code', 'municipality_name', 'admin_name', 'admin_display_name'] as const) {
      if (!values[field].trim()) found[field] = t('wizard.fieldRequired');
    }
    if (values.password.length < MIN_PASSWORD) found.password = t('wizard.passwordTooShort');
    else if (values.password !== values.password_confirm)
      found.password_confirm = t('wizard.passwordMismatch');
    return found;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = preValidate();
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    const { password_confirm: _confirm, ...input } = values;
    setup.mutate({
      ...input,
      code: input.code.trim(),
      municipality_name: input.municipality_name.trim(),
      admin_name: input.admin_name.trim(),
      admin_display_name: input.admin_display_name.trim(),
    });
  }

  const codeError = errors.code ?? (check && !check.valid ? check.message ?? t('wizard.codeInvalid') : undefined);
  const codeDescription = check?.valid ? (
    <Text span size="xs" c="teal.8" fw={700} data-testid="wizard-code-ok">
      {check.message ? `✓ ${check.message}` : t('wizard.codeValid')}
    </Text>
  ) : checking ? (
    t('wizard.codeChecking')
  ) : (
    t('wizard.codeDescription')
  );

  const busy = setup.isPending || demo.isPending;

  return (
    <PublicLayout width={560}>
      <Paper withBorder p="xl" radius="sm">
        <Stack gap="lg">
          <Stack gap={4}>
            <Title order={1} size="h2">
              {t('wizard.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('wizard.lead')}
            </Text>
          </Stack>

          {formError && (
            <Alert color="red" variant="light" role="alert" data-testid="wizard-error">
              {errorText(formError)}
            </Alert>
          )}

          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <Fieldset legend={t('wizard.sectionMunicipality')}>
                <Stack gap="sm">
                  <TextInput
                    label={t('wizard.code')}
                    description={codeDescription}
                    inputWrapperOrder={['label', 'input', 'description', 'error']}
                    value={values.code}
                    onChange={(e) => update('code', e.currentTarget.value)}
                    error={codeError}
                    inputMode="numeric"
                    autoComplete="off"
                    maxLength={6}
                    withAsterisk
                    autoFocus
                    data-testid="wizard-code"
                  />
                  <TextInput
                    label={t('wizard.municipalityName')}
                    placeholder={t('wizard.municipalityNamePlaceholder')}
                    value={values.municipality_name}
                    onChange={(e) => update('municipality_name', e.currentTarget.value)}
                    error={errors.municipality_name}
                    withAsterisk
                    data-testid="wizard-municipality_name"
                  />
                </Stack>
              </Fieldset>

              <Fieldset legend={t('wizard.sectionAdmin')}>
                <Stack gap="sm">
                  <TextInput
                    label={t('wizard.adminName')}
                    value={values.admin_name}
                    onChange={(e) => update('admin_name', e.currentTarget.value)}
                    error={errors.admin_name}
                    autoComplete="username"
                    withAsterisk
                    data-testid="wizard-admin_name"
                  />
                  <TextInput
                    label={t('wizard.adminDisplayName')}
                    placeholder={t('wizard.adminDisplayNamePlaceholder')}
                    value={values.admin_display_name}
                    onChange={(e) => update('admin_display_name', e.currentTarget.value)}
                    error={errors.admin_display_name}
                    autoComplete="name"
                    withAsterisk
                    data-testid="wizard-admin_display_name"
                  />
                  <PasswordInput
                    label={t('wizard.password')}
                    description={t('wizard.passwordDescription')}
                    value={values.password}
                    onChange={(e) => update('password', e.currentTarget.value)}
                    error={errors.password}
                    autoComplete="new-password"
                    withAsterisk
                    data-testid="wizard-password"
                  />
                  <PasswordInput
                    label={t('wizard.passwordConfirm')}
                    value={values.password_confirm}
                    onChange={(e) => update('password_confirm', e.currentTarget.value)}
                    error={errors.password_confirm}
                    autoComplete="new-password"
                    withAsterisk
                    data-testid="wizard-password_confirm"
                  />
                </Stack>
              </Fieldset>

              <Button type="submit" loading={setup.isPending} disabled={busy} data-testid="wizard-submit">
                {t('wizard.submit')}
              </Button>
            </Stack>
          </form>

          <Divider label={t('wizard.or')} labelPosition="center" />

          <Stack gap="xs">
            <Text size="sm">{t('wizard.demoLead')}</Text>
            <Button
              variant="default"
              onClick={() => {
                setFormError(null);
                demo.mutate();
              }}
              loading={demo.isPending}
              disabled={busy}
              data-testid="wizard-demo"
            >
              {t('wizard.demo')}
            </Button>
          </Stack>
        </Stack>
      </Paper>
    </PublicLayout>
  );
}
