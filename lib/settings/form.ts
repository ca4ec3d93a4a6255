// The admin settings form (app/admin/settings): one form per section, each saving only its own keys. The same
// zod schemas run in the browser (react-hook-form resolver) and again in the server action. Fields are named by
// their setting paths ('bookableHours.to', 'cancellationPolicy.fullPriceHours'), so an error from the form, the
// action or updateSettings lands next to the field it is about. Values are typed as text; percents are shown
// to people and stored in basis points.
import { z } from 'zod';
import type { FieldErrorKeys } from '@/lib/errors';
import type { Settings } from './schema';

export const settingsSections = [
  'company',
  'booking',
  'matching',
  'pricing',
  'workers',
  'notifications',
  'billing',
  'payments',
  'approvals',
  'requisites',
  'plans',
  'security',
] as const;
export type SettingsSection = (typeof settingsSections)[number];

const err = <K extends string>(key: K) => `settings.errors.${key}` as const;

/** The choices of settings fields that are one of a few values (the form shows them as a select). */
export const priceCapPolicies = ['absorb', 'ask'] as const;
export const yesNo = ['yes', 'no'] as const;
export const twoFactorPolicies = ['admins', 'staff', 'optional'] as const;
export const paymentProviders = ['stripe', 'yookassa'] as const;
/** YooKassa's vat_code values, as the select offers them. */
export const receiptVatCodes = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;
export const autoChargeModes = ['never', 'invoice', 'visit'] as const;
export const settingChoices = {
  priceCapPolicy: priceCapPolicies,
  planDiscountFirstVisit: yesNo,
  twoFactorRequired: twoFactorPolicies,
  paymentProvider: paymentProviders,
  receiptVatCode: receiptVatCodes,
  autoCharge: autoChargeModes,
} as const;

/** "12,5" or "12.5" (up to two decimals) as basis points (1250); null when it is not such a number. */
export function percentToBp(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^\d{1,5}(\.\d{1,2})?$/.test(s)) return null;
  // Two decimals at most, so the product is within rounding of a whole number of basis points.
  return Math.round(Number(s) * 100);
}

/** Basis points as the percent a person types: 9000 → "90", 12550 → "125.5", 1 → "0.01". */
export function bpToPercent(bp: number): string {
  return String(bp / 100);
}

/** A decimal as typed, up to two decimals, comma or dot; null when it is not one. */
export function parseDecimal(text: string): number | null {
  const s = text.trim().replace(',', '.');
  return /^\d{1,6}(\.\d{1,2})?$/.test(s) ? Number(s) : null;
}

/** An IANA zone name ('Europe/Moscow', 'UTC') the runtime knows; offsets such as '+03:00' are not zones. */
export function isIanaTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

function wholeNumber(min: number, max: number, range: string) {
  return z
    .string()
    .trim()
    .refine((s) => /^-?\d{1,9}$/.test(s), err('wholeNumber'))
    .transform(Number)
    .refine((n) => n >= min && n <= max, err(range));
}

function decimal(min: number, max: number, range: string) {
  return z
    .string()
    .transform((s, ctx) => {
      // A minus sign is not a format error but a value below the range: say the range.
      const n = parseDecimal(s.trim().replace(/^-/, ''));
      if (n === null) {
        ctx.addIssue({ code: 'custom', message: err('decimal') });
        return z.NEVER;
      }
      return s.trim().startsWith('-') ? -n : n;
    })
    .refine((n) => n >= min && n <= max, err(range));
}

function percent(min: number, max: number, range: string) {
  return z
    .string()
    .transform((s, ctx) => {
      const bp = percentToBp(s.trim().replace(/^-/, ''));
      if (bp === null) {
        ctx.addIssue({ code: 'custom', message: err('percent') });
        return z.NEVER;
      }
      return s.trim().startsWith('-') ? -bp : bp;
    })
    .refine((bp) => bp >= min * 100 && bp <= max * 100, err(range));
}

const timeOfDay = z.string().trim().regex(HH_MM, err('time'));

/**
 * Rules between settings (and the time zone) that would break the product if stored: an unknown zone makes
 * every date on every page throw; hours from ≥ to leave nothing bookable; and so on. Checks only what is
 * present, so a section's form and updateSettings (on the merged settings) share it. Keys are setting paths.
 */
