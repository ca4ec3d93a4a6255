'use client';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import type { z } from 'zod';
import { blockWorkerAction } from '@/app/admin/dispatch/actions';
import { blockWorkerInput } from '@/lib/matching/shared';
import { Button } from '@/components/ui/button';
import { FormMessage, TextAreaField } from '@/components/ui/field';
import { applyServerErrors } from '@/components/form-errors';

type In = z.input<typeof blockWorkerInput>;
type Out = z.output<typeof blockWorkerInput>;
type Message = { tone: 'error' | 'success'; text: string };
type Worker = { id: string; name: string };

/**
 * "Block <worker> for this client" with a reason. The result lives here, above the form: blocking takes the
 * worker off this very order when it is still to come, so after the refresh the form is gone but the
 * result ("blocked; 2 future orders sent back to matching") is still shown.
 */
export function BlockWorkerForm({
  clientId,
  worker,
  alreadyBlocked,
}: {
  clientId: string;
  worker: Worker | null;
  alreadyBlocked: boolean;
}) {
  const t = useTranslations('matching.blocks');
  const [message, setMessage] = useState<Message>();
  const result = <FormMessage message={message?.text} tone={message?.tone} />;
  if (!worker || alreadyBlocked) {
    if (!message && !worker) return null;
    return (
      <div className="mt-4 space-y-2 border-t border-slate-100 pt-4">
        {result}
        {worker ? <p className="text-sm text-slate-600">{t('alreadyBlocked', { name: worker.name })}</p> : null}
      </div>
    );
  }
  // Keyed by worker: a re-match that brings another worker starts a fresh form for them.
  return <Form key={worker.id} clientId={clientId} worker={worker} result={result} onResult={setMessage} />;
}

function Form({
  clientId,
  worker,
  result,
  onResult,
}: {
  clientId: string;
  worker: Worker;
  result: ReactNode;
  onResult: (m: Message | undefined) => void;
}) {
  const t = useTranslations('matching.blocks');
  const router = useRouter();
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(blockWorkerInput),
    defaultValues: { clientId, workerId: worker.id, reason: '' },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      noValidate
      className="mt-4 space-y-3 border-t border-slate-100 pt-4"
      data-testid="block-worker-form"
      onSubmit={form.handleSubmit(async (values) => {
        onResult(undefined);
        const r = await blockWorkerAction(values);
        if (!r.ok) {
          const text = applyServerErrors(form, r);
          return onResult(text ? { tone: 'error', text } : undefined);
        }
        const { created, unassigned } = r.data!;
        onResult({
          tone: 'success',
          text: t(created ? 'blocked' : 'updated', { name: worker.name, count: unassigned }),
        });
        form.reset({ clientId, workerId: worker.id, reason: '' });
        router.refresh();
      })}
    >
      <h3 className="text-sm font-semibold break-words">{t('formTitle', { name: worker.name })}</h3>
      <p className="text-sm text-slate-600">{t('hint', { name: worker.name })}</p>
      <TextAreaField
        label={t('reason')}
        rows={2}
        maxLength={500}
        error={errors.reason?.message}
        {...form.register('reason')}
      />
      {/* The ids are not fields a person edits: their errors (not a client / not a worker) show here. */}
      <FormMessage message={errors.clientId?.message ?? errors.workerId?.message} />
      {result}
      <Button type="submit" variant="danger" disabled={isSubmitting} className="w-full sm:w-auto">
        {t('submit')}
      </Button>
    </form>
  );
}
