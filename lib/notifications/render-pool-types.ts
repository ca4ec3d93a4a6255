import type { EmailContext } from '@/emails/define';
import type { NotificationKind } from '@/emails/registry';
import type { RenderedEmail } from '@/emails/render';

// What the dispatcher knows of a render pool (render-pool.ts). Kept apart from the pool itself, which starts
// worker threads through tsx: a bundled Next.js server imports the dispatcher and must not trace the pool.

export type RenderPool = {
  render: (kind: NotificationKind, data: unknown, ctx: EmailContext) => Promise<RenderedEmail>;
  close: () => Promise<void>;
  readonly size: number;
};

/** The thread stopped (crashed, or the pool was closed): the email itself may be fine, so it is tried again. */
export class RenderThreadError extends Error {}
