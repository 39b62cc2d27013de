import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../bindings/ApiError';

/** The text to show for a refusal: the core's Japanese message, or a generic one if it sent none. */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: ApiError | null | undefined) =>
    error?.message ? error.message : t('errors.unexpected');
}

type Props = {
  error: ApiError;
  title?: string;
  onRetry?: () => void;
  testId?: string;
};

/** A refusal or failure, announced to screen readers, with an optional retry. */
export function ErrorAlert({ error, title, onRetry, testId }: Props) {
  const { t } = useTranslation();
  const text = useErrorText();
  return (
    <Alert color="red" variant="light" role="alert" title={title} data-testid={testId}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{text(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
