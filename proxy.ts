import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce, securityHeaders } from '@/lib/security';
import { loggablePath, logger, REQUEST_ID_HEADER, requestIdFrom } from '@/lib/log';

// Every page and route gets the security headers, and pages a per-request CSP nonce that Next puts on its own
// scripts (it reads the nonce from the request's CSP header). The session check is optimistic only: visitors
// without a session cookie are sent to sign in; authorisation happens in the layouts, pages, actions and
// modules, which re-check the user on every request.
// Every request also gets an id (the one a proxy in front set, else a new one), passed on to the app as the
// `x-request-id` request header and returned on the response; the app's log lines and onRequestError carry it
// (lib/log.ts explains how a request is logged).
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];
const PROTECTED = ['/orders', '/plans', '/invoices', '/account', '/worker', '/admin', '/security'];

function isProtected(pathname: string): boolean {
  return PROTECTED.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const requestId = requestIdFrom(request.headers);
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
    forwarded.set(REQUEST_ID_HEADER, requestId);
    forwarded.set('Content-Security-Policy', csp);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  response.headers.set('Content-Security-Policy', csp);
  for (const [key, value] of Object.entries(securityHeaders(pathname, https))) response.headers.set(key, value);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  // What the proxy knows: the request and its own decision. The final status of a route handler or server
  // action is logged by its wrapper under the same request id.
  logger().info(
    {
      requestId,
      method: request.method,
      route: loggablePath(pathname),
      ...(request.headers.has('next-action') ? { action: true } : {}),
      proxy: response.headers.has('location') ? 'redirect' : 'next',
    },
    'request',
  );
  return response;
}

export const config = {
  // Everything but Next's hashed static files and image optimiser, which carry no personal data.
  matcher: [{ source: '/((?!_next/static|_next/image).*)' }],
};
