'use client';
import { useTranslations } from 'next-intl';
import { unblockWorkerAction } from '@/app/admin/dispatch/actions';
import { ActionButton } from '@/components/ui/action-button';

/** Lifts one block; the worker's name is in the accessible name, since the list holds several such buttons. */
export function UnblockButton({
  clientId,
  workerId,
  workerName,
}: {
  clientId: string;
  workerId: string;
  workerName: string;
}) {
  const t = useTranslations('matching.blocks');
  return (
    <ActionButton variant="secondary" run={() => unblockWorkerAction({ clientId, workerId })}>
      {t('unblock')}
      <span className="sr-only">: {workerName}</span>
    </ActionButton>
  );
}
