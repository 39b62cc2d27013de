import { useQueryClient } from '@tanstack/react-query';
import { queryKeys } from './api';
import type { AppStatus } from './bindings/AppStatus';
import type { SessionDto } from './bindings/SessionDto';
import { signOutLocally } from './queryClient';

/** Moves the app between "signed out" and "signed in" by updating the cached AppStatus. */
export function useSessionTransitions() {
  const client = useQueryClient();
  return {
    signedIn(session: SessionDto) {
      client.setQueryData<AppStatus>(queryKeys.appStatus, (status) =>
        status ? { ...status, initialized: true, session } : status,
      );
    },
    statusReplaced(status: AppStatus) {
      client.setQueryData<AppStatus>(queryKeys.appStatus, status);
    },
    signedOut() {
      signOutLocally(client);
    },
  };
}
