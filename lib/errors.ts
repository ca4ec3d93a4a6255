// One domain error type with codes; `toHttp` and `toFormState` map it at the edge.
export type ErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'unauthenticated'
  | 'conflict'
  | 'invalid_transition'
  | 'validation_failed'
  | 'rate_limited';

export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Per-field messages for forms (keys are input names). */
    readonly fields: FieldErrors = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what = 'Not found') => new DomainError('not_found', what);
export const forbidden = (why = 'Forbidden') => new DomainError('forbidden', why);
export const conflict = (why: string) => new DomainError('conflict', why);
export const invalidTransition = (why: string) => new DomainError('invalid_transition', why);
export const validationFailed = (fields: FieldErrors, message = 'errors.invalidInput') =>
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
  body: { error: { code: ErrorCode | 'internal'; message: string; fields?: FieldErrors } };
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
      body: { error: { code: 'validation_failed', message: 'Invalid input', fields: zodFieldErrors(error) } },
    };
  }
  console.error(error);
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong' } } };
}

export function httpErrorResponse(error: unknown): Response {
  const { status, body } = toHttp(error);
  return Response.json(body, { status });
}

/** What a server action returns to a form: ok, or a message and field errors. */
export type FormState<T = undefined> = { ok: true; data?: T } | { ok: false; message: string; fields: FieldErrors };

export function toFormState(error: unknown): { ok: false; message: string; fields: FieldErrors } {
  if (error instanceof DomainError) return { ok: false, message: error.message, fields: error.fields };
  if (isZodError(error)) return { ok: false, message: 'Invalid input', fields: zodFieldErrors(error) };
  throw error;
}
