import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { plans } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { account } from '@/lib/auth';
import { recordAudit } from '@/lib/audit';
import { conflict, validationFailed } from '@/lib/errors';
import { requestMatching } from '@/lib/orders';
import { reofferToRegular } from './on-order-change';
import { lockPlan } from './plans';
import { regularWorkerInput, type RegularWorkerInput } from './schemas';

/**
 * Staff set or change a plan's regular worker. Matching prefers them from now on; the plan's visits more than
 * 48 hours away that someone else has go back to matching (as when the first completed visit names the
 * regular), nearer ones keep their worker. Audited. The only other way a plan gets a regular is its first
 * completed visit: a substitute, matched or assigned by hand, never becomes one.
 */
export async function setRegularWorker(
  db: Db,
  actor: Actor,
  raw: RegularWorkerInput,
  opts: { now?: Date; match?: boolean } = {},
): Promise<{ reoffered: number }> {
  assertStaff(actor);
  const input = regularWorkerInput.parse(raw);
  const now = opts.now ?? new Date();
  const reoffered = await db.transaction(async (tx) => {
    const plan = await lockPlan(tx, actor, input.planId);
    if (plan.status === 'ended') throw conflict('plans.errors.ended');
    const worker = await account(tx, input.workerId);
    if (!worker || worker.role !== 'worker' || worker.disabled)
      throw validationFailed({ workerId: 'plans.errors.notAWorker' }, 'errors.invalidInput');
    if (plan.regularWorkerId === worker.id) return [];
    await tx.update(plans).set({ regularWorkerId: worker.id, updatedAt: now }).where(eq(plans.id, plan.id));
    await recordAudit(tx, actor, {
      action: 'plan.set_regular',
      entity: 'plan',
      entityId: plan.id,
      before: { regularWorkerId: plan.regularWorkerId },
      after: { regularWorkerId: worker.id },
    });
    return reofferToRegular(tx, plan.id, worker.id, now);
  });
  if (opts.match ?? true) requestMatching(reoffered);
  return { reoffered: reoffered.length };
}
