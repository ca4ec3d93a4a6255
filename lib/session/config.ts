import 'server-only';
import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/db';
import { authSecret } from '@/lib/env';
import { findSessionUser, openSession, readLoginTicket, revokeSession } from '@/lib/auth';

declare module 'next-auth' {
  interface User {
    sessionVersion?: number;
    sessionId?: string;
  }
  interface Session {
    user: { id: string; sv: number; sid: string; name?: string | null; email?: string | null };
  }
}

// The lazy form: nothing here runs (or touches the database) until a request needs it.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 30 * 24 * 3600 },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { ticket: {} },
      // The password was checked by the sign-in action (lib/auth/login.ts); this only redeems its ticket.
      async authorize(credentials) {
        const userId = typeof credentials?.ticket === 'string' ? readLoginTicket(credentials.ticket) : null;
        if (!userId) return null;
        const db = await getDb();
        const user = await findSessionUser(db, userId);
        if (!user || user.disabled) return null;
        const sessionId = await openSession(db, user.id);
        return { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion, sessionId };
      },
    }),
  ],
  events: {
    // Auth.js's own sign-out endpoint (/api/auth/signout) ends the session on the server too, not only the cookie,
    // so a copied cookie is dead after either way of signing out.
    async signOut(message) {
      const sid = 'token' in message ? message.token?.sid : undefined;
      if (typeof sid === 'string' && sid) await revokeSession(await getDb(), sid);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sessionVersion ?? 0;
        token.sid = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        ...session.user,
        id: String(token.uid ?? ''),
        sv: Number(token.sv ?? 0),
        sid: String(token.sid ?? ''),
      };
      return session;
    },
  },
}));
