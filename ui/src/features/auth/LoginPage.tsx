/**
 * Sign-in. Wrong credentials and a locked account are told apart by the error `code`; the text for
 * those two is the UI's own (so it follows the language switch), anything else shows the core's.
 */
import {
  Alert,
  Button,
  Code,
  List,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { ApiError } from '../../bindings/ApiError';
import type { Role } from '../../bindings/Role';
import { useErrorText } from '../../components/ErrorAlert';
import { PublicLayout } from '../../components/PublicLayout';
import { useSessionTransitions } from '../../session';

/** The demo data's accounts (loaded by `start_with_demo`). */
export const DEMO_ACCOUNTS: readonly { name: string; role: Role }[] = [
  { name: 'admin', role: 'admin' },
  { name: 'clerk', role: 'clerk' },
  { name: 'supervisor', role: 'supervisor' },
  { name: 'helpdesk', role: 'helpdesk' },
];
export const DEMO_PASSWORD = 'kofu-demo-2026';

export function LoginPage({ demo }: { demo: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const session = useSessionTransitions();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  const login = useMutation({
    mutationFn: api.login,
    onSuccess: (created) => session.signedIn(created),
    onError: (refusal) => setError(refusal),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    login.mutate({ name: name.trim(), password });
  }

  function message(refusal: ApiError): string {
    switch (refusal.code) {
      case 'invalid_credentials':
        return t('login.invalidCredentials');
      case 'locked':
        return t('login.locked');
      default:
        return errorText(refusal);
    }
  }

  // Mark the field the core named; wrong credentials mark both, since we cannot say which is wrong.
  const credentialsWrong = error?.code === 'invalid_credentials';
  const nameInvalid = credentialsWrong || error?.field === 'name';
  const passwordInvalid = credentialsWrong || error?.field === 'password';

  return (
    <PublicLayout>
      <Stack gap="lg">
        {demo && (
          <Alert color="civic" variant="light" title={t('login.demoTitle')} data-testid="login-demo-hint">
            <Text size="sm">
              {t('login.demoBody', { password: DEMO_PASSWORD })}
            </Text>
            <List size="sm" mt={6} spacing={2}>
              {DEMO_ACCOUNTS.map((account) => (
                <List.Item key={account.name}>
                  <Code>{account.name}</Code>{' '}
                  {t('login.demoRole', { role: t(`role.${account.role}`) })}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}

        <Paper withBorder p="xl" radius="sm">
          <form onSubmit={submit} noValidate aria-describedby={error ? 'login-error' : undefined}>
            <Stack gap="md">
              <Title order={1} size="h2">
                {t('login.title')}
              </Title>

              {error && (
                <Alert color="red" variant="light" role="alert" id="login-error" data-testid="login-error">
                  {message(error)}
                </Alert>
              )}

              <TextInput
                label={t('login.name')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={nameInvalid}
                autoComplete="username"
                autoFocus
                required
                data-testid="login-name"
              />
              <PasswordInput
                label={t('login.password')}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={passwordInvalid}
                autoComplete="current-password"
                required
                data-testid="login-password"
              />
              <Button type="submit" loading={login.isPending} data-testid="login-submit">
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </PublicLayout>
  );
}
