'use client';
import { useEffect, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import { adjustmentInput } from '@/lib/finance/shared';
import { adjustmentAction } from '@/app/admin/finance/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import { PersonPicker } from './person-picker';

/** A manager's fine, bonus, supply charge (workers) or write-off (clients), with a reason. */
export function AdjustmentForm() {
  const t = useTranslations('finance');
  const [done, setDone] = useState<'posted' | 'pending'>();
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    adjustmentInput,
    { kind: 'fine', subjectId: '', amount: '', reason: '', requestId: crypto.randomUUID() },
    (_, f) => {
      setDone(undefined);
      // The server re-parses the raw input with the same schema.
      return adjustmentAction(f.getValues());
    },
    {
      onSuccess: (data, values) => {
        setDone(data?.pending ? 'pending' : 'posted');
        // A fresh request id: the next submit is a new adjustment, a double click on this one is not.
        form.reset({ kind: values.kind, subjectId: '', amount: '', reason: '', requestId: crypto.randomUUID() });
      },
    },
  );
  const kind = useWatch({ control: form.control, name: 'kind' });
  const subjectId = useWatch({ control: form.control, name: 'subjectId' });
  const wanted = kind === 'write_off' ? 'client' : 'worker';
  // A worker chosen for a fine is no subject for a write-off: switching between them clears the choice.
  useEffect(() => {
    form.setValue('subjectId', '');
  }, [wanted, form]);
  return (
    <form noValidate className="grid gap-4 sm:grid-cols-2" onSubmit={onSubmit}>
      <SelectField label={t('admin.kind')} error={errors.kind?.message} {...form.register('kind')}>
        <option value="fine">{t('kinds.fine')}</option>
        <option value="bonus">{t('kinds.bonus')}</option>
        <option value="supply_charge">{t('kinds.supply_charge')}</option>
        <option value="write_off">{t('kinds.write_off')}</option>
      </SelectField>
      <PersonPicker
        key={wanted}
        role={wanted}
        label={wanted === 'client' ? t('admin.client') : t('admin.worker')}
        value={subjectId}
        onChange={(id) => form.setValue('subjectId', id, { shouldValidate: true })}
        error={errors.subjectId?.message}
      />
      <TextField
        label={t('admin.amount')}
        inputMode="decimal"
        error={errors.amount?.message}
        {...form.register('amount')}
      />
      <TextAreaField label={t('admin.reason')} rows={2} error={errors.reason?.message} {...form.register('reason')} />
      <div className="space-y-3 sm:col-span-2">
        <FormMessage message={message} />
        {done === 'posted' ? <FormMessage tone="success" message={t('admin.adjustmentDone')} /> : null}
        {done === 'pending' ? <FormMessage tone="success" message={t('approvals.sentForApproval')} /> : null}
        <Button type="submit" disabled={isSubmitting}>
          {t('admin.record')}
        </Button>
      </div>
    </form>
  );
}
