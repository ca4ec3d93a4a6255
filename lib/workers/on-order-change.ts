import 'server-only';
import { workerTaskReleases } from '@/db/schema';
import { eachChange, type OrderChangeHandler } from '@/lib/orders';

/**
 * Remembers every order taken away from a worker (decline, unassign, reassign, reschedule …) so their
 * "cancelled" tab can show it: the order row then names someone else, or no one.
 */
export const workersOnOrderChange: OrderChangeHandler = eachChange(async (tx, change) => {
  const before = change.before.workerId;
  if (!before || before === change.after.workerId) return;
  await tx.insert(workerTaskReleases).values({
    workerId: before,
    orderId: change.after.id,
    eventId: change.eventId,
    kind: change.name,
    reason: change.reason,
    at: change.at,
  });
});
