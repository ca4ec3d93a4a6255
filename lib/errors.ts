// One domain error type with codes; `toHttp` and `toFormState` map it at the edge.
import type { ErrorKey } from '@/lib/i18n/shared';

export type { ErrorKey };
export type ErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'unauthenticated'
  | 'conflict'
  | 'invalid_transition'
  | 'validation_failed'
  | 'rate_limited';

/**
 * Per-field messages for forms (keys are input names). A module's own fields carry message keys; zod's fall back to
 * whatever its schema says (the project's schemas give keys too), so the type stays a string here.
 */
export type FieldErrors = Record<string, string>;
/** Per-field message keys, as the modules raise them. */
export type FieldErrorKeys = Record<string, ErrorKey>;

/** The values a message's placeholders take (`{name} is already booked`). */
export type MessageValues = Record<string, string | number>;

/**
 * `message` is always a message key, shown to people in their language with `values` in its placeholders;
 * `detail` is for logs and tests only (which order, which limit), never shown.
 */
export class DomainError extends Error {
  declare readonly message: ErrorKey;
  constructor(
    readonly code: ErrorCode,
    message: ErrorKey,
    readonly fields: FieldErrors = {},
    readonly detail?: string,
    readonly values?: MessageValues,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: ErrorKey = 'errors.notFound', detail?: string) =>
  new DomainError('not_found', what, {}, detail);
export const forbidden = (why: ErrorKey = 'errors.forbidden', detail?: string) =>
  new DomainError('forbidden', why, {}, detail);
export const conflict = (why: ErrorKey, detail?: string) => new DomainError('conflict', why, {}, detail);
export const invalidTransition = (why: ErrorKey, detail?: string) =>
  new DomainError('invalid_transition', why, {}, detail);
export const validationFailed = (fields: FieldErrorKeys, message: ErrorKey = 'errors.invalidInput') =>
  new DomainError('validation_failed', message, fields);

const statusOf: Record<ErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  unauthenticated: 401,
  conflict: 409,
  invalid_transition: 409,
  validation_failed: 422,
  rate_limited: 429,
};

type ZodLikeError = { issues: { path: PropertyKey[]; message: string }[] };

function isZodError(error: unknown): error is ZodLikeError {
  return typeof error === 'object' && error !== null && (error as { name?: string }).name === 'ZodError';
}

export function zodFieldErrors(error: ZodLikeError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    fields[key] ??= issue.message;
  }
  return fields;
}

export type HttpError = {
  status: number;
  body: { error: { code: ErrorCode | 'internal'; message: ErrorKey; fields?: FieldErrors } };
};

/** Maps any thrown value to an HTTP status and JSON body; unknown errors are 500 and logged. */
export function toHttp(error: unknown): HttpError {
  if (error instanceof DomainError) {
    const fields = Object.keys(error.fields).length ? error.fields : undefined;
    return { status: statusOf[error.code], body: { error: { code: error.code, message: error.message, fields } } };
  }
  if (isZodError(error)) {
    return {
      status: 422,
      body: { error: { code: 'validation_failed', message: 'errors.invalidInput', fields: zodFieldErrors(error) } },
    };
  }
  console.error(error);
  return { status: 500, body: { error: { code: 'internal', message: 'errors.generic' } } };
}

export function httpErrorResponse(error: unknown): Response {
  const { status, body } = toHttp(error);
  return Response.json(body, { status });
}

/** What a server action returns to a form: ok, or a message and field errors. */
export type FormState<T = undefined> =
  { ok: true; data?: T } | { ok: false; message: ErrorKey; fields: FieldErrors; values?: MessageValues };

export function toFormState(error: unknown): {
  ok: false;
  message: ErrorKey;
  fields: FieldErrors;
  values?: MessageValues;
} {
  if (error instanceof DomainError) {
    return { ok: false, message: error.message, fields: error.fields, ...(error.values && { values: error.values }) };
  }
  if (isZodError(error)) return { ok: false, message: 'errors.invalidInput', fields: zodFieldErrors(error) };
  throw error;
}
