'use client';
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { addTimeOffAction, removeTimeOffAction } from '@/app/worker/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField, useErrorText } from '@/components/ui/field';
import { applyServerErrors } from '@/components/form-errors';
import { timeOffInput } from '@/lib/workers/shared';

type In = z.input<typeof timeOffInput>;
type Out = z.output<typeof timeOffInput>;

export function TimeOffForm({ workerId, today }: { workerId: string; today?: string }) {
  const t = useTranslations('workers');
  const router = useRouter();
  const [message, setMessage] = useState<string>();
  const [conflicts, setConflicts] = useState<string>();
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(timeOffInput),
    defaultValues: { workerId, fromDate: '', toDate: '', reason: '' },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      noValidate
      className="grid gap-3 sm:grid-cols-3"
      onSubmit={form.handleSubmit(async (values) => {
        setMessage(undefined);
        setConflicts(undefined);
        const r = await addTimeOffAction(values);
        if (!r.ok) {
          setConflicts(r.fields.orders);
          return setMessage(r.fields.orders ? r.message : applyServerErrors(form, r));
        }
        form.reset({ workerId, fromDate: '', toDate: '', reason: '' });
        router.refresh();
      })}
    >
      <TextField
        label={t('fromDate')}
        type="date"
        min={today}
        error={errors.fromDate?.message}
        // The order of the two dates is one rule: changing either re-checks the other, so no stale error stays.
        {...form.register('fromDate', { deps: ['toDate'], onChange: () => setMessage(undefined) })}
      />
      <TextField
        label={t('toDate')}
        type="date"
        min={today}
        error={errors.toDate?.message}
        {...form.register('toDate', { deps: ['fromDate'], onChange: () => setMessage(undefined) })}
      />
      <TextField label={t('reason')} error={errors.reason?.message} {...form.register('reason')} />
      <div className="space-y-2 sm:col-span-3">
        <FormMessage message={message} />
        {conflicts ? (
          <p className="text-sm text-rose-800" data-testid="conflict-orders">
            {t('conflictOrders', { orders: conflicts })}
          </p>
        ) : null}
        <Button type="submit" variant="secondary" className="w-full min-h-12" disabled={isSubmitting}>
          {t('addTimeOff')}
        </Button>
      </div>
    </form>
  );
}

export function RemoveTimeOffButton({ workerId, timeOffId }: { workerId: string; timeOffId: string }) {
  const t = useTranslations('workers');
  const router = useRouter();
  const errorText = useErrorText();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="ghost"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await removeTimeOffAction({ workerId, timeOffId });
            setError(r.ok ? undefined : r.message);
            router.refresh();
          })
        }
      >
        {t('remove')}
      </Button>
      {error ? <span className="text-sm text-rose-700">{errorText(error)}</span> : null}
    </span>
  );
}
