// A render thread of the pool in render-pool.ts: renders what the parent posts, one message at a time.
import { parentPort } from 'node:worker_threads';
import type { EmailContext } from '@/emails/define';
import { renderEmail } from '@/emails/render';
import type { NotificationKind } from '@/emails/registry';

type Job = { id: number; kind: NotificationKind; data: unknown; ctx: EmailContext };

parentPort?.on('message', (job: Job) => {
  renderEmail(job.kind, job.data, job.ctx).then(
    (rendered) => parentPort?.postMessage({ id: job.id, rendered }),
    (e: unknown) => parentPort?.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
