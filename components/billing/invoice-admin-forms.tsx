'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { voidInvoiceInput } from '@/lib/finance/shared';
import { bankTransferInput } from '@/lib/payments/shared';
import { bankTransferAction, reissueInvoiceAction, voidInvoiceAction } from '@/app/admin/finance/invoices/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';

export function VoidInvoiceForm({ invoiceId }: { invoiceId: string }) {
  const t = useTranslations('billing');
  const [done, setDone] = useState(false);
  const { isSubmitting, message, onSubmit, bind } = useActionForm(
    voidInvoiceInput,
    { invoiceId, reason: '' },
    (values) => voidInvoiceAction(values),
    { onSuccess: () => setDone(true), refresh: true },
  );
  return (
    <form noValidate className="space-y-3" onSubmit={onSubmit}>
      <TextField label={t('admin.voidReason')} {...bind('reason')} />
      <FormMessage message={message} />
      {done ? <FormMessage tone="success" message={t('admin.voidDone')} /> : null}
      <Button type="submit" variant="danger" disabled={isSubmitting}>
        {t('admin.voidSubmit')}
      </Button>
    </form>
  );
}

export function ReissueButton({ invoiceId }: { invoiceId: string }) {
  const t = useTranslations('billing');
  const router = useRouter();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <div className="space-y-2">
      <Button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const result = await reissueInvoiceAction({ invoiceId });
          setBusy(false);
          if (!result.ok) return setMessage(result.message);
          if (result.data) router.push(`/admin/finance/invoices/${result.data.invoiceId}`);
        }}
      >
        {t('admin.reissue')}
      </Button>
      <FormMessage message={message} />
    </div>
  );
}

export function BankTransferForm({
  invoiceId,
  currency,
  today,
}: {
  invoiceId: string;
  currency: string;
  today: string;
}) {
  const t = useTranslations('billing');
  const [done, setDone] = useState<string>();
  const blank = { invoiceId, amount: '', reference: '', receivedOn: today };
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    bankTransferInput,
    blank,
    (_, f) => {
      setDone(undefined);
      // The action re-parses the raw input with the same schema.
      return bankTransferAction(f.getValues());
    },
    {
      onSuccess: (data) => {
        const fmt = (v: number) => new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(v / 100);
        if (data?.pending) setDone(t('admin.bankPendingApproval'));
        else if (data) setDone(t('admin.bankDone', { applied: fmt(data.applied), credit: fmt(data.credit) }));
        form.reset(blank);
      },
      refresh: true,
    },
  );
  return (
    <form noValidate className="grid gap-3 sm:grid-cols-3" onSubmit={onSubmit}>
      <TextField
        label={t('admin.bankAmount', { currency })}
        inputMode="decimal"
        error={errors.amount?.message}
        {...form.register('amount')}
      />
      <TextField label={t('admin.bankReference')} error={errors.reference?.message} {...form.register('reference')} />
      <TextField
        label={t('admin.bankDate')}
        type="date"
        error={errors.receivedOn?.message}
        {...form.register('receivedOn')}
      />
      <div className="space-y-2 sm:col-span-3">
        <FormMessage message={message} />
        {done ? <FormMessage tone="success" message={done} /> : null}
        <Button type="submit" disabled={isSubmitting}>
          {t('admin.bankSubmit')}
        </Button>
      </div>
    </form>
  );
}
