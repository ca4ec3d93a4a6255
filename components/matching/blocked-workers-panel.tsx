import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listBlocksForClient } from '@/lib/matching';
import { BlockWorkerForm } from './block-worker-form';
import { UnblockButton } from './unblock-button';

/**
 * The workers this order's client has blocked, each with an Unblock button, and a form to block the order's
 * worker for the client (the manager's order page embeds it).
 */
export async function BlockedWorkersPanel({
  clientId,
  worker,
  timeZone,
}: {
  clientId: string;
  worker: { id: string; name: string } | null;
  timeZone: string;
}) {
  const actor = await requireRole('manager', 'admin');
  const blocks = await listBlocksForClient(await getDb(), actor, clientId);
  const t = await getTranslations('matching.blocks');
  const format = await getFormatter();
  const workerBlocked = worker !== null && blocks.some((b) => b.workerId === worker.id);
  return (
    <Card title={t('title')}>
      {blocks.length === 0 ? (
        <p className="text-sm text-slate-500">{t('empty')}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="blocked-workers">
          {blocks.map((b) => (
            <li key={b.workerId} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div className="min-w-0 flex-1">
                <p className="font-medium break-words">{b.workerName}</p>
                <p className="break-words whitespace-pre-line text-slate-700">{b.reason}</p>
                <p className="text-xs text-slate-500">
                  {format.dateTime(b.blockedAt, { dateStyle: 'medium', timeZone })}
                  {b.blockedByName ? ` · ${t('by', { name: b.blockedByName })}` : ''}
                </p>
              </div>
              <UnblockButton clientId={clientId} workerId={b.workerId} workerName={b.workerName} />
            </li>
          ))}
        </ul>
      )}
      <BlockWorkerForm clientId={clientId} worker={worker} alreadyBlocked={workerBlocked} />
    </Card>
  );
}
