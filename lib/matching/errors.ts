// PostgreSQL error codes a dispatch expects under concurrency. Drivers wrap errors differently (drizzle's
// DrizzleQueryError keeps the driver's error as `cause`), so the code is looked up along the cause chain.
export const EXCLUSION_VIOLATION = '23P01';
export const SERIALIZATION_FAILURE = '40001';
export const DEADLOCK_DETECTED = '40P01';

export function pgErrorCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A failure worth trying again as is: the other transaction has finished by now. */
export const isRetryable = (error: unknown) => {
  const code = pgErrorCode(error);
  return code === SERIALIZATION_FAILURE || code === DEADLOCK_DETECTED;
};

export const isDoubleBooking = (error: unknown) => pgErrorCode(error) === EXCLUSION_VIOLATION;
