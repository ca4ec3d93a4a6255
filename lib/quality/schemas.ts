import { z } from 'zod';

// Shared by the manager/admin forms and the server actions that re-parse the input. Messages are i18n keys.

export const failureReasons = ['no_show', 'poor_quality', 'damage', 'client_unreachable', 'other'] as const;
export type FailureReason = (typeof failureReasons)[number];

/**
 * What a failure reason means for money unless the manager says otherwise: the client is charged only when
 * the client was at fault (unreachable), and the worker is fined under the penalty rules when the worker was.
 */
export const failureDefaults: Record<FailureReason, { chargeClient: boolean; fineWorker: boolean }> = {
  no_show: { chargeClient: false, fineWorker: true },
  poor_quality: { chargeClient: false, fineWorker: true },
  damage: { chargeClient: false, fineWorker: true },
  client_unreachable: { chargeClient: true, fineWorker: false },
  other: { chargeClient: false, fineWorker: false },
};

export const queueKinds = ['to_review', 'failed', 'cancelled', 'unmatched'] as const;
export type QueueKind = (typeof queueKinds)[number];

export const confirmInput = z.object({
  orderId: z.uuid(),
  note: z.string().trim().max(2000, 'errors.tooLong').default(''),
});

export const failInput = z.object({
  orderId: z.uuid(),
  reasonCode: z.enum(failureReasons, { error: 'quality.errors.reasonRequired' }),
  note: z.string().trim().max(2000, 'errors.tooLong').default(''),
  chargeClient: z.boolean().default(false),
  fineWorker: z.boolean().default(true),
  /** Optional manual fine in major units instead of the penalty rule for the reason; empty = the rule. */
  penaltyAmount: z
    .union([z.string(), z.number()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || String(v).trim() === '') return undefined;
      const n = Number(String(v).trim().replace(',', '.'));
      if (!Number.isFinite(n) || n <= 0 || n > 1_000_000 || Math.abs(Math.round(n * 100) - n * 100) > 1e-6) {
        ctx.addIssue({ code: 'custom', message: 'quality.errors.penaltyAmount' });
        return z.NEVER;
      }
      return Math.round(n * 100);
    }),
});
export type FailInput = z.input<typeof failInput>;

/** A re-do at a date and time (company zone) the manager confirmed; without them, the first free slot. */
export const redoInput = z.object({
  orderId: z.uuid(),
  date: z.iso.date({ error: 'orders.errors.dateRequired' }).optional(),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'orders.errors.timeRequired')
    .optional(),
});
export type RedoInput = z.input<typeof redoInput>;

export const contactKinds = ['call', 'email', 'note'] as const;
export const contactOutcomes = ['reached', 'no_answer', 'voicemail', 'sent', 'resolved', 'follow_up', 'info'] as const;

export const contactInput = z
  .object({
    orderId: z.uuid(),
    kind: z.enum(contactKinds),
    outcome: z.enum(contactOutcomes, { error: 'errors.required' }),
    subject: z.string().trim().max(200, 'errors.tooLong').default(''),
    body: z.string().trim().max(5000, 'errors.tooLong').default(''),
    /** When it happened, as 'YYYY-MM-DDTHH:mm' local to the browser's form; empty = now. */
    at: z.string().trim().max(40).default(''),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'email' && !c.subject)
      ctx.addIssue({ code: 'custom', path: ['subject'], message: 'errors.required' });
    if (c.kind !== 'call' && !c.body) ctx.addIssue({ code: 'custom', path: ['body'], message: 'errors.required' });
  });
export type ContactInput = z.input<typeof contactInput>;

const questionKinds = ['yes_no', 'score', 'choice', 'text'] as const;
const code = z
  .string()
  .trim()
  .min(1, 'errors.required')
  .max(40, 'errors.tooLong')
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'catalog.errors.codeFormat');

export const formTemplateInput = z
  .object({
    nameRu: z.string().trim().min(2, 'errors.required').max(120, 'errors.tooLong'),
    nameEn: z.string().trim().min(2, 'errors.required').max(120, 'errors.tooLong'),
    purpose: z.enum(['service', 'follow_up']),
    /** '' = any service (purpose 'service') or none (follow-up). */
    serviceId: z.union([z.literal(''), z.uuid()]).default(''),
    questions: z
      .array(
        z.object({
          code,
          kind: z.enum(questionKinds),
          ru: z.string().trim().min(1, 'errors.required').max(300, 'errors.tooLong'),
          en: z.string().trim().min(1, 'errors.required').max(300, 'errors.tooLong'),
          required: z.boolean().default(false),
          /** For 'choice': one option per line, "code | Русский | English | points". */
          optionsText: z.string().max(4000, 'errors.tooLong').default(''),
        }),
      )
      .min(1, 'quality.errors.noQuestions')
      .max(40),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.questions.forEach((q, i) => {
      if (seen.has(q.code))
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'code'], message: 'catalog.errors.codeDuplicate' });
      seen.add(q.code);
      if (q.kind === 'choice') {
        const parsed = parseOptions(q.optionsText);
        if (!parsed)
          ctx.addIssue({
            code: 'custom',
            path: ['questions', i, 'optionsText'],
            message: 'quality.errors.optionsFormat',
          });
      }
    });
  });
export type FormTemplateInput = z.input<typeof formTemplateInput>;
export type FormTemplateData = z.output<typeof formTemplateInput>;

/** "code | Русский | English | points" per line → options; null when malformed or fewer than two. */
export function parseOptions(text: string): { code: string; ru: string; en: string; points: number }[] | null {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const options = lines.map((line) => {
    const [c, ru, en, pts] = line.split('|').map((p) => p.trim());
    const points = Number(pts);
    return c && /^[a-z0-9][a-z0-9_-]*$/.test(c) && ru && en && Number.isInteger(points) && points >= 0 && points <= 100
      ? { code: c, ru, en, points }
      : null;
  });
  if (options.length < 2 || options.some((o) => o === null)) return null;
  const list = options as { code: string; ru: string; en: string; points: number }[];
  return new Set(list.map((o) => o.code)).size === list.length ? list : null;
}

export function optionsToText(options: { code: string; ru: string; en: string; points: number }[] | undefined): string {
  return (options ?? []).map((o) => `${o.code} | ${o.ru} | ${o.en} | ${o.points}`).join('\n');
}

export const fillFormInput = z.object({
  orderId: z.uuid(),
  formId: z.uuid(),
  answers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
