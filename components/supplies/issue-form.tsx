'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { issueSupplyAction, returnSupplyAction } from '@/app/admin/supplies/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import { applyServerErrors } from '@/components/form-errors';
import { issueInput } from '@/lib/supplies/shared';

type In = z.input<typeof issueInput>;
type Out = z.output<typeof issueInput>;

/** Issue to (or take back from) a worker. With no worker given, the form asks for one. */
export function IssueSupplyForm({
  workerId,
  workers,
  supplies,
}: {
  workerId?: string;
  workers?: { id: string; name: string }[];
  supplies: { id: string; label: string }[];
}) {
  const t = useTranslations('supplies');
  const router = useRouter();
  const [message, setMessage] = useState<{ text: string; tone: 'error' | 'success' }>();
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(issueInput),
    defaultValues: { workerId: workerId ?? '', supplyId: '', quantity: 1, note: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = (kind: 'issue' | 'return') =>
    form.handleSubmit(async (values) => {
      setMessage(undefined);
      const r = kind === 'issue' ? await issueSupplyAction(values) : await returnSupplyAction(values);
      if (!r.ok) {
        // Short stock comes back with the available quantity, shown in the message.
        const key = r.message.replace(/^supplies\./, '');
        const text =
          r.fields.available && t.has(key) ? t(key, { available: r.fields.available }) : applyServerErrors(form, r);
        return setMessage(text ? { text, tone: 'error' } : undefined);
      }
      setMessage({ text: kind === 'issue' ? t('issued') : t('returned'), tone: 'success' });
      form.reset({ workerId: workerId ?? values.workerId, supplyId: '', quantity: 1, note: '' });
      router.refresh();
    });
  return (
    <form noValidate className="grid gap-3 sm:grid-cols-4" onSubmit={submit('issue')}>
      {workers ? (
        <SelectField label={t('worker')} error={errors.workerId?.message} {...form.register('workerId')}>
          <option value="">{t('chooseWorker')}</option>
          {workers.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <SelectField label={t('item')} error={errors.supplyId?.message} {...form.register('supplyId')}>
        <option value="">{t('chooseItem')}</option>
        {supplies.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('quantity')}
        type="number"
        inputMode="numeric"
        min={1}
        error={errors.quantity?.message}
        {...form.register('quantity')}
      />
      <TextField label={t('note')} error={errors.note?.message} {...form.register('note')} />
      <div className="flex flex-wrap gap-2 sm:col-span-4">
        <Button type="submit" disabled={isSubmitting}>
          {t('issue')}
        </Button>
        <Button type="button" variant="secondary" disabled={isSubmitting} onClick={submit('return')}>
          {t('takeBack')}
        </Button>
      </div>
      <div className="sm:col-span-4">
        <FormMessage message={message?.text} tone={message?.tone} />
      </div>
    </form>
  );
}
