'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { rateOrderAction } from '@/app/(client)/orders/actions';
import { applyServerErrors } from '@/components/form-errors';
import { Button } from '@/components/ui/button';
import { FormMessage, TextAreaField, useErrorText } from '@/components/ui/field';
import { feedbackInput } from '@/lib/orders/shared';

type In = z.input<typeof feedbackInput>;
type Out = z.output<typeof feedbackInput>;

export function FeedbackForm({ orderId }: { orderId: string }) {
  const t = useTranslations('orders');
  const errorText = useErrorText();
  const router = useRouter();
  const [message, setMessage] = useState<string>();
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(feedbackInput),
    defaultValues: { orderId, rating: undefined, comment: '' },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={form.handleSubmit(async (input) => {
        setMessage(undefined);
        const result = await rateOrderAction(input);
        if (!result.ok) return setMessage(applyServerErrors(form, result));
        router.refresh();
      })}
    >
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
