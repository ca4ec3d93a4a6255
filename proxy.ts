import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce, securityHeaders } from '@/lib/security';

// Every page and route gets the security headers, and pages a per-request CSP nonce that Next puts on its own
// scripts (it reads the nonce from the request's CSP header). The session check is optimistic only: visitors
// without a session cookie are sent to sign in; authorisation happens in the layouts, pages, actions and
// modules, which re-check the user on every request.
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];
const PROTECTED = ['/orders', '/plans', '/invoices', '/account', '/worker', '/admin', '/security'];

function isProtected(pathname: string): boolean {
  return PROTECTED.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development' });
  const https =
    request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto')?.split(',')[0].trim() === 'https';

  let response: NextResponse;
  if (isProtected(pathname) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const url = request.nextUrl.clone();
    url.pathname = '/login';
    url.search = `?next=${encodeURIComponent(pathname + request.nextUrl.search)}`;
    response = NextResponse.redirect(url);
  } else {
    const forwarded = new Headers(request.headers);
    forwarded.set('x-nonce', nonce);
    forwarded.set('Content-Security-Policy', csp);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  response.headers.set('Content-Security-Policy', csp);
  for (const [key, value] of Object.entries(securityHeaders(pathname, https))) response.headers.set(key, value);
  return response;
}

export const config = {
  // Everything but Next's hashed static files and image optimiser, which carry no personal data.
  matcher: [{ source: '/((?!_next/static|_next/image).*)' }],
};
