import 'server-only';
import { hash, verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';
import { dictionary } from '@zxcvbn-ts/language-common';
import { validationFailed } from '@/lib/errors';

/**
 * Argon2id (the library's default algorithm) with OWASP's recommended profile (19 MiB, 2 passes, 1 lane);
 * tests use cheap parameters, so hundreds of sign-ups stay fast.
 */
const ARGON2 =
  process.env.NODE_ENV === 'test'
    ? { memoryCost: 1024, timeCost: 1, parallelism: 1 }
    : { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** True for a hash of an older scheme (bcrypt, from before Argon2id) that should be replaced at sign-in. */
export function needsRehash(passwordHash: string): boolean {
  return !passwordHash.startsWith('$argon2id$');
}

export async function verifyPassword(password: string, passwordHash: string): Promise<boolean> {
  if (passwordHash.startsWith('$2')) return bcrypt.compare(password, passwordHash);
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed check, not a crash of the sign-in page.
    return false;
  }
}

// Compared against when the email is unknown, so timing does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-0');
  await verifyPassword(password, await dummyHash);
}

/** How many of the most common passwords are refused: the top of zxcvbn's ranked list of leaked passwords. */
export const COMMON_PASSWORD_COUNT = 10_000;
let common: Set<string> | undefined;

/** Whether the password is one of the COMMON_PASSWORD_COUNT most common ones (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].slice(0, COMMON_PASSWORD_COUNT));
  return common.has(password.toLowerCase());
}

/**
 * The server's own check before a password is set (sign-up, invite, reset), besides the form's length rule:
 * a password from the common list is refused. It is not in the shared zod schema so the list stays out of
 * the browser bundle.
 */
export function assertPasswordAcceptable(password: string): void {
  if (isCommonPassword(password))
    throw validationFailed({ password: 'errors.passwordCommon' }, 'errors.passwordCommon');
}
