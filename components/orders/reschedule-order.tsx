'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { rescheduleOrderAction } from '@/app/(client)/orders/actions';
import { applyServerErrors } from '@/components/form-errors';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { checkStart, type BookingContext } from '@/lib/orders/shared';
import { rescheduleInput } from '@/lib/orders/shared';

type In = z.input<typeof rescheduleInput>;
type Out = z.output<typeof rescheduleInput>;

export function RescheduleOrder({
  orderId,
  booking,
  defaults,
  action = rescheduleOrderAction,
}: {
  orderId: string;
  booking: BookingContext;
  defaults: { date: string; time: string; today: string };
  /** Staff reschedule through their own action, on the client's behalf. */
  action?: typeof rescheduleOrderAction;
}) {
  const t = useTranslations('orders');
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string>();
  const schema = rescheduleInput.superRefine((v, ctx) => {
    for (const [path, msg] of Object.entries(checkStart(v, booking, new Date()).fields))
      ctx.addIssue({ code: 'custom', path: [path], message: msg });
  });
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(schema),
    defaultValues: { orderId, date: defaults.date, time: defaults.time },
  });
  const { errors, isSubmitting } = form.formState;
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t('reschedule.open')}
      </Button>
    );
  }
  return (
    <form
      noValidate
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
      aria-label={t('reschedule.title')}
      onSubmit={form.handleSubmit(async (input) => {
        setMessage(undefined);
        const result = await action(input);
        if (!result.ok) return setMessage(applyServerErrors(form, result));
        setOpen(false);
        router.refresh();
      })}
    >
      <h2 className="font-semibold">{t('reschedule.title')}</h2>
      <p className="text-sm text-slate-600">{t('reschedule.note')}</p>
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label={t('form.date')}
          type="date"
          min={defaults.today}
          error={errors.date?.message}
          {...form.register('date')}
        />
        <TextField
          label={t('form.time')}
          type="time"
          step={900}
          error={errors.time?.message}
          {...form.register('time')}
        />
      </div>
      <FormMessage message={message} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={isSubmitting}>
          {t('reschedule.submit')}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
          {t('cancel.keep')}
        </Button>
      </div>
    </form>
  );
}
