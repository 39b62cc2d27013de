import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from './i18n';
import { theme } from './theme';

type Props = {
  client: QueryClient;
  children: ReactNode;
  /** 'test' turns off Mantine's transitions and portals (component tests under jsdom). */
  mantineEnv?: 'default' | 'test';
};

/** Everything a screen needs around it: theme, dates locale, data cache, toasts. */
export function Providers({ client, children, mantineEnv = 'default' }: Props) {
  // Re-render on language change so the dates locale follows the switch.
  useTranslation();
  return (
    <QueryClientProvider client={client}>
      <MantineProvider
        theme={theme}
        defaultColorScheme="light"
        forceColorScheme="light"
        env={mantineEnv}
      >
        <DatesProvider settings={{ locale: currentLanguage(), firstDayOfWeek: 0 }}>
          <Notifications position="top-right" autoClose={4000} limit={4} />
          {children}
        </DatesProvider>
      </MantineProvider>
    </QueryClientProvider>
  );
}
