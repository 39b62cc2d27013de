/**
 * 設定 > 文書番号 (supervisor, admin): the number template of each kind of document, with the number
 * its next document would get. The core checks a template and numbers documents; this page only
 * shows and edits, and shows the core's message when it refuses a template.
 */
import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { ApiError } from '../../bindings/ApiError';
import type { DocumentNumberSetting } from '../../bindings/DocumentNumberSetting';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert';

export function DocumentNumbersSettings() {
  const { t } = useTranslation();
  const numbers = useQuery({ queryKey: queryKeys.documentNumbers, queryFn: api.documentNumbers });

  return (
    <Stack gap="md">
      <Title order={3}>{t('documentNumbers.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('documentNumbers.lead')}
      </Text>
      {numbers.isPending ? (
        <CenteredLoader />
      ) : numbers.isError ? (
        <ErrorAlert error={numbers.error} onRetry={() => void numbers.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table withTableBorder data-testid="document-numbers-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('documentNumbers.kind')}</Table.Th>
                <Table.Th scope="col">{t('documentNumbers.template')}</Table.Th>
                <Table.Th scope="col">{t('documentNumbers.next')}</Table.Th>
                <Table.Th scope="col">{t('documentNumbers.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {numbers.data.map((setting) => (
                <NumberRow key={setting.kind} setting={setting} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function NumberRow({ setting }: { setting: DocumentNumberSetting }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const save = useMutation<DocumentNumberSetting, ApiError, string>({
    mutationFn: (template) => api.setNumberTemplate(setting.kind, template),
    onSuccess: (updated) => {
      client.setQueryData<DocumentNumberSetting[]>(queryKeys.documentNumbers, (list) =>
        list?.map((s) => (s.kind === updated.kind ? updated : s)),
      );
      setDraft(null);
      notifications.show({
        color: 'teal',
        message: t('documentNumbers.saved', { label: updated.label, next: updated.next_number }),
      });
    },
  });
  const testId = `document-number-${setting.kind}`;

  return (
    <Table.Tr data-testid={testId}>
      <Table.Td>{setting.label}</Table.Td>
      <Table.Td>
        {draft === null ? (
          <Text size="sm" ff="monospace">
            {setting.template}
          </Text>
        ) : (
          <TextInput
            size="xs"
            value={draft}
            onChange={(e) => {
              setDraft(e.currentTarget.value);
              save.reset();
            }}
            aria-label={t('documentNumbers.templateFor', { label: setting.label })}
            error={save.error ? errorText(save.error) : undefined}
            data-testid={`${testId}-input`}
          />
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {setting.next_number}（{setting.fiscal_year}）
        </Text>
      </Table.Td>
      <Table.Td>
        {draft === null ? (
          <Button
            size="xs"
            variant="light"
            onClick={() => setDraft(setting.template)}
            aria-label={t('documentNumbers.editLabel', { label: setting.label })}
            data-testid={`${testId}-edit`}
          >
            {t('documentNumbers.edit')}
          </Button>
        ) : (
          <Group gap="xs" wrap="nowrap">
            <Button
              size="xs"
              onClick={() => save.mutate(draft)}
              loading={save.isPending}
              data-testid={`${testId}-save`}
            >
              {t('documentNumbers.save')}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                setDraft(null);
                save.reset();
              }}
            >
              {t('documentNumbers.cancel')}
            </Button>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
