import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { ApiError } from '../../bindings/ApiError';
import type { NewUserInput } from '../../bindings/NewUserInput';
import type { Role } from '../../bindings/Role';
import { useErrorText } from '../../components/ErrorAlert';
import { roles } from '../../roles';

type Values = NewUserInput & { password_confirm: string };
type Field = keyof Values;

const empty: Values = { name: '', display_name: '', role: 'clerk', password: '', password_confirm: '' };
const MIN_PASSWORD = 10;

/** 職員を追加: a modal form. A refusal marks the named field and keeps everything typed. */
export function AddUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [values, setValues] = useState<Values>(empty);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  const add = useMutation({
    mutationFn: api.addUser,
    onSuccess: (user) => {
      void client.invalidateQueries({ queryKey: queryKeys.users });
      notifications.show({ color: 'teal', message: t('users.added', { name: user.display_name }) });
      close(true);
    },
    onError: (error) => {
      if (error.field && error.field in empty) {
        setErrors({ [error.field]: errorText(error) });
        setRefusal(null);
      } else {
        setRefusal(error);
      }
    },
  });

  function close(saved = false) {
    if (saved) {
      setValues(empty);
      setErrors({});
      setRefusal(null);
    }
    onClose();
  }

  function update(field: Field, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!values.name.trim()) found.name = t('wizard.fieldRequired');
    if (!values.display_name.trim()) found.display_name = t('wizard.fieldRequired');
    if (values.password.length < MIN_PASSWORD) found.password = t('wizard.passwordTooShort');
    else if (values.password !== values.password_confirm)
      found.password_confirm = t('wizard.passwordMismatch');
    setErrors(found);
    setRefusal(null);
    if (Object.keys(found).length > 0) return;
    add.mutate({
      name: values.name.trim(),
      display_name: values.display_name.trim(),
      role: values.role,
      password: values.password,
    });
  }

  return (
    <Modal opened={opened} onClose={() => close()} title={t('users.addTitle')} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {refusal && (
            <Alert color="red" variant="light" role="alert" data-testid="add-user-error">
              {errorText(refusal)}
            </Alert>
          )}
          <TextInput
            label={t('users.name')}
            value={values.name}
            onChange={(e) => update('name', e.currentTarget.value)}
            error={errors.name}
            autoComplete="off"
            withAsterisk
            data-autofocus
            data-testid="add-user-name"
          />
          <TextInput
            label={t('users.displayName')}
            value={values.display_name}
            onChange={(e) => update('display_name', e.currentTarget.value)}
            error={errors.display_name}
            autoComplete="off"
            withAsterisk
            data-testid="add-user-display_name"
          />
          <Select
            label={t('users.role')}
            data={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
            value={values.role}
            onChange={(value) => value && update('role', value as Role)}
            error={errors.role}
            allowDeselect={false}
            withAsterisk
            data-testid="add-user-role"
          />
          <PasswordInput
            label={t('users.password')}
            description={t('users.passwordDescription')}
            value={values.password}
            onChange={(e) => update('password', e.currentTarget.value)}
            error={errors.password}
            autoComplete="new-password"
            withAsterisk
            data-testid="add-user-password"
          />
          <PasswordInput
            label={t('users.passwordConfirm')}
            value={values.password_confirm}
            onChange={(e) => update('password_confirm', e.currentTarget.value)}
            error={errors.password_confirm}
            autoComplete="new-password"
            withAsterisk
            data-testid="add-user-password_confirm"
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={() => close()}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending} data-testid="add-user-submit">
              {t('users.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
