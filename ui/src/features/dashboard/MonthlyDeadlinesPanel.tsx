/**
 * 今月の期限: the cycle of the previous target month as a timeline (8日 照合 → 9日 確定 → 10日
 * 取得可 → 15日 請求書送付 → 末日 入金), each step with its date and the days left, coloured by the
 * urgency the core computed; the next cycle below, compact. The invoice's steps (請求書送付, 入金)
 * carry their state from the core (済 / 未 / 期限超過) for those who may see invoices; below the
 * timeline, 要対応 lists the invoices waiting for this supervisor's approval. Self-contained: the
 * dashboard just places it.
 */
import { Badge, Box, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { DeadlineCycle } from '../../bindings/DeadlineCycle';
import type { AwaitingApproval } from '../../bindings/AwaitingApproval';
import type { DeadlineStep } from '../../bindings/DeadlineStep';
import type { StepState } from '../../bindings/StepState';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatMonth, formatMonthDay, formatYen } from '../../format';
import { currentLanguage } from '../../i18n';
import {
  isDeadlineKey,
  urgencyColor,
  useDaysLeftText,
  useStepLabel,
} from '../calendar/deadlineSteps';

export function MonthlyDeadlinesPanel(_props: { today: string }) {
  const { t } = useTranslation();
  const panel = useQuery({ queryKey: queryKeys.deadlines, queryFn: api.deadlinesPanel });
  const cycleLabel = useCycleLabel();
  const [current, next] = panel.data?.cycles ?? [];

  return (
    <Card component="section" aria-labelledby="dashboard-deadlines-title" data-testid="deadlines-panel">
      <Title order={3} size="h4" id="dashboard-deadlines-title" mb="md">
        {t('dashboard.deadlinesTitle')}
        {current && (
          <Text span inherit c="dimmed" fw={400} ml="sm" data-testid="deadlines-cycle">
            {cycleLabel(current)}
          </Text>
        )}
      </Title>
      {panel.isPending ? (
        <CenteredLoader />
      ) : panel.isError ? (
        <ErrorAlert error={panel.error} onRetry={() => void panel.refetch()} />
      ) : !current ? (
        <Text size="sm" c="dimmed">
          {t('deadlines.empty')}
        </Text>
      ) : (
        <Stack gap="lg">
          <CurrentCycle cycle={current} label={cycleLabel(current)} />
          {panel.data.to_approve.length > 0 && <ToApprove items={panel.data.to_approve} />}
          {next && <NextCycle cycle={next} label={cycleLabel(next)} />}
        </Stack>
      )}
    </Card>
  );
}

/** 令和8年10月分 from the core in Japanese; "for October 2026" in English. */
function useCycleLabel() {
  const { t } = useTranslation();
  return (cycle: DeadlineCycle) => {
    const language = currentLanguage();
    return language === 'ja'
      ? cycle.label
      : t('deadlines.cycleOf', { month: formatMonth(cycle.target_month, language) });
  };
}

function CurrentCycle({ cycle, label }: { cycle: DeadlineCycle; label: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <ol className="kofu-timeline" aria-label={t('deadlines.currentList', { cycle: label })}>
        {cycle.steps.map((step) => (
          <TimelineStep key={step.key} step={step} />
        ))}
      </ol>
      <Text size="xs" c="dimmed">
        {t('deadlines.urgencyLegend')}
      </Text>
    </Stack>
  );
}

function TimelineStep({ step }: { step: DeadlineStep }) {
  const { t } = useTranslation();
  const stepLabel = useStepLabel();
  const daysLeftText = useDaysLeftText();
  const language = currentLanguage();
  const color = urgencyColor(step.urgency);
  // A passed step's dot is a quiet gray; the others take their colour at full strength.
  const dot = color === 'gray' ? 'var(--mantine-color-gray-5)' : `var(--mantine-color-${color}-filled)`;
  const style = { '--kofu-step-color': dot } as CSSProperties;

  return (
    <li
      className="kofu-timeline-step"
      data-testid={`deadline-${step.key}`}
      data-urgency={step.urgency}
      data-color={color}
      style={style}
    >
      <span className="kofu-timeline-dot" aria-hidden />
      <Text size="sm" fw={700} lh={1.3}>
        {stepLabel(step.key, step.label)}
      </Text>
      {isDeadlineKey(step.key) && (
        <Text size="xs" c="dimmed" lh={1.3}>
          {t(`deadlines.rules.${step.key}`)}
        </Text>
      )}
      <Text size="sm" className="kofu-figures" title={formatDate(step.date, language)}>
        <time dateTime={step.date}>{formatMonthDay(step.date, language)}</time>
      </Text>
      <Badge
        color={color}
        variant={step.urgency === 'today' || step.urgency === 'soon' ? 'filled' : 'light'}
        radius="sm"
        size="md"
        tt="none"
        data-testid={`deadline-${step.key}-left`}
      >
        {daysLeftText(step.days_left)}
      </Badge>
      {step.state && <StateBadge state={step.state} testId={`deadline-${step.key}-state`} />}
    </li>
  );
}

const stateColor: Record<StepState, string> = { done: 'teal', open: 'gray', overdue: 'red' };

/** 済 / 未 / 期限超過 of a tracked step, as the core decided it. */
function StateBadge({ state, testId }: { state: StepState; testId: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={stateColor[state]}
      variant={state === 'overdue' ? 'filled' : 'light'}
      radius="sm"
      size="sm"
      tt="none"
      data-testid={testId}
      data-state={state}
    >
      {t(`deadlines.state.${state}`)}
    </Badge>
  );
}

/** 要対応: the invoices drafted by others that this supervisor may approve (精算・請求 opens them). */
function ToApprove({ items }: { items: readonly AwaitingApproval[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Box data-testid="deadlines-to-approve">
      <Text size="sm" fw={700} mb={4}>
        {t('deadlines.toApprove')}
      </Text>
      <List size="sm" spacing={2}>
        {items.map((item) => (
          <List.Item key={item.id} data-testid={`to-approve-${item.id}`}>
            <Group gap="xs" wrap="nowrap">
              <Text span size="sm">
                {t('deadlines.toApproveItem', {
                  month: formatMonth(item.target_month, language),
                  amount: formatYen(item.amount, language),
                  drafter: item.drafted_by,
                })}
              </Text>
            </Group>
          </List.Item>
        ))}
      </List>
    </Box>
  );
}

function NextCycle({ cycle, label }: { cycle: DeadlineCycle; label: string }) {
  const { t } = useTranslation();
  const stepLabel = useStepLabel();
  const daysLeftText = useDaysLeftText();
  const language = currentLanguage();
  const heading = t('deadlines.next', { cycle: label });

  return (
    <Box data-testid="deadlines-next" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Text size="sm" fw={700} mb={6}>
        {heading}
      </Text>
      {/* The same five columns as the timeline above, so each step sits under its counterpart. */}
      <ol className="kofu-timeline" data-compact aria-label={heading}>
        {cycle.steps.map((step) => (
          <li
            key={step.key}
            className="kofu-timeline-step"
            data-testid={`deadline-next-${step.key}`}
            data-urgency={step.urgency}
          >
            <Text size="xs" fw={700}>
              {stepLabel(step.key, step.label)}
            </Text>
            <Text size="xs" className="kofu-figures">
              <time dateTime={step.date}>{formatMonthDay(step.date, language)}</time>
            </Text>
            <Text size="xs" c={step.urgency === 'later' ? 'dimmed' : urgencyColor(step.urgency)}>
              {daysLeftText(step.days_left)}
            </Text>
          </li>
        ))}
      </ol>
    </Box>
  );
}
