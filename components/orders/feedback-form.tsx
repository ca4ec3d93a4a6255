'use client';
import { useTranslations } from 'next-intl';
import { rateOrderAction } from '@/app/(client)/orders/actions';
import { useActionForm } from '@/components/use-action-form';
import { Button } from '@/components/ui/button';
import { FormMessage, TextAreaField, useErrorText } from '@/components/ui/field';
import { feedbackInput } from '@/lib/orders/shared';

export function FeedbackForm({ orderId }: { orderId: string }) {
  const t = useTranslations('orders');
  const errorText = useErrorText();
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    feedbackInput,
    { orderId, rating: undefined, comment: '' },
    rateOrderAction,
    {
      refresh: true,
    },
  );
  return (
    <form noValidate className="space-y-3" onSubmit={onSubmit}>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-800">{t('feedback.rating')}</legend>
        <div className="flex gap-1">
          {[1, 2, 3, 4, 5].map((n) => (
            <label
              key={n}
              className="flex min-h-11 min-w-11 cursor-pointer items-center justify-center rounded-lg border border-slate-300 has-[:checked]:border-amber-500 has-[:checked]:bg-amber-50"
            >
              <input
                type="radio"
                value={n}
                className="sr-only"
                aria-label={t('feedback.stars', { n })}
                {...form.register('rating')}
              />
              <span aria-hidden>{n}★</span>
            </label>
          ))}
        </div>
        {errors.rating?.message ? (
          <p className="mt-1 text-sm text-rose-700">{errorText(errors.rating.message)}</p>
        ) : null}
      </fieldset>
      <TextAreaField
        label={t('feedback.comment')}
        rows={3}
        error={errors.comment?.message}
        {...form.register('comment')}
      />
      <FormMessage message={message} />
      <Button type="submit" disabled={isSubmitting}>
        {t('feedback.submit')}
      </Button>
    </form>
  );
}
