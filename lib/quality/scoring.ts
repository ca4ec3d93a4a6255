// Pure scoring of a filled quality form: no database, unit-tested.
import type { FieldErrorKeys } from '@/lib/errors';
import type { QualityAnswer, QualityQuestion } from '@/db/schema/quality';

export type AnswerCheck = { ok: true; answers: Record<string, QualityAnswer> } | { ok: false; fields: FieldErrorKeys };

/**
 * Checks answers against the questions: required ones present, each of the right kind (yes/no a boolean,
 * score an integer 1-5, choice one of the options, text a string). Unknown keys are dropped; empty
 * optional answers become null.
 */
export function checkAnswers(questions: QualityQuestion[], raw: Record<string, unknown>): AnswerCheck {
  const fields: FieldErrorKeys = {};
  const answers: Record<string, QualityAnswer> = {};
  for (const q of questions) {
    const v = raw[q.code];
    const empty = v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
    if (empty) {
      if (q.required) fields[q.code] = 'errors.required';
      answers[q.code] = null;
      continue;
    }
    switch (q.kind) {
      case 'yes_no': {
        const b =
          v === true || v === 'yes' || v === 'true'
            ? true
            : v === false || v === 'no' || v === 'false'
              ? false
              : undefined;
        if (b === undefined) fields[q.code] = 'quality.errors.answerInvalid';
        else answers[q.code] = b;
        break;
      }
      case 'score': {
        const n = typeof v === 'number' ? v : Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 5) fields[q.code] = 'quality.errors.answerInvalid';
        else answers[q.code] = n;
        break;
      }
      case 'choice': {
        if (typeof v !== 'string' || !q.options?.some((o) => o.code === v))
          fields[q.code] = 'quality.errors.answerInvalid';
        else answers[q.code] = v;
        break;
      }
      case 'text': {
        if (typeof v !== 'string') fields[q.code] = 'quality.errors.answerInvalid';
        else answers[q.code] = v.trim().slice(0, 2000);
        break;
      }
    }
  }
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, answers };
}

/** One answer's points out of 100, or null when the question is not scored (text) or unanswered. */
export function answerPoints(q: QualityQuestion, a: QualityAnswer | undefined): number | null {
  if (a === null || a === undefined) return null;
  switch (q.kind) {
    case 'yes_no':
      return a === true ? 100 : 0;
    case 'score':
      // 1 → 0, 5 → 100, in steps of 25.
      return typeof a === 'number' ? (a - 1) * 25 : null;
    case 'choice':
      return q.options?.find((o) => o.code === a)?.points ?? null;
    case 'text':
      return null;
  }
}

/**
 * The form's score in basis points of 100 % (0..10 000): the mean of the answered, scorable questions,
 * rounded half up once. Null when nothing scorable was answered, so it never drags an average down.
 */
export function scoreAnswers(questions: QualityQuestion[], answers: Record<string, QualityAnswer>): number | null {
  const points = questions.map((q) => answerPoints(q, answers[q.code])).filter((p): p is number => p !== null);
  if (points.length === 0) return null;
  const sum = points.reduce((a, b) => a + b, 0);
  // sum is in percent; ×100 for basis points, divided by the count, rounded once.
  return Math.round((sum * 100) / points.length);
}
