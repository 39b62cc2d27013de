/**
 * 設定 > 職員・権限 (admin): the staff list with role, state and last sign-in; change a role, unlock
 * a locked account, add a staff member.
 */
import { Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { Role } from '../../bindings/Role';
import type { UserDto } from '../../bindings/UserDto';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import { roles } from '../../roles';
import { AddUserModal } from './AddUserModal';

export function UsersSettings() {
  const { t } = useTranslation();
  const users = useQuery({ queryKey: queryKeys.users, queryFn: api.listUsers });
  const [adding, setAdding] = useState(false);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>{t('users.title')}</Title>
        <Button onClick={() => setAdding(true)} data-testid="users-add">
          {t('users.add')}
        </Button>
      </Group>
      {users.isPending ? (
        <CenteredLoader />
      ) : users.isError ? (
        <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <UsersTable users={users.data} />
      )}
      <AddUserModal opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}

function UsersTable({ users }: { users: UserDto[] }) {
  const { t } = useTranslation();
  if (users.length === 0) return <Text c="dimmed">{t('users.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover withTableBorder data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('users.name')}</Table.Th>
            <Table.Th scope="col">{t('users.displayName')}</Table.Th>
            <Table.Th scope="col" w={200}>
              {t('users.role')}
            </Table.Th>
            <Table.Th scope="col">{t('users.status')}</Table.Th>
            <Table.Th scope="col">{t('users.lastLogin')}</Table.Th>
            <Table.Th scope="col">{t('users.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <UserRow key={user.id} user={user} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function UserRow({ user }: { user: UserDto }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();

  const replaceUser = (updated: UserDto) =>
    client.setQueryData<UserDto[]>(queryKeys.users, (list) =>
      list?.map((u) => (u.id === updated.id ? updated : u)),
    );
  const fail = (error: Parameters<typeof errorText>[0]) =>
    notifications.show({ color: 'red', message: errorText(error) });

  const setRole = useMutation({
    mutationFn: (role: Role) => api.setUserRole(user.name, role),
    onSuccess: (updated) => {
      replaceUser(updated);
      notifications.show({
        color: 'teal',
        message: t('users.roleChanged', {
          name: updated.display_name,
          role: t(`role.${updated.role}`),
        }),
      });
    },
    onError: fail,
  });
  const unlock = useMutation({
    mutationFn: () => api.unlockUser(user.name),
    onSuccess: (updated) => {
      replaceUser(updated);
      notifications.show({ color: 'teal', message: t('users.unlocked', { name: updated.display_name }) });
    },
    onError: fail,
  });

  return (
    <Table.Tr data-testid={`user-row-${user.name}`}>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {user.name}
        </Text>
      </Table.Td>
      <Table.Td>{user.display_name}</Table.Td>
      <Table.Td>
        <Select
          size="xs"
          aria-label={t('users.roleFor', { name: user.display_name })}
          data={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          value={user.role}
          onChange={(value) => {
            if (value && value !== user.role) setRole.mutate(value as Role);
          }}
          allowDeselect={false}
          disabled={setRole.isPending}
          comboboxProps={{ withinPortal: true }}
          data-testid={`user-role-${user.name}`}
        />
      </Table.Td>
      <Table.Td>
        <UserState user={user} />
      </Table.Td>
      <Table.Td className="kofu-figures">
        <Text size="sm">
          {user.last_login_at
            ? formatDateTime(user.last_login_at, currentLanguage())
            : t('users.neverLoggedIn')}
        </Text>
      </Table.Td>
      <Table.Td>
        {user.locked && (
          <Button
            size="xs"
            variant="light"
            color="red"
            onClick={() => unlock.mutate()}
            loading={unlock.isPending}
            aria-label={t('users.unlockLabel', { name: user.display_name })}
            data-testid={`user-unlock-${user.name}`}
          >
            {t('users.unlock')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function UserState({ user }: { user: UserDto }) {
  const { t } = useTranslation();
  if (user.locked) {
    return (
      <Badge color="red" variant="light" radius="sm">
        {t('users.locked')}
      </Badge>
    );
  }
  if (!user.active) {
    return (
      <Badge color="gray" variant="light" radius="sm">
        {t('users.inactive')}
      </Badge>
    );
  }
  return (
    <Badge color="teal" variant="light" radius="sm">
      {t('users.active')}
    </Badge>
  );
}
