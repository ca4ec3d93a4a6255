'use client';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import { regularWorkerInput } from '@/lib/plans/shared';
import type { staffSetRegularAction } from '@/app/admin/plans/actions';

/** Staff name the plan's regular worker: matching prefers them from now on (lib/plans setRegularWorker). */
export function PlanRegularForm({
  planId,
  workers,
  submit,
}: {
  planId: string;
  /** The active workers who serve the plan's zone. */
  workers: { id: string; name: string }[];
  submit: typeof staffSetRegularAction;
}) {
  const t = useTranslations('plans');
  const { bind, isSubmitting, message, onSubmit } = useActionForm(
    regularWorkerInput,
    { planId, workerId: '' },
    submit,
    { refresh: true },
  );
  return (
    <form noValidate onSubmit={onSubmit} className="grid gap-3" data-testid="plan-regular">
      <p className="text-sm text-slate-600">{t('regularHint')}</p>
      <SelectField label={t('regularWorker')} {...bind('workerId')}>
        <option value="">{t('regularChoose')}</option>
        {workers.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </SelectField>
      <div className="space-y-2">
        <FormMessage message={message} />
        <Button type="submit" disabled={isSubmitting}>
          {t('regularSubmit')}
        </Button>
      </div>
    </form>
  );
}
