/**
 * The root: asks the core what state the app is in and shows the first-run wizard, the login screen
 * or the signed-in shell accordingly.
 */
import { Center } from '@mantine/core';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, queryKeys } from './api';
import { CenteredLoader } from './components/CenteredLoader';
import { ErrorAlert } from './components/ErrorAlert';
import { LoginPage } from './features/auth/LoginPage';
import { FirstRunWizard } from './features/setup/FirstRunWizard';
import { Shell } from './features/shell/Shell';
import { Providers } from './Providers';
import { createQueryClient } from './queryClient';

type Props = { client?: QueryClient; mantineEnv?: 'default' | 'test' };

export function App({ client, mantineEnv }: Props) {
  const [queryClient] = useState(() => client ?? createQueryClient());
  return (
    <Providers client={queryClient} mantineEnv={mantineEnv}>
      <Root />
    </Providers>
  );
}

function Root() {
  const status = useQuery({ queryKey: queryKeys.appStatus, queryFn: api.appStatus });

  if (status.isPending) return <CenteredLoader fullScreen />;
  if (status.isError) {
    return (
      <Center h="100vh" p="xl">
        <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />
      </Center>
    );
  }
  const { data } = status;
  if (!data.initialized) return <FirstRunWizard />;
  if (!data.session) return <LoginPage demo={data.demo} />;
  return <Shell status={data} session={data.session} />;
}
