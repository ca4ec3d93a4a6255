'use client';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import { saveScheduleAction } from '@/app/worker/actions';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import { ConflictOrders } from './conflict-orders';
import { weeklyScheduleInput } from '@/lib/workers/shared';

export type DayRow = { weekday: number; enabled: boolean; from: string; to: string };

/** Seven rows, one per weekday: a big on/off switch and from–to times (to before from runs past midnight). Times of a day that is off are readOnly, not disabled: react-hook-form drops disabled fields' values. */
export function ScheduleForm({ workerId, days }: { workerId: string; days: DayRow[] }) {
  const t = useTranslations('workers');
  const [conflicts, setConflicts] = useState<string>();
  const [saved, setSaved] = useState(false);
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    weeklyScheduleInput,
    { workerId, days },
    (values) => {
      setConflicts(undefined);
      setSaved(false);
      return saveScheduleAction(values);
    },
    {
      // The whole schedule is one rule: the server's message stands for it, with the orders it would strand.
      explain: (r) => {
        setConflicts(r.fields.orders);
        return r.message;
      },
      onSuccess: () => setSaved(true),
      refresh: true,
    },
  );
  const enabled = useWatch({ control: form.control, name: 'days' });
  return (
    <form noValidate className="space-y-3" onSubmit={onSubmit}>
      <ul className="divide-y divide-slate-100">
        {days.map((d, i) => (
          <li
            key={d.weekday}
            className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2"
            data-testid={`day-${d.weekday}`}
          >
            <label className="flex min-h-12 w-full cursor-pointer items-center gap-3 sm:w-40">
              <input type="checkbox" className="size-6 accent-emerald-700" {...form.register(`days.${i}.enabled`)} />
              <span className="font-medium">{t(`weekday.${d.weekday}`)}</span>
            </label>
            <div className="flex flex-1 items-center gap-2">
              <input
                type="time"
                aria-label={`${t(`weekday.${d.weekday}`)} ${t('from')}`}
                readOnly={!enabled[i]?.enabled}
                className="min-h-12 min-w-0 flex-1 rounded-lg border border-slate-300 px-2 text-base read-only:border-dashed read-only:bg-slate-100 read-only:text-slate-600"
                {...form.register(`days.${i}.from`)}
              />
              <span aria-hidden>–</span>
              <input
                type="time"
                aria-label={`${t(`weekday.${d.weekday}`)} ${t('to')}`}
                readOnly={!enabled[i]?.enabled}
                className="min-h-12 min-w-0 flex-1 rounded-lg border border-slate-300 px-2 text-base read-only:border-dashed read-only:bg-slate-100 read-only:text-slate-600"
                {...form.register(`days.${i}.to`)}
              />
            </div>
            {errors.days?.[i] ? <p className="w-full text-sm text-rose-700">{t('errors.badTime')}</p> : null}
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-500">{t('overnightHint')}</p>
      <FormMessage message={message} />
      <ConflictOrders orders={conflicts} />
      {saved ? <FormMessage tone="success" message={t('saved')} /> : null}
      <Button type="submit" className="w-full min-h-14 text-base" disabled={isSubmitting}>
        {t('saveSchedule')}
      </Button>
    </form>
  );
}
