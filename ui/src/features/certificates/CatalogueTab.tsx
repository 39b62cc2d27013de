/**
 * 交付対象証明書 (第7条): every certificate kind with the fee and commission in force on the
 * 基準日, the next scheduled fee change and whether it is offered. A row opens the kind's fee
 * history. A clerk drafts a fee change or a new kind; nothing changes until a supervisor approves.
 */
import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { CatalogueEntry } from '../../bindings/CatalogueEntry';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatYen } from '../../format';
import { currentLanguage } from '../../i18n';
import { canDo, type Allowed } from '../../roles';
import { FeeDraftModal, KindDraftModal } from './CatalogueDrafts';
import { FeeHistoryModal } from './FeeHistoryModal';
import { ReferenceDatePicker } from './shared';

type Drafting = { what: 'fee'; kind: string | null } | { what: 'kind' } | null;

export function CatalogueTab({ allowed }: { allowed: Allowed }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [on, setOn] = useState<string | null>(null);
  const [history, setHistory] = useState<CatalogueEntry | null>(null);
  const [drafting, setDrafting] = useState<Drafting>(null);
  const canDraft = canDo(allowed, 'draftChange');
  const catalogue = useQuery({
    queryKey: queryKeys.catalogue(on),
    queryFn: () => api.catalogueList(on),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={3}>{t('certificates.tabs.catalogue')}</Title>
          <Text size="sm" c="dimmed" data-testid="catalogue-as-of">
            {on ? t('catalogue.asOf', { date: formatDate(on, language) }) : t('catalogue.asOfToday')}
          </Text>
        </Stack>
        <Group gap="sm" align="flex-end">
          <ReferenceDatePicker value={on} onChange={setOn} testId="catalogue-on" />
          {canDraft && (
            <>
              <Button
                onClick={() => setDrafting({ what: 'fee', kind: null })}
                data-testid="fee-draft-open"
              >
                {t('catalogue.feeDraftOpen')}
              </Button>
              <Button
                variant="default"
                onClick={() => setDrafting({ what: 'kind' })}
                data-testid="kind-draft-open"
              >
                {t('catalogue.kindDraftOpen')}
              </Button>
            </>
          )}
        </Group>
      </Group>
      {catalogue.isPending ? (
        <CenteredLoader />
      ) : catalogue.isError ? (
        <ErrorAlert error={catalogue.error} onRetry={() => void catalogue.refetch()} />
      ) : (
        <CatalogueTable
          entries={catalogue.data}
          busy={catalogue.isPlaceholderData}
          onOpen={setHistory}
        />
      )}
      <FeeHistoryModal
        entry={history}
        onClose={() => setHistory(null)}
        onDraft={
          canDraft
            ? (kind) => {
                setHistory(null);
                setDrafting({ what: 'fee', kind });
              }
            : undefined
        }
      />
      <FeeDraftModal
        opened={drafting?.what === 'fee'}
        kind={drafting?.what === 'fee' ? drafting.kind : null}
        onClose={() => setDrafting(null)}
      />
      <KindDraftModal opened={drafting?.what === 'kind'} onClose={() => setDrafting(null)} />
    </Stack>
  );
}

function CatalogueTable({
  entries,
  busy,
  onOpen,
}: {
  entries: CatalogueEntry[];
  busy: boolean;
  onOpen: (entry: CatalogueEntry) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (entries.length === 0) {
    return <Text c="dimmed">{t('catalogue.empty')}</Text>;
  }
  const yen = (amount: number | null) =>
    amount === null ? (
      <Text span size="sm" c="dimmed">
        {t('catalogue.noFee')}
      </Text>
    ) : (
      formatYen(amount, language)
    );
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table
        striped
        highlightOnHover
        withTableBorder
        aria-busy={busy}
        data-testid="catalogue-table"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={72}>
              {t('catalogue.code')}
            </Table.Th>
            <Table.Th scope="col">{t('catalogue.name')}</Table.Th>
            <Table.Th scope="col" ta="right" w={110}>
              {t('catalogue.fee')}
            </Table.Th>
            <Table.Th scope="col" ta="right" w={110}>
              {t('catalogue.commission')}
            </Table.Th>
            <Table.Th scope="col" w={240}>
              {t('catalogue.nextChange')}
            </Table.Th>
            <Table.Th scope="col" w={80}>
              {t('catalogue.state')}
            </Table.Th>
            <Table.Th scope="col">{t('catalogue.note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr
              key={entry.code}
              onClick={() => onOpen(entry)}
              style={{ cursor: 'pointer' }}
              data-testid={`catalogue-row-${entry.code}`}
            >
              <Table.Td className="kofu-figures">{entry.code}</Table.Td>
              <Table.Td>
                {/* The keyboard way in: the whole row opens the same history on click. */}
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  ta="left"
                  onClick={(event) => {
                    event.stopPropagation();
                    onOpen(entry);
                  }}
                  aria-label={t('catalogue.historyLabel', { name: entry.name })}
                  data-testid={`catalogue-history-${entry.code}`}
                >
                  {entry.name}
                </Anchor>
              </Table.Td>
              <Table.Td ta="right" className="kofu-figures" data-testid={`catalogue-fee-${entry.code}`}>
                {yen(entry.fee)}
              </Table.Td>
              <Table.Td ta="right" className="kofu-figures">
                {yen(entry.commission)}
              </Table.Td>
              <Table.Td className="kofu-figures">
                {entry.next_change
                  ? t('catalogue.nextChangeValue', {
                      date: formatDate(entry.next_change.on, language),
                      fee: formatYen(entry.next_change.fee, language),
                    })
                  : t('common.none')}
              </Table.Td>
              <Table.Td>
                <Badge color={entry.enabled ? 'teal' : 'gray'} variant="light" radius="sm">
                  {entry.enabled ? t('catalogue.enabled') : t('catalogue.disabled')}
                </Badge>
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{entry.fee_note}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
