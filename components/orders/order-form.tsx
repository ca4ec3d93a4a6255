'use client';
import { useMemo } from 'react';
import { useRouter } from 'next/navigation';
import { useController, useWatch } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';

import { createOrderAction } from '@/app/(client)/orders/actions';
import { useActionForm } from '@/components/use-action-form';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import {
  estimateDuration,
  type CancellationPolicy,
  type GradeCoefficientsBp,
  type UrgencySettings,
} from '@/lib/finance/shared';
import { formatMoney } from '@/lib/money';
import { checkEnd, checkOptions, checkStart, latestStart, type BookingContext } from '@/lib/orders/shared';
import { orderInput } from '@/lib/orders/shared';
import { durationParts } from './duration';
import { estimateVisit } from './estimate';
import { ServiceOptionFields } from './service-option-fields';
import { PriceLines } from './price-lines';
import { CancellationTerms } from './cancellation-terms';
import { StartFields } from './start-fields';
import { localized } from '@/lib/i18n/shared';
import type { FormState } from '@/lib/errors';
import type { BookableService } from '@/lib/orders/shared';

export type FormService = BookableService;
export type FormZone = { id: string; name: string; travelFee: number };
export type FormAddress = { id: string; label: string; address: string; zoneId: string; accessNotes: string };

type Props = {
  services: FormService[];
  zones: FormZone[];
  addresses: FormAddress[];
  defaults: { serviceId?: string; zoneId?: string; phone: string; date: string };
  booking: BookingContext;
  pricing: { gradeCoefficientsBp: GradeCoefficientsBp; urgency: UrgencySettings; discountBp: number };
  cancellation: CancellationPolicy;
  /** What happens when only a worker above the client's cap fits (settings priceCapPolicy). */
  priceCapPolicy: 'absorb' | 'ask';
  /** A plan's per-visit discount by frequency, basis points (settings planDiscountsBp). */
  planDiscountsBp: { w1: number; w2: number; w4: number };
  currency: string;
  locale: 'ru' | 'en';
  /**
   * Books the validated input: the client's own action by default; staff booking for a client who phoned in
   * pass theirs (the same schema, plus whose booking it is). Returns the order (and the plan) to open next.
   */
  submit?: (input: Out) => Promise<FormState<Booked>>;
  /** Where to go once booked (the client's own pages by default). */
  destination?: (booked: Booked) => string;
};

/** What a booking returns: the order to open, or the plan when the form booked a recurring plan. */
export type Booked = { id: string; planId: string | null };

export type Out = z.output<typeof orderInput>;

const clientDestination = (b: Booked) => (b.planId ? `/plans/${b.planId}` : `/orders/${b.id}`);

/**
 * The booking form. The resolver is the server's zod schema plus the same booking rules createOrder runs
 * (bookable hours, horizon, the options the service needs), so the client sees the server's messages
 * before submitting; the server re-checks everything anyway. The estimate is the pricing function itself,
 * run in the browser.
 */