export function settingsRuleErrors(s: Partial<Settings>): FieldErrorKeys {
  const fields: FieldErrorKeys = {};
  if (s.timeZone !== undefined && !isIanaTimeZone(s.timeZone)) fields.timeZone = err('timeZone');
  if (s.bookableHours) {
    const { from, to } = s.bookableHours;
    if (!HH_MM.test(from)) fields['bookableHours.from'] = err('time');
    if (!HH_MM.test(to)) fields['bookableHours.to'] = err('time');
    // Zero-padded HH:mm strings compare in time order.
    else if (HH_MM.test(from) && from >= to) fields['bookableHours.to'] = err('hoursOrder');
  }
  if (
    s.matchingTravelBufferMinutes !== undefined &&
    s.matchingTravelBufferOtherZoneMinutes !== undefined &&
    s.matchingTravelBufferOtherZoneMinutes < s.matchingTravelBufferMinutes
  ) {
    fields.matchingTravelBufferOtherZoneMinutes = err('otherZoneBuffer');
  }
  if (s.gradeCoefficientsBp) {
    const { junior, standard, senior } = s.gradeCoefficientsBp;
    if (junior > standard) fields['gradeCoefficientsBp.junior'] = err('gradeOrder');
    if (standard > senior) fields['gradeCoefficientsBp.senior'] = err('gradeOrder');
  }
  if (s.cancellationPolicy && s.cancellationPolicy.fullPriceHours >= s.cancellationPolicy.freeHours) {
    fields['cancellationPolicy.fullPriceHours'] = err('fullPriceBeforeFree');
  }
  return fields;
}

function addRuleIssues(value: Partial<Settings>, ctx: z.RefinementCtx) {
  for (const [path, message] of Object.entries(settingsRuleErrors(value)))
    ctx.addIssue({ code: 'custom', path: path.split('.'), message });
}

/** Rules between fields run once every field is valid on its own: 500 min is "out of range", not also "longer than the other buffer". */
const onceFieldsValid = { when: (payload: z.core.ParsePayload) => payload.issues.length === 0 };

/** The currency is not here: it labels every amount already in the ledger, so it is fixed at installation. */
export const companySettingsInput = z
  .object({
    section: z.literal('company'),
    companyName: z.string().trim().min(1, err('nameRequired')).max(100, err('nameTooLong')),
    timeZone: z.string().trim().refine(isIanaTimeZone, err('timeZone')),
  })
  .superRefine(addRuleIssues, onceFieldsValid);

export const bookingSettingsInput = z
  .object({
    section: z.literal('booking'),
    bookableHours: z.object({ from: timeOfDay, to: timeOfDay }),
    bookingHorizonDays: wholeNumber(1, 365, 'bookingHorizonRange'),
    maxOpenOrdersPerClient: wholeNumber(1, 1000, 'maxOpenOrdersRange'),
  })
  .superRefine(addRuleIssues, onceFieldsValid);

const weight = decimal(0, 1000, 'weightRange');

export const matchingSettingsInput = z
  .object({
    section: z.literal('matching'),
    matchingHorizonDays: wholeNumber(1, 90, 'matchingHorizonRange'),
    matchingTravelBufferMinutes: wholeNumber(0, 480, 'bufferRange'),
    matchingTravelBufferOtherZoneMinutes: wholeNumber(0, 480, 'bufferRange'),
    matchingUnmatchedAlertHours: wholeNumber(1, 168, 'alertHoursRange'),
    matchingReplan: z.object({
      enabled: z.boolean(),
      minSaving: decimal(0, 1000, 'replanSavingRange'),
      leadHours: wholeNumber(0, 48, 'replanLeadHoursRange'),
      days: wholeNumber(1, 7, 'replanDaysRange'),
    }),
    matchingWeights: z.object({
      travelPerKm: weight,
      workload: weight,
      quality: weight,
      continuity: weight,
      seniority: weight,
    }),
  })
  .superRefine(addRuleIssues, onceFieldsValid);

const coefficient = percent(50, 300, 'coefficientRange');

