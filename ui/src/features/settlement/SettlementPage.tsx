/**
 * 精算・請求: a month's settlement from J-LIS's statement: 交付手数料合計, 委託手数料合計 and
 * 差引請求額 (or 「差引額が0円以下のため請求なし」 when the core says the month is not invoiced), the
 * figures by operator and by certificate kind as tables and bar charts, and the last 12 months as
 * a line chart. A preliminary (速報) month is marked as such: it is never invoiced. Below the
 * totals, the month's invoice (InvoiceCard) with its steps and PDF preview.
 */
import { BarChart, LineChart } from '@mantine/charts';
import { Alert, Badge, Box, Card, Group, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { CodeName } from '../../bindings/CodeName';
import type { Settlement } from '../../bindings/Settlement';
import type { TrendPoint } from '../../bindings/TrendPoint';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMonth, formatYen } from '../../format';
import { currentLanguage } from '../../i18n';
import type { Allowed } from '../../roles';
import { InvoiceCard } from './InvoiceCard';
import { codeLabel, FigureTd, MonthSwitcher, shortName, useMasterNames, useSettledMonth } from '../intake/shared';

const seriesColors = { fees: 'civic.6', commissions: 'orange.6', net: 'teal.7' } as const;

export function SettlementPage({ allowed }: { allowed: Allowed }) {
  const { t } = useTranslation();
  const settled = useSettledMonth();
  const [picked, setPicked] = useState<string | null>(null);
  const month = picked ?? settled;

  return (
    <Stack gap="md" data-testid="settlement-page">
      <Stack gap={4}>
        <Title order={2}>{t('settlement.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('settlement.lead')}
        </Text>
      </Stack>
      {month === undefined ? (
        <CenteredLoader />
      ) : (
        <Stack gap="lg">
          <MonthSwitcher month={month} onChange={setPicked} label={t('settlement.month')} testId="settlement-month" />
          <MonthSettlement month={month} />
          <MonthInvoice month={month} allowed={allowed} />
          <TrendCard month={month} />
        </Stack>
      )}
    </Stack>
  );
}

/** The invoice card, once the month's settlement says whether it can be drafted. */
function MonthInvoice({ month, allowed }: { month: string; allowed: Allowed }) {
  const settlement = useQuery({
    queryKey: queryKeys.settlement(month),
    queryFn: () => api.settlement(month),
  });
  // A month without a statement has no invoice to show.
  if (settlement.isError || settlement.isPending) return null;
  return <InvoiceCard month={month} settlement={settlement.data} allowed={allowed} />;
}

function MonthSettlement({ month }: { month: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const settlement = useQuery({
    queryKey: queryKeys.settlement(month),
    queryFn: () => api.settlement(month),
  });
  const names = useMasterNames();

  if (settlement.isPending) return <CenteredLoader />;
  if (settlement.isError) {
    if (settlement.error.code === 'not_found') {
      return (
        <Card data-testid="settlement-empty">
          <Stack gap={4} align="center" py="md">
            <Text fw={700}>{t('settlement.empty')}</Text>
            <Text size="sm" c="dimmed" ta="center">
              {t('settlement.emptyHint', { month: formatMonth(month, language) })}
            </Text>
          </Stack>
        </Card>
      );
    }
    return <ErrorAlert error={settlement.error} onRetry={() => void settlement.refetch()} />;
  }
  const data = settlement.data;
  return (
    <Stack gap="lg">
      <Totals settlement={data} />
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="lg">
        <ByOperator settlement={data} operators={names.data?.operators} />
        <ByKind settlement={data} kinds={names.data?.kinds} />
      </SimpleGrid>
    </Stack>
  );
}

function Totals({ settlement }: { settlement: Settlement }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const yen = (amount: number) => formatYen(amount, language);
  // Whether the month is invoiced is the core's decision (finalized, net above zero, no live invoice).
  const noInvoice = settlement.invoicing === 'no_invoice';
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Title order={3} size="h4">
          {t('settlement.monthTitle', { month: formatMonth(settlement.target_month, language) })}
        </Title>
        <Badge
          size="lg"
          radius="sm"
          tt="none"
          color={settlement.finalized ? 'teal' : 'yellow.4'}
          c={settlement.finalized ? undefined : 'dark.9'}
          variant={settlement.finalized ? 'light' : 'filled'}
          data-testid="settlement-status"
        >
          {settlement.finalized ? t('settlement.final') : t('settlement.preliminary')}
        </Badge>
      </Group>
      {!settlement.finalized && (
        <Alert color="yellow" variant="light" data-testid="settlement-preliminary">
          {t('settlement.preliminaryNote')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Total label={t('settlement.fees')} value={yen(settlement.fees)} testId="settlement-fees" />
        <Total label={t('settlement.commissions')} value={yen(settlement.commissions)} testId="settlement-commissions" />
        <Total
          label={noInvoice ? t('settlement.netNegative') : t('settlement.net')}
          value={yen(settlement.net)}
          testId="settlement-net"
          emphasis
          note={
            noInvoice ? (
              <Stack gap={2}>
                <Text fw={700} c="red.9" data-testid="settlement-no-invoice">
                  {t('settlement.noInvoice')}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('settlement.noInvoiceHint')}
                </Text>
              </Stack>
            ) : null
          }
        />
      </SimpleGrid>
    </Stack>
  );
}

function Total({
  label,
  value,
  testId,
  emphasis = false,
  note = null,
}: {
  label: string;
  value: string;
  testId: string;
  emphasis?: boolean;
  note?: ReactNode;
}) {
  return (
    <Card padding="md" style={emphasis ? { borderColor: 'var(--mantine-color-civic-6)', borderWidth: 2 } : undefined}>
      <Stack gap={4}>
        <Text size="sm" c="dimmed" fw={700}>
          {label}
        </Text>
        <Text
          fz={28}
          fw={700}
          ta="right"
          className="kofu-figures"
          data-testid={testId}
        >
          {value}
        </Text>
        {note}
      </Stack>
    </Card>
  );
}

function ByOperator({ settlement, operators }: { settlement: Settlement; operators: CodeName[] | undefined }) {
  const { t } = useTranslation();
  const rows = settlement.by_operator;
  return (
    <Card component="section" aria-labelledby="settlement-by-operator-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="settlement-by-operator-title">
          {t('settlement.byOperator')}
        </Title>
        <FeesChart
          label={t('settlement.chartByOperator')}
          data={rows.map((r) => ({ name: shortName(r.code, operators), fees: r.fees, commissions: r.commissions }))}
          testId="settlement-operator-chart"
        />
        <Table.ScrollContainer minWidth={520}>
          <Table withTableBorder striped data-testid="settlement-by-operator">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('settlement.operator')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('settlement.feesColumn')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('settlement.commissionsColumn')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('settlement.netColumn')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.code} data-testid={`settlement-operator-${r.code}`}>
                  <Table.Td>{codeLabel(r.code, operators)}</Table.Td>
                  <FigureTd value={r.fees} yen />
                  <FigureTd value={r.commissions} yen />
                  <FigureTd value={r.net} yen c={r.net < 0 ? 'red.9' : undefined} />
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr fw={700}>
                <Table.Th scope="row">{t('settlement.total')}</Table.Th>
                <FigureTd value={settlement.fees} yen />
                <FigureTd value={settlement.commissions} yen />
                <FigureTd value={settlement.net} yen c={settlement.net < 0 ? 'red.9' : undefined} />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Card>
  );
}

function ByKind({ settlement, kinds }: { settlement: Settlement; kinds: CodeName[] | undefined }) {
  const { t } = useTranslation();
  const rows = settlement.by_kind;
  const copies = rows.reduce((sum, r) => sum + r.copies, 0);
  return (
    <Card component="section" aria-labelledby="settlement-by-kind-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="settlement-by-kind-title">
          {t('settlement.byKind')}
        </Title>
        <FeesChart
          label={t('settlement.chartByKind')}
          data={rows.map((r) => ({ name: shortName(r.code, kinds), fees: r.fees, commissions: r.commissions }))}
          testId="settlement-kind-chart"
        />
        <Table.ScrollContainer minWidth={560}>
          <Table withTableBorder striped data-testid="settlement-by-kind">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('settlement.kind')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('settlement.copies')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('settlement.feesColumn')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('settlement.commissionsColumn')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.code} data-testid={`settlement-kind-${r.code}`}>
                  <Table.Td>{codeLabel(r.code, kinds)}</Table.Td>
                  <FigureTd value={r.copies} />
                  <FigureTd value={r.fees} yen />
                  <FigureTd value={r.commissions} yen />
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr fw={700}>
                <Table.Th scope="row">{t('settlement.total')}</Table.Th>
                <FigureTd value={copies} />
                <FigureTd value={settlement.fees} yen />
                <FigureTd value={settlement.commissions} yen />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Card>
  );
}

/** Fees and commissions side by side per row. The table next to it carries the same figures. */
function FeesChart({
  label,
  data,
  testId,
}: {
  label: string;
  data: { name: string; fees: number; commissions: number }[];
  testId: string;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (data.length === 0) return null;
  return (
    <Box role="img" aria-label={label} data-testid={testId}>
      <BarChart
        h={220}
        data={data}
        dataKey="name"
        series={[
          { name: 'fees', label: t('settlement.feesColumn'), color: seriesColors.fees },
          { name: 'commissions', label: t('settlement.commissionsColumn'), color: seriesColors.commissions },
        ]}
        valueFormatter={(value) => formatYen(value, language)}
        withLegend
        yAxisProps={{ width: 96 }}
        tickLine="y"
      />
    </Box>
  );
}

function TrendCard({ month }: { month: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const trend = useQuery({
    queryKey: queryKeys.settlementTrend(month),
    queryFn: () => api.settlementTrend(month),
  });

  return (
    <Card component="section" aria-labelledby="settlement-trend-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="settlement-trend-title">
          {t('settlement.trendTitle')}
        </Title>
        {trend.isPending ? (
          <CenteredLoader />
        ) : trend.isError ? (
          <ErrorAlert error={trend.error} onRetry={() => void trend.refetch()} />
        ) : (
          <TrendChart points={trend.data} language={language} />
        )}
      </Stack>
    </Card>
  );
}

function TrendChart({ points, language }: { points: TrendPoint[]; language: ReturnType<typeof currentLanguage> }) {
  const { t } = useTranslation();
  const label = (m: string) => formatMonth(m, language);
  // A month without data is a gap in the lines, not a drop to zero.
  const data = points.map((p) => ({
    month: label(p.target_month),
    fees: p.imported ? p.fees : null,
    commissions: p.imported ? p.commissions : null,
    net: p.imported ? p.net : null,
  }));
  const missing = points.filter((p) => !p.imported).map((p) => label(p.target_month));
  const preliminary = points.filter((p) => p.imported && !p.finalized).map((p) => label(p.target_month));
  const separator = language === 'ja' ? '、' : ', ';
  const first = points[0];
  const last = points.at(-1);
  const yen = (amount: number) => formatYen(amount, language);

  return (
    <Stack gap="xs" data-testid="settlement-trend">
      <Box
        role="img"
        aria-label={
          first && last ? t('settlement.trendChart', { from: label(first.target_month), to: label(last.target_month) }) : undefined
        }
      >
        <LineChart
          h={260}
          data={data}
          dataKey="month"
          series={[
            { name: 'fees', label: t('settlement.feesColumn'), color: seriesColors.fees },
            { name: 'commissions', label: t('settlement.commissionsColumn'), color: seriesColors.commissions },
            { name: 'net', label: t('settlement.netColumn'), color: seriesColors.net },
          ]}
          connectNulls={false}
          valueFormatter={(value) => yen(value)}
          withLegend
          yAxisProps={{ width: 96 }}
          curveType="linear"
        />
      </Box>
      {missing.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="settlement-trend-gaps">
          {t('settlement.trendGaps', { months: missing.join(separator) })}
        </Text>
      )}
      {preliminary.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('settlement.trendPreliminary', { months: preliminary.join(separator) })}
        </Text>
      )}
      {/* The same figures for screen readers: a chart alone says nothing to them. */}
      <VisuallyHidden>
        <table>
          <caption>{t('settlement.trendTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settlement.trendMonth')}</th>
              <th scope="col">{t('settlement.feesColumn')}</th>
              <th scope="col">{t('settlement.commissionsColumn')}</th>
              <th scope="col">{t('settlement.netColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.target_month}>
                <th scope="row">
                  {label(p.target_month)}
                  {p.imported && !p.finalized ? ` (${t('settlement.preliminary')})` : ''}
                </th>
                {p.imported ? (
                  <>
                    <td>{yen(p.fees)}</td>
                    <td>{yen(p.commissions)}</td>
                    <td>{yen(p.net)}</td>
                  </>
                ) : (
                  <td colSpan={3}>{t('settlement.trendNoData')}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </Stack>
  );
}
