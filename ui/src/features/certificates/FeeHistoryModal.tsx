/**
 * A kind's fee history (oldest first): each period with its fee and note, campaigns included, the
 * period in force on the core's today marked.
 */
import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { CatalogueEntry } from '../../bindings/CatalogueEntry';
import type { FeeRule } from '../../bindings/FeeRule';
import type { Period } from '../../bindings/Period';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatYen } from '../../format';
import { currentLanguage, type Language } from '../../i18n';
import { useCoreToday } from './forms';

type Props = {
  entry: CatalogueEntry | null;
  onClose: () => void;
  /** Present when the user may draft a fee change for this kind. */
  onDraft?: (kind: string) => void;
};

export function FeeHistoryModal({ entry, onClose, onDraft }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={entry !== null}
      onClose={onClose}
      title={entry ? t('catalogue.historyTitle', { code: entry.code, name: entry.name }) : ''}
      size="lg"
      centered
    >
      {entry && (
        <Stack gap="md">
          <History kind={entry.code} />
          <Group justify="flex-end">
            {onDraft && (
              <Button
                variant="light"
                onClick={() => onDraft(entry.code)}
                data-testid="fee-history-draft"
              >
                {t('catalogue.feeDraftOpen')}
              </Button>
            )}
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function History({ kind }: { kind: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const today = useCoreToday();
  const history = useQuery({ queryKey: queryKeys.feeHistory(kind), queryFn: () => api.feeHistory(kind) });
  if (history.isPending) return <CenteredLoader />;
  if (history.isError) {
    return <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />;
  }
  if (history.data.length === 0) return <Text c="dimmed">{t('catalogue.historyEmpty')}</Text>;
  return (
    <Table withTableBorder striped data-testid="fee-history-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('catalogue.period')}</Table.Th>
          <Table.Th scope="col" ta="right" w={110}>
            {t('catalogue.fee')}
          </Table.Th>
          <Table.Th scope="col">{t('catalogue.note')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {history.data.map((rule) => (
          <Table.Tr key={rule.period.from} data-testid={`fee-history-${rule.period.from}`}>
            <Table.Td className="kofu-figures">
              <Group gap="xs" wrap="nowrap">
                <span>{periodText(rule.period, language, t)}</span>
                {today && inForce(rule, today) && (
                  <Badge size="sm" variant="light" color="civic" radius="sm" tt="none">
                    {t('catalogue.inForce')}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td ta="right" className="kofu-figures">
              {formatYen(rule.fee, language)}
            </Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{rule.note}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function inForce(rule: FeeRule, day: string): boolean {
  return rule.period.from <= day && (rule.period.until === null || day <= rule.period.until);
}

/** 2026年10月1日(木)〜2026年12月31日(木), or 2026年10月1日(木)〜 when open-ended. */
export function periodText(
  period: Period,
  language: Language,
  t: ReturnType<typeof useTranslation>['t'],
): string {
  const from = formatDate(period.from, language);
  return period.until
    ? t('catalogue.periodValue', { from, until: formatDate(period.until, language) })
    : t('catalogue.periodOpen', { from });
}
