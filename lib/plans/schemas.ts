import { z } from 'zod';
import { dateField, orderInput, timeField } from '@/lib/orders/shared';

export const planIdInput = z.object({ planId: z.uuid() });

/** A pause from … until … (inclusive); both dates in the company zone, not before today (checked on the server too). */
export const pauseInput = z
  .object({ planId: z.uuid(), from: dateField, until: dateField })
  .refine((v) => v.until >= v.from, { path: ['until'], message: 'plans.errors.untilBeforeFrom' });

export const repeatWeeks = { w1: 1, w2: 2, w4: 4 } as const;

/**
 * A plan changed from a date: the first visit of the new schedule (its weekday), time and frequency, and the
 * service options and extras as the order form has them (the same fields and limits). An option left out
 * keeps the plan's current value; `extras` left out keeps its extras, an empty list drops them.
 */
export const changeInput = z.object({
  planId: z.uuid(),
  fromDate: dateField,
  time: timeField,
  repeat: z.enum(['w1', 'w2', 'w4'], { error: 'orders.errors.repeatInvalid' }),
  ...orderInput.pick({ areaM2: true, rooms: true, bathrooms: true, hours: true }).shape,
  extras: z.array(z.string().max(50)).max(20).optional(),
});
export type ChangeInput = z.input<typeof changeInput>;

/** What a company holiday does to the plan's visit: skip it, or move it to the next working day. */
export const holidayRuleInput = z.object({
  planId: z.uuid(),
  holidayRule: z.enum(['skip', 'move'], { error: 'plans.errors.holidayRuleInvalid' }),
});
export type HolidayRuleInput = z.infer<typeof holidayRuleInput>;

/** Staff name a plan's regular worker (the first completed visit names one otherwise). */
export const regularWorkerInput = z.object({
  planId: z.uuid(),
  workerId: z.uuid({ error: 'plans.errors.notAWorker' }),
});
export type RegularWorkerInput = z.infer<typeof regularWorkerInput>;
