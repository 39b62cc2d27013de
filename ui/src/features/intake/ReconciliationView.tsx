/**
 * The month's reconciliation: the differences between J-LIS's statement and the completion
 * notices (日付, 事業者, 証明書; 件数・通数・手数料・委託手数料 on both sides), the issuances
 * outside service hours (第9条) and the statement lines whose commission is not the configured one.
 */
import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CommissionFinding } from '../../bindings/CommissionFinding';
import type { Difference } from '../../bindings/Difference';
import type { Figures } from '../../bindings/Figures';
import type { MasterNames } from '../../bindings/MasterNames';
import type { OutOfHours } from '../../bindings/OutOfHours';
import type { Reconciliation } from '../../bindings/Reconciliation';
import { formatDate, formatDateTime, formatMonth } from '../../format';
import { currentLanguage } from '../../i18n';
import { codeLabel, FigureTd } from './shared';

const figureKeys = ['issuances', 'copies', 'fees', 'commissions'] as const satisfies readonly (keyof Figures)[];

export function ReconciliationView({
  reconciliation,
  names,
}: {
  reconciliation: Reconciliation;
  names: MasterNames | undefined;
}) {
  return (
    <Stack gap="lg">
      <DifferencesCard reconciliation={reconciliation} names={names} />
      <OutOfHoursCard items={reconciliation.out_of_hours} names={names} />
      <CommissionCard findings={reconciliation.commission_findings} names={names} />
    </Stack>
  );
}

function DifferencesCard({ reconciliation, names }: { reconciliation: Reconciliation; names: MasterNames | undefined }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { differences } = reconciliation;
  return (
    <Card component="section" aria-labelledby="intake-differences-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="intake-differences-title">
          {t('intake.differencesTitle')}
        </Title>
        {differences.length === 0 ? (
          <Text size="sm" c="teal.9" fw={700} data-testid="differences-none">
            {t('intake.differencesNone')}
          </Text>
        ) : (
          <>
            <Text size="xs" c="dimmed">
              {t('intake.differencesLead')}
            </Text>
            <Table.ScrollContainer minWidth={960}>
              <Table withTableBorder withColumnBorders striped data-testid="differences">
                <Table.Caption>
                  {t('intake.differencesCaption', {
                    month: formatMonth(reconciliation.target_month, language),
                    count: differences.length,
                  })}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" rowSpan={2}>
                      {t('intake.date')}
                    </Table.Th>
                    <Table.Th scope="col" rowSpan={2}>
                      {t('intake.operator')}
                    </Table.Th>
                    <Table.Th scope="col" rowSpan={2}>
                      {t('intake.kind')}
                    </Table.Th>
                    <Table.Th scope="colgroup" colSpan={4} ta="center">
                      {t('intake.statementSide')}
                    </Table.Th>
                    <Table.Th scope="colgroup" colSpan={4} ta="center">
                      {t('intake.noticesSide')}
                    </Table.Th>
                  </Table.Tr>
                  <Table.Tr>
                    {(['statementSide', 'noticesSide'] as const).map((side) =>
                      figureKeys.map((key) => (
                        <Table.Th
                          key={`${side}-${key}`}
                          scope="col"
                          ta="right"
                          aria-label={t('intake.sideFigure', { side: t(`intake.${side}`), figure: t(`intake.${key}`) })}
                        >
                          {t(`intake.${key}`)}
                        </Table.Th>
                      )),
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {differences.map((d) => (
                    <DifferenceRow key={`${d.date}-${d.operator}-${d.kind}`} difference={d} names={names} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Card>
  );
}

function DifferenceRow({ difference: d, names }: { difference: Difference; names: MasterNames | undefined }) {
  const language = currentLanguage();
  const differs = (key: (typeof figureKeys)[number]) => d.statement[key] !== d.notices[key];
  const cell = (side: 'statement' | 'notices', key: (typeof figureKeys)[number]) => (
    <FigureTd
      key={`${side}-${key}`}
      value={d[side][key]}
      yen={key === 'fees' || key === 'commissions'}
      fw={differs(key) ? 700 : undefined}
      c={differs(key) ? 'red.9' : undefined}
      data-differs={differs(key) || undefined}
    />
  );
  return (
    <Table.Tr data-testid={`difference-${d.date}-${d.operator}-${d.kind}`}>
      <Table.Td style={{ whiteSpace: 'nowrap' }} className="kofu-figures">
        {formatDate(d.date, language)}
      </Table.Td>
      <Table.Td>{codeLabel(d.operator, names?.operators)}</Table.Td>
      <Table.Td>{codeLabel(d.kind, names?.kinds)}</Table.Td>
      {figureKeys.map((key) => cell('statement', key))}
      {figureKeys.map((key) => cell('notices', key))}
    </Table.Tr>
  );
}

function OutOfHoursCard({ items, names }: { items: OutOfHours[]; names: MasterNames | undefined }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Card component="section" aria-labelledby="intake-out-of-hours-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="intake-out-of-hours-title">
          {t('intake.outOfHoursTitle')}
        </Title>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="out-of-hours-none">
            {t('intake.outOfHoursNone')}
          </Text>
        ) : (
          <>
            <Text size="xs" c="dimmed">
              {t('intake.outOfHoursLead')}
            </Text>
            <Table.ScrollContainer minWidth={640}>
              <Table withTableBorder striped data-testid="out-of-hours">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w={240}>
                      {t('intake.at')}
                    </Table.Th>
                    <Table.Th scope="col">{t('intake.kind')}</Table.Th>
                    <Table.Th scope="col">{t('intake.noticeId')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Table.Tr key={item.id} data-testid={`out-of-hours-${item.id}`}>
                      <Table.Td className="kofu-figures" style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(item.at, language)}
                      </Table.Td>
                      <Table.Td>{codeLabel(item.kind, names?.kinds)}</Table.Td>
                      <Table.Td className="kofu-figures" style={{ overflowWrap: 'anywhere' }}>
                        {item.id}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Card>
  );
}

function CommissionCard({ findings, names }: { findings: CommissionFinding[]; names: MasterNames | undefined }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Card component="section" aria-labelledby="intake-commission-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="intake-commission-title">
          {t('intake.commissionTitle')}
        </Title>
        {findings.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="commission-findings-none">
            {t('intake.commissionNone')}
          </Text>
        ) : (
          <>
            <Text size="xs" c="dimmed">
              {t('intake.commissionLead')}
            </Text>
            <Table.ScrollContainer minWidth={800}>
              <Table withTableBorder striped data-testid="commission-findings">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('intake.date')}</Table.Th>
                    <Table.Th scope="col">{t('intake.operator')}</Table.Th>
                    <Table.Th scope="col">{t('intake.kind')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('intake.copies')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('intake.commissionStatement')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('intake.commissionExpected')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {findings.map((f) => (
                    <Table.Tr key={`${f.date}-${f.operator}-${f.kind}`}>
                      <Table.Td className="kofu-figures" style={{ whiteSpace: 'nowrap' }}>
                        {formatDate(f.date, language)}
                      </Table.Td>
                      <Table.Td>{codeLabel(f.operator, names?.operators)}</Table.Td>
                      <Table.Td>{codeLabel(f.kind, names?.kinds)}</Table.Td>
                      <FigureTd value={f.copies} />
                      <FigureTd value={f.statement} yen fw={700} c="red.9" />
                      <FigureTd value={f.expected} yen />
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Card>
  );
}
