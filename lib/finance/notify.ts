import 'server-only';
import type { Db } from '@/db';
import type { AdjustmentFact } from './adjustments';

/** Tells the worker about a fine or bonus through the notifications outbox, in the same transaction. */
export async function notifyAdjustment(tx: Db, fact: AdjustmentFact): Promise<void> {
  // TODO(notifications): enqueue(tx, { userId: fact.subjectId }, 'adjustment_recorded', …) once lib/notifications exports it.
  void tx;
  void fact;
}
