import { NextResponse, type NextRequest } from 'next/server';

// Optimistic check only: visitors without a session cookie are sent to sign in. Authorisation happens
// in the layouts, pages, actions and modules, which re-check the user on every request.
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = '/login';
  url.search = `?next=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ['/orders/:path*', '/invoices/:path*', '/account/:path*', '/worker/:path*', '/admin/:path*'],
};
