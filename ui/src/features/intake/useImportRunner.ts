/**
 * Runs the long work of 取込・照合: a pull of a whole month from J-LIS's server, or dropped files
 * imported one after the other. While it runs, the core's progress is polled for the bar; 中止
 * asks the core to stop, which then rolls the running import back and rejects with `cancelled`
 * (a neutral outcome, not an error). Success is a toast with the figures; the month's screens are
 * asked again. What needs to stay on screen (a refusal, a warning, a cancellation) is kept in
 * `outcomes` until the next run.
 */
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys, reactionTo, uiError } from '../../api';
import type { ApiError } from '../../bindings/ApiError';
import type { FileImport } from '../../bindings/FileImport';
import type { MonthPull } from '../../bindings/MonthPull';
import type { StatementImport } from '../../bindings/StatementImport';
import { formatMonth, formatYen } from '../../format';
import { currentLanguage } from '../../i18n';
import { formatCount } from './shared';

/** How often the progress is asked while an import runs. */
export const PROGRESS_POLL_MS = 250;

export type Outcome =
  | { kind: 'cancelled'; key: string; file: string | null; skipped: number }
  | { kind: 'refused'; key: string; file: string | null; error: ApiError }
  | { kind: 'warning'; key: string; message: string }
  /** A statement of another month than the one on screen was imported. */
  | { kind: 'otherMonth'; key: string; month: string };

/** What is running: a pull, or file `index` (1-based) of `total`. */
export type Running = { kind: 'pull' } | { kind: 'file'; name: string; index: number; total: number };

/** Everything a month's intake shows: asked again after any import. */
export function refreshMonthData(client: QueryClient) {
  for (const queryKey of [
    queryKeys.monthIntakes,
    queryKeys.reconciliations,
    queryKeys.settlements,
    queryKeys.settlementTrends,
    queryKeys.importHistory,
  ]) {
    void client.invalidateQueries({ queryKey });
  }
}

export function useImportRunner(month: string) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [running, setRunning] = useState<Running | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const cancelRequested = useRef(false);
  const texts = useImportTexts();

  const progress = useQuery({
    queryKey: queryKeys.importProgress,
    queryFn: api.importProgress,
    enabled: running !== null,
    refetchInterval: running ? PROGRESS_POLL_MS : false,
    staleTime: 0,
    gcTime: 0,
  });

  const pull = useMutation({ mutationFn: (target: string) => api.pullMonth(target) });
  const importFile = useMutation({
    mutationFn: async (file: File) => api.importFile(await readBytes(file, t('intake.readFailed'))),
  });

  function begin(what: Running) {
    // A finished run's last snapshot must not show at the start of the next one.
    client.removeQueries({ queryKey: queryKeys.importProgress });
    setRunning(what);
  }

  function end() {
    setRunning(null);
    setCancelling(false);
    cancelRequested.current = false;
    client.removeQueries({ queryKey: queryKeys.importProgress });
  }

  async function runPull() {
    if (running) return;
    setOutcomes([]);
    begin({ kind: 'pull' });
    try {
      const result = await pull.mutateAsync(month);
      refreshMonthData(client);
      notifications.show({ color: 'teal', message: texts.pulled(result) });
      if (result.warning) {
        setOutcomes([{ kind: 'warning', key: 'warning', message: result.warning }]);
      }
    } catch (e) {
      const error = e as ApiError;
      setOutcomes([
        reactionTo(error.code) === 'cancelled'
          ? { kind: 'cancelled', key: 'cancelled', file: null, skipped: 0 }
          : { kind: 'refused', key: 'refused', file: null, error },
      ]);
    } finally {
      end();
    }
  }

  /** Imports the files one after the other; a refused one does not stop the rest, 中止 does. */
  async function runFiles(files: File[]) {
    if (running || files.length === 0) return;
    setOutcomes([]);
    const found: Outcome[] = [];
    for (const [i, file] of files.entries()) {
      if (cancelRequested.current) {
        // 中止 came between two files: the rest is not started.
        found.push({ kind: 'cancelled', key: `cancelled-${i}`, file: null, skipped: files.length - i });
        break;
      }
      begin({ kind: 'file', name: file.name, index: i + 1, total: files.length });
      try {
        const result = await importFile.mutateAsync(file);
        refreshMonthData(client);
        notifications.show({ color: 'teal', message: texts.imported(file.name, result) });
        if (result.kind === 'statement' && result.target_month !== month) {
          found.push({ kind: 'otherMonth', key: `other-${i}`, month: result.target_month });
        }
      } catch (e) {
        const error = e as ApiError;
        if (reactionTo(error.code) === 'cancelled') {
          const skipped = files.length - i - 1;
          found.push({ kind: 'cancelled', key: `cancelled-${i}`, file: file.name, skipped });
          break;
        }
        found.push({ kind: 'refused', key: `refused-${i}`, file: file.name, error });
      }
      setOutcomes([...found]);
    }
    setOutcomes(found);
    end();
  }

  async function cancel() {
    if (!running || cancelling) return;
    cancelRequested.current = true;
    setCancelling(true);
    try {
      await api.cancelImport();
    } catch {
      // Nothing to stop any more: the run ends on its own.
    }
  }

  return {
    running,
    cancelling,
    progress: running ? (progress.data ?? null) : null,
    outcomes,
    dismiss: (key: string) => setOutcomes((all) => all.filter((o) => o.key !== key)),
    runPull,
    runFiles,
    cancel,
  };
}

/** The toasts' texts: what was imported, with its figures. */
function useImportTexts() {
  const { t } = useTranslation();
  const yen = (amount: number) => formatYen(amount, currentLanguage());
  const month = (m: string) => formatMonth(m, currentLanguage());
  const statementFigures = (s: StatementImport) => ({
    state: s.finalized ? t('intake.final') : t('intake.preliminary'),
    issuances: formatCount(s.issuances),
    copies: formatCount(s.copies),
    fees: yen(s.fees),
    commissions: yen(s.commissions),
  });
  return {
    pulled(result: MonthPull) {
      const head = t('intake.pulled', {
        month: month(result.target_month),
        days: result.days,
        imported: formatCount(result.notices.imported),
        unchanged: formatCount(result.notices.unchanged),
      });
      const tail = result.statement
        ? t('intake.pulledStatement', statementFigures(result.statement))
        : t('intake.pulledNoStatement');
      return `${head}${tail}`;
    },
    imported(file: string, result: FileImport) {
      if (result.kind === 'notices') {
        return t('intake.noticesImported', {
          file,
          imported: formatCount(result.imported),
          unchanged: formatCount(result.unchanged),
        });
      }
      if (result.status === 'unchanged') {
        return t('intake.statementUnchanged', { file, month: month(result.target_month) });
      }
      return t('intake.statementImported', {
        file,
        month: month(result.target_month),
        ...statementFigures(result),
      });
    },
  };
}

/** The file exactly as it is on disk; the core decodes CP932 or UTF-8 and checks every line. */
async function readBytes(file: File, failure: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch {
    const error = uiError('validation', failure);
    throw error;
  }
}
