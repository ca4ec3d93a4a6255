'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { rescheduleOrderAction } from '@/app/(client)/orders/actions';
import { useActionForm } from '@/components/use-action-form';
import { Button } from '@/components/ui/button';
import { OpeningForm } from '@/components/ui/opening-form';
import { FormMessage } from '@/components/ui/field';
import { StartFields } from './start-fields';
import { checkStart, type BookingContext } from '@/lib/orders/shared';
import { rescheduleInput } from '@/lib/orders/shared';

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
  const [open, setOpen] = useState(false);
  const schema = rescheduleInput.superRefine((v, ctx) => {
    for (const [path, msg] of Object.entries(checkStart(v, booking, new Date()).fields))
      ctx.addIssue({ code: 'custom', path: [path], message: msg });
  });
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    schema,
    { orderId, date: defaults.date, time: defaults.time },
    (input) => action(input),
    { onSuccess: () => setOpen(false), refresh: true },
  );
  return (
    <OpeningForm
      open={open}
      onOpen={() => setOpen(true)}
      openLabel={t('reschedule.open')}
      title={t('reschedule.title')}
      className="border-slate-200 bg-white"
      onSubmit={onSubmit}
    >
      <p className="text-sm text-slate-600">{t('reschedule.note')}</p>
      <StartFields
        date={form.register('date')}
        time={form.register('time')}
        errors={errors}
        minDate={defaults.today}
        booking={booking}
      />
      <FormMessage message={message} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={isSubmitting}>
          {t('reschedule.submit')}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
          {t('cancel.keep')}
        </Button>
      </div>
    </OpeningForm>
  );
}