export const pricingSettingsInput = z
  .object({
    section: z.literal('pricing'),
    /** Percent of the work subtotal in the form, basis points once parsed. */
    gradeCoefficientsBp: z.object({ junior: coefficient, standard: coefficient, senior: coefficient }),
    priceCapPolicy: z.enum(priceCapPolicies),
    urgency: z.object({
      windowHours: decimal(1, 168, 'windowHoursRange'),
      surchargeBp: percent(0, 100, 'percentRange'),
    }),
    cancellationPolicy: z.object({
      freeHours: decimal(1, 168, 'freeHoursRange'),
      fullPriceHours: decimal(0, 168, 'fullPriceHoursRange'),
      lateFeeBp: percent(0, 100, 'percentRange'),
      graceMinutes: wholeNumber(0, 120, 'graceMinutesRange'),
    }),
  })
  .superRefine(addRuleIssues, onceFieldsValid);

export const workersSettingsInput = z
  .object({
    section: z.literal('workers'),
    workerStartWindow: z.object({
      beforeMinutes: wholeNumber(0, 240, 'startBeforeRange'),
      lateGraceMinutes: wholeNumber(0, 120, 'lateGraceRange'),
    }),
  })
  .superRefine(addRuleIssues, onceFieldsValid);

export const notificationsSettingsInput = z
  .object({
    section: z.literal('notifications'),
    notificationMaxAttempts: wholeNumber(1, 20, 'attemptsRange'),
    notificationRetryBaseSeconds: wholeNumber(1, 3600, 'retryBaseRange'),
  })
  .superRefine(addRuleIssues, onceFieldsValid);

/** Tip presets as typed ("200, 300, 500", major units, up to two decimals each): one to six amounts, in minor units. */
const tipPresetList = z.string().transform((s, ctx) => {
  const parts = s.split(/[\s;]+|,\s+/).filter(Boolean);
  const amounts = parts.map((p) => {
    const text = p.replace(',', '.');
    return /^\d{1,7}(\.\d{1,2})?$/.test(text) ? Math.round(Number(text) * 100) : 0;
  });
  if (amounts.length === 0 || amounts.length > 6 || amounts.some((a) => a <= 0)) {
    ctx.addIssue({ code: 'custom', message: err('tipPresets') });
    return z.NEVER;
  }
  return amounts;
});

export const billingSettingsInput = z
  .object({
    section: z.literal('billing'),
    invoiceDueDays: wholeNumber(0, 90, 'dueDaysRange'),
    tipPresets: tipPresetList,
    tipMax: money(10_000_000, 'tipMaxRange').refine((minor) => minor > 0, err('tipMaxRange')),
  })
  .superRefine(addRuleIssues, onceFieldsValid);

/** One IPv4/IPv6 address or CIDR block (the shape only; the webhook ignores a block it cannot read). */
const addressOrBlock = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)(\/\d{1,3})?$/;

/** Addresses and CIDR blocks as typed, separated by commas, spaces or new lines; at least one. */
const rangeList = z.string().transform((s, ctx) => {
  const ranges = s.split(/[\s,;]+/).filter(Boolean);
  if (ranges.length === 0 || ranges.some((r) => !addressOrBlock.test(r))) {
    ctx.addIssue({ code: 'custom', message: err('addressRanges') });
    return z.NEVER;
  }
  return [...new Set(ranges)];
});

/** Whole numbers of days 1–60 as typed ("1, 3"), at most ten; empty means no retries. */
const dayList = z.string().transform((s, ctx) => {
  const parts = s.split(/[\s,;]+/).filter(Boolean);
  if (parts.length > 10 || parts.some((p) => !/^\d{1,2}$/.test(p) || Number(p) < 1 || Number(p) > 60)) {
    ctx.addIssue({ code: 'custom', message: err('retryDays') });
    return z.NEVER;
  }
  return parts.map(Number);
});

export const paymentsSettingsInput = z
  .object({
    section: z.literal('payments'),
    paymentProvider: z.enum(paymentProviders),
    receiptVatCode: z.enum(receiptVatCodes).transform(Number),
    yookassaNotificationRanges: rangeList,
    autoCharge: z.enum(autoChargeModes),
    autoChargeReviewHours: wholeNumber(1, 168, 'alertHoursRange'),
    autoChargeRetryDays: dayList,
  })
  .superRefine(addRuleIssues, onceFieldsValid);

/** An amount in major units as typed ("10 000", "10000,50"), up to two decimals, as minor units. */
function money(maxMajor: number, range: string) {
  return z
    .string()
    .transform((s, ctx) => {
      const text = s.replace(/[\s\u00a0]/g, '').replace(',', '.');
      if (!/^\d{1,10}(\.\d{1,2})?$/.test(text)) {
        ctx.addIssue({ code: 'custom', message: err('money') });
        return z.NEVER;
      }
      const [whole, frac = ''] = text.split('.');
      return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
    })
    .refine((minor) => minor <= maxMajor * 100, err(range));
}

