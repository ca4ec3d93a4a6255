import 'server-only';
import { eq } from 'drizzle-orm';
import { orders, type PriceLine } from '@/db/schema';
import { eachChange, type OrderChangeHandler } from '@/lib/orders';

/**
 * A free re-do (created by createRedoOrder, marked by options.redoOf) keeps a zero price when matching
 * prices it for the chosen worker: the client is never charged again for the failed order. Listed right
 * after the finance reaction in lib/composition, so the worker's pay has already been priced from
 * the real lines (the worker is paid for the re-do; the company absorbs it), and before the notification
 * subscriber, which reads the price from the change — hence the change is updated too.
 */
export const qualityOnOrderChange: OrderChangeHandler = eachChange(async (tx, change) => {
  if (change.name !== 'match' && change.name !== 'reassign') return;
  if (typeof change.after.options?.redoOf !== 'string') return;
  const base: PriceLine[] = change.after.estimateLines.length
    ? change.after.estimateLines
    : [{ code: 'redo', labelRu: 'Повтор заказа', labelEn: 'Re-do', amount: 0 }];
  const priceLines = base.map((l) => ({ ...l, amount: 0 }));
  await tx.update(orders).set({ priceLines, priceTotal: 0 }).where(eq(orders.id, change.after.id));
  change.after.priceLines = priceLines;
  change.after.priceTotal = 0;
});
