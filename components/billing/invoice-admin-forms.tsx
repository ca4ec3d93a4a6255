'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { voidInvoiceInput } from '@/lib/finance/shared';
import { bankTransferInput } from '@/lib/payments/shared';
import { bankTransferAction, reissueInvoiceAction, voidInvoiceAction } from '@/app/admin/finance/invoices/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { applyServerErrors } from '@/components/form-errors';

export function VoidInvoiceForm({ invoiceId }: { invoiceId: string }) {
  const t = useTranslations('billing');
  const router = useRouter();
  const [message, setMessage] = useState<string>();
  const [done, setDone] = useState(false);
  const form = useForm<z.input<typeof voidInvoiceInput>, unknown, z.output<typeof voidInvoiceInput>>({
    resolver: zodResolver(voidInvoiceInput),
    defaultValues: { invoiceId, reason: '' },
  });
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={form.handleSubmit(async (values) => {
        setMessage(undefined);
        const result = await voidInvoiceAction(values);
        if (!result.ok) return setMessage(applyServerErrors(form, result));
        setDone(true);
        router.refresh();
      })}
    >
      <TextField
        label={t('admin.voidReason')}
        error={form.formState.errors.reason?.message}
        {...form.register('reason')}
      />
      <FormMessage message={message} />
      {done ? <FormMessage tone="success" message={t('admin.voidDone')} /> : null}
      <Button type="submit" variant="danger" disabled={form.formState.isSubmitting}>
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
  const router = useRouter();
  const [message, setMessage] = useState<string>();
  const [done, setDone] = useState<string>();
  const form = useForm<z.input<typeof bankTransferInput>, unknown, z.output<typeof bankTransferInput>>({
    resolver: zodResolver(bankTransferInput),
    defaultValues: { invoiceId, amount: '', reference: '', receivedOn: today },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      noValidate
      className="grid gap-3 sm:grid-cols-3"
      onSubmit={form.handleSubmit(async (values) => {
        setMessage(undefined);
        setDone(undefined);
        // The action re-parses the raw input with the same schema.
        void values;
        const result = await bankTransferAction(form.getValues());
        if (!result.ok) return setMessage(applyServerErrors(form, result));
        const fmt = (v: number) => new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(v / 100);
        if (result.data?.pending) setDone(t('admin.bankPendingApproval'));
        else if (result.data)
          setDone(t('admin.bankDone', { applied: fmt(result.data.applied), credit: fmt(result.data.credit) }));
        form.reset({ invoiceId, amount: '', reference: '', receivedOn: today });
        router.refresh();
      })}
    >
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
