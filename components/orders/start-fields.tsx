'use client';
import { useTranslations } from 'next-intl';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { TextField } from '@/components/ui/field';
import type { BookingContext } from '@/lib/orders/shared';

/** Half hours from `from` to `to` (inclusive), "HH:MM": the start times the time field suggests. */
function timeSlots(from: string, to: string): string[] {
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const out: string[] = [];
  for (let m = toMinutes(from); m <= toMinutes(to); m += 30)
    out.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  return out;
}

/**
 * A visit's start: its date (from `minDate` on) and its time within the company's bookable hours, ending at
 * `latest` where the job's length is known. The booking form and the reschedule form both use it.
 */
export function StartFields({
  date,
  time,
  errors,
  minDate,
  booking,
  latest = null,
}: {
  date: UseFormRegisterReturn<'date'>;
  time: UseFormRegisterReturn<'time'>;
  errors: { date?: FieldError; time?: FieldError };
  minDate: string;
  booking: BookingContext;
  /** The latest start at which the job still ends within the bookable hours, where its length is known. */
  latest?: string | null;
}) {
  const t = useTranslations('orders');
  const { from, to } = booking.bookableHours;
  return (
    <div className="grid grid-cols-2 gap-3">
      <TextField label={t('form.date')} type="date" min={minDate} error={errors.date?.message} {...date} />
      <TextField
        label={t('form.time')}
        type="time"
        step={900}
        min={from}
        max={latest ?? to}
        list="order-time-slots"
        hint={latest ? t('form.timeHintLatest', { from, latest, to }) : t('form.timeHint', { from, to })}
        error={errors.time?.message}
        {...time}
      />
      <datalist id="order-time-slots">
        {timeSlots(from, latest ?? to).map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </div>
  );
}
