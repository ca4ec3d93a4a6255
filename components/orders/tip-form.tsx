'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { tipAction } from '@/app/(client)/orders/actions';
import { useActionForm } from '@/components/use-action-form';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField, useErrorText } from '@/components/ui/field';
import { tipInput } from '@/lib/finance/shared';
import { formatMoney } from '@/lib/money';

/**
 * The client's tip for the worker of a completed visit: one of the company's preset amounts or their own, paid with
 * the next invoice or at once with the saved card (offered only when they have one).
 */
export function TipForm({
  orderId,
  presets,
  max,
  currency,
  locale,
  hasCard,
}: {
  orderId: string;
  presets: number[];
  max: number;
  currency: string;
  locale: 'ru' | 'en';
  hasCard: boolean;
}) {
  const t = useTranslations('finance');
  const errorText = useErrorText();
  // One id per shown form: a double submit of it is one tip.
  const [requestId] = useState(() => crypto.randomUUID());
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    tipInput,
    {
      orderId,
      requestId,
      method: 'invoice',
      choice: presets.length > 0 ? String(presets[Math.min(1, presets.length - 1)]) : 'other',
      other: '',
    },
    // The server re-parses the raw input with the same schema.
    (_, f) => tipAction(f.getValues()),
    { refresh: true },
  );
  const choice = form.watch('choice');
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const radio =
    'flex min-h-11 min-w-20 cursor-pointer items-center justify-center rounded-lg border border-slate-300 px-3 has-[:checked]:border-emerald-600 has-[:checked]:bg-emerald-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-emerald-600/40';
  return (
    <form noValidate className="space-y-4" onSubmit={onSubmit} data-testid="tip-form">
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-800">{t('tips.amount')}</legend>
        <div className="flex flex-wrap gap-2">
          {presets.map((p) => (
            <label key={p} className={radio}>
              <input type="radio" value={String(p)} className="sr-only" {...form.register('choice')} />
              <span className="tabular-nums">{money(p)}</span>
            </label>
          ))}
          <label className={radio}>
            <input type="radio" value="other" className="sr-only" {...form.register('choice')} />
            <span>{t('tips.other')}</span>
          </label>
        </div>
        {errors.choice?.message ? (
          <p className="mt-1 text-sm text-rose-700">{errorText(errors.choice.message)}</p>
        ) : null}
      </fieldset>
      {choice === 'other' ? (
        <TextField
          label={t('tips.otherLabel', { currency })}
          inputMode="decimal"
          autoComplete="off"
          error={errors.other?.message}
          hint={t('tips.max', { max: money(max) })}
          {...form.register('other')}
        />
      ) : (
        <p className="text-xs text-slate-500">{t('tips.max', { max: money(max) })}</p>
      )}
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-800">{t('tips.method')}</legend>
        <div className="space-y-1 text-sm">
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" value="invoice" className="size-4" {...form.register('method')} />
            {t('tips.methodInvoice')}
          </label>
          {hasCard ? (
            <label className="flex min-h-11 items-center gap-2">
              <input type="radio" value="card" className="size-4" {...form.register('method')} />
              {t('tips.methodCard')}
            </label>
          ) : (
            <p className="text-xs text-slate-500">{t('tips.noCard')}</p>
          )}
        </div>
      </fieldset>
      <FormMessage message={message} />
      <Button type="submit" disabled={isSubmitting}>
        {t('tips.submit')}
      </Button>
    </form>
  );
}
