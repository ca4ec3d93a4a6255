'use client';
import { useMemo } from 'react';
import { useRouter } from 'next/navigation';
import { useController, useWatch } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import type { changePlanAction } from '@/app/(client)/plans/actions';
import { estimateVisit } from '@/components/orders/estimate';
import type { FormService, FormZone } from '@/components/orders/order-form';
import { PriceLines } from '@/components/orders/price-lines';
import { ServiceOptionFields } from '@/components/orders/service-option-fields';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import {
  estimateDuration,
  type GradeCoefficientsBp,
  type PricingOptions,
  type UrgencySettings,
} from '@/lib/finance/shared';
import { checkEnd, checkOptions, checkStart, type BookingContext } from '@/lib/orders/shared';
import { changeInput } from '@/lib/plans/shared';

/** The plan's service, zone and current options, and the rules to check and price a change as a booking. */
export type PlanChangeData = {
  service: FormService;
  zone: FormZone;
  options: PricingOptions;
  booking: BookingContext;
  pricing: { gradeCoefficientsBp: GradeCoefficientsBp; urgency: UrgencySettings; discountBp: number };
  planDiscountsBp: { w1: number; w2: number; w4: number };
  currency: string;
  locale: 'ru' | 'en';
};

const asField = (n: number | undefined) => (n === undefined ? '' : String(n));

/**
 * Changes the plan from a date: time, frequency, the service's options and extras. The resolver is the
 * server's schema plus the booking rules changePlan runs (a date not before today, bookable hours, the
 * options the service needs), and the estimate beside it is the new per-visit price with the frequency
 * discount as its own line.
 */
export function PlanChangeForm({
  planId,
  today,
  time,
  repeat,
  data,
  submit,
  planBase,
  onDone,
}: {
  planId: string;
  today: string;
  time: string;
  repeat: 'w1' | 'w2' | 'w4';
  /** Null when the plan's service or zone is no longer offered: time and frequency only. */
  data: PlanChangeData | null;
  submit: typeof changePlanAction;
  planBase: string;
  onDone: () => void;
}) {
  const t = useTranslations('plans');
  const to = useTranslations('orders');
  const router = useRouter();
  const schema = useMemo(
    () =>
      changeInput.superRefine((v, ctx) => {
        const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
        if (!data) return;
        const startFields = checkStart({ date: v.fromDate, time: v.time }, data.booking, new Date()).fields;
        for (const [k, m] of Object.entries(startFields)) issue(k === 'date' ? 'fromDate' : k, m);
        const { options, fields } = checkOptions(data.service, {
          areaM2: v.areaM2,
          rooms: v.rooms,
          bathrooms: v.bathrooms,
          hours: v.hours,
          extras: v.extras ?? [],
        });
        for (const [k, m] of Object.entries(fields)) issue(k, m);
        if (Object.keys(fields).length === 0 && !startFields.time)
          for (const [k, m] of Object.entries(
            checkEnd({ time: v.time }, estimateDuration(data.service, options), data.booking),
          ))
            issue(k, m);
      }),
    [data],
  );
  const current = data?.options;
  const change = useActionForm(
    schema,
    {
      planId,
      fromDate: today,
      time,
      repeat,
      areaM2: asField(current?.areaM2),
      rooms: asField(current?.rooms),
      bathrooms: asField(current?.bathrooms ?? 1),
      hours: asField(current?.hours),
      extras: current?.extras ?? [],
    },
    submit,
    {
      onSuccess: (result) => {
        onDone();
        if (result) router.push(`${planBase}${result.planId}`);
      },
    },
  );
  const { form, errors } = change;
  const values = useWatch({ control: form.control });
  const extras = useController({ control: form.control, name: 'extras' });
  const estimate = useMemo(
    () =>
      data && values.repeat
        ? estimateVisit(
            data.service,
            data.zone,
            { ...values, date: values.fromDate },
            data.booking,
            data.pricing,
            data.planDiscountsBp[values.repeat],
          )
        : null,
    [data, values],
  );
  return (
    <form
      noValidate
      onSubmit={change.onSubmit}
      className="grid gap-3 rounded-xl border border-slate-200 p-3 sm:grid-cols-3"
      data-testid="plan-change"
    >
      <p className="text-sm text-slate-600 sm:col-span-3">{t('changeHint')}</p>
      <TextField
        label={t('changeFrom')}
        type="date"
        min={today}
        error={errors.fromDate?.message}
        {...form.register('fromDate')}
      />
      <TextField
        label={t('changeTime')}
        type="time"
        step={900}
        error={errors.time?.message}
        {...form.register('time')}
      />
      <SelectField label={t('changeRepeat')} error={errors.repeat?.message} {...form.register('repeat')}>
        {(['w1', 'w2', 'w4'] as const).map((r) => (
          <option key={r} value={r}>
            {t(`every.${r.slice(1)}`)}
          </option>
        ))}
      </SelectField>
      {data ? (
        <>
          <div className="space-y-3 sm:col-span-2">
            <ServiceOptionFields
              service={data.service}
              form={form}
              extras={extras.field}
              currency={data.currency}
              locale={data.locale}
            />
          </div>
          <section aria-live="polite" className="rounded-lg bg-slate-50 p-3" data-testid="plan-change-estimate">
            <h3 className="mb-1 text-sm font-semibold">{t('changeEstimate')}</h3>
            {estimate ? (
              <PriceLines
                lines={estimate.lines}
                total={estimate.total}
                currency={data.currency}
                locale={data.locale}
                totalLabel={to('page.total')}
                testId="plan-change-lines"
              />
            ) : (
              <p className="text-sm text-slate-500">{t('changeEstimateIncomplete')}</p>
            )}
          </section>
        </>
      ) : null}
      <div className="space-y-2 sm:col-span-3">
        <FormMessage message={change.message} />
        <Button type="submit" disabled={change.isSubmitting}>
          {t('changeSubmit')}
        </Button>
      </div>
    </form>
  );
}
