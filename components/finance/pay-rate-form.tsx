'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { payRateInput } from '@/lib/finance/shared';
import { payRateAction } from '@/app/admin/finance/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';

/** A new pay rate for a service and grade from a date; old rates stay for the orders done under them. */
export function PayRateForm({ services }: { services: { id: string; name: string }[] }) {
  const t = useTranslations('finance');
  // The server re-parses the raw input with the same schema.
  const [done, setDone] = useState(false);
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    payRateInput,
    {
      serviceId: '',
      grade: 'standard',
      sharePercent: '55',
      travelSharePercent: '100',
      minPay: '1000',
      validFrom: '',
    },
    (_values, form) => {
      setDone(false);
      return payRateAction(form.getValues());
    },
    {
      onSuccess: () => {
        setDone(true);
      },
    },
  );
  return (
    <form noValidate className="grid gap-4 sm:grid-cols-3" onSubmit={onSubmit}>
      <SelectField label={t('rates.service')} error={errors.serviceId?.message} {...form.register('serviceId')}>
        <option value="">{t('rates.allServices')}</option>
        {services.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('rates.grade')} error={errors.grade?.message} {...form.register('grade')}>
        <option value="junior">{t('grades.junior')}</option>
        <option value="standard">{t('grades.standard')}</option>
        <option value="senior">{t('grades.senior')}</option>
      </SelectField>
      <TextField
        label={t('rates.share')}
        inputMode="decimal"
        error={errors.sharePercent?.message}
        {...form.register('sharePercent')}
      />
      <TextField
        label={t('rates.travelShare')}
        inputMode="decimal"
        error={errors.travelSharePercent?.message}
        {...form.register('travelSharePercent')}
      />
      <TextField
        label={t('rates.minPay')}
        inputMode="decimal"
        error={errors.minPay?.message}
        {...form.register('minPay')}
      />
      <TextField
        label={t('rates.validFrom')}
        type="date"
        hint={t('rates.validFromHint')}
        error={errors.validFrom?.message}
        {...form.register('validFrom')}
      />
      <div className="space-y-3 sm:col-span-3">
        <FormMessage message={message} />
        {done ? <FormMessage tone="success" message={t('rates.saved')} /> : null}
        <Button type="submit" disabled={isSubmitting}>
          {t('rates.add')}
        </Button>
      </div>
    </form>
  );
}
