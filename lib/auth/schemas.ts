import { z } from 'zod';

// Shared by the forms (react-hook-form resolver) and the server actions that re-parse the input.
// Messages are keys of the `errors` namespace, translated where they are shown.

export const emailField = z
  .string()
  .trim()
  .min(1, 'errors.required')
  .max(254, 'errors.tooLong')
  .pipe(z.email('errors.emailInvalid'))
  .transform((e) => e.toLowerCase());

/** Characters, not UTF-16 units or bytes: an emoji or a Cyrillic letter counts once. */
const characters = (s: string) => [...s].length;

/**
 * 8–128 characters and nothing else here (NIST SP 800-63B: no composition rules). The server also refuses
 * the most common passwords (assertPasswordAcceptable in lib/auth/password.ts).
 */
export const passwordField = z
  .string()
  .refine((p) => characters(p) >= 8, 'errors.passwordShort')
  .refine((p) => characters(p) <= 128, 'errors.passwordLong');

export const phoneField = z
  .string()
  .trim()
  .min(1, 'errors.required')
  .regex(/^\+?[\d\s()-]{7,20}$/, 'errors.phoneInvalid');

export const nameField = z.string().trim().min(2, 'errors.nameShort').max(100, 'errors.tooLong');

export const signUpInput = z.object({ name: nameField, email: emailField, phone: phoneField, password: passwordField });
export type SignUpInput = z.infer<typeof signUpInput>;

/** A manager creates the account of a client who phoned in (a phone booking); the client sets a password later. */
export const newClientInput = z.object({
  name: nameField,
  email: emailField,
  phone: phoneField,
  locale: z.enum(['ru', 'en']).default('ru'),
});
export type NewClientInput = z.input<typeof newClientInput>;

export const signInInput = z.object({
  email: emailField,
  password: z
    .string()
    .min(1, 'errors.required')
    .refine((p) => characters(p) <= 128, 'errors.tooLong'),
  next: z.string().optional(),
});
export type SignInInput = z.infer<typeof signInInput>;

export const inviteInput = z.object({
  name: nameField,
  email: emailField,
  role: z.enum(['worker', 'manager'], { message: 'errors.roleInvalid' }),
  locale: z.enum(['ru', 'en']).default('ru'),
});
export type InviteInput = z.infer<typeof inviteInput>;

export const acceptInviteInput = z
  .object({ token: z.string().min(20), password: passwordField, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: 'errors.passwordMismatch', path: ['confirm'] });
export type AcceptInviteInput = z.infer<typeof acceptInviteInput>;

export const forgotPasswordInput = z.object({ email: emailField });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordInput>;

// A token of the wrong shape reads like any other dead link.
const linkToken = z.string().min(20, 'errors.resetInvalid').max(200, 'errors.resetInvalid');

/** What resetPassword takes; the form adds the repeated password (resetPasswordForm). */
export const resetPasswordInput = z.object({ token: linkToken, password: passwordField });
export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;

export const resetPasswordForm = resetPasswordInput
  .extend({ confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: 'errors.passwordMismatch', path: ['confirm'] });
export type ResetPasswordForm = z.infer<typeof resetPasswordForm>;

/** The second step of a staff sign-in: the challenge from the password step and a code (app or recovery). */
export const twoFactorInput = z.object({
  challenge: z.string().min(10).max(300),
  code: z.string().trim().min(6, 'errors.required').max(20, 'errors.twoFactorWrongCode'),
  next: z.string().optional(),
});
export type TwoFactorInput = z.infer<typeof twoFactorInput>;

/** A code from the authenticator app (enrolment, turning it off). */
export const totpCodeInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'errors.twoFactorCodeShape'),
});
export type TotpCodeInput = z.infer<typeof totpCodeInput>;
