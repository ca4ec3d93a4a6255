'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { endPlanAction, pausePlanAction } from '@/app/(client)/plans/actions';
import { ActionButton } from '@/components/ui/action-button';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import { pauseInput } from '@/lib/plans/shared';

/** Pause for a date range, or end the plan (after a confirmation that says what ending does). */
export function PlanActions({ planId, today }: { planId: string; today: string }) {
  const t = useTranslations('plans');
  const [ending, setEnding] = useState(false);
  const [pausing, setPausing] = useState(false);
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    pauseInput,
    { planId, from: today, until: today },
    pausePlanAction,
    { onSuccess: () => setPausing(false), refresh: true },
  );
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {!pausing ? (
          <Button variant="secondary" onClick={() => setPausing(true)}>
            {t('pause')}
          </Button>
        ) : null}
        {!ending ? (
          <Button variant="danger" onClick={() => setEnding(true)}>
            {t('end')}
          </Button>
        ) : null}
      </div>
      {pausing ? (
        <form
          noValidate
          onSubmit={onSubmit}
          className="grid gap-3 rounded-xl border border-slate-200 p-3 sm:grid-cols-2"
        >
          <TextField
            label={t('pauseFrom')}
            type="date"
            min={today}
            error={errors.from?.message}
            {...form.register('from')}
          />
          <TextField
            label={t('pauseUntil')}
            type="date"
            min={today}
            error={errors.until?.message}
            {...form.register('until')}
          />
          <div className="space-y-2 sm:col-span-2">
            <FormMessage message={message} />
            <Button type="submit" disabled={isSubmitting}>
              {t('pauseSubmit')}
            </Button>
          </div>
        </form>
      ) : null}
      {ending ? (
        <div
          role="alertdialog"
          aria-label={t('end')}
          className="space-y-2 rounded-xl border border-rose-200 bg-rose-50/40 p-3"
        >
          <p className="text-sm">{t('endConfirm')}</p>
          <div className="flex gap-2">
            <ActionButton variant="danger" run={() => endPlanAction({ planId })}>
              {t('endSubmit')}
            </ActionButton>
            <Button variant="ghost" onClick={() => setEnding(false)}>
              {t('keep')}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
