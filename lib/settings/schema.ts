import { z } from 'zod';

// Company settings with their defaults (the demo company "Чистый дом"). A missing key reads as its default.
export const settingsSchema = z.object({
  companyName: z.string().default('Чистый дом'),
  currency: z.string().length(3).default('RUB'),
  timeZone: z.string().default('Europe/Moscow'),
  /** Local times in the company zone when a job may start: [from, to] as 'HH:mm'. */
  bookableHours: z.object({ from: z.string(), to: z.string() }).default({ from: '08:00', to: '20:00' }),
  /** How far ahead clients may book, in days. */
  bookingHorizonDays: z.number().int().positive().default(60),
  /**
   * Open bookings a client with a verified email may have at once (one-off orders not yet finished, plus active
   * plans, each plan counting once). A client whose email is not verified yet may have UNVERIFIED_OPEN_ORDERS.
   */
  maxOpenOrdersPerClient: z.number().int().min(1).max(1000).default(20),
  /** Matching (lib/matching): pending orders starting within this many days are dispatched together. */
  matchingHorizonDays: z.number().int().positive().default(14),
  /** Minutes a worker needs between two jobs in the same zone, and between jobs in different zones. */
  matchingTravelBufferMinutes: z.number().int().min(0).default(30),
  matchingTravelBufferOtherZoneMinutes: z.number().int().min(0).default(60),
  /** A pending order this many hours before its start without a worker is flagged for managers. */
  matchingUnmatchedAlertHours: z.number().int().positive().default(24),
  /**
   * The day's re-plan: a sweep may give a job matched automatically to another worker when that saves more than
   * `minSaving` cost points (1 point = 1 km at the default weights), for jobs starting at least `leadHours` from
   * now and on the company's current day (`days` 2: the next day too). The client and both workers are emailed.
   */
  matchingReplan: z
    .object({
      enabled: z.boolean(),
      minSaving: z.number().min(0),
      leadHours: z.number().int().min(0),
      days: z.number().int().min(1).max(7),
    })
    .default({ enabled: true, minSaving: 3, leadHours: 2, days: 1 }),
  /** Weights of the matching cost terms, in cost points: travel per km; the others per unit of their term. */
  matchingWeights: z
    .object({
      travelPerKm: z.number().min(0),
      workload: z.number().min(0),
      quality: z.number().min(0),
      continuity: z.number().min(0),
      seniority: z.number().min(0),
    })
    .default({ travelPerKm: 1, workload: 10, quality: 10, continuity: 5, seniority: 3 }),
  // orders / pricing (lib/finance/pricing.ts)
  /** Price coefficient per worker grade, basis points of the work subtotal (the estimate uses standard). */
  gradeCoefficientsBp: z
    .object({
      junior: z.number().int().positive(),
      standard: z.number().int().positive(),
      senior: z.number().int().positive(),
    })
    .default({ junior: 9000, standard: 10000, senior: 12000 }),
  /** When only a worker above a client's price cap can take the job: the company pays the difference, or asks the client. */
  priceCapPolicy: z.enum(['absorb', 'ask']).default('absorb'),
  // recurring plans (lib/plans)
  /** The per-visit discount of a plan, by frequency in weeks, basis points. */
  planDiscountsBp: z
    .object({
      w1: z.number().int().min(0).max(10000),
      w2: z.number().int().min(0).max(10000),
      w4: z.number().int().min(0).max(10000),
    })
    .default({ w1: 1500, w2: 1000, w4: 500 }),
  /** Whether the first visit of a plan gets the discount too. */
  planDiscountFirstVisit: z.boolean().default(true),
  /** How far ahead a plan's visits exist as orders (never less than the matching horizon). */
  planHorizonDays: z.number().int().min(7).max(120).default(28),
  /** Days the company does not work ('YYYY-MM-DD'): plans skip or move their visits on them. */
  companyHolidays: z.array(z.string()).default([]),
  /** Surcharge on the work when the start is less than windowHours after booking. */
  urgency: z
    .object({ windowHours: z.number().positive(), surchargeBp: z.number().int().min(0) })
    .default({ windowHours: 24, surchargeBp: 2000 }),
  /**
   * Client cancellation: free ≥ freeHours before start, lateFeeBp of the price until fullPriceHours, then the
   * full price; always free within graceMinutes after booking, whatever the start time.
   */
  cancellationPolicy: z
    .object({
      freeHours: z.number().positive(),
      fullPriceHours: z.number().min(0),
      lateFeeBp: z.number().int().min(0).max(10000),
      graceMinutes: z.number().int().min(0).max(120).default(10),
    })
    .default({ freeHours: 24, fullPriceHours: 2, lateFeeBp: 3000, graceMinutes: 10 }),
  // notifications (lib/notifications)
  /** Failed sends before an email becomes a dead letter; retries wait base × 2^(attempt-1) seconds (capped at 6 h). */
  notificationMaxAttempts: z.number().int().min(1).max(20).default(8),
  notificationRetryBaseSeconds: z.number().int().min(1).default(30),
  // workers (lib/workers)
  /** A worker may confirm start from `beforeMinutes` before the scheduled start until the scheduled end; later than `lateGraceMinutes` after the start is recorded as late. */
  workerStartWindow: z
    .object({ beforeMinutes: z.number().int().min(0), lateGraceMinutes: z.number().int().min(0) })
    .default({ beforeMinutes: 30, lateGraceMinutes: 5 }),
  // sessions (lib/auth)
  /** A manager's or admin's session ends after this many minutes without a request, and after this many hours in all. */
  /**
   * Who must sign in with an authenticator code (TOTP): 'admins' (the default), 'staff' (managers too) or
   * 'optional' (anyone staff may turn it on; the demo company uses this so its published logins work).
   */
  twoFactorRequired: z.enum(['admins', 'staff', 'optional']).default('admins'),
  staffSession: z
    .object({ idleMinutes: z.number().int().min(5).max(480), maxHours: z.number().int().min(1).max(72) })
    .default({ idleMinutes: 30, maxHours: 12 }),
  // billing (lib/finance/invoices, lib/finance/payroll)
  /** Days from an invoice's issue date to its due date. */
  invoiceDueDays: z.number().int().min(0).max(90).default(7),
  // tips (lib/finance/tips.ts)
  /** The amounts a client picks from when tipping, minor units (200, 300, 500 ₽); they may also type their own. */
  tipPresets: z.array(z.number().int().positive()).max(6).default([20_000, 30_000, 50_000]),
  /** The largest tip accepted, minor units (default 10 000 ₽): a typo of an extra zero is refused, not charged. */
  tipMax: z.number().int().positive().default(1_000_000),
  // online payments (lib/payments)
  /** Which provider clients pay through online: Stripe, or YooKassa (Russia, with 54-FZ receipts). */
  paymentProvider: z.enum(['stripe', 'yookassa']).default('stripe'),
  /**
   * The VAT code put on every 54-FZ receipt item (YooKassa's vat_code, 1–12): 1 no VAT, 2 0 %, 3 10 %, 4 20 %,
   * 5 10/110, 6 20/120, 7 5 %, 8 7 %, 9 5/105, 10 7/107, 11 22 %, 12 22/122. Default 1 (a company on the
   * simplified tax system pays no VAT).
   */
  receiptVatCode: z.number().int().min(1).max(12).default(1),
  /**
   * When clients' saved cards are charged off-session for what they owe (the hourly `charges` job): 'invoice'
   * once a weekly invoice is issued, 'visit' for each completed visit once its review window has passed without
   * a failure, or 'never' (the default: nothing changes for a company that has not chosen).
   */
  autoCharge: z.enum(['never', 'invoice', 'visit']).default('never'),
  /** Per-visit charging waits this long after a visit is completed, so a failure reported in time is not charged. */
  autoChargeReviewHours: z.number().int().min(1).max(168).default(24),
  /** After a failed automatic charge, it is tried again this many days after the previous failure, then no more. */
  autoChargeRetryDays: z.array(z.number().int().min(1).max(60)).max(10).default([1, 3]),
  /**
   * Where YooKassa sends its notifications from (its published ranges, IPv4 and IPv6 CIDRs or single
   * addresses); a notification from anywhere else is refused before anything is read.
   */
  yookassaNotificationRanges: z
    .array(z.string().min(2))
    .default([
      '185.71.76.0/27',
      '185.71.77.0/27',
      '77.75.153.0/25',
      '77.75.156.11',
      '77.75.156.35',
      '77.75.154.128/25',
      '2a02:5180::/32',
    ]),
  // money approvals (lib/finance/approvals.ts)
  /**
   * Minor units. A manager's bonus, write-off or recorded bank transfer for more than this waits for an admin's
   * approval before it posts; at or below it, it posts at once. 0: every one of them waits. Admins' own entries
   * always post at once. Default 10 000 ₽.
   */
  moneyApprovalThreshold: z.number().int().min(0).default(1_000_000),
  /**
   * The seller on invoices, credit notes and their PDFs, and the bank account clients pay by transfer into.
   * Empty strings until an admin fills them in (documents then leave the line out).
   */
  companyDetails: z
    .object({
      legalName: z.string(),
      taxId: z.string(),
      kpp: z.string(),
      address: z.string(),
      bankName: z.string(),
      bik: z.string(),
      account: z.string(),
      corrAccount: z.string(),
    })
    .default({ legalName: '', taxId: '', kpp: '', address: '', bankName: '', bik: '', account: '', corrAccount: '' }),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;
export const defaultSettings: Settings = settingsSchema.parse({});
