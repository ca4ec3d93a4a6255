import { dispatchNotifications } from '@/lib/notifications';
import { sweepRoute } from '@/lib/scheduler';

// Sending can take a while with a slow mail server; stop claiming new rows well before the platform limit.
export const maxDuration = 60;

/**
 * Every minute (vercel.json): sends what is due. Not a lib/scheduler `cronRoute` job on purpose: that
 * wrapper runs period-keyed chunks inside a transaction, while sending must happen outside any transaction
 * and has no period — each call simply drains the outbox, and the outbox's attempts table is its log.
 * Several calls at once are safe (FOR UPDATE SKIP LOCKED).
 */
export const GET = sweepRoute('notifications', (db) => dispatchNotifications(db, { budgetMs: 45_000 }));