/** Minor units as a person types them: 1 000 000 → "10000", 150 → "1.5". */
export function minorToText(minor: number): string {
  return String(minor / 100);
}

export const approvalsSettingsInput = z
  .object({
    section: z.literal('approvals'),
    /** In major units in the form, minor units once parsed; 0: every manager's bonus, write-off and transfer waits. */
    moneyApprovalThreshold: money(100_000_000, 'approvalThresholdRange'),
  })
  .superRefine(addRuleIssues, onceFieldsValid);

/** Digits only, exactly one of these lengths, or left empty. */
const digits = (lengths: number[], key: string) =>
  z
    .string()
    .trim()
    .refine((s) => s === '' || (/^\d+$/.test(s) && lengths.includes(s.length)), err(key));
const line = z.string().trim().max(300, err('textTooLong'));

export const requisitesSettingsInput = z
  .object({
    section: z.literal('requisites'),
    companyDetails: z.object({
      legalName: line,
      taxId: digits([10, 12], 'taxId'),
      kpp: digits([9], 'kpp'),
      address: line,
      bankName: line,
      bik: digits([9], 'bik'),
      account: digits([20], 'account'),
      corrAccount: digits([20], 'account'),
    }),
  })
  .superRefine(addRuleIssues, onceFieldsValid);

/** Company holidays as typed: dates (YYYY-MM-DD) separated by commas, spaces or new lines; sorted, unique. */
const holidayList = z.string().transform((s, ctx) => {
  const dates = s.split(/[\s,;]+/).filter(Boolean);
  const bad = dates.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)));
  if (bad) {
    ctx.addIssue({ code: 'custom', message: err('holidayDate') });
    return z.NEVER;
  }
  return [...new Set(dates)].sort();
});

export const plansSettingsInput = z
  .object({
    section: z.literal('plans'),
    planDiscountsBp: z.object({
      w1: percent(0, 100, 'percentRange'),
      w2: percent(0, 100, 'percentRange'),
      w4: percent(0, 100, 'percentRange'),
    }),
    planDiscountFirstVisit: z.enum(yesNo).transform((v) => v === 'yes'),
    planHorizonDays: wholeNumber(7, 120, 'planHorizonRange'),
    companyHolidays: holidayList,
  })
  .superRefine(addRuleIssues, onceFieldsValid);

export const securitySettingsInput = z
  .object({
    section: z.literal('security'),
    twoFactorRequired: z.enum(twoFactorPolicies),
    staffSession: z.object({
      idleMinutes: wholeNumber(5, 480, 'idleMinutesRange'),
      maxHours: wholeNumber(1, 72, 'maxHoursRange'),
    }),
  })
  .superRefine(addRuleIssues, onceFieldsValid);

export const sectionInputs = {
  company: companySettingsInput,
  booking: bookingSettingsInput,
  matching: matchingSettingsInput,
  pricing: pricingSettingsInput,
  workers: workersSettingsInput,
  notifications: notificationsSettingsInput,
  billing: billingSettingsInput,
  payments: paymentsSettingsInput,
  approvals: approvalsSettingsInput,
  requisites: requisitesSettingsInput,
  plans: plansSettingsInput,
  security: securitySettingsInput,
} as const;

/** What the server action takes: any one section, told apart by `section`. */
export const settingsFormInput = z.discriminatedUnion('section', [
  companySettingsInput,
  bookingSettingsInput,
  matchingSettingsInput,
  pricingSettingsInput,
  workersSettingsInput,
  notificationsSettingsInput,
  billingSettingsInput,
  paymentsSettingsInput,
  approvalsSettingsInput,
  requisitesSettingsInput,
  plansSettingsInput,
  securitySettingsInput,
]);
export type SettingsFormInput = z.input<typeof settingsFormInput>;
export type SettingsFormOutput = z.output<typeof settingsFormInput>;
export type SectionValues<S extends SettingsSection> = z.input<(typeof sectionInputs)[S]>;

/** The parsed section as the settings it changes (its own keys only). */
export function toSettingsPatch(input: SettingsFormOutput): Partial<Settings> {
  const { section: _section, ...patch } = input;
  return patch;
}

