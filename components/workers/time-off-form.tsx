'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { addTimeOffAction, removeTimeOffAction } from '@/app/worker/actions';
import { Button } from '@/components/ui/button';
import { ActionButton } from '@/components/ui/action-button';
import { FormMessage, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import { ConflictOrders } from './conflict-orders';
import { timeOffInput } from '@/lib/workers/shared';

export function TimeOffForm({ workerId, today }: { workerId: string; today?: string }) {
  const t = useTranslations('workers');
  const [conflicts, setConflicts] = useState<string>();
  const empty = { workerId, fromDate: '', toDate: '', reason: '' };
  const { form, errors, isSubmitting, message, setMessage, onSubmit } = useActionForm(
    timeOffInput,
    empty,
    (values) => {
      setConflicts(undefined);
      return addTimeOffAction(values);
    },
    {
      explain: (r) => {
        setConflicts(r.fields.orders);
        return r.fields.orders ? r.message : undefined;
      },
      onSuccess: () => form.reset(empty),
      refresh: true,
    },
  );
  return (
    <form noValidate className="grid gap-3 sm:grid-cols-3" onSubmit={onSubmit}>
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
        <ConflictOrders orders={conflicts} />
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
  return (
    <ActionButton
      variant="ghost"
      run={async () => {
        const r = await removeTimeOffAction({ workerId, timeOffId });
        router.refresh();
        return r;
      }}
    >
      {t('remove')}
    </ActionButton>
  );
}
