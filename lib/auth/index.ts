import 'server-only';
// lib/auth: users, sessions, invites, roles. Other modules import from here only.
export * from './actor';
export { currentActor, requireRole, requireApiRole } from './session';
export { auth, signIn, signOut, handlers } from './config';
export { verifyLogin, MAX_FAILURES, LOGIN_WINDOW_MINUTES, PAIR_FREE_FAILURES, ADDRESS_MAX_FAILURES } from './login';
export { signUpClient } from './sign-up';
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
export { issueLoginTicket } from './ticket';
export { hashPassword } from './password';
export { openSession, checkSession, revokeSession } from './sessions';
