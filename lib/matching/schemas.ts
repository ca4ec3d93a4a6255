import { z } from 'zod';

// Inputs of the dispatch pages' actions, shared by the forms (zodResolver) and the server actions.
export const manualAssignInput = z.object({
  orderId: z.uuid(),
  workerId: z.uuid(),
  overrideReason: z.string().trim().max(500).optional(),
});

export const runDispatchInput = z.object({});
