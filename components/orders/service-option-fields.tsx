'use client';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import { TextField, useErrorText } from '@/components/ui/field';
import { formatMoney } from '@/lib/money';
import { localized } from '@/lib/i18n/shared';
import type { FormService } from './order-form';

type Sized = 'areaM2' | 'rooms' | 'bathrooms' | 'hours';

/** What the option fields need of a form whose values include the service's options. */
type OptionsForm = {
  register: (name: Sized) => UseFormRegisterReturn;
  formState: { errors: { [K in Sized | 'extras']?: { message?: string } } };
};

/**
 * The options a service is priced by (area and bathrooms, rooms or hours, by its pricing unit) and its extras,
 * as the order form asks for them; the plan change form asks for them the same way.
 */
export function ServiceOptionFields({
  service,
  form,
  extras,
  currency,
  locale,
}: {
  service: FormService | undefined;
  /** The form that holds the options: its fields are registered and its errors shown here. */
  form: OptionsForm;
  /** The form's `extras` field (a controller's field). */
  extras: { value?: readonly (string | undefined)[]; onChange: (codes: string[]) => void };
  currency: string;
  locale: 'ru' | 'en';
}) {
  const t = useTranslations('orders');
  const errorText = useErrorText();
  const errors = form.formState.errors;
  const chosenCodes = (extras.value ?? []).filter((c): c is string => typeof c === 'string');
  const onExtras = extras.onChange;
  const sized = (name: Sized, max: number) => (
    <TextField
      label={t(`form.${name}`)}
      type="number"
      inputMode="numeric"
      min={1}
      max={max}
      error={errors[name]?.message}
      {...form.register(name)}
    />
  );
  return (
    <>
      {service?.pricingUnit === 'per_m2' ? (
        <div className="grid grid-cols-2 gap-3">
          {sized('areaM2', 1000)}
          {sized('bathrooms', 10)}
        </div>
      ) : null}
      {service?.pricingUnit === 'per_room' ? sized('rooms', 50) : null}
      {service?.pricingUnit === 'per_hour' ? sized('hours', 12) : null}
      {service && service.extras.length > 0 ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">{t('form.extras')}</legend>
          {service.extras.map((e) => {
            const chosen = chosenCodes.includes(e.code);
            return (
              <label key={e.code} className="flex min-h-11 items-center gap-3 rounded-lg border border-slate-200 px-3">
                <input
                  type="checkbox"
                  className="size-5"
                  checked={chosen}
                  onChange={() => onExtras(chosen ? chosenCodes.filter((c) => c !== e.code) : [...chosenCodes, e.code])}
                />
                <span className="flex-1 text-sm">{localized(e, locale)}</span>
                <span className="text-sm tabular-nums text-slate-600">+{formatMoney(e.price, currency, locale)}</span>
              </label>
            );
          })}
          {errors.extras?.message ? <p className="text-sm text-rose-700">{errorText(errors.extras.message)}</p> : null}
        </fieldset>
      ) : null}
    </>
  );
}
