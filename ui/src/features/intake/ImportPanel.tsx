/**
 * データの取込: 「サーバから取得」 and 「ファイルから取込」 (a drop zone and a file button), the
 * progress bar with 中止 while either runs, and what must stay on screen afterwards: a refusal
 * (the core's message, scrolling when a file lists many bad lines), a pull's warning (not final
 * yet), a cancellation (neutral). Shown only to roles that may import.
 */
import {
  Alert,
  Box,
  Button,
  Card,
  CloseButton,
  FileButton,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMonth } from '../../format';
import { currentLanguage } from '../../i18n';
import { formatCount } from './shared';
import type { Outcome, useImportRunner } from './useImportRunner';

type Runner = ReturnType<typeof useImportRunner>;

// The hidden <input type="file"> behind the button (a variable: data-* is not in React's input type).
const fileInputProps = { 'aria-describedby': 'intake-drop-hint', 'data-testid': 'import-file-input' };

export function ImportPanel({
  month,
  runner,
  onShowMonth,
}: {
  month: string;
  runner: Runner;
  onShowMonth: (month: string) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const resetFile = useRef<() => void>(null);
  const [dragging, setDragging] = useState(false);
  const busy = runner.running !== null;

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (busy) return;
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) void runner.runFiles(files);
  };

  return (
    <Card component="section" aria-labelledby="intake-actions-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="intake-actions-title">
          {t('intake.actionsTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Stack gap={6} align="flex-start">
            <Button
              onClick={() => void runner.runPull()}
              disabled={busy}
              loading={runner.running?.kind === 'pull'}
              aria-describedby="intake-pull-hint"
              data-testid="pull-month"
            >
              {t('intake.pull')}
            </Button>
            <Text size="xs" c="dimmed" id="intake-pull-hint">
              {t('intake.pullHint', { month: formatMonth(month, language) })}
            </Text>
          </Stack>

          <Box
            role="group"
            aria-label={t('intake.dropLabel')}
            onDragOver={(event) => {
              event.preventDefault();
              if (!busy) setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            data-testid="import-drop"
            data-active={dragging || undefined}
            p="md"
            style={{
              border: `2px dashed var(--mantine-color-${dragging ? 'civic-6' : 'gray-4'})`,
              borderRadius: 'var(--mantine-radius-sm)',
              background: dragging ? 'var(--mantine-color-civic-0)' : 'var(--mantine-color-gray-0)',
            }}
          >
            <Stack gap={6} align="center">
              <Text fw={700} size="sm">
                {dragging ? t('intake.dropActive') : t('intake.dropTitle')}
              </Text>
              <Text size="xs" c="dimmed" ta="center" id="intake-drop-hint">
                {t('intake.dropHint')}
              </Text>
              <FileButton
                onChange={(files) => {
                  if (files.length > 0) void runner.runFiles(files);
                  resetFile.current?.();
                }}
                accept=".csv,.txt,text/csv,text/plain"
                multiple
                resetRef={resetFile}
                inputProps={fileInputProps}
              >
                {(props) => (
                  <Button
                    {...props}
                    variant="default"
                    disabled={busy}
                    loading={runner.running?.kind === 'file'}
                    aria-describedby="intake-drop-hint"
                    data-testid="import-files"
                  >
                    {t('intake.files')}
                  </Button>
                )}
              </FileButton>
            </Stack>
          </Box>
        </SimpleGrid>

        {runner.running && <ProgressBlock runner={runner} />}
        {runner.outcomes.map((outcome) => (
          <OutcomeNote
            key={outcome.key}
            outcome={outcome}
            onDismiss={() => runner.dismiss(outcome.key)}
            onShowMonth={onShowMonth}
          />
        ))}
      </Stack>
    </Card>
  );
}

function ProgressBlock({ runner }: { runner: Runner }) {
  const { t } = useTranslation();
  const { running, progress, cancelling } = runner;
  if (!running) return null;
  const known = progress !== null && progress.total > 0;
  const percent = known ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 100;
  const stage = progress?.stage || t('intake.progressStarting');
  const what =
    running.kind === 'file'
      ? t('intake.progressFile', { file: running.name, index: running.index, total: running.total })
      : t('intake.pull');

  return (
    <Stack gap={6} aria-live="polite">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={700} style={{ overflowWrap: 'anywhere' }}>
          {what}
        </Text>
        {known && (
          <Text size="xs" c="dimmed" className="kofu-figures">
            {t('intake.progressCount', { done: formatCount(progress.done), total: formatCount(progress.total) })}
          </Text>
        )}
      </Group>
      <Group gap="sm" wrap="nowrap" align="center">
        <Progress.Root
          size="lg"
          style={{ flex: 1 }}
          role="progressbar"
          aria-label={t('intake.progressLabel')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={known ? percent : undefined}
          aria-valuetext={known ? `${stage} ${percent}%` : stage}
          data-testid="import-progress"
        >
          <Progress.Section value={percent} animated={!known} striped={!known} withAria={false} />
        </Progress.Root>
        <Button
          variant="default"
          size="xs"
          onClick={() => void runner.cancel()}
          disabled={cancelling}
          data-testid="cancel-import"
        >
          {cancelling ? t('intake.cancelling') : t('intake.cancel')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" data-testid="import-stage">
        {stage}
      </Text>
    </Stack>
  );
}

function OutcomeNote({
  outcome,
  onDismiss,
  onShowMonth,
}: {
  outcome: Outcome;
  onDismiss: () => void;
  onShowMonth: (month: string) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  switch (outcome.kind) {
    case 'refused':
      return (
        <ErrorAlert
          error={outcome.error}
          title={outcome.file ? t('intake.fileRefused', { file: outcome.file }) : t('intake.pullRefused')}
          testId="import-error"
        />
      );
    case 'cancelled':
      return (
        <Alert
          color="gray"
          variant="light"
          role="status"
          data-testid="import-cancelled"
          withCloseButton
          onClose={onDismiss}
          closeButtonLabel={t('common.close')}
        >
          <Stack gap={2}>
            <Text size="sm">
              {outcome.file ? t('intake.cancelledFile', { file: outcome.file }) : t('intake.cancelled')}
            </Text>
            {outcome.skipped > 0 && <Text size="sm">{t('intake.skipped', { count: outcome.skipped })}</Text>}
          </Stack>
        </Alert>
      );
    case 'warning':
      return (
        <Alert
          color="yellow"
          variant="light"
          role="status"
          title={t('intake.warningTitle')}
          data-testid="pull-warning"
        >
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {outcome.message}
          </Text>
        </Alert>
      );
    case 'otherMonth': {
      const month = formatMonth(outcome.month, language);
      return (
        <Alert color="blue" variant="light" role="status" data-testid="import-other-month">
          <Group justify="space-between" gap="xs">
            <Text size="sm">{t('intake.otherMonth', { month })}</Text>
            <Group gap={4}>
              <Button size="xs" variant="default" onClick={() => onShowMonth(outcome.month)}>
                {t('intake.showMonth', { month })}
              </Button>
              <CloseButton size="sm" aria-label={t('common.close')} onClick={onDismiss} />
            </Group>
          </Group>
        </Alert>
      );
    }
  }
}
