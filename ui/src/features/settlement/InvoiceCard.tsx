/**
 * The month's invoice (請求書) on 精算・請求: its status chip (期限超過 when the core says the next
 * step is overdue), amount, document number, who drafted and approved it and its two deadlines;
 * the steps the session's actions allow and the status permits (起案, 承認, 差戻し, 送付日登録,
 * 入金登録, 訂正請求); the 請求書 PDF embedded as a preview once approved, 「PDFを開く」 and
 * 「Excel出力」. Whether a month can be drafted is the core's `Settlement.invoicing`; every refusal
 * is the core's message, and a form keeps what was typed.
 */
import { Alert, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys } from '../../api';
import type { ApiError } from '../../bindings/ApiError';
import type { InvoiceDto } from '../../bindings/InvoiceDto';
import type { InvoiceStatus } from '../../bindings/InvoiceStatus';
import type { Settlement } from '../../bindings/Settlement';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert';
import { formatDate, formatYen } from '../../format';
import { currentLanguage } from '../../i18n';
import { may, type Allowed } from '../../roles';

const statusColors: Record<InvoiceStatus, string> = {
  draft: 'blue',
  returned: 'orange',
  approved: 'teal',
  sent: 'cyan',
  paid: 'green',
  superseded: 'gray',
};

/** The statuses that have a 請求書 PDF (an approved invoice and every later state). */
const hasPdf: readonly InvoiceStatus[] = ['approved', 'sent', 'paid', 'superseded'];

/** Saves bytes as a file through a download link (the webview's save). */
export function saveBytes(bytes: ArrayBuffer, name: string, type: string) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Released once the save has taken the bytes.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

type Step = 'return' | 'sent' | 'paid' | 'correct';

