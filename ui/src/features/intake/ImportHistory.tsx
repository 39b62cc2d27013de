/**
 * 取込履歴: the latest imports and pulls, newest first, each with what the core recorded about it.
 */
import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { ImportRecord } from '../../bindings/ImportRecord';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, formatMonth, formatYen } from '../../format';
import { currentLanguage, type Language } from '../../i18n';
import { formatCount } from './shared';

const knownActions = {
  'statement.import': 'statement_import',
  'notices.import': 'notices_import',
  'jlis.pull': 'jlis_pull',
} as const;

export function ImportHistory() {
  const { t } = useTranslation();
  const history = useQuery({ queryKey: queryKeys.importHistory, queryFn: api.importHistory });
  const language = currentLanguage();

  return (
    <Card component="section" aria-labelledby="intake-history-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="intake-history-title">
          {t('intake.historyTitle')}
        </Title>
        {history.isPending ? (
          <CenteredLoader />
        ) : history.isError ? (
          <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />
        ) : history.data.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="import-history-empty">
            {t('intake.historyEmpty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table withTableBorder striped data-testid="import-history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={210}>
                    {t('intake.historyAt')}
                  </Table.Th>
                  <Table.Th scope="col" w={190}>
                    {t('intake.historyAction')}
                  </Table.Th>
                  <Table.Th scope="col" w={120}>
                    {t('intake.historyTarget')}
                  </Table.Th>
                  <Table.Th scope="col">{t('intake.historySummary')}</Table.Th>
                  <Table.Th scope="col" w={120}>
                    {t('intake.historyActor')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {/* The core sends them newest first; kept in that order. */}
                {history.data.map((record, i) => (
                  <Table.Tr key={`${record.at}-${i}`} data-testid={`import-history-row-${i}`}>
                    <Table.Td className="kofu-figures" style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(record.at, language)}
                    </Table.Td>
                    <Table.Td>{actionLabel(record.action, t)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {/^\d{4}-\d{2}$/.test(record.target) ? formatMonth(record.target, language) : record.target}
                    </Table.Td>
                    <Table.Td className="kofu-figures">{summaryText(record, t, language)}</Table.Td>
                    <Table.Td>{record.actor}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

function actionLabel(action: string, t: TFunction): string {
  const key = knownActions[action as keyof typeof knownActions];
  return key ? t(`intake.actions.${key}`) : action;
}

const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** The recorded summary in words; an unknown shape is shown as it came, never dropped. */
function summaryText(record: ImportRecord, t: TFunction, language: Language): string {
  const s = record.summary ?? {};
  const count = (key: string) => formatCount(num(s[key]) ?? 0);
  switch (record.action) {
    case 'notices.import':
      return t('intake.summaryNotices', { imported: count('imported'), unchanged: count('unchanged') });
    case 'statement.import':
      return t('intake.summaryStatement', {
        state: s.finalized === false ? t('intake.preliminary') : t('intake.final'),
        fees: formatYen(num(s.fees) ?? 0, language),
        commissions: formatYen(num(s.commissions) ?? 0, language),
      });
    case 'jlis.pull': {
      const statement = s.statement;
      const statementText =
        statement === 'imported' || statement === 'unchanged'
          ? t(`intake.pullStatement.${statement}`)
          : statement == null
            ? t('intake.pullStatement.none')
            : String(statement);
      return t('intake.summaryPull', {
        days: count('days'),
        imported: count('imported'),
        unchanged: count('unchanged'),
        statement: statementText,
      });
    }
    default:
      return JSON.stringify(s);
  }
}
