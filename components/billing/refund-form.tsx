'use client';
import { useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { refundInput } from '@/lib/payments/shared';
import { refundAction } from '@/app/admin/finance/payments/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, TextAreaField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import { formatMoney } from '@/lib/money';

/** "1234.50" from minor units: what the amount field starts with (all that is left). */
const typed = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/** An admin refunds part or all of what is left on a payment, with a reason. */
export function RefundForm({ paymentId, currency, left }: { paymentId: string; currency: string; left: number }) {
  const t = useTranslations('billing.refunds');
  const locale = useLocale() === 'en' ? 'en' : 'ru';
  const [done, setDone] = useState<string>();
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    refundInput,
    { paymentId, amount: typed(left), reason: '' },
    // The action re-parses the raw input with the same schema.
    (_values, f) => {
      setDone(undefined);
      return refundAction(f.getValues());
    },
    {
      refresh: true,
      onSuccess: (data) => {
        if (!data) return;
        const amount = formatMoney(data.amount, currency, locale);
        setDone(data.status === 'pending' ? t('pending', { amount }) : t('done', { amount }));
        form.reset({ paymentId, amount: '', reason: '' });
      },
    },
  );
  return (
    <form noValidate className="space-y-3" onSubmit={onSubmit}>
      <TextField
        label={t('amount', { currency })}
        inputMode="decimal"
        autoComplete="off"
        hint={`${t('left')}: ${formatMoney(left, currency, locale)}`}
        error={errors.amount?.message}
        {...form.register('amount')}
      />
      <TextAreaField label={t('reason')} rows={3} error={errors.reason?.message} {...form.register('reason')} />
      <FormMessage message={message} />
      {done ? <FormMessage tone="success" message={done} /> : null}
      <Button type="submit" variant="danger" disabled={isSubmitting}>
        {t('submit')}
      </Button>
    </form>
  );
}
