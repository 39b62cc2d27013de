/**
 * 変更申請: the change requests, newest first, with who drafted them and where they stand. A
 * supervisor approves (the change applies from its effective date and a numbered notice to J-LIS
 * is recorded in 連絡記録) or returns one with a reason. The four-eyes rule is the core's: the
 * drafter's own rows show the buttons too, with a hint, and the core's refusal is shown as is.
 */
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { ApiError } from '../../bindings/ApiError';
import type { ChangeRequestDto } from '../../bindings/ChangeRequestDto';
import type { ReviewStatus as ChangeStatus } from '../../bindings/ReviewStatus';
import type { UserDto } from '../../bindings/UserDto';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert';
import { formatDate, formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import { canDo, type Allowed } from '../../roles';

type Deciding = { action: 'approve' | 'return'; request: ChangeRequestDto } | null;

export function ChangesTab({ user, allowed }: { user: UserDto; allowed: Allowed }) {
  const { t } = useTranslation();
  const requests = useQuery({ queryKey: queryKeys.changeRequests, queryFn: api.changeRequests });
  const [deciding, setDeciding] = useState<Deciding>(null);
  const canDecide = canDo(allowed, 'approveChange');
  const pending = requests.data?.filter((r) => r.status.state === 'drafted').length ?? 0;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={3}>{t('certificates.tabs.changes')}</Title>
          <Text size="sm" c="dimmed">
            {t('changes.lead')}
          </Text>
        </Stack>
        {requests.data && (
          <Badge variant="light" color={pending > 0 ? 'orange' : 'gray'} radius="sm" tt="none" size="lg">
            {t('changes.pendingCount', { count: pending })}
          </Badge>
        )}
      </Group>
      {requests.isPending ? (
        <CenteredLoader />
      ) : requests.isError ? (
        <ErrorAlert error={requests.error} onRetry={() => void requests.refetch()} />
      ) : (
        <ChangesTable
          requests={requests.data}
          user={user}
          canDecide={canDecide}
          onDecide={(action, request) => setDeciding({ action, request })}
        />
      )}
      <ApproveModal
        request={deciding?.action === 'approve' ? deciding.request : null}
        onClose={() => setDeciding(null)}
      />
      <ReturnModal
        request={deciding?.action === 'return' ? deciding.request : null}
        onClose={() => setDeciding(null)}
      />
    </Stack>
  );
}

