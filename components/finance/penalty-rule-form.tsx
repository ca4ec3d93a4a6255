'use client';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { penaltyRuleInput } from '@/lib/finance/shared';
import { penaltyRuleAction } from '@/app/admin/finance/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { applyServerErrors } from '@/components/form-errors';

type In = z.input<typeof penaltyRuleInput>;
type Out = z.output<typeof penaltyRuleInput>;

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
  const [message, setMessage] = useState<string>();
  const [saved, setSaved] = useState(false);
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(penaltyRuleInput),
    defaultValues: { id, ratePercent, fixedAmount, active },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      noValidate
      className="grid grid-cols-2 items-end gap-3 sm:grid-cols-4"
      onSubmit={form.handleSubmit(async () => {
        setMessage(undefined);
        setSaved(false);
        // The server re-parses the raw input with the same schema.
        const result = await penaltyRuleAction(form.getValues());
        if (!result.ok) return setMessage(applyServerErrors(form, result));
        setSaved(true);
      })}
    >
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
