import { z } from 'zod';
import { dateField, timeField } from '@/lib/orders/shared';

export const planIdInput = z.object({ planId: z.uuid() });

/** A pause from … until … (inclusive); both dates in the company zone, not before today (checked on the server too). */
export const pauseInput = z
  .object({ planId: z.uuid(), from: dateField, until: dateField })
  .refine((v) => v.until >= v.from, { path: ['until'], message: 'plans.errors.untilBeforeFrom' });

export const repeatWeeks = { w1: 1, w2: 2, w4: 4 } as const;

/** A plan changed from a date: the first visit of the new schedule (its weekday), time and frequency. */
export const changeInput = z.object({
  planId: z.uuid(),
  fromDate: dateField,
  time: timeField,
  repeat: z.enum(['w1', 'w2', 'w4'], { error: 'orders.errors.repeatInvalid' }),
  options: z.record(z.string(), z.unknown()).optional(),
});

/** What a company holiday does to the plan's visit: skip it, or move it to the next working day. */
export const holidayRuleInput = z.object({
  planId: z.uuid(),
  holidayRule: z.enum(['skip', 'move'], { error: 'plans.errors.holidayRuleInvalid' }),
});
export type HolidayRuleInput = z.infer<typeof holidayRuleInput>;
