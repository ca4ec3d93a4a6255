import { getTranslations } from 'next-intl/server';
import type { ScheduleDto } from '@/lib/workers';
import type { DayRow } from './schedule-form';

/** The form rows for a schedule: one per weekday, the first slot of the day (the form edits one a day). */
export function dayRows(schedule: ScheduleDto): DayRow[] {
  return [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
    const slot = schedule.slots.find((s) => s.weekday === weekday);
    return { weekday, enabled: Boolean(slot), from: slot?.from ?? '09:00', to: slot?.to ?? '18:00' };
  });
}

/** Read-only weekly hours, for the admin worker page. */
export async function ScheduleView({ schedule }: { schedule: ScheduleDto }) {
  const t = await getTranslations('workers');
  return (
    <ul className="grid gap-1 text-sm sm:grid-cols-2">
      {[1, 2, 3, 4, 5, 6, 7].map((weekday) => {
        const slots = schedule.slots.filter((s) => s.weekday === weekday);
        return (
          <li key={weekday} className="flex justify-between gap-2 rounded bg-slate-50 px-2 py-1">
            <span>{t(`weekday.${weekday}`)}</span>
            <span className="text-slate-700">
              {slots.length ? slots.map((s) => `${s.from}–${s.to}`).join(', ') : t('dayOff')}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
