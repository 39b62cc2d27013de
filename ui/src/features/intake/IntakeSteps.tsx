/**
 * The month's state as three steps: 完了通知 n件 取込済 → 取扱い実績 (速報/確定) 取得済 → 照合
 * 差異 n件 / 一致. Each step says 済, 未 or 要確認 in words (colour only repeats it).
 */
import { Badge, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../bindings/ApiError';
import type { MonthIntake } from '../../bindings/MonthIntake';
import type { Reconciliation } from '../../bindings/Reconciliation';
import { formatDate, formatDateTime, formatMonth, formatYen } from '../../format';
import { currentLanguage } from '../../i18n';
import { formatCount } from './shared';

type StepState = 'done' | 'pending' | 'attention';

const stateColor: Record<StepState, string> = {
  done: 'teal',
  pending: 'gray',
  attention: 'orange',
};

type Props = {
  intake: MonthIntake;
  /** `undefined` while loading; an error `not_found` means no statement yet. */
  reconciliation: Reconciliation | undefined;
  reconciliationError: ApiError | null;
};

export function IntakeSteps({ intake, reconciliation, reconciliationError }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const month = formatMonth(intake.target_month, language);
  const notices = intake.issuances + intake.cancellations + intake.corrections;
  const { statement } = intake;

  const reconcileStep = (): { state: StepState; value: string; detail: string | null } => {
    if (reconciliation) {
      return {
        state: reconciliation.matched ? 'done' : 'attention',
        value: reconciliation.matched
          ? t('intake.reconcileMatched')
          : t('intake.reconcileDifferences', { count: reconciliation.differences.length }),
        detail: t('intake.reconcileFindings', {
          outOfHours: reconciliation.out_of_hours.length,
          commissions: reconciliation.commission_findings.length,
        }),
      };
    }
    return {
      state: 'pending',
      value: t('intake.reconcilePending'),
      detail: reconciliationError?.code === 'not_found' || !statement ? t('intake.reconcileWaiting') : null,
    };
  };
  const reconcile = reconcileStep();

  return (
    <Card component="section" aria-labelledby="intake-steps-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="intake-steps-title">
          {t('intake.stepsTitle', { month })}
        </Title>
        <SimpleGrid
          component="ol"
          cols={{ base: 1, md: 3 }}
          spacing="sm"
          aria-label={t('intake.stepsLabel', { month })}
          data-testid="intake-steps"
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          <Step
            id="notices"
            number={1}
            title={t('intake.notices')}
            state={notices > 0 ? 'done' : 'pending'}
            value={notices > 0 ? t('intake.noticesDone', { n: formatCount(notices) }) : t('intake.noticesNone')}
            detail={
              notices > 0
                ? t('intake.noticesBreakdown', {
                    issuances: formatCount(intake.issuances),
                    cancellations: formatCount(intake.cancellations),
                    corrections: formatCount(intake.corrections),
                  })
                : null
            }
          />
          <Step
            id="statement"
            number={2}
            title={t('intake.statement')}
            state={!statement ? 'pending' : statement.finalized ? 'done' : 'attention'}
            value={
              statement
                ? t('intake.statementDone', {
                    state: statement.finalized ? t('intake.final') : t('intake.preliminary'),
                  })
                : t('intake.statementNone')
            }
            detail={
              statement
                ? [
                    t('intake.statementFigures', {
                      issuances: formatCount(statement.issuances),
                      copies: formatCount(statement.copies),
                      fees: formatYen(statement.fees, language),
                    }),
                    t('intake.statementImportedBy', {
                      at: formatDateTime(statement.imported_at, language),
                      by: statement.imported_by,
                    }),
                    statement.finalized ? null : t('intake.preliminaryNote'),
                  ]
                    .filter(Boolean)
                    .join('\n')
                : t('intake.statementAvailable', { date: formatDate(intake.available_from, language) })
            }
          />
          <Step
            id="reconcile"
            number={3}
            title={t('intake.reconcile')}
            state={reconcile.state}
            value={reconcile.value}
            detail={reconcile.detail}
          />
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

function Step({
  id,
  number,
  title,
  state,
  value,
  detail,
}: {
  id: string;
  number: number;
  title: string;
  state: StepState;
  value: string;
  detail: string | null;
}) {
  const { t } = useTranslation();
  const color = stateColor[state];
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      radius="sm"
      data-testid={`intake-step-${id}`}
      data-state={state}
      style={{ borderLeft: `4px solid var(--mantine-color-${color}-6)` }}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text fw={700} size="sm">
            <Text span c="dimmed" inherit mr={6} aria-hidden>
              {number}.
            </Text>
            {title}
          </Text>
          <Badge color={color} variant="light" radius="sm" tt="none">
            {t(`intake.state.${state}`)}
          </Badge>
        </Group>
        <Text fw={700} size="lg" className="kofu-figures" data-testid={`intake-step-${id}-value`}>
          {value}
        </Text>
        {detail && (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
            {detail}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
