/**
 * 連絡記録 (第13条): every notice to and from J-LIS in one log: the change notices sent on approval
 * and the notices received (suspensions, corrections, incidents …) as staff record them, with the
 * attached files kept in the database (each letter its own; a click saves a copy). No 個人番号 is ever stored: the core refuses a
 * 12-digit number in the text.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  List,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ComponentProps, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AttachmentUpload, queryKeys, toApiError, uiError } from '../../api';
import type { LetterDto } from '../../bindings/LetterDto';
import type { ReceivedLetterInput } from '../../bindings/ReceivedLetterInput';
import { CenteredLoader } from '../../components/CenteredLoader';
import { DateTimeFields, joinDateTime } from '../../components/DateTimeFields';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import { canDo, type Allowed } from '../../roles';
import { useCoreToday, useFormErrors } from '../certificates/forms';

export const letterCategories = [
  'suspension',
  'correction',
  'incident',
  'catalogue_change',
  'other',
] as const;
type Category = (typeof letterCategories)[number];
type DirectionFilter = 'all' | 'sent' | 'received';

function isCategory(value: string): value is Category {
  return (letterCategories as readonly string[]).includes(value);
}

export function CorrespondencePage({ allowed }: { allowed: Allowed }) {
  const { t } = useTranslation();
  const letters = useQuery({ queryKey: queryKeys.correspondence, queryFn: api.correspondence });
  const [direction, setDirection] = useState<DirectionFilter>('all');
  const [category, setCategory] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  return (
    <Stack gap="md" data-testid="correspondence-page">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={2}>{t('letters.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('letters.lead')}
          </Text>
        </Stack>
        {canDo(allowed, 'recordCorrespondence') && (
          <Button onClick={() => setAdding(true)} data-testid="letter-add">
            {t('letters.add')}
          </Button>
        )}
      </Group>
      <Group gap="md" align="flex-end">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="letters-direction-label">
            {t('letters.direction')}
          </Text>
          <SegmentedControl
            value={direction}
            onChange={(value) => setDirection(value as DirectionFilter)}
            aria-labelledby="letters-direction-label"
            data={[
              { value: 'all', label: t('letters.all') },
              { value: 'sent', label: t('letters.directionValue.sent') },
              { value: 'received', label: t('letters.directionValue.received') },
            ]}
            data-testid="letters-direction"
          />
        </Stack>
        <Select
          label={t('letters.category')}
          placeholder={t('letters.all')}
          data={letterCategories.map((c) => ({ value: c, label: t(`letters.categories.${c}`) }))}
          value={category}
          onChange={setCategory}
          clearable
          comboboxProps={{ withinPortal: true }}
          w={220}
          data-testid="letters-category"
        />
      </Group>
      {letters.isPending ? (
        <CenteredLoader />
      ) : letters.isError ? (
        <ErrorAlert error={letters.error} onRetry={() => void letters.refetch()} />
      ) : (
        <LettersTable
          letters={letters.data.filter(
            (l) =>
              (direction === 'all' || l.direction === direction) &&
              (category === null || l.category === category),
          )}
          filtered={direction !== 'all' || category !== null}
        />
      )}
      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title={t('letters.addTitle')}
        size="lg"
        centered
      >
        {adding && <ReceivedLetterForm onClose={() => setAdding(false)} />}
      </Modal>
    </Stack>
  );
}

function LettersTable({ letters, filtered }: { letters: LetterDto[]; filtered: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const language = currentLanguage();
  async function saveAttachment(letterId: number, index: number, name: string) {
    try {
      const bytes = await api.letterAttachment(letterId, index);
      const url = URL.createObjectURL(new Blob([bytes]));
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      // Released once the save has taken the bytes.
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(toApiError(error)) });
    }
  }
  if (letters.length === 0) {
    return (
      <Text c="dimmed" data-testid="letters-empty">
        {filtered ? t('letters.emptyFiltered') : t('letters.empty')}
      </Text>
    );
  }
  const sorted = [...letters].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped withTableBorder data-testid="letters-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={190}>
              {t('letters.at')}
            </Table.Th>
            <Table.Th scope="col" w={90}>
              {t('letters.direction')}
            </Table.Th>
            <Table.Th scope="col" w={150}>
              {t('letters.category')}
            </Table.Th>
            <Table.Th scope="col">{t('letters.subject')}</Table.Th>
            <Table.Th scope="col" w={150}>
              {t('letters.documentNumber')}
            </Table.Th>
            <Table.Th scope="col" w={220}>
              {t('letters.attachments')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((letter) => (
            <Table.Tr key={letter.id} data-testid={`letter-row-${letter.id}`}>
              <Table.Td className="kofu-figures">{formatDateTime(letter.at, language)}</Table.Td>
              <Table.Td>
                <Badge
                  color={letter.direction === 'sent' ? 'civic' : 'grape'}
                  variant="light"
                  radius="sm"
                  tt="none"
                >
                  {letter.direction === 'sent' || letter.direction === 'received'
                    ? t(`letters.directionValue.${letter.direction}`)
                    : letter.direction}
                </Badge>
              </Table.Td>
              <Table.Td>
                {isCategory(letter.category) ? t(`letters.categories.${letter.category}`) : letter.category}
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {letter.subject}
                  </Text>
                  {letter.body && (
                    <Text size="xs" c="dimmed" lineClamp={2} title={letter.body} style={{ whiteSpace: 'pre-line' }}>
                      {letter.body}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {t('letters.recordedBy', { name: letter.recorded_by })}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td className="kofu-figures">{letter.document_number ?? t('common.none')}</Table.Td>
              <Table.Td>
                {letter.attachments.length === 0 ? (
                  <Text span size="sm" c="dimmed">
                    {t('common.none')}
                  </Text>
                ) : (
                  <List size="sm" spacing={2} listStyleType="none" data-testid={`letter-attachments-${letter.id}`}>
                    {letter.attachments.map((name, index) => (
                      <List.Item key={`${index}-${name}`} style={{ overflowWrap: 'anywhere' }}>
                        <Anchor
                          component="button"
                          type="button"
                          size="sm"
                          title={t('letters.saveAttachment', { name })}
                          onClick={() => void saveAttachment(letter.id, index, name)}
                          data-testid={`letter-attachment-${letter.id}-${index}`}
                        >
                          {name}
                        </Anchor>
                      </List.Item>
                    ))}
                  </List>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

type Field = 'at' | 'category' | 'subject' | 'document_number' | 'body' | 'files';

const fieldFor = (field: string): Field | null =>
  field === 'at' ||
  field === 'category' ||
  field === 'subject' ||
  field === 'document_number' ||
  field === 'body' ||
  field === 'files'
    ? field
    : field === 'attachments'
      ? 'files'
      : null;

// The hidden <input type="file"> behind the field (a variable: data-* is not in React's input type).
const filesInputProps = { 'data-testid': 'letter-files-input' } as ComponentProps<'input'>;

/** The files exactly as on disk, as the command's byte arrays. */
async function readFiles(files: File[], failure: (name: string) => string): Promise<AttachmentUpload[]> {
  const read: AttachmentUpload[] = [];
  for (const file of files) {
    try {
      read.push({ name: file.name, bytes: Array.from(new Uint8Array(await file.arrayBuffer())) });
    } catch {
      const error = uiError('validation', failure(file.name), 'files');
      throw error;
    }
  }
  return read;
}

function ReceivedLetterForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const today = useCoreToday();
  const [date, setDate] = useState<string | null>(today ?? null);
  const [time, setTime] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [documentNumber, setDocumentNumber] = useState('');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const form = useFormErrors(fieldFor);

  const record = useMutation({
    mutationFn: async (input: { letter: ReceivedLetterInput; files: File[] }) =>
      api.recordReceived(
        input.letter,
        await readFiles(input.files, (name) => t('letters.readFailed', { name })),
      ),
    onSuccess: (letter) => {
      void client.invalidateQueries({ queryKey: queryKeys.correspondence });
      notifications.show({ color: 'teal', message: t('letters.added', { subject: letter.subject }) });
      onClose();
    },
    onError: form.refuse,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const at = joinDateTime(date, time);
    const found: Partial<Record<Field, string>> = {};
    if (!at) found.at = t('letters.atRequired');
    if (!category) found.category = t('letters.categoryRequired');
    if (!subject.trim()) found.subject = t('letters.subjectRequired');
    if (!form.check(found) || !at || !category) return;
    record.mutate({
      letter: {
        at,
        category,
        subject: subject.trim(),
        document_number: documentNumber.trim() ? documentNumber.trim() : null,
        body,
      },
      files,
    });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="letter-form">
      <Stack gap="sm">
        {form.refusal && (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={t('letters.refused')}
            data-testid="letter-error"
          >
            {errorText(form.refusal)}
          </Alert>
        )}
        <DateTimeFields
          label={t('letters.receivedAt')}
          date={date}
          time={time}
          onDate={(value) => {
            setDate(value);
            form.clear('at');
          }}
          onTime={(value) => {
            setTime(value);
            form.clear('at');
          }}
          error={form.errors.at}
          required
          defaultDate={today}
          testId="letter-at"
        />
        <Select
          label={t('letters.category')}
          data={letterCategories.map((c) => ({ value: c, label: t(`letters.categories.${c}`) }))}
          value={category}
          onChange={(value) => {
            setCategory(value);
            form.clear('category');
          }}
          error={form.errors.category}
          allowDeselect={false}
          withAsterisk
          comboboxProps={{ withinPortal: true }}
          w={240}
          data-testid="letter-category"
        />
        <TextInput
          label={t('letters.subject')}
          placeholder={t('letters.subjectPlaceholder')}
          value={subject}
          onChange={(event) => {
            setSubject(event.currentTarget.value);
            form.clear('subject');
          }}
          error={form.errors.subject}
          withAsterisk
          data-testid="letter-subject"
        />
        <TextInput
          label={t('letters.documentNumber')}
          placeholder={t('letters.documentNumberPlaceholder')}
          value={documentNumber}
          onChange={(event) => {
            setDocumentNumber(event.currentTarget.value);
            form.clear('document_number');
          }}
          error={form.errors.document_number}
          w={280}
          data-testid="letter-document-number"
        />
        <Textarea
          label={t('letters.body')}
          description={t('letters.bodyDescription')}
          value={body}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            form.clear('body');
          }}
          error={form.errors.body}
          rows={4}
          data-testid="letter-body"
        />
        <FileInput
          label={t('letters.files')}
          description={t('letters.filesDescription')}
          placeholder={t('letters.filesPlaceholder')}
          multiple
          clearable
          value={files}
          onChange={(value) => {
            setFiles(value);
            form.clear('files');
          }}
          error={form.errors.files}
          fileInputProps={filesInputProps}
          data-testid="letter-files"
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending} data-testid="letter-submit">
            {t('letters.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
