'use client';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import type { z } from 'zod';
import { manualAssignAction } from '@/app/admin/dispatch/actions';
import { manualAssignInput } from '@/lib/matching/shared';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { applyServerErrors } from '@/components/form-errors';

type In = z.input<typeof manualAssignInput>;
type Out = z.output<typeof manualAssignInput>;

/** One candidate's assign button; a worker who fails a rule needs the manager's reason first. */
export function AssignForm({
  orderId,
  workerId,
  workerName,
  needsReason,
  reassign,
}: {
  orderId: string;
  workerId: string;
  workerName: string;
  needsReason: boolean;
  reassign: boolean;
}) {
  const t = useTranslations('matching');
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string }>();
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(manualAssignInput),
    defaultValues: { orderId, workerId, overrideReason: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const label = needsReason ? t('assignWithOverride') : reassign ? t('reassign') : t('assign');
  return (
    <form
      noValidate
      className="mt-2 space-y-2"
      onSubmit={form.handleSubmit(async (values) => {
        setMessage(undefined);
        const result = await manualAssignAction(values);
        if (!result.ok) {
          const text = applyServerErrors(form, result);
          return setMessage(text ? { tone: 'error', text } : undefined);
        }
        setMessage({ tone: 'success', text: t('assigned') });
        router.refresh();
      })}
    >
      {needsReason ? (
        <TextField
          label={t('overrideReason')}
          error={errors.overrideReason?.message}
          {...form.register('overrideReason')}
        />
      ) : null}
      <Button
        type="submit"
        variant={needsReason ? 'secondary' : 'primary'}
        disabled={isSubmitting}
        aria-label={`${label}: ${workerName}`}
      >
        {label}
      </Button>
      <FormMessage message={message?.text} tone={message?.tone} />
    </form>
  );
}
