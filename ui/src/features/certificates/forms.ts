/**
 * What the forms of this area share: the core's "today", and the way a refusal is shown: on the
 * field the core named (its names mapped to the form's), otherwise above the form. What the user
 * typed is never cleared by a refusal.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, queryKeys } from '../../api';
import type { ApiError } from '../../bindings/ApiError';
import { useErrorText } from '../../components/ErrorAlert';

/**
 * The core's today (Japan time), not the machine's: the month date pickers open on. Usually cached
 * by the dashboard already; `undefined` until known.
 */
export function useCoreToday(): string | undefined {
  return useQuery({ queryKey: queryKeys.dashboard, queryFn: api.dashboard }).data?.today;
}

export function useFormErrors<F extends string>(fieldFor: (coreField: string) => F | null) {
  const errorText = useErrorText();
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  return {
    errors,
    refusal,
    /** Client-side checks: the fields found empty or wrong, nothing sent. */
    check(found: Partial<Record<F, string>>) {
      setErrors(found);
      setRefusal(null);
      return Object.keys(found).length === 0;
    },
    clear(field: F) {
      setErrors((e) => (e[field] === undefined ? e : { ...e, [field]: undefined }));
    },
    refuse(error: ApiError) {
      const field = error.field ? fieldFor(error.field) : null;
      if (field) {
        setErrors({ [field]: errorText(error) } as Partial<Record<F, string>>);
        setRefusal(null);
      } else {
        setErrors({});
        setRefusal(error);
      }
    },
    reset() {
      setErrors({});
      setRefusal(null);
    },
  };
}
