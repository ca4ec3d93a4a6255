import { z } from 'zod';
import { nameField, phoneField } from '@/lib/auth/shared';

// Inputs of the client's order actions, shared by the forms (react-hook-form resolver) and the server actions
// that re-parse them. Messages are i18n keys ('errors.*' or 'orders.errors.*'), translated where shown.
// Rules that need company settings (bookable hours, horizon, time zone) live in booking-rules.ts.

/** '' and null from empty inputs mean "not given". */
const optionalInt = (min: number, max: number, tooSmall: string, tooBig: string) =>
  z.preprocess(
    (v) => (v === '' || v === null || (typeof v === 'number' && Number.isNaN(v)) ? undefined : v),
    z.coerce
      .number({ message: 'orders.errors.number' })
      .int('orders.errors.number')
      .min(min, tooSmall)
      .max(max, tooBig)
      .optional(),
  );

export const MAX_AREA_M2 = 1000;

export const dateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'orders.errors.dateRequired');
export const timeField = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'orders.errors.timeRequired');

/** A street address as people type it: required, at least 5 characters. */
const addressField = z
  .string()
  .trim()
  .min(1, 'orders.errors.addressRequired')
  .min(5, 'orders.errors.addressShort')
  .max(300, 'errors.tooLong');

export const orderInput = z.object({
  serviceId: z.uuid('orders.errors.serviceRequired'),
  areaM2: optionalInt(1, MAX_AREA_M2, 'orders.errors.areaTooSmall', 'orders.errors.areaTooBig'),
  rooms: optionalInt(1, 50, 'orders.errors.roomsRange', 'orders.errors.roomsRange'),
  bathrooms: optionalInt(1, 10, 'orders.errors.bathroomsRange', 'orders.errors.bathroomsRange'),
  hours: optionalInt(1, 12, 'orders.errors.hoursRange', 'orders.errors.hoursRange'),
  extras: z.array(z.string().max(50)).max(20).default([]),
  zoneId: z.uuid('orders.errors.zoneRequired'),
  address: addressField,
  date: dateField,
  time: timeField,
  accessNotes: z.string().trim().max(1000, 'errors.tooLong').default(''),
  contactPhone: phoneField,
  saveAddress: z.boolean().default(false),
  /** "Never more than the estimate": the estimate becomes the most the client will pay. */
  priceCap: z.boolean().default(false),
  /** Once, or a recurring plan every 1, 2 or 4 weeks on this weekday and time (lib/plans). */
  repeat: z.enum(['once', 'w1', 'w2', 'w4'], { error: 'orders.errors.repeatInvalid' }).default('once'),
  /** The last date a plan's visit may fall on; empty: open-ended. */
  untilDate: z.union([dateField, z.literal('')]).default(''),
  /** What a company holiday does to a plan's visit: skip it, or move it to the next working day. */
  holidayRule: z.enum(['skip', 'move']).default('skip'),
});
export type OrderInput = z.input<typeof orderInput>;

/** Reasons a client picks when cancelling (stable codes; labels in the orders namespace). */
export const cancellationReasonCodes = [
  'plans_changed',
  'wrong_time',
  'found_other',
  'too_expensive',
  'no_worker_yet',
  'other',
] as const;
export type CancellationReasonCode = (typeof cancellationReasonCodes)[number];

export const cancelInput = z
  .object({
    orderId: z.uuid(),
    reasonCode: z.enum(cancellationReasonCodes, { message: 'orders.errors.reasonRequired' }),
    comment: z.string().trim().max(1000, 'errors.tooLong').default(''),
    /** Staff only: cancel without the policy's fee, saying why (audited). */
    waiveFee: z.boolean().default(false),
    waiveReason: z.string().trim().max(500, 'errors.tooLong').default(''),
  })
  .refine((v) => v.reasonCode !== 'other' || v.comment.length > 0, {
    message: 'orders.errors.commentRequired',
    path: ['comment'],
  });
export type CancelInput = z.input<typeof cancelInput>;

export const rescheduleInput = z.object({ orderId: z.uuid(), date: dateField, time: timeField });
export type RescheduleInput = z.output<typeof rescheduleInput>;

export const feedbackInput = z.object({
  orderId: z.uuid(),
  rating: z.coerce
    .number({ message: 'orders.errors.ratingRequired' })
    .int()
    .min(1, 'orders.errors.ratingRequired')
    .max(5, 'orders.errors.ratingRequired'),
  comment: z.string().trim().max(2000, 'errors.tooLong').default(''),
});
export type FeedbackInput = z.output<typeof feedbackInput>;

export const historyTabs = ['active', 'completed', 'cancelled'] as const;
export type HistoryTab = (typeof historyTabs)[number];

/** The history page's URL parameters; anything malformed falls back to the default. */
export const historyFilter = z.object({
  tab: z.enum(historyTabs).catch('active'),
  service: z.uuid().optional().catch(undefined),
  from: dateField.optional().catch(undefined),
  to: dateField.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type HistoryFilter = z.output<typeof historyFilter>;

// Account

export const contactInput = z.object({ name: nameField, phone: phoneField });
export type ContactInput = z.output<typeof contactInput>;

export const addressInput = z.object({
  label: z.string().trim().max(60, 'errors.tooLong').default(''),
  address: addressField,
  zoneId: z.uuid('orders.errors.zoneRequired'),
  accessNotes: z.string().trim().max(1000, 'errors.tooLong').default(''),
});
export type AddressInput = z.output<typeof addressInput>;

export const emailPrefsInput = z.object({ optOut: z.array(z.string().max(60)).max(50) });
export type EmailPrefsInput = z.output<typeof emailPrefsInput>;
