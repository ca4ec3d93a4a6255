'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { manualAssignAction } from '@/app/admin/dispatch/actions';
import { manualAssignInput } from '@/lib/matching/shared';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';

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
  const [assigned, setAssigned] = useState(false);
  const { isSubmitting, message, onSubmit, bind } = useActionForm(
    manualAssignInput,
    { orderId, workerId, overrideReason: '' },
    (values) => {
      setAssigned(false);
      return manualAssignAction(values);
    },
    { onSuccess: () => setAssigned(true), refresh: true },
  );
  const label = needsReason ? t('assignWithOverride') : reassign ? t('reassign') : t('assign');
  return (
    <form noValidate className="mt-2 space-y-2" onSubmit={onSubmit}>
      {needsReason ? <TextField label={t('overrideReason')} {...bind('overrideReason')} /> : null}
      <Button
        type="submit"
        variant={needsReason ? 'secondary' : 'primary'}
        disabled={isSubmitting}
        aria-label={`${label}: ${workerName}`}
      >
        {label}
      </Button>
      {assigned ? <FormMessage tone="success" message={t('assigned')} /> : <FormMessage message={message} />}
    </form>
  );
}
