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
  unitEn: z.string().trim().max(20, 'errors.tooLong').default(''),
  /** Roubles with up to two decimals in the form, like every other price; kopecks once parsed. */
  unitCost: z
    .union([z.string(), z.number()])
    .transform((v) => (typeof v === 'number' ? v : Number(String(v).trim().replace(/\s/g, '').replace(',', '.') || 0)))
    .pipe(z.number({ error: 'supplies.errors.amount' }).refine(Number.isFinite, 'supplies.errors.amount'))
    .refine((v) => v >= 0, 'supplies.errors.amount')
    .refine((v) => v <= 1_000_000, 'supplies.errors.tooMany')
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'supplies.errors.amount')
    .transform((v) => Math.round(v * 100)),
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
