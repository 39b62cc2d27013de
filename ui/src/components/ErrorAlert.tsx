import { Alert, Box, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../bindings/ApiError';
import { ErrorDetails, hasTabledDetails } from './ErrorDetails';

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

/** Beyond this many lines (e.g. a refused file listing each bad line) the message scrolls. */
const SCROLL_AFTER_LINES = 8;

/**
 * A refusal or failure, announced to screen readers, with an optional retry. The core's message
 * keeps its line breaks; a long one scrolls in a box that can be reached and scrolled with the
 * keyboard, so the screen around it stays usable. When the refusal's `details` are bad lines or
 * statement differences they are shown as a table, under the message's first line (the core's
 * summary; the lines after it say in text what the table shows).
 */
export function ErrorAlert({ error, title, onRetry, testId }: Props) {
  const { t } = useTranslation();
  const text = useErrorText();
  const tabled = hasTabledDetails(error.details);
  const full = text(error);
  const message = tabled ? (full.split('\n')[0] ?? full) : full;
  const long = message.split('\n').length > SCROLL_AFTER_LINES;
  return (
    <Alert color="red" variant="light" role="alert" title={title} data-testid={testId}>
      <Stack gap="xs" align="flex-start" w="100%">
        {long ? (
          <Box
            mah={240}
            w="100%"
            style={{ overflowY: 'auto' }}
            tabIndex={0}
            aria-label={t('errors.details')}
            role="region"
            data-testid={testId ? `${testId}-details` : undefined}
          >
            <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
              {message}
            </Text>
          </Box>
        ) : (
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {message}
          </Text>
        )}
        {tabled && <ErrorDetails details={error.details} testId={testId} />}
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
