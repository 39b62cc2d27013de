/**
 * 設定 > J-LIS接続 (admin): where this computer fetches completion notices and statements from.
 * Three parts: 接続先 (URL and certificate paths, saved together), 秘密情報 (the token and the
 * certificate's password, kept in the OS credential store and never shown: only 設定済み/未設定),
 * and 接続テスト. A refusal marks the field the core named and never loses what was typed.
 */
import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Modal,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { ApiError } from '../../bindings/ApiError';
import type { JlisSecret } from '../../bindings/JlisSecret';
import type { JlisSettings as Settings } from '../../bindings/JlisSettings';
import type { JlisSettingsInput } from '../../bindings/JlisSettingsInput';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert';
import type { Messages } from '../../i18n/ja';

export function JlisSettings() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: queryKeys.jlisSettings, queryFn: api.jlisSettings });
  // Whether 接続先 has edits not yet saved: the test runs with the saved settings only.
  const [unsaved, setUnsaved] = useState(false);

  return (
    <Stack gap="lg" maw={880}>
      <Stack gap={4}>
        <Title order={3}>{t('jlis.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('jlis.lead')}
        </Text>
      </Stack>
      {settings.isPending ? (
        <CenteredLoader />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <>
          <ConnectionForm initial={settings.data} urlFromEnv={settings.data.url_from_env} onUnsaved={setUnsaved} />
          <SecretsSection settings={settings.data} />
          <ConnectionTest unsaved={unsaved} />
        </>
      )}
    </Stack>
  );
}

function useStoreSettings() {
  const client = useQueryClient();
  return (saved: Settings) => client.setQueryData(queryKeys.jlisSettings, saved);
}

// ---------------------------------------------------------------------------------------------
// 接続先

type PathField = keyof JlisSettingsInput;
type Values = Record<PathField, string>;
/** The plain texts of `jlis` (not the nested per-secret ones). */
type JlisText = {
  [K in keyof Messages['jlis']]: Messages['jlis'][K] extends string ? K : never;
}[keyof Messages['jlis']];

const fields: {
  field: PathField;
  label: JlisText;
  placeholder: JlisText;
  help: JlisText;
  type?: 'url';
}[] = [
  { field: 'base_url', label: 'baseUrl', placeholder: 'baseUrlPlaceholder', help: 'baseUrlHelp', type: 'url' },
  {
    field: 'client_certificate_path',
    label: 'clientCertificatePath',
    placeholder: 'clientCertificatePathPlaceholder',
    help: 'clientCertificatePathHelp',
  },
  { field: 'extra_ca_path', label: 'extraCaPath', placeholder: 'extraCaPathPlaceholder', help: 'extraCaPathHelp' },
];

function isPathField(field: string | null): field is PathField {
  return fields.some((f) => f.field === field);
}

function valuesOf(settings: Settings): Values {
  return {
    base_url: settings.base_url ?? '',
    client_certificate_path: settings.client_certificate_path ?? '',
    extra_ca_path: settings.extra_ca_path ?? '',
  };
}

/** What the core receives: each field as typed (trimmed); an empty one clears the setting. */
function inputOf(values: Values): JlisSettingsInput {
  const given = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    base_url: given(values.base_url),
    client_certificate_path: given(values.client_certificate_path),
    extra_ca_path: given(values.extra_ca_path),
  };
}

