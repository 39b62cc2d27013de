import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A tidy stand-in for an area that is not built yet. */
export function PlaceholderPage({ area, headingLevel = 2 }: { area: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={headingLevel}>{area}</Title>
      <Paper withBorder p="xl" radius="sm" data-testid="placeholder">
        <Stack gap={6}>
          <Text fw={700} c="civic.8">
            {t('placeholder.title')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('placeholder.body', { area })}
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
