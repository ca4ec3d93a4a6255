import { z } from 'zod';

// Shared by the forms and the server actions that re-parse the input.
const qty = z.coerce
  .number<string | number>()
  .int('supplies.errors.wholeNumber')
  .min(1, 'supplies.errors.positive')
  .max(100_000, 'supplies.errors.tooMany');

export const supplyInput = z.object({
  nameRu: z.string().trim().min(1, 'errors.required').max(100, 'errors.tooLong'),
  nameEn: z.string().trim().min(1, 'errors.required').max(100, 'errors.tooLong'),
  unit: z.string().trim().min(1, 'errors.required').max(20, 'errors.tooLong'),
  /** Rubles with up to two decimals in the form; stored in kopecks. */
  unitCostMinor: z.coerce
    .number<string | number>()
    .int('supplies.errors.wholeNumber')
    .min(0, 'supplies.errors.positive')
    .max(100_000_000, 'supplies.errors.tooMany'),
  lowStockThreshold: z.coerce
    .number<string | number>()
    .int('supplies.errors.wholeNumber')
    .min(0, 'supplies.errors.positive')
    .max(100_000, 'supplies.errors.tooMany'),
});
export const updateSupplyInput = supplyInput.extend({ supplyId: z.uuid(), active: z.boolean() });

export const stockMoveInput = z.object({
  supplyId: z.uuid(),
  kind: z.enum(['received', 'written_off']),
  quantity: qty,
  note: z.string().trim().max(300, 'errors.tooLong').default(''),
});

export const issueInput = z.object({
  supplyId: z.uuid('errors.required'),
  workerId: z.uuid('errors.required'),
  quantity: qty,
  note: z.string().trim().max(300, 'errors.tooLong').default(''),
});
export const returnInput = issueInput;

export const bomInput = z.object({
  serviceId: z.uuid(),
  items: z
    .array(z.object({ supplyId: z.uuid(), quantity: z.coerce.number<string | number>().int().min(0).max(1000) }))
    .max(100),
});

export const resolveShortfallInput = z.object({ movementId: z.number().int().positive() });
export const chargeShortfallInput = resolveShortfallInput;
