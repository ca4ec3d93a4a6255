import { z } from 'zod';

// Shared by the admin service form (react-hook-form resolver) and the server action that re-parses it.
// Prices are typed in major units (roubles) and stored in minor units; messages are i18n keys.

const codeField = z
  .string()
  .trim()
  .min(1, 'errors.required')
  .max(40, 'errors.tooLong')
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'catalog.errors.codeFormat');

/** A positive amount in major units with at most two decimals, as minor units. A price of 0 is refused. */
const priceField = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? v : Number(String(v).trim().replace(',', '.') || NaN)))
  .pipe(z.number({ error: 'catalog.errors.priceNumber' }).refine(Number.isFinite, 'catalog.errors.priceNumber'))
  .refine((v) => v > 0, 'catalog.errors.pricePositive')
  .refine((v) => v <= 10_000_000, 'catalog.errors.priceTooHigh')
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'catalog.errors.priceCents')
  .transform((v) => Math.round(v * 100));

/** Like priceField but 0 allowed (optional surcharges: minimum price, bathroom price). */
const optionalPriceField = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? v : Number(String(v).trim().replace(',', '.') || 0)))
  .pipe(z.number({ error: 'catalog.errors.priceNumber' }).refine(Number.isFinite, 'catalog.errors.priceNumber'))
  .refine((v) => v >= 0, 'catalog.errors.priceNegative')
  .refine((v) => v <= 10_000_000, 'catalog.errors.priceTooHigh')
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'catalog.errors.priceCents')
  .transform((v) => Math.round(v * 100));

const minutesField = (min: number) =>
  z.coerce
    .number({ error: 'catalog.errors.durationNumber' })
    .refine(Number.isFinite, 'catalog.errors.durationNumber')
    .refine((v) => v >= min, min > 0 ? 'catalog.errors.durationPositive' : 'catalog.errors.durationNegative')
    .refine((v) => v <= 24 * 60, 'catalog.errors.durationTooLong');

export const pricingUnits = ['fixed', 'per_m2', 'per_room', 'per_hour'] as const;
export const grades = ['junior', 'standard', 'senior'] as const;

export const serviceInput = z
  .object({
    code: codeField,
    nameRu: z.string().trim().min(2, 'errors.required').max(120, 'errors.tooLong'),
    nameEn: z.string().trim().min(2, 'errors.required').max(120, 'errors.tooLong'),
    descriptionRu: z.string().trim().max(2000, 'errors.tooLong').default(''),
    descriptionEn: z.string().trim().max(2000, 'errors.tooLong').default(''),
    skill: codeField,
    pricingUnit: z.enum(pricingUnits, { error: 'errors.required' }),
    unitPrice: priceField,
    minPrice: optionalPriceField.default(0),
    bathroomPrice: optionalPriceField.default(0),
    /**
     * Whole minutes for the base of the job (a fixed service's whole duration). At least 1, except for an
     * hourly service, whose duration is the hours booked (0 is then the natural value).
     */
    baseMinutes: minutesField(0).pipe(z.number().int('catalog.errors.durationWhole')),
    /** Extra minutes per unit (m², room, hour), may be fractional to 0.01. */
    minutesPerUnit: minutesField(0).default(0),
    minGrade: z.enum(grades).default('junior'),
    active: z.boolean().default(true),
    extras: z
      .array(
        z.object({
          code: codeField,
          nameRu: z.string().trim().min(1, 'errors.required').max(120, 'errors.tooLong'),
          nameEn: z.string().trim().min(1, 'errors.required').max(120, 'errors.tooLong'),
          price: priceField,
          minutes: minutesField(0).pipe(z.number().int('catalog.errors.durationWhole')).default(0),
        }),
      )
      .max(30)
      .default([]),
    checklist: z
      .array(
        z.object({
          code: codeField,
          ru: z.string().trim().min(1, 'errors.required').max(200, 'errors.tooLong'),
          en: z.string().trim().min(1, 'errors.required').max(200, 'errors.tooLong'),
        }),
      )
      .max(50)
      .default([]),
  })
  .superRefine((s, ctx) => {
    const dup = (items: { code: string }[], path: string) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(item.code))
          ctx.addIssue({ code: 'custom', path: [path, i, 'code'], message: 'catalog.errors.codeDuplicate' });
        seen.add(item.code);
      });
    };
    dup(s.extras, 'extras');
    dup(s.checklist, 'checklist');
    if (s.pricingUnit !== 'per_hour' && s.baseMinutes < 1) {
      ctx.addIssue({ code: 'custom', path: ['baseMinutes'], message: 'catalog.errors.durationPositive' });
    }
    if (s.pricingUnit === 'per_hour' && s.minutesPerUnit > 0) {
      ctx.addIssue({ code: 'custom', path: ['minutesPerUnit'], message: 'catalog.errors.perHourMinutes' });
    }
  });

export type ServiceInput = z.input<typeof serviceInput>;
export type ServiceData = z.output<typeof serviceInput>;

export const serviceIdInput = z.object({ id: z.uuid() });
export const archiveServiceInput = z.object({ id: z.uuid(), archived: z.boolean() });
export const updateServiceInput = z.object({ id: z.uuid(), service: serviceInput });
