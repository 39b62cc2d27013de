/**
 * The react-query client. Calls go to a local core over IPC, so there is nothing to gain from
 * retrying or refetching on focus, and nothing to wait for when the browser thinks it is offline
 * (`networkMode: 'always'`: WebKit without a network interface reports `navigator.onLine` false,
 * and the default mode would pause every call, the J-LIS pull included, which goes out from the
 * core, not the web view). When the core says the session is gone (`unauthenticated`) the app
 * drops back to the login screen.
 */
import { notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { queryKeys, reactionTo } from './api';
import type { ApiError } from './bindings/ApiError';
import type { AppStatus } from './bindings/AppStatus';
import i18n from './i18n';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
  }
}

export function createQueryClient(): QueryClient {
  const onError = (error: ApiError) => {
    if (reactionTo(error.code) !== 'signOut') return;
    signOutLocally(client);
    notifications.show({ color: 'yellow', message: i18n.t('errors.unauthenticated') });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000, networkMode: 'always' },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
  return client;
}

/** Forgets everything the signed-in user loaded and shows the login screen. */
export function signOutLocally(client: QueryClient) {
  client.removeQueries({
    predicate: (query) => query.queryKey[0] !== queryKeys.appStatus[0],
  });
  client.setQueryData<AppStatus>(queryKeys.appStatus, (status) =>
    status ? { ...status, session: null } : status,
  );
}
