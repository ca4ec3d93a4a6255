import 'server-only';
// lib/auth: accounts: users, roles, sign-in checks, server-side sessions, invites, password resets. It knows
// nothing of Next.js (lib/session binds it to requests). Other modules import from here only.
export * from './shared';
export * from '@/lib/actor';
export { verifyLogin, MAX_FAILURES, LOGIN_WINDOW_MINUTES, PAIR_FREE_FAILURES, ADDRESS_MAX_FAILURES } from './login';
export { signUpClient } from './sign-up';
export { createClientByStaff, type ExistingAccount, type StaffClientResult } from './staff-client';
export {
  startEmailVerification,
  resendEmailVerification,
  verifyEmail,
  isEmailVerified,
  VERIFY_TTL_DAYS,
  VERIFY_RESEND_PER_HOUR,
} from './email-verification';
export { createInvite, getInvite, acceptInvite, listInvites, INVITE_TTL_DAYS, type InviteMailer } from './invites';
export {
  requestPasswordReset,
  getPasswordReset,
  resetPassword,
  RESET_TTL_MINUTES,
  RESET_LIMIT_PER_ACCOUNT,
  RESET_LIMIT_PER_IP,
  type PasswordResetRequest,
} from './password-reset';
export { listUsers, setUserDisabled, setUserLocale, findSessionUser } from './users';
export {
  accounts,
  account,
  personName,
  personFirstName,
  personEmail,
  personPhone,
  personMatches,
  personEnabled,
  peopleOfRole,
  type Account,
} from './people';
export { issueLoginTicket, readLoginTicket, issueTwoFactorChallenge, readTwoFactorChallenge } from './ticket';
export {
  twoFactorRequiredFor,
  twoFactorStatus,
  twoFactorEnabled,
  mustEnrolTwoFactor,
  beginEnrolment,
  confirmEnrolment,
  verifySecondFactor,
  regenerateRecoveryCodes,
  resetTwoFactor,
  disableTwoFactor,
  CODE_TRIES_PER_ADDRESS,
  CODE_TRIES_PER_ACCOUNT,
  type TwoFactorStatus,
  type Enrolment,
} from './two-factor';
export { hashPassword } from './password';
export { hashToken, newLinkToken } from './tokens';
export { openSession, checkSession, revokeSession } from './sessions';
export { bootstrapFirstAdmin, announceFirstAdmin } from './bootstrap';
