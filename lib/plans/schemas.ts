import { z } from 'zod';
import { dateField } from '@/lib/orders/shared';

export const planIdInput = z.object({ planId: z.uuid() });

/** A pause from … until … (inclusive); both dates in the company zone, not before today (checked on the server too). */
export const pauseInput = z
  .object({ planId: z.uuid(), from: dateField, until: dateField })
  .refine((v) => v.until >= v.from, { path: ['until'], message: 'plans.errors.untilBeforeFrom' });

export const repeatWeeks = { w1: 1, w2: 2, w4: 4 } as const;
