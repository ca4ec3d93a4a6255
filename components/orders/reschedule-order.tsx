'use client';
import { useTranslations } from 'next-intl';
import { rescheduleOrderAction } from '@/app/(client)/orders/actions';
import { OpeningForm, useOpeningForm } from '@/components/ui/opening-form';
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
  const schema = rescheduleInput.superRefine((v, ctx) => {
    for (const [path, msg] of Object.entries(checkStart(v, booking, new Date()).fields))
      ctx.addIssue({ code: 'custom', path: [path], message: msg });
  });
  const { form, errors, panel } = useOpeningForm(
    schema,
    { orderId, date: defaults.date, time: defaults.time },
    (input) => action(input),
  );
  return (
    <OpeningForm
      {...panel}
      openLabel={t('reschedule.open')}
      title={t('reschedule.title')}
      className="border-slate-200 bg-white"
      submitLabel={t('reschedule.submit')}
      closeLabel={t('cancel.keep')}
    >
      <p className="text-sm text-slate-600">{t('reschedule.note')}</p>
      <StartFields
        date={form.register('date')}
        time={form.register('time')}
        errors={errors}
        minDate={defaults.today}
        booking={booking}
      />
    </OpeningForm>
  );
}
