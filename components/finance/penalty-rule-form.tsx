'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { penaltyRuleInput } from '@/lib/finance/shared';
import { penaltyRuleAction } from '@/app/admin/finance/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';

/** One band of a penalty rule: its rate of the order's pay, a fixed part, on or off. */
export function PenaltyRuleForm({
  id,
  ratePercent,
  fixedAmount,
  active,
}: {
  id: string;
  ratePercent: string;
  fixedAmount: string;
  active: boolean;
}) {
  const t = useTranslations('finance');
  // The server re-parses the raw input with the same schema.
  const [saved, setSaved] = useState(false);
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    penaltyRuleInput,
    { id, ratePercent, fixedAmount, active },
    (_values, form) => {
      setSaved(false);
      return penaltyRuleAction(form.getValues());
    },
    {
      onSuccess: () => {
        setSaved(true);
      },
    },
  );
  return (
    <form noValidate className="grid grid-cols-2 items-end gap-3 sm:grid-cols-4" onSubmit={onSubmit}>
      <TextField
        label={t('penalties.rate')}
        inputMode="decimal"
        error={errors.ratePercent?.message}
        {...form.register('ratePercent')}
      />
      <TextField
        label={t('penalties.fixed')}
        inputMode="decimal"
        error={errors.fixedAmount?.message}
        {...form.register('fixedAmount')}
      />
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" className="size-5" {...form.register('active')} />
        {t('penalties.active')}
      </label>
      <Button type="submit" variant="secondary" disabled={isSubmitting}>
        {saved ? t('penalties.saved') : t('penalties.save')}
      </Button>
      <div className="col-span-2 sm:col-span-4">
        <FormMessage message={message} />
      </div>
    </form>
  );
}
