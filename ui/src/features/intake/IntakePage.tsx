/**
 * 取込・照合: pick a target month (last month by default: the one J-LIS settles now), see where its
 * intake stands (notices → statement → reconciliation), take data in from J-LIS's server or from
 * files, and read the reconciliation and the import history. Importing is a clerk's; others read.
 */
import { Alert, Card, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { canDo, type Allowed } from '../../roles';
import { ImportHistory } from './ImportHistory';
import { ImportPanel } from './ImportPanel';
import { IntakeSteps } from './IntakeSteps';
import { ReconciliationView } from './ReconciliationView';
import { MonthSwitcher, useMasterNames, useSettledMonth } from './shared';
import { useImportRunner } from './useImportRunner';

export function IntakePage({ allowed }: { allowed: Allowed }) {
  const { t } = useTranslation();
  const settled = useSettledMonth();
  const [picked, setPicked] = useState<string | null>(null);
  const month = picked ?? settled;

  return (
    <Stack gap="md" data-testid="intake-page">
      <Stack gap={4}>
        <Title order={2}>{t('intake.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('intake.lead')}
        </Text>
      </Stack>
      {month === undefined ? (
        <CenteredLoader />
      ) : (
        <MonthIntakeView month={month} allowed={allowed} onMonth={setPicked} />
      )}
    </Stack>
  );
}

function MonthIntakeView({
  month,
  allowed,
  onMonth,
}: {
  month: string;
  allowed: Allowed;
  onMonth: (m: string) => void;
}) {
  const { t } = useTranslation();
  const canImport = canDo(allowed, 'importData');
  const runner = useImportRunner(month);
  const names = useMasterNames();
  const intake = useQuery({
    queryKey: queryKeys.monthIntake(month),
    queryFn: () => api.monthIntake(month),
  });
  const reconciliation = useQuery({
    queryKey: queryKeys.reconciliation(month),
    queryFn: () => api.reconcileMonth(month),
  });
  const noStatement = reconciliation.error?.code === 'not_found';

  return (
    <Stack gap="lg">
      <MonthSwitcher
        month={month}
        onChange={onMonth}
        label={t('intake.month')}
        testId="intake-month"
      />

      {intake.isPending ? (
        <CenteredLoader />
      ) : intake.isError ? (
        <ErrorAlert error={intake.error} onRetry={() => void intake.refetch()} />
      ) : (
        <IntakeSteps
          intake={intake.data}
          reconciliation={reconciliation.data}
          reconciliationError={reconciliation.error}
        />
      )}
      {canImport ? (
        <ImportPanel month={month} runner={runner} onShowMonth={onMonth} />
      ) : (
        <Alert color="gray" variant="light" data-testid="intake-read-only">
          {t('intake.readOnly')}
        </Alert>
      )}

      {reconciliation.isPending ? (
        <CenteredLoader />
      ) : noStatement ? (
        <Card data-testid="reconciliation-empty">
          <Stack gap={4} align="center" py="md">
            <Text fw={700}>{t('intake.emptyStatement')}</Text>
            <Text size="sm" c="dimmed" ta="center">
              {canImport ? t('intake.emptyStatementHint') : t('intake.emptyStatementReadOnly')}
            </Text>
          </Stack>
        </Card>
      ) : reconciliation.isError ? (
        <ErrorAlert error={reconciliation.error} onRetry={() => void reconciliation.refetch()} />
      ) : (
        <ReconciliationView reconciliation={reconciliation.data} names={names.data} />
      )}

      <ImportHistory />
    </Stack>
  );
}
