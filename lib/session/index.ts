import 'server-only';
// lib/session: the binding of accounts (lib/auth) to Next.js and Auth.js: the session cookie, who is asking
// (currentActor), and the guards pages and actions use. Domain modules never import it; they take an Actor.
export { auth, signIn, signOut, handlers } from './config';
export { currentActor, requireRole, requireApiRole } from './current';
