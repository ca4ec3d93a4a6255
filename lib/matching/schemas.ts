import { z } from 'zod';

// Inputs of the dispatch pages' actions, shared by the forms (zodResolver) and the server actions.
export const manualAssignInput = z.object({
  orderId: z.uuid(),
  workerId: z.uuid(),
  overrideReason: z.string().trim().max(500).optional(),
});

export const runDispatchInput = z.object({});

// A manager blocks a worker for a client (the client does not want them again) or lifts the block.
// Messages are i18n keys.
export const blockWorkerInput = z.object({
  clientId: z.uuid(),
  workerId: z.uuid(),
  reason: z.string().trim().min(3, 'matching.errors.blockReasonShort').max(500, 'matching.errors.blockReasonLong'),
});
export type BlockWorkerInput = z.infer<typeof blockWorkerInput>;

export const unblockWorkerInput = z.object({
  clientId: z.uuid(),
  workerId: z.uuid(),
});
export type UnblockWorkerInput = z.infer<typeof unblockWorkerInput>;
