/**
 * ダッシュボード: a greeting with today's date (the core's "today", not the machine clock), the slot
 * for 今月の期限, and the municipality profile.
 */
import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../format';
import { currentLanguage } from '../../i18n';
import { MonthlyDeadlinesPanel } from './MonthlyDeadlinesPanel';
import { ProfileCard } from './ProfileCard';

export function DashboardPage() {
  const { t } = useTranslation();
  const dashboard = useQuery({ queryKey: queryKeys.dashboard, queryFn: api.dashboard });

  if (dashboard.isPending) return <CenteredLoader />;
  if (dashboard.isError) {
    return <ErrorAlert error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  }
  const { user, profile, today } = dashboard.data;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2} data-testid="dashboard-greeting">
          {t('dashboard.greeting', { name: user.display_name })}
        </Title>
        <Text c="dimmed" size="sm" data-testid="dashboard-today">
          {t('dashboard.today', { date: formatDate(today, currentLanguage()) })}
        </Text>
      </Stack>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <MonthlyDeadlinesPanel today={today} />
        <ProfileCard profile={profile} />
      </SimpleGrid>
    </Stack>
  );
}
