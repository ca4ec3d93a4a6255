import 'server-only';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RenderedEmail } from '@/emails/render';
import { RenderThreadError, type RenderPool } from './render-pool-types';

export { RenderThreadError, type RenderPool };

/**
 * Renders emails on worker threads, one per core by default: React rendering is CPU work, about 3 ms an
 * email, so a dispatcher sending 100 000 at once spends minutes in one thread while the others idle. A
 * process that sends at volume (a self-hosted dispatcher, the benchmark) creates one pool and hands it to
 * every dispatchNotifications call; a request's after() dispatch renders in its own thread as before.
 * The thread registers tsx and loads render-worker.ts (render-thread.mjs), so the pool is for scripts and
 * self-hosted processes run from the source tree, not for a bundled Next.js server.
 */

type Pending = { resolve: (r: RenderedEmail) => void; reject: (e: Error) => void };
type Reply = { id: number; rendered?: RenderedEmail; error?: string };

export function createRenderPool(size = availableParallelism()): RenderPool {
  const pending = new Map<number, Pending>();
  const load: number[] = [];
  let nextId = 0;
  let failure: Error | null = null;
  const workers = Array.from({ length: Math.max(1, size) }, (_, i) => {
    const worker = new Worker(new URL('./render-thread.mjs', import.meta.url));
    load.push(0);
    worker.on('message', (reply: Reply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      // Only a thread with work keeps the process alive: an idle pool never holds a script open.
      if (--load[i] === 0) workers[i].unref();
      if (reply.rendered) p.resolve(reply.rendered);
      else p.reject(new Error(reply.error ?? 'render failed'));
    });
    // A thread that dies takes its renders with it: they fail (and retry later) rather than hang.
    worker.on('error', (e) => {
      failure = new RenderThreadError(`render thread stopped: ${e.message}`);
      for (const p of pending.values()) p.reject(failure);
      pending.clear();
    });
    worker.unref();
    return worker;
  });
  return {
    size: workers.length,
    render(kind, data, ctx) {
      if (failure) return Promise.reject(failure);
      // The least busy thread; posting is cheap, the queue is the thread's own.
      let i = 0;
      for (let k = 1; k < load.length; k++) if (load[k] < load[i]) i = k;
      const id = nextId++;
      if (load[i]++ === 0) workers[i].ref();
      return new Promise<RenderedEmail>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        workers[i].postMessage({ id, kind, data, ctx });
      });
    },
    async close() {
      failure = new RenderThreadError('render pool closed');
      for (const p of pending.values()) p.reject(failure);
      pending.clear();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
