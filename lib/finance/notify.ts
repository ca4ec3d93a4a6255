import 'server-only';
import type { Db } from '@/db';
import { account } from '@/lib/auth';
import { enqueue } from '@/lib/notifications';
import { getSettings } from '@/lib/settings';
import type { AdjustmentFact } from './adjustments';
import { ruleText } from './rule-text';

/** Tells the worker about a fine or bonus through the notifications outbox, in the same transaction. */
export async function notifyAdjustment(tx: Db, fact: AdjustmentFact): Promise<void> {
  if (fact.kind !== 'fine' && fact.kind !== 'bonus') return;
  const user = await account(tx, fact.subjectId);
  if (!user) return;
  const { currency } = await getSettings(tx);
  const reason = fact.ruleCode ? ruleText(fact.ruleCode, fact.ruleValue ?? null, user.locale) : fact.reason;
  await enqueue(
    tx,
    { userId: fact.subjectId },
    'adjustment_recorded',
    { type: fact.kind, amount: fact.amount, currency, reason, orderNumber: fact.memo ?? null },
    { idempotencyKey: `adjustment_recorded:${fact.key}` },
  );
}