function ChangesTable({
  requests,
  user,
  canDecide,
  onDecide,
}: {
  requests: ChangeRequestDto[];
  user: UserDto;
  canDecide: boolean;
  onDecide: (action: 'approve' | 'return', request: ChangeRequestDto) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (requests.length === 0) {
    return (
      <Text c="dimmed" data-testid="changes-empty">
        {t('changes.empty')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped withTableBorder data-testid="changes-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" ta="right" w={84}>
              {t('changes.id')}
            </Table.Th>
            <Table.Th scope="col">{t('changes.summary')}</Table.Th>
            <Table.Th scope="col" w={170}>
              {t('changes.effectiveFrom')}
            </Table.Th>
            <Table.Th scope="col" w={110}>
              {t('changes.draftedBy')}
            </Table.Th>
            <Table.Th scope="col" w={190}>
              {t('changes.draftedAt')}
            </Table.Th>
            <Table.Th scope="col" w={200}>
              {t('changes.status')}
            </Table.Th>
            <Table.Th scope="col" w={140}>
              {t('changes.notice')}
            </Table.Th>
            {canDecide && (
              <Table.Th scope="col" w={170}>
                {t('changes.actions')}
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {requests.map((request) => {
            const own = request.drafted_by === user.name;
            return (
              <Table.Tr key={request.id} data-testid={`change-row-${request.id}`}>
                <Table.Td ta="right" className="kofu-figures">
                  {request.id}
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{request.summary}</Table.Td>
                <Table.Td className="kofu-figures">
                  <time dateTime={request.effective_from}>
                    {formatDate(request.effective_from, language)}
                  </time>
                </Table.Td>
                <Table.Td>{request.drafted_by}</Table.Td>
                <Table.Td className="kofu-figures">{formatDateTime(request.drafted_at, language)}</Table.Td>
                <Table.Td>
                  <StatusCell status={request.status} />
                </Table.Td>
                <Table.Td className="kofu-figures" data-testid={`change-notice-${request.id}`}>
                  {request.notice_number ?? t('common.none')}
                </Table.Td>
                {canDecide && (
                  <Table.Td>
                    {request.status.state === 'drafted' && (
                      <Stack gap={4}>
                        <Group gap={6} wrap="nowrap">
                          <Button
                            size="xs"
                            onClick={() => onDecide('approve', request)}
                            aria-label={t('changes.approveLabel', { id: request.id })}
                            data-testid={`change-approve-${request.id}`}
                          >
                            {t('changes.approve')}
                          </Button>
                          <Button
                            size="xs"
                            variant="light"
                            color="red"
                            onClick={() => onDecide('return', request)}
                            aria-label={t('changes.returnLabel', { id: request.id })}
                            data-testid={`change-return-${request.id}`}
                          >
                            {t('changes.return')}
                          </Button>
                        </Group>
                        {own && (
                          <Text size="xs" c="dimmed" data-testid={`change-own-${request.id}`}>
                            {t('changes.ownDraft')}
                          </Text>
                        )}
                      </Stack>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const stateColors: Record<ChangeStatus['state'], string> = {
  drafted: 'orange',
  approved: 'teal',
  returned: 'red',
};

function StatusCell({ status }: { status: ChangeStatus }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Stack gap={2}>
      <Badge color={stateColors[status.state]} variant="light" radius="sm" tt="none">
        {t(`changes.state.${status.state}`)}
      </Badge>
      {status.state !== 'drafted' && (
        <Text size="xs" c="dimmed" className="kofu-figures">
          {t('changes.decidedBy', { by: status.by, at: formatDateTime(status.at, language) })}
        </Text>
      )}
      {status.state === 'returned' && (
        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
          {t('changes.returnedReason', { reason: status.reason })}
        </Text>
      )}
    </Stack>
  );
}

/**
 * After a decision: the queue, and (on approval) everything the change may have altered and the
 * correspondence log where the notice to J-LIS was recorded.
 */
function refreshAfterDecision(client: QueryClient, approved: boolean) {
  void client.invalidateQueries({ queryKey: queryKeys.changeRequests });
  if (!approved) return;
  void client.invalidateQueries({ queryKey: queryKeys.catalogues });
  void client.invalidateQueries({ queryKey: queryKeys.feeHistories });
  void client.invalidateQueries({ queryKey: queryKeys.allServiceHours });
  void client.invalidateQueries({ queryKey: queryKeys.correspondence });
}

function replaceRequest(client: QueryClient, updated: ChangeRequestDto) {
  client.setQueryData<ChangeRequestDto[]>(queryKeys.changeRequests, (list) =>
    list?.map((r) => (r.id === updated.id ? updated : r)),
  );
}

function ApproveModal({ request, onClose }: { request: ChangeRequestDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const approve = useMutation({
    mutationFn: (id: number) => api.approveChange(id),
    onSuccess: (updated) => {
      replaceRequest(client, updated);
      refreshAfterDecision(client, true);
      notifications.show({
        color: 'teal',
        message: t('changes.approved', {
          id: updated.id,
          number: updated.notice_number ?? t('common.none'),
        }),
      });
      close();
    },
    onError: setRefusal,
  });

  function close() {
    setRefusal(null);
    approve.reset();
    onClose();
  }

  return (
    <Modal opened={request !== null} onClose={close} title={t('changes.approveTitle')} centered>
      {request && (
        <Stack gap="md">
          {refusal && (
            <Alert
              color="red"
              variant="light"
              role="alert"
              title={t('changes.approveFailed', { id: request.id })}
              data-testid="change-decision-error"
            >
              {errorText(refusal)}
            </Alert>
          )}
          <Text size="sm">
            {t('changes.approveConfirm', {
              id: request.id,
              summary: request.summary,
              date: formatDate(request.effective_from, currentLanguage()),
            })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close} data-autofocus>
              {refusal ? t('common.close') : t('common.cancel')}
            </Button>
            <Button
              onClick={() => approve.mutate(request.id)}
              loading={approve.isPending}
              data-testid="change-approve-confirm"
            >
              {t('changes.approveSubmit')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function ReturnModal({ request, onClose }: { request: ChangeRequestDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={request !== null} onClose={onClose} title={t('changes.returnTitle')} centered>
      {request && <ReturnForm request={request} onClose={onClose} />}
    </Modal>
  );
}

function ReturnForm({ request, onClose }: { request: ChangeRequestDto; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const giveBack = useMutation({
    mutationFn: (input: { id: number; reason: string }) => api.returnChange(input.id, input.reason),
    onSuccess: (updated) => {
      replaceRequest(client, updated);
      refreshAfterDecision(client, false);
      notifications.show({ color: 'teal', message: t('changes.returned', { id: updated.id }) });
      onClose();
    },
    onError: (error) => {
      if (error.field === 'reason') {
        setReasonError(errorText(error));
        setRefusal(null);
      } else {
        setReasonError(null);
        setRefusal(error);
      }
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    if (!reason.trim()) {
      setReasonError(t('changes.returnReasonRequired'));
      return;
    }
    setReasonError(null);
    giveBack.mutate({ id: request.id, reason: reason.trim() });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="change-return-form">
      <Stack gap="md">
        {refusal && (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={t('changes.returnFailed', { id: request.id })}
            data-testid="change-decision-error"
          >
            {errorText(refusal)}
          </Alert>
        )}
        <Text size="sm">{t('changes.returnLead', { id: request.id, summary: request.summary })}</Text>
        <Textarea
          label={t('changes.returnReason')}
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setReasonError(null);
          }}
          error={reasonError}
          withAsterisk
          rows={3}
          data-autofocus
          data-testid="change-return-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={giveBack.isPending} data-testid="change-return-submit">
            {t('changes.returnSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