export function InvoiceCard({
  month,
  settlement,
  allowed,
}: {
  month: string;
  settlement: Settlement | undefined;
  allowed: Allowed;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const invoices = useQuery({
    queryKey: queryKeys.invoices(month),
    queryFn: () => api.invoices(month),
  });
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [step, setStep] = useState<Step | null>(null);
  useEffect(() => setRefusal(null), [month]);

  function refresh() {
    void client.invalidateQueries({ queryKey: queryKeys.allInvoices });
    void client.invalidateQueries({ queryKey: queryKeys.settlement(month) });
    void client.invalidateQueries({ queryKey: queryKeys.dashboard });
  }
  const draft = useMutation({
    mutationFn: () => api.draftInvoice(month),
    onSuccess: () => {
      setRefusal(null);
      refresh();
      notifications.show({ color: 'teal', message: t('invoice.drafted') });
    },
    onError: setRefusal,
  });
  const approve = useMutation({
    mutationFn: (id: number) => api.approveInvoice(id),
    onSuccess: (approved) => {
      setRefusal(null);
      refresh();
      notifications.show({ color: 'teal', message: t('invoice.approved', { number: approved.document_number }) });
    },
    onError: setRefusal,
  });

  async function download(what: 'pdf' | 'statement' | 'excel', invoice?: InvoiceDto) {
    try {
      if (what === 'pdf' && invoice) {
        const name = `請求書_${invoice.target_month}_${invoice.document_number ?? invoice.id}.pdf`;
        saveBytes(await api.invoicePdf(invoice.id), name, 'application/pdf');
      } else if (what === 'statement') {
        saveBytes(await api.settlementStatementPdf(month), `精算書_${month}.pdf`, 'application/pdf');
      } else {
        saveBytes(
          await api.settlementExport(month),
          `精算_${month}.xlsx`,
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        );
      }
    } catch (error) {
      setRefusal(error as ApiError);
    }
  }

  const list = invoices.data ?? [];
  // The latest first: the month's current invoice, then what it replaced or what was returned.
  const current = list[0];
  const earlier = list.slice(1);
  const canDraft = may(allowed, 'draft_invoice');
  const canApprove = may(allowed, 'approve');
  const invoicing = settlement?.invoicing;
  const finalized = settlement?.finalized ?? false;

  return (
    <Card component="section" aria-labelledby="invoice-title" data-testid="invoice-card">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id="invoice-title">
            {t('invoice.title')}
          </Title>
          <Group gap="xs">
            {finalized && (
              <Button variant="default" size="xs" onClick={() => void download('statement')} data-testid="invoice-statement-pdf">
                {t('invoice.statementPdf')}
              </Button>
            )}
            {finalized && (
              <Button variant="default" size="xs" onClick={() => void download('excel')} data-testid="invoice-excel">
                {t('invoice.excel')}
              </Button>
            )}
          </Group>
        </Group>
        {refusal && (
          <Alert color="red" variant="light" role="alert" title={t('invoice.refused')} data-testid="invoice-error">
            {errorText(refusal)}
          </Alert>
        )}
        {invoices.isPending ? (
          <CenteredLoader />
        ) : invoices.isError ? (
          <ErrorAlert error={invoices.error} onRetry={() => void invoices.refetch()} />
        ) : (
          <>
            {invoicing === 'ready' ? (
              canDraft && (
                <Group>
                  <Button onClick={() => draft.mutate()} loading={draft.isPending} data-testid="invoice-draft">
                    {t('invoice.draft')}
                  </Button>
                  <Text size="sm" c="dimmed">
                    {t('invoice.readyHint')}
                  </Text>
                </Group>
              )
            ) : invoicing === 'not_final' ? (
              <Text size="sm" c="dimmed" data-testid="invoice-not-ready">
                {t('invoice.notFinal')}
              </Text>
            ) : invoicing === 'no_invoice' ? (
              <Text size="sm" c="dimmed" data-testid="invoice-not-ready">
                {t('invoice.noInvoice')}
              </Text>
            ) : invoicing === 'invoiced' && current === undefined ? (
              <Text size="sm" c="dimmed" data-testid="invoice-not-ready">
                {t('invoice.invoiced')}
              </Text>
            ) : null}
            {current === undefined ? (
              invoicing === 'ready' && (
                <Text size="sm" data-testid="invoice-none">
                  {t('invoice.none')}
                </Text>
              )
            ) : (
              <InvoiceDetails
                invoice={current}
                actions={
                  <Group gap="xs">
                    {current.status === 'draft' && canApprove && (
                      <>
                        <Button
                          onClick={() => approve.mutate(current.id)}
                          loading={approve.isPending}
                          data-testid="invoice-approve"
                        >
                          {t('invoice.approve')}
                        </Button>
                        <Button variant="default" onClick={() => setStep('return')} data-testid="invoice-return">
                          {t('invoice.return')}
                        </Button>
                      </>
                    )}
                    {current.status === 'approved' && canDraft && (
                      <Button variant="default" onClick={() => setStep('sent')} data-testid="invoice-sent">
                        {t('invoice.sent')}
                      </Button>
                    )}
                    {current.status === 'sent' && canDraft && (
                      <Button variant="default" onClick={() => setStep('paid')} data-testid="invoice-paid">
                        {t('invoice.paid')}
                      </Button>
                    )}
                    {['approved', 'sent', 'paid'].includes(current.status) && canDraft && (
                      <Button variant="default" onClick={() => setStep('correct')} data-testid="invoice-correct">
                        {t('invoice.correct')}
                      </Button>
                    )}
                    {hasPdf.includes(current.status) && (
                      <Button variant="default" onClick={() => void download('pdf', current)} data-testid="invoice-pdf-open">
                        {t('invoice.openPdf')}
                      </Button>
                    )}
                  </Group>
                }
              />
            )}
            {current && hasPdf.includes(current.status) && <PdfPreview invoice={current} />}
            {earlier.length > 0 && (
              <Stack gap={4} data-testid="invoice-history">
                <Text size="sm" fw={700}>
                  {t('invoice.history')}
                </Text>
                {earlier.map((i) => (
                  <Group key={i.id} gap="xs" data-testid={`invoice-history-${i.id}`}>
                    <StatusChip invoice={i} testId={`invoice-history-status-${i.id}`} />
                    <Text size="sm">
                      {i.document_number ?? t('invoice.noNumber')} ・ {formatYen(i.amount, currentLanguage())}
                    </Text>
                    {hasPdf.includes(i.status) && (
                      <Button variant="subtle" size="xs" onClick={() => void download('pdf', i)} data-testid={`invoice-history-pdf-${i.id}`}>
                        {t('invoice.openPdf')}
                      </Button>
                    )}
                  </Group>
                ))}
              </Stack>
            )}
          </>
        )}
      </Stack>
      <Modal opened={step !== null && current !== undefined} onClose={() => setStep(null)} title={step ? t(`invoice.${step}Title`) : ''} centered>
        {step && current && (
          <StepForm
            step={step}
            invoice={current}
            onDone={() => {
              setStep(null);
              setRefusal(null);
              refresh();
            }}
          />
        )}
      </Modal>
    </Card>
  );
}

function StatusChip({ invoice, testId }: { invoice: InvoiceDto; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge size="lg" radius="sm" tt="none" variant="light" color={statusColors[invoice.status]} data-testid={testId}>
        {t(`invoice.status.${invoice.status}`)}
      </Badge>
      {invoice.overdue && (
        <Badge size="lg" radius="sm" tt="none" variant="filled" color="red.8" data-testid={`${testId}-overdue`}>
          {t('invoice.overdue')}
        </Badge>
      )}
    </Group>
  );
}

function InvoiceDetails({ invoice, actions }: { invoice: InvoiceDto; actions: ReactNode }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const date = (d: string | null) => (d ? formatDate(d, language) : t('common.none'));
  const yen = (amount: number) => formatYen(amount, language);
  return (
    <Stack gap="sm" data-testid="invoice-current">
      <Group gap="sm">
        <StatusChip invoice={invoice} testId="invoice-status" />
        {invoice.replaces !== null && (
          <Text size="sm" c="dimmed">
            {t('invoice.replaces', { id: invoice.replaces })}
          </Text>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <Field label={t('invoice.amount')} value={yen(invoice.amount)} testId="invoice-amount" figure />
        <Field label={t('invoice.number')} value={invoice.document_number ?? t('invoice.noNumber')} testId="invoice-number" />
        <Field label={t('invoice.draftedBy')} value={invoice.drafted_by} testId="invoice-drafted-by" />
        <Field label={t('invoice.approvedBy')} value={invoice.approved_by ?? t('common.none')} testId="invoice-approved-by" />
        <Field
          label={t('invoice.invoiceBy')}
          value={invoice.sent_on ? t('invoice.sentOn', { date: date(invoice.sent_on) }) : date(invoice.invoice_by)}
          testId="invoice-invoice-by"
          flag={invoice.sent_late ? t('invoice.sentLate', { date: date(invoice.invoice_by) }) : null}
        />
        <Field
          label={t('invoice.paymentBy')}
          value={invoice.paid_on ? t('invoice.paidOn', { date: date(invoice.paid_on) }) : date(invoice.payment_by)}
          testId="invoice-payment-by"
          flag={invoice.paid_late ? t('invoice.paidLate', { date: date(invoice.payment_by) }) : null}
        />
        {invoice.paid_amount !== null && (
          <Field
            label={t('invoice.paidAmount')}
            value={yen(invoice.paid_amount)}
            testId="invoice-paid-amount"
            figure
            flag={invoice.difference ? t('invoice.difference', { amount: yen(invoice.difference) }) : null}
          />
        )}
      </SimpleGrid>
      {actions}
    </Stack>
  );
}

function Field({
  label,
  value,
  testId,
  figure = false,
  flag = null,
}: {
  label: string;
  value: string;
  testId: string;
  figure?: boolean;
  flag?: string | null;
}) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={700}>
        {label}
      </Text>
      <Text fw={figure ? 700 : undefined} className={figure ? 'kofu-figures' : undefined} data-testid={testId}>
        {value}
      </Text>
      {flag && (
        <Text size="xs" c="red.9" fw={700} data-testid={`${testId}-flag`}>
          {flag}
        </Text>
      )}
    </Stack>
  );
}

/** The 請求書 PDF embedded from a blob: URL of the bytes the core keeps with the invoice. */
function PdfPreview({ invoice }: { invoice: InvoiceDto }) {
  const { t } = useTranslation();
  const pdf = useQuery({
    queryKey: queryKeys.invoicePdf(invoice.id),
    queryFn: () => api.invoicePdf(invoice.id),
    staleTime: Infinity,
  });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!pdf.data) return undefined;
    const made = URL.createObjectURL(new Blob([pdf.data], { type: 'application/pdf' }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [pdf.data]);
  if (pdf.isError) return <ErrorAlert error={pdf.error} onRetry={() => void pdf.refetch()} />;
  if (!url) return <CenteredLoader />;
  return (
    <iframe
      src={url}
      title={t('invoice.preview', { number: invoice.document_number ?? '' })}
      data-testid="invoice-pdf-preview"
      style={{ width: '100%', height: 720, border: '1px solid var(--mantine-color-gray-4)' }}
    />
  );
}

/** 差戻し / 訂正請求 (a reason), 送付日登録 (a date), 入金登録 (a date and an amount). */
function StepForm({ step, invoice, onDone }: { step: Step; invoice: InvoiceDto; onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [reason, setReason] = useState('');
  const [on, setOn] = useState('');
  const [amount, setAmount] = useState(String(invoice.amount));
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const run = useMutation({
    mutationFn: () => {
      switch (step) {
        case 'return':
          return api.returnInvoice(invoice.id, reason.trim());
        case 'correct':
          return api.correctInvoice(invoice.id, reason.trim());
        case 'sent':
          return api.markInvoiceSent(invoice.id, on);
        case 'paid':
          return api.markInvoicePaid(invoice.id, on, amount);
      }
    },
    onSuccess: (updated) => {
      const language = currentLanguage();
      const flags = [
        step === 'sent' && updated.sent_late ? t('invoice.sentLate', { date: formatDate(updated.invoice_by, language) }) : null,
        step === 'paid' && updated.paid_late ? t('invoice.paidLate', { date: formatDate(updated.payment_by, language) }) : null,
        step === 'paid' && updated.difference ? t('invoice.difference', { amount: formatYen(updated.difference, language) }) : null,
      ].filter((f): f is string => f !== null);
      notifications.show({
        color: flags.length > 0 ? 'orange' : 'teal',
        message: [t(`invoice.${step}Done`), ...flags].join(' '),
      });
      onDone();
    },
    onError: setRefusal,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    run.mutate();
  }
  const needsReason = step === 'return' || step === 'correct';
  const fieldError = (field: string) => (refusal?.field === field ? errorText(refusal) : null);
  return (
    <form onSubmit={submit} noValidate data-testid={`invoice-${step}-form`}>
      <Stack gap="md">
        {refusal && refusal.field === null && (
          <Alert color="red" variant="light" role="alert" data-testid="invoice-step-error">
            {errorText(refusal)}
          </Alert>
        )}
        {needsReason && (
          <Textarea
            label={t('invoice.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError('reason')}
            required
            minRows={3}
            data-autofocus
            data-testid="invoice-reason"
          />
        )}
        {!needsReason && (
          <TextInput
            type="date"
            label={step === 'sent' ? t('invoice.sentDate') : t('invoice.paidDate')}
            value={on}
            onChange={(e) => setOn(e.currentTarget.value)}
            error={fieldError('date')}
            required
            data-autofocus
            data-testid="invoice-date"
          />
        )}
        {step === 'paid' && (
          <TextInput
            label={t('invoice.paidAmount')}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={fieldError('amount')}
            required
            rightSection="円"
            data-testid="invoice-amount-input"
          />
        )}
        {/* Field errors the form has no field for are shown as one alert. */}
        {refusal && refusal.field !== null && !['reason', 'date', 'amount'].includes(refusal.field) && (
          <Alert color="red" variant="light" role="alert" data-testid="invoice-step-error">
            {errorText(refusal)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={run.isPending} data-testid="invoice-step-submit">
            {t(`invoice.${step}Submit`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
