/**
 * The particulars of a refusal as tables: a refused file's bad lines (line, field, value, reason)
 * and a re-imported finalized statement's differences (what changed, stored and incoming). Other
 * particulars (the field a form marks, what the J-LIS connection lacks) are already said by the
 * message and are not tabled.
 */
import { Box, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BadLine } from '../bindings/BadLine';
import type { ErrorDetail } from '../bindings/ErrorDetail';
import type { StatementDifference } from '../bindings/StatementDifference';
import type { StatementLine } from '../bindings/StatementLine';
import { formatYen } from '../format';
import { currentLanguage } from '../i18n';

export function isBadLine(detail: ErrorDetail): detail is BadLine {
  return 'line' in detail && 'reason_ja' in detail;
}

export function isStatementDifference(detail: ErrorDetail): detail is StatementDifference {
  return 'change' in detail;
}

/** Whether `details` hold anything [`ErrorDetails`] shows as a table. */
export function hasTabledDetails(details: readonly ErrorDetail[]): boolean {
  return details.some((d) => isBadLine(d) || isStatementDifference(d));
}

export function ErrorDetails({ details, testId }: { details: readonly ErrorDetail[]; testId?: string }) {
  const badLines = details.filter(isBadLine);
  const changes = details.filter(isStatementDifference);
  return (
    <Stack gap="xs" w="100%">
      {badLines.length > 0 && <BadLinesTable lines={badLines} testId={testId && `${testId}-bad-lines`} />}
      {changes.length > 0 && <ChangesTable changes={changes} testId={testId && `${testId}-differences`} />}
    </Stack>
  );
}

/** Many rows (a file with a wrong layout fails on every line) scroll inside the alert. */
function Scroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box mah={280} w="100%" style={{ overflow: 'auto' }} tabIndex={0} role="region" aria-label={label}>
      {children}
    </Box>
  );
}

function BadLinesTable({ lines, testId }: { lines: BadLine[]; testId?: string }) {
  const { t } = useTranslation();
  const english = currentLanguage() === 'en';
  return (
    <Scroll label={t('errors.badLines')}>
      <Table withTableBorder striped stickyHeader fz="sm" data-testid={testId}>
        <Table.Caption>{t('errors.badLines')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('errors.line')}</Table.Th>
            <Table.Th scope="col">{t('errors.field')}</Table.Th>
            <Table.Th scope="col">{t('errors.value')}</Table.Th>
            <Table.Th scope="col">{t('errors.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l, i) => (
            <Table.Tr key={`${l.line}-${i}`}>
              <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{l.line}</Table.Td>
              <Table.Td>{l.field ?? '—'}</Table.Td>
              <Table.Td style={{ wordBreak: 'break-all' }}>{l.value}</Table.Td>
              <Table.Td>{english ? l.reason_en : l.reason_ja}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Scroll>
  );
}

function ChangesTable({ changes, testId }: { changes: StatementDifference[]; testId?: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const key = (l: StatementLine) => `${l.date} ${l.operator} ${l.kind}`;
  const values = (l: StatementLine) =>
    t('errors.lineValues', {
      issuances: l.issuances,
      copies: l.copies,
      fees: formatYen(l.fees, language),
      commissions: formatYen(l.commissions, language),
    });
  const row = (c: StatementDifference): [string, string, string] => {
    switch (c.change) {
      case 'header':
        return [c.field, c.before, c.after];
      case 'added':
        return [key(c.line), '—', values(c.line)];
      case 'removed':
        return [key(c.line), values(c.line), '—'];
      case 'changed':
        return [key(c.after), values(c.before), values(c.after)];
    }
  };
  return (
    <Scroll label={t('errors.differences')}>
      <Table withTableBorder striped stickyHeader fz="sm" data-testid={testId}>
        <Table.Caption>{t('errors.differences')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('errors.change')}</Table.Th>
            <Table.Th scope="col">{t('errors.where')}</Table.Th>
            <Table.Th scope="col">{t('errors.before')}</Table.Th>
            <Table.Th scope="col">{t('errors.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((c, i) => {
            const [where, before, after] = row(c);
            return (
              <Table.Tr key={i}>
                <Table.Td>{t(`errors.changeKind.${c.change}`)}</Table.Td>
                <Table.Td>{where}</Table.Td>
                <Table.Td>
                  <Text size="sm">{before}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{after}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Scroll>
  );
}
