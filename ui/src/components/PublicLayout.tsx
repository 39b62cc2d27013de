import { Box, Container, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of the screens shown before sign-in: product name, language switch, one column. */
export function PublicLayout({ children, width = 460 }: { children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <Group
        component="header"
        justify="space-between"
        px="lg"
        h={56}
        bg="white"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Stack gap={0}>
          <Text fw={700} c="civic.9">
            {t('app.name')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('app.productLine')}
          </Text>
        </Stack>
        <LanguageSwitch />
      </Group>
      <Container component="main" size={width} py={48}>
        {children}
      </Container>
    </Box>
  );
}