export function OrderForm({
  services,
  zones,
  addresses,
  defaults,
  booking,
  pricing,
  cancellation,
  priceCapPolicy,
  planDiscountsBp,
  currency,
  locale,
  submit = createOrderAction,
  destination = clientDestination,
}: Props) {
  const t = useTranslations('orders');
  const router = useRouter();

  const schema = useMemo(
    () =>
      orderInput.superRefine((v, ctx) => {
        const service = services.find((s) => s.id === v.serviceId);
        const optionCheck = service ? checkOptions(service, v) : null;
        const startFields = checkStart(v, booking, new Date()).fields;
        // The end is checked like createOrder does: once the options (and so the duration) are valid.
        const endFields =
          service && optionCheck && Object.keys(optionCheck.fields).length === 0 && !startFields.time
            ? checkEnd(v, estimateDuration(service, optionCheck.options), booking)
            : {};
        const fields = { ...(optionCheck?.fields ?? {}), ...endFields, ...startFields };
        for (const [path, msg] of Object.entries(fields)) ctx.addIssue({ code: 'custom', path: [path], message: msg });
      }),
    [services, booking],
  );

  const { form, errors, message, onSubmit } = useActionForm(
    schema,
    {
      serviceId: defaults.serviceId ?? '',
      areaM2: '',
      rooms: '',
      bathrooms: '1',
      hours: '',
      extras: [],
      zoneId: defaults.zoneId ?? '',
      address: '',
      date: defaults.date,
      time: '10:00',
      accessNotes: '',
      contactPhone: defaults.phone,
      saveAddress: addresses.length === 0,
      priceCap: false,
      repeat: 'once',
      untilDate: '',
      holidayRule: 'skip',
    },
    (input) => submit(input),
    { onSuccess: (booked) => (booked ? router.push(destination(booked)) : undefined) },
  );
  const { isSubmitting } = form.formState;
  const values = useWatch({ control: form.control });
  const extras = useController({ control: form.control, name: 'extras' });
  const service = services.find((s) => s.id === values.serviceId);
  const zone = zones.find((z) => z.id === values.zoneId);

  // A plan: each visit is priced with the frequency discount as its own line.
  const repeat = values.repeat;
  const planDiscountBp = repeat === 'w1' || repeat === 'w2' || repeat === 'w4' ? planDiscountsBp[repeat] : null;
  const estimate = useMemo(
    () => estimateVisit(service, zone, values, booking, pricing, planDiscountBp),
    [service, zone, values, booking, pricing, planDiscountBp],
  );

  const serviceName = (s: FormService) => localized(s, locale);
  const duration = estimate ? durationParts(estimate.minutes) : null;
  // The latest start at which the job, as now configured, still ends within the bookable hours.
  const latest = estimate ? latestStart(estimate.minutes, booking) : null;

  return (
    <form noValidate className="grid gap-6 lg:grid-cols-[1fr_20rem]" onSubmit={onSubmit}>
      <div className="space-y-4">
        <SelectField label={t('form.service')} error={errors.serviceId?.message} {...form.register('serviceId')}>
          <option value="">{t('form.chooseService')}</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {serviceName(s)}
            </option>
          ))}
        </SelectField>

        <ServiceOptionFields service={service} form={form} extras={extras.field} currency={currency} locale={locale} />

        {addresses.length > 0 ? (
          <SelectField
            label={t('form.savedAddress')}
            defaultValue=""
            onChange={(ev) => {
              const a = addresses.find((x) => x.id === ev.target.value);
              form.setValue('address', a?.address ?? '');
              form.setValue('zoneId', a?.zoneId ?? defaults.zoneId ?? '');
              form.setValue('accessNotes', a?.accessNotes ?? '');
              form.setValue('saveAddress', !a);
            }}
          >
            <option value="">{t('form.newAddress')}</option>
            {addresses.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label ? `${a.label}: ${a.address}` : a.address}
              </option>
            ))}
          </SelectField>
        ) : null}
        <SelectField label={t('form.zone')} error={errors.zoneId?.message} {...form.register('zoneId')}>
          <option value="">{t('form.chooseZone')}</option>
          {zones.map((z) => (
            <option key={z.id} value={z.id}>
              {z.travelFee > 0
                ? `${z.name} (${t('form.travelFee', { fee: formatMoney(z.travelFee, currency, locale) })})`
                : z.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('form.address')}
          hint={t('form.addressHint')}
          autoComplete="street-address"
          error={errors.address?.message}
          {...form.register('address')}
        />

        <StartFields
          date={form.register('date')}
          time={form.register('time')}
          errors={errors}
          minDate={defaults.date}
          booking={booking}
          latest={latest}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField label={t('form.repeat')} error={errors.repeat?.message} {...form.register('repeat')}>
            {(['once', 'w1', 'w2', 'w4'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`form.repeats.${r}`)}
              </option>
            ))}
          </SelectField>
          {values.repeat && values.repeat !== 'once' ? (
            <TextField
              label={t('form.untilDate')}
              type="date"
              min={values.date || defaults.date}
              hint={t('form.untilDateHint')}
              error={errors.untilDate?.message}
              {...form.register('untilDate')}
            />
          ) : null}
          {values.repeat && values.repeat !== 'once' ? (
            <SelectField label={t('form.holidayRule')} {...form.register('holidayRule')}>
              <option value="skip">{t('form.holidayRules.skip')}</option>
              <option value="move">{t('form.holidayRules.move')}</option>
            </SelectField>
          ) : null}
        </div>
        <TextAreaField
          label={t('form.accessNotes')}
          hint={t('form.accessNotesHint')}
          rows={2}
          error={errors.accessNotes?.message}
          {...form.register('accessNotes')}
        />
        <TextField
          label={t('form.contactPhone')}
          type="tel"
          autoComplete="tel"
          error={errors.contactPhone?.message}
          {...form.register('contactPhone')}
        />
        <label className="flex min-h-11 items-center gap-3 text-sm">
          <input type="checkbox" className="size-5" {...form.register('saveAddress')} />
          {t('form.saveAddress')}
        </label>
      </div>

      <aside className="space-y-3 lg:sticky lg:top-4 lg:self-start">
        <section
          aria-live="polite"
          className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
          data-testid="estimate"
        >
          <h2 className="mb-2 font-semibold">{t('form.estimate')}</h2>
          {estimate ? (
            <>
              <PriceLines
                lines={estimate.lines}
                total={estimate.total}
                currency={currency}
                locale={locale}
                totalLabel={t('page.total')}
                testId="estimate-lines"
              />
              {duration ? (
                <p className="mt-2 text-sm text-slate-600">
                  {t('form.duration', { duration: t(`durationFmt.${duration.key}`, duration.values) })}
                </p>
              ) : null}
              <p className="mt-2 text-sm text-slate-700" data-testid="estimate-range">
                {estimate.range.min === estimate.range.max
                  ? t('form.finalSame')
                  : t('form.finalRange', {
                      min: formatMoney(estimate.range.min, currency, locale),
                      max: formatMoney(estimate.range.max, currency, locale),
                    })}
              </p>
              {estimate.range.min !== estimate.range.max ? (
                <label className="mt-3 flex min-h-11 items-start gap-2 text-sm" data-testid="price-cap">
                  <input type="checkbox" className="mt-0.5 size-5 shrink-0" {...form.register('priceCap')} />
                  <span>
                    {t('form.priceCap', { max: formatMoney(estimate.total, currency, locale) })}{' '}
                    <span className="text-slate-600">{t(`form.priceCapPolicy.${priceCapPolicy}`)}</span>
                  </span>
                </label>
              ) : null}
              <p className="mt-2 text-xs text-slate-500">{t('form.estimateHint')}</p>
              <CancellationTerms
                start={estimate.start}
                policy={cancellation}
                timeZone={booking.timeZone}
                locale={locale}
              />
            </>
          ) : (
            <p className="text-sm text-slate-500">{t('form.estimateIncomplete')}</p>
          )}
        </section>
        <FormMessage message={message} />
        <Button type="submit" disabled={isSubmitting} className="w-full">
          {t('form.submit')}
        </Button>
      </aside>
    </form>
  );
}