function ConnectionForm({
  initial,
  urlFromEnv,
  onUnsaved,
}: {
  initial: Settings;
  urlFromEnv: boolean;
  onUnsaved: (unsaved: boolean) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const store = useStoreSettings();
  const formRef = useRef<HTMLFormElement>(null);
  const [saved, setSaved] = useState<Values>(() => valuesOf(initial));
  const [values, setValues] = useState<Values>(saved);
  const [errors, setErrors] = useState<Partial<Record<PathField, string>>>({});
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  const unsaved = fields.some(({ field }) => values[field].trim() !== saved[field]);
  useEffect(() => onUnsaved(unsaved), [unsaved, onUnsaved]);

  const save = useMutation({
    mutationFn: api.setJlisSettings,
    onSuccess: (settings) => {
      const stored = valuesOf(settings);
      setSaved(stored);
      setValues(stored);
      setErrors({});
      setRefusal(null);
      store(settings);
      notifications.show({ color: 'teal', message: t('jlis.saved') });
    },
    onError: (error) => {
      setRefusal(error);
      if (isPathField(error.field)) {
        setErrors({ [error.field]: errorText(error) });
        const field = error.field;
        // After the error renders, bring the keyboard to the field that needs fixing.
        requestAnimationFrame(() => {
          formRef.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
        });
      } else {
        setErrors({});
      }
    },
  });

  function update(field: PathField, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(inputOf(values));
  }

  const hasFieldError = Object.values(errors).some(Boolean);

  return (
    <form ref={formRef} onSubmit={submit} noValidate data-testid="jlis-form">
      <Section title={t('jlis.sectionConnection')}>
        <Text size="sm" c="dimmed">
          {t('jlis.connectionLead')}
        </Text>
        {refusal && (
          <Alert color="red" variant="light" role="alert" title={t('jlis.saveFailedTitle')} data-testid="jlis-error">
            {hasFieldError ? t('jlis.fieldErrorSummary') : errorText(refusal)}
          </Alert>
        )}
        {fields.map((spec) => (
          <Stack key={spec.field} gap={4}>
            <TextInput
              name={spec.field}
              label={t(`jlis.${spec.label}`)}
              description={t(`jlis.${spec.help}`)}
              placeholder={t(`jlis.${spec.placeholder}`)}
              value={values[spec.field]}
              onChange={(e) => update(spec.field, e.currentTarget.value)}
              error={errors[spec.field]}
              type={spec.type}
              autoComplete="off"
              spellCheck={false}
              data-testid={`jlis-${spec.field}`}
            />
            {spec.field === 'base_url' && urlFromEnv && <EnvNote testId="jlis-url-env">{t('jlis.urlFromEnv')}</EnvNote>}
          </Stack>
        ))}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="jlis-save">
            {t('common.save')}
          </Button>
        </Group>
      </Section>
    </form>
  );
}

function EnvNote({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <Text size="xs" c="orange.9" data-testid={testId}>
      {children}
    </Text>
  );
}

// ---------------------------------------------------------------------------------------------
// 秘密情報

const secrets: readonly JlisSecret[] = ['token', 'certificate_password'];

function SecretsSection({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const [clearing, setClearing] = useState<JlisSecret | null>(null);
  return (
    <Section title={t('jlis.sectionSecrets')}>
      <Text size="sm" c="dimmed">
        {t('jlis.secretsHelp')}
      </Text>
      {secrets.map((which) => (
        <SecretForm
          key={which}
          which={which}
          isSet={which === 'token' ? settings.token_set : settings.certificate_password_set}
          fromEnv={which === 'token' && settings.token_from_env}
          onClear={() => setClearing(which)}
        />
      ))}
      <ClearSecretModal which={clearing} onClose={() => setClearing(null)} />
    </Section>
  );
}

function SecretForm({
  which,
  isSet,
  fromEnv,
  onClear,
}: {
  which: JlisSecret;
  isSet: boolean;
  fromEnv: boolean;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const store = useStoreSettings();
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const name = t(`jlis.secretName.${which}`);
  const titleId = `jlis-${which}-title`;
  const inputId = `jlis-${which}-input`;
  const errorId = `jlis-${which}-input-error`;

  const save = useMutation({
    mutationFn: (secret: string) => api.setJlisSecret(which, secret),
    onSuccess: (settings) => {
      setValue('');
      setError(null);
      setRefusal(null);
      store(settings);
      notifications.show({ color: 'teal', message: t('jlis.secretSaved', { name }) });
    },
    onError: (failure) => {
      if (failure.field === which) {
        setError(errorText(failure));
        setRefusal(null);
        requestAnimationFrame(() => inputRef.current?.focus());
      } else {
        setError(null);
        setRefusal(failure);
      }
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    if (value.trim() === '') {
      setError(t('jlis.secretRequired', { name }));
      inputRef.current?.focus();
      return;
    }
    setError(null);
    save.mutate(value);
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={titleId} data-testid={`jlis-${which}-form`}>
      <Stack gap={6}>
        <Group gap="sm">
          <Text component="label" htmlFor={inputId} fw={700} size="sm" id={titleId}>
            {t(`jlis.secretLabel.${which}`)}
          </Text>
          <Badge
            variant="light"
            color={isSet ? 'teal' : 'gray'}
            radius="sm"
            tt="none"
            aria-label={`${t(`jlis.secretLabel.${which}`)} ${t('jlis.secretStatus')}: ${isSet ? t('jlis.set') : t('jlis.unset')}`}
            data-testid={`jlis-${which}-status`}
          >
            {isSet ? t('jlis.set') : t('jlis.unset')}
          </Badge>
        </Group>
        {fromEnv && <EnvNote testId="jlis-token-env">{t('jlis.tokenFromEnv')}</EnvNote>}
        <Group align="flex-start" gap="sm" wrap="nowrap">
          <PasswordInput
            ref={inputRef}
            id={inputId}
            name={which}
            placeholder={isSet ? t('jlis.secretPlaceholderSet') : t('jlis.secretPlaceholderUnset')}
            value={value}
            onChange={(e) => {
              setValue(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            // PasswordInput leaves these to the caller: the error must reach a screen reader too.
            errorProps={{ id: errorId }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            visibilityToggleButtonProps={{ 'aria-label': t('jlis.showSecret') }}
            autoComplete="new-password"
            spellCheck={false}
            style={{ flex: 1 }}
            data-testid={`jlis-${which}`}
          />
          <Button
            type="submit"
            loading={save.isPending}
            aria-label={t('jlis.secretSaveLabel', { name })}
            data-testid={`jlis-${which}-save`}
          >
            {t('jlis.secretSave')}
          </Button>
          {isSet && (
            <Button
              variant="light"
              color="red"
              onClick={onClear}
              aria-label={t('jlis.secretClearLabel', { name })}
              data-testid={`jlis-${which}-clear`}
            >
              {t('jlis.secretClear')}
            </Button>
          )}
        </Group>
        {refusal && (
          <ErrorAlert
            error={refusal}
            title={t('jlis.secretFailedTitle', { name })}
            testId={`jlis-${which}-error`}
          />
        )}
      </Stack>
    </form>
  );
}

function ClearSecretModal({ which, onClose }: { which: JlisSecret | null; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const store = useStoreSettings();
  const clear = useMutation({
    mutationFn: api.clearJlisSecret,
    onSuccess: (settings, cleared) => {
      store(settings);
      notifications.show({
        color: 'teal',
        message: t('jlis.cleared', { name: t(`jlis.secretName.${cleared}`) }),
      });
      onClose();
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(error) }),
  });
  const name = which ? t(`jlis.secretName.${which}`) : '';

  return (
    <Modal opened={which !== null} onClose={onClose} title={t('jlis.clearTitle', { name })} centered>
      {which && (
        <Stack gap="md">
          <Text size="sm">{t('jlis.clearConfirm', { name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              onClick={() => clear.mutate(which)}
              loading={clear.isPending}
              data-testid={`jlis-${which}-clear-confirm`}
            >
              {t('jlis.clearSubmit')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------
// 接続テスト

type TestOutcome = { kind: 'ok'; message: string } | { kind: 'failed'; error: ApiError };

function ConnectionTest({ unsaved }: { unsaved: boolean }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  // The section is the last of a long page: bring the answer into view once it renders.
  useEffect(() => {
    if (outcome) resultRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [outcome]);
  const test = useMutation({
    mutationFn: api.testJlisConnection,
    onMutate: () => setOutcome(null),
    onSuccess: (message) => setOutcome({ kind: 'ok', message }),
    onError: (error) => setOutcome({ kind: 'failed', error }),
  });

  return (
    <Section title={t('jlis.sectionTest')}>
      <Text size="sm" c="dimmed" id="jlis-test-help">
        {t('jlis.testHelp')}
      </Text>
      {unsaved && (
        <Text size="sm" c="orange.9" data-testid="jlis-test-unsaved">
          {t('jlis.testUnsaved')}
        </Text>
      )}
      <Group>
        <Button
          variant="default"
          onClick={() => test.mutate()}
          loading={test.isPending}
          aria-describedby="jlis-test-help"
          data-testid="jlis-test"
        >
          {t('jlis.test')}
        </Button>
      </Group>
      <Box ref={resultRef} data-testid="jlis-test-result">
        {outcome?.kind === 'ok' && (
          <Alert color="teal" variant="light" role="status" title={t('jlis.testSucceededTitle')} data-testid="jlis-test-success">
            <Text size="sm">{outcome.message}</Text>
          </Alert>
        )}
        {outcome?.kind === 'failed' && (
          <ErrorAlert error={outcome.error} title={t('jlis.testFailedTitle')} testId="jlis-test-error" />
        )}
      </Box>
    </Section>
  );
}

/**
 * A titled card, as the other screens' sections. Not a `<fieldset>`: two of the three hold several forms or none, and WebKitGTK
 * lays a fieldset's legend out anew when a button inside is pressed, so the page jumped by 20 px
 * per section under the pointer and the press on 接続テスト was lost.
 */
function Section({ title, children }: { title: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <Card component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Title order={4} size="h5" id={titleId}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}
