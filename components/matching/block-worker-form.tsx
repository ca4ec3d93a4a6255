'use client';
import { useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { blockWorkerAction } from '@/app/admin/dispatch/actions';
import { blockWorkerInput } from '@/lib/matching/shared';
import { Button } from '@/components/ui/button';
import { FormMessage, TextAreaField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';

type Worker = { id: string; name: string };

/**
 * "Block <worker> for this client" with a reason. The result lives here, above the form: blocking takes the
 * worker off this very order when it is still to come, so after the refresh the form is gone but the
 * result ("blocked; 2 future orders sent back to matching") is still shown. A refusal stays in the form.
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
  const [done, setDone] = useState<string>();
  const result = <FormMessage message={done} tone="success" />;
  if (!worker || alreadyBlocked) {
    if (!done && !worker) return null;
    return (
      <div className="mt-4 space-y-2 border-t border-slate-100 pt-4">
        {result}
        {worker ? <p className="text-sm text-slate-600">{t('alreadyBlocked', { name: worker.name })}</p> : null}
      </div>
    );
  }
  // Keyed by worker: a re-match that brings another worker starts a fresh form for them.
  return <Form key={worker.id} clientId={clientId} worker={worker} result={result} onResult={setDone} />;
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
  onResult: (done: string | undefined) => void;
}) {
  const t = useTranslations('matching.blocks');
  const fresh = { clientId, workerId: worker.id, reason: '' };
  const { form, errors, isSubmitting, message, onSubmit, bind } = useActionForm(
    blockWorkerInput,
    fresh,
    (values) => {
      onResult(undefined);
      return blockWorkerAction(values);
    },
    {
      onSuccess: (data) => {
        const { created, unassigned } = data!;
        onResult(t(created ? 'blocked' : 'updated', { name: worker.name, count: unassigned }));
        form.reset(fresh);
      },
      refresh: true,
    },
  );
  return (
    <form
      noValidate
      className="mt-4 space-y-3 border-t border-slate-100 pt-4"
      data-testid="block-worker-form"
      onSubmit={onSubmit}
    >
      <h3 className="text-sm font-semibold break-words">{t('formTitle', { name: worker.name })}</h3>
      <p className="text-sm text-slate-600">{t('hint', { name: worker.name })}</p>
      <TextAreaField label={t('reason')} rows={2} maxLength={500} {...bind('reason')} />
      {/* The ids are not fields a person edits: their errors (not a client / not a worker) show here. */}
      <FormMessage message={errors.clientId?.message ?? errors.workerId?.message} />
      {message ? <FormMessage message={message} /> : result}
      <Button type="submit" variant="danger" disabled={isSubmitting} className="w-full sm:w-auto">
        {t('submit')}
      </Button>
    </form>
  );
}