/** The current settings as each section's form values (text, percents for basis points). */
export function settingsFormValues(s: Settings): { [S in SettingsSection]: SectionValues<S> } {
  const text = (n: number) => String(n);
  return {
    company: { section: 'company', companyName: s.companyName, timeZone: s.timeZone },
    booking: {
      section: 'booking',
      bookableHours: { ...s.bookableHours },
      bookingHorizonDays: text(s.bookingHorizonDays),
      maxOpenOrdersPerClient: text(s.maxOpenOrdersPerClient),
    },
    matching: {
      section: 'matching',
      matchingHorizonDays: text(s.matchingHorizonDays),
      matchingTravelBufferMinutes: text(s.matchingTravelBufferMinutes),
      matchingTravelBufferOtherZoneMinutes: text(s.matchingTravelBufferOtherZoneMinutes),
      matchingUnmatchedAlertHours: text(s.matchingUnmatchedAlertHours),
      matchingReplan: {
        enabled: s.matchingReplan.enabled,
        minSaving: text(s.matchingReplan.minSaving),
        leadHours: text(s.matchingReplan.leadHours),
        days: text(s.matchingReplan.days),
      },
      matchingWeights: {
        travelPerKm: text(s.matchingWeights.travelPerKm),
        workload: text(s.matchingWeights.workload),
        quality: text(s.matchingWeights.quality),
        continuity: text(s.matchingWeights.continuity),
        seniority: text(s.matchingWeights.seniority),
      },
    },
    pricing: {
      section: 'pricing',
      gradeCoefficientsBp: {
        junior: bpToPercent(s.gradeCoefficientsBp.junior),
        standard: bpToPercent(s.gradeCoefficientsBp.standard),
        senior: bpToPercent(s.gradeCoefficientsBp.senior),
      },
      priceCapPolicy: s.priceCapPolicy,
      urgency: { windowHours: text(s.urgency.windowHours), surchargeBp: bpToPercent(s.urgency.surchargeBp) },
      cancellationPolicy: {
        freeHours: text(s.cancellationPolicy.freeHours),
        fullPriceHours: text(s.cancellationPolicy.fullPriceHours),
        lateFeeBp: bpToPercent(s.cancellationPolicy.lateFeeBp),
        graceMinutes: text(s.cancellationPolicy.graceMinutes),
      },
    },
    workers: {
      section: 'workers',
      workerStartWindow: {
        beforeMinutes: text(s.workerStartWindow.beforeMinutes),
        lateGraceMinutes: text(s.workerStartWindow.lateGraceMinutes),
      },
    },
    notifications: {
      section: 'notifications',
      notificationMaxAttempts: text(s.notificationMaxAttempts),
      notificationRetryBaseSeconds: text(s.notificationRetryBaseSeconds),
    },
    billing: {
      section: 'billing',
      invoiceDueDays: text(s.invoiceDueDays),
      tipPresets: s.tipPresets.map(minorToText).join('; '),
      tipMax: minorToText(s.tipMax),
    },
    payments: {
      section: 'payments',
      paymentProvider: s.paymentProvider,
      receiptVatCode: receiptVatCodes[s.receiptVatCode - 1],
      yookassaNotificationRanges: s.yookassaNotificationRanges.join(', '),
      autoCharge: s.autoCharge,
      autoChargeReviewHours: text(s.autoChargeReviewHours),
      autoChargeRetryDays: s.autoChargeRetryDays.join(', '),
    },
    approvals: { section: 'approvals', moneyApprovalThreshold: minorToText(s.moneyApprovalThreshold) },
    requisites: { section: 'requisites', companyDetails: { ...s.companyDetails } },
    plans: {
      section: 'plans',
      planDiscountsBp: {
        w1: bpToPercent(s.planDiscountsBp.w1),
        w2: bpToPercent(s.planDiscountsBp.w2),
        w4: bpToPercent(s.planDiscountsBp.w4),
      },
      planDiscountFirstVisit: s.planDiscountFirstVisit ? 'yes' : 'no',
      planHorizonDays: text(s.planHorizonDays),
      companyHolidays: s.companyHolidays.join(', '),
    },
    security: {
      section: 'security',
      twoFactorRequired: s.twoFactorRequired,
      staffSession: { idleMinutes: text(s.staffSession.idleMinutes), maxHours: text(s.staffSession.maxHours) },
    },
  };
}
