import type { AccessRule, Who } from './types';

const everyone: Record<Who, 'ok'> = { anonymous: 'ok', client: 'ok', worker: 'ok', manager: 'ok', admin: 'ok' };

// Password recovery is for people who cannot sign in, and signed-in people may use it too.
export const authRules: AccessRule[] = [
  { path: '/forgot-password', expect: everyone },
  // An unknown token is a normal page that says the link is invalid, not a redirect or a 404.
  { path: '/reset-password/not-a-real-token-0000000000000000', expect: everyone },
  // An email-confirmation link opens without sign-in (it may be opened on another device).
  { path: '/verify-email/not-a-real-token-0000000000000000', expect: everyone },
];
