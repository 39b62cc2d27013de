/**
 * 今月の期限: the slot for the previous target month's cycle (8日 照合 → 9日 確定 → 10日 取得可 →
 * 15日 請求書送付 → 末日 入金). The dates and their states come from the core once it offers them;
 * until then the panel only says so. Keep it self-contained: the dashboard just places it.
 */
import { Card, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function MonthlyDeadlinesPanel(_props: { today: string }) {
  const { t } = useTranslation();
  return (
    <Card component="section" aria-labelledby="dashboard-deadlines-title" data-testid="dashboard-deadlines">
      <Title order={3} size="h4" id="dashboard-deadlines-title" mb="sm">
        {t('dashboard.deadlinesTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('dashboard.deadlinesPending')}
      </Text>
    </Card>
  );
}
